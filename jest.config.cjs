/**
 * One jest run for the whole monorepo. Tests are TypeScript compiled to
 * CommonJS by @swc/jest (stable, no --experimental-vm-modules); workspace
 * packages resolve to their `src/` so tests never need a prior build, except
 * CLI end-to-end tests, which spawn the built `dist/bin.js` on purpose.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/examples'],
  testMatch: ['**/test/**/*.test.ts', '**/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    }],
  },
  transformIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: {
    '^@odac/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 60000,
  // PostgreSQL and MariaDB on their default local ports when no URL is set (says so in one line).
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
};
