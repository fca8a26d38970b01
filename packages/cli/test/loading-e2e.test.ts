/**
 * What loading costs and how it fails, seen from whole processes of the
 * built packages (`pnpm build` first; these fail when unbuilt):
 * - which modules `odac --version`, `odac --help`, a command and the boot
 *   API load (an ESM resolve hook logs every module the process imports);
 * - the TypeScript cache: a second process loads cached output without
 *   loading the transpiler;
 * - issue 12 defects 5 and 6 through `odac migrate`: a hanging or rejecting
 *   schema file fails with one error line naming it, before any connection
 *   is opened (the SQLite file is never created), and odac never exits 0
 *   without finishing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PACKAGES = path.resolve(__dirname, '..', '..');
const BIN = path.join(PACKAGES, 'cli', 'dist', 'bin.js');
const CORE = path.join(PACKAGES, 'core', 'dist', 'index.js');
const SQLITE = path.join(PACKAGES, 'adapter-sqlite', 'dist', 'index.js');
const BLOG = path.resolve(PACKAGES, '..', 'examples', 'blog', 'schema');

let dir: string;

beforeAll(() => {
  for (const file of [BIN, CORE, SQLITE]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run pnpm build first.`);
  }
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-loading-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every module URL the process resolved, when run with `logModules`. */
  readonly modules: readonly string[];
}

function node(args: readonly string[], options: { env?: Record<string, string>; logModules?: boolean } = {}): Run {
  const log = path.join(dir, `modules-${Math.random().toString(36).slice(2)}.log`);
  const hooks = path.join(dir, 'hooks.mjs');
  const register = path.join(dir, 'register.mjs');
  if (options.logModules) {
    writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  }
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1', ...options.env };
  const argv = options.logModules ? ['--import', pathToFileURL(register).href, ...args] : [...args];
  const r = spawnSync(process.execPath, argv, { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  const modules = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules };
}

/** Module URLs of our packages as `core/dist/api.js`, and dependencies as their package name. */
function names(modules: readonly string[]): string[] {
  const out = new Set<string>();
  for (const url of modules) {
    if (url.startsWith('node:')) continue;
    const ours = /\/packages\/([a-z-]+)\/(dist\/.*)$/.exec(url);
    const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (dep?.[1]) out.add(dep[1]);
    else if (ours) out.add(`${ours[1]}/${ours[2]}`);
  }
  return [...out].sort();
}

function schema(files: Record<string, string>): string {
  const schemaDir = path.join(dir, 'schema');
  mkdirSync(schemaDir, { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(schemaDir, name), source);
  return schemaDir;
}

const ID = `{ columns: { id: { type: 'increments' } } }`;

describe('what each entry point loads', () => {
  test('odac --version loads nothing but the version constant', () => {
    const r = node([BIN, '--version'], { logModules: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(names(r.modules)).toEqual(['cli/dist/bin.js', 'cli/dist/version.js']);
  });

  test.each(['--help', 'migrate --help'])('odac %s loads the parser and nothing of the engine, the adapters or a transpiler', (args) => {
    const r = node([BIN, ...args.split(' ')], { logModules: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    const loaded = names(r.modules);
    expect(loaded).toContain('yargs');
    expect(loaded.filter((m) => /^(core|adapter-[a-z]+)\//.test(m) || ['sucrase', 'jiti', 'better-sqlite3', 'pg', 'mysql2'].includes(m))).toEqual([]);
    expect(loaded.filter((m) => m.startsWith('cli/')).sort()).toEqual(['cli/dist/args.js', 'cli/dist/bin.js', 'cli/dist/context.js', 'cli/dist/main.js', 'cli/dist/version.js']);
  });

  test('a no-op odac migrate of JavaScript schema files loads one adapter, one command and no transpiler', () => {
    const url = `sqlite:${path.join(dir, 'blog.db')}`;
    expect(node([BIN, 'migrate', '--schema', BLOG, '--url', url]).code).toBe(0);
    const r = node([BIN, 'migrate', '--schema', BLOG, '--url', url], { logModules: true });
    expect(r.stderr.replace(/^\[\d+\/\d+ [\dms.]+\] \S+\n/gm, '')).toBe(''); // only piped progress lines
    expect(r.stdout).toContain('Nothing to do');
    const loaded = names(r.modules);
    expect(loaded).toContain('adapter-sqlite/dist/index.js');
    expect(loaded.filter((m) => /^adapter-(?!sqlite)/.test(m) || ['sucrase', 'jiti', 'pg', 'mysql2'].includes(m))).toEqual([]);
    // target.js runs a command on one database (an odac.json connection or the URL), data-steps.js is its per-connection data hook.
    expect(loaded.filter((m) => m.startsWith('cli/dist/commands/')).sort()).toEqual([
      'cli/dist/commands/context.js',
      'cli/dist/commands/data-steps.js',
      'cli/dist/commands/migrate.js',
      'cli/dist/commands/plan.js',
      'cli/dist/commands/source-database.js',
      'cli/dist/commands/target.js',
    ]);
    // Without pending migration files, knex and the file runner stay unloaded.
    expect(loaded.filter((m) => m === 'knex' || /^cli\/dist\/data-migrations\/(knex|runner|history)\.js$/.test(m))).toEqual([]);
  });

  test("the boot API (import @odac/core, loadSchema of JavaScript files) loads no transpiler", () => {
    const script = path.join(dir, 'boot.mjs');
    writeFileSync(script, `const core = await import(${JSON.stringify(pathToFileURL(CORE).href)});\nconst { schema } = await core.loadSchema(${JSON.stringify(BLOG)});\nconsole.log(schema.tables.length);\n`);
    const r = node([script], { logModules: true });
    expect(r.stderr.replace(/^\[\d+\/\d+ [\dms.]+\] \S+\n/gm, '')).toBe(''); // only piped progress lines
    expect(r.stdout.trim()).toBe('5');
    expect(names(r.modules).filter((m) => ['sucrase', 'jiti'].includes(m))).toEqual([]);
  });
});

describe('the TypeScript cache', () => {
  test('a second process loads unchanged TypeScript files from the cache without loading sucrase; a changed file is transpiled again', () => {
    const schemaDir = schema({
      'users.ts': `import { defineTable } from '@odac/core';\nexport default defineTable(${ID});\n`,
      'posts.mts': `const n: number = 80;\nexport default { columns: { title: { type: 'string' as const, length: n } } };\n`,
    });
    const cache = path.join(dir, 'cache');
    const script = path.join(dir, 'load.mjs');
    writeFileSync(script, `const core = await import(${JSON.stringify(pathToFileURL(CORE).href)});\nconst { schema } = await core.loadSchema(${JSON.stringify(schemaDir)});\nconsole.log(JSON.stringify(schema));\n`);
    const env = { ODAC_CACHE_DIR: cache };
    const cold = node([script], { env, logModules: true });
    expect(cold.stderr.replace(/^\[\d+\/\d+ [\dms.]+\] \S+\n/gm, '')).toBe(''); // only piped progress lines
    expect(names(cold.modules)).toContain('sucrase');
    expect(readdirSync(cache).filter((f) => f.endsWith('.cjs'))).toHaveLength(2);

    const warm = node([script], { env, logModules: true });
    expect(warm.stderr.replace(/^\[\d+\/\d+ [\dms.]+\] \S+\n/gm, '')).toBe(''); // only piped progress lines
    expect(warm.stdout).toBe(cold.stdout);
    expect(names(warm.modules)).not.toContain('sucrase');

    writeFileSync(path.join(schemaDir, 'posts.mts'), `const n: number = 90;\nexport default { columns: { title: { type: 'string' as const, length: n } } };\n`);
    const changed = node([script], { env, logModules: true });
    expect(names(changed.modules)).toContain('sucrase');
    expect(changed.stdout).toContain('"length":90');
    expect(readdirSync(cache).filter((f) => f.endsWith('.cjs'))).toHaveLength(3);
  });
});

describe('issue 12, defects 5 and 6, through odac migrate', () => {
  const dbFile = () => path.join(dir, 'app.db');
  const migrate = (env: Record<string, string> = {}) => node([BIN, 'migrate', '--schema', path.join(dir, 'schema'), '--url', `sqlite:${dbFile()}`], { env });

  test('defect 5: a schema file whose top-level await never settles fails with SCHEMA.LOAD_TIMEOUT (exit 1), before the database is opened', () => {
    schema({ 'users.js': `module.exports = ${ID};\n`, 'posts.mjs': `await new Promise(() => {});\nexport default ${ID};\n` });
    const r = migrate({ ODAC_LOAD_TIMEOUT_MS: '500' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error\[SCHEMA\.LOAD_TIMEOUT\]: .*posts\.mjs: did not finish loading within 500 ms/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(dbFile())).toBe(false);
  });

  test('defect 5: with a long limit, a top-level await that settles later is waited for (native import())', () => {
    schema({ 'users.mjs': `await new Promise((r) => setTimeout(r, 300));\nexport default ${ID};\n` });
    const r = migrate();
    expect(r.stderr.replace(/^\[\d+\/\d+ [\dms.]+\] \S+\n/gm, '')).toBe(''); // only piped progress lines
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('create table users');
  });

  test('defect 6: a schema file rejecting a promise fails with one SCHEMA.LOAD_FAILED line naming it (no stack trace), and nothing is applied', () => {
    schema({ 'users.js': `module.exports = ${ID};\n`, 'posts.js': `'use strict';\nPromise.reject(new Error('boom'));\nmodule.exports = ${ID};\n` });
    const r = migrate();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error\[SCHEMA\.LOAD_FAILED\]: .*posts\.js: rejected a promise that nothing handled at line 2.*: boom\./);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(dbFile())).toBe(false);
  });

  test('a rejection after loading (a timer in a schema file) ends the run with exit 1 and one error line, not a Node stack trace', () => {
    schema({ 'users.js': `setTimeout(() => Promise.reject(new Error('late boom')), 50);\nmodule.exports = ${ID};\n` });
    writeFileSync(path.join(dir, 'slow-adapter.mjs'), `import sqlite from ${JSON.stringify(pathToFileURL(SQLITE).href)};\nexport default { ...sqlite, connect: (...a) => new Promise((r) => setTimeout(r, 500)).then(() => sqlite.connect(...a)) };\n`);
    const r = node([BIN, 'migrate', '--schema', path.join(dir, 'schema'), '--driver', './slow-adapter.mjs', '--url', dbFile()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[UNEXPECTED\]: a promise was rejected and nothing handled it: late boom\./);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('odac never exits 0 without finishing: an adapter whose connect() never settles ends with exit 1 and says so', () => {
    schema({ 'users.js': `module.exports = ${ID};\n` });
    writeFileSync(path.join(dir, 'hang-adapter.mjs'), `import sqlite from ${JSON.stringify(pathToFileURL(SQLITE).href)};\nexport default { ...sqlite, connect: () => new Promise(() => {}) };\n`);
    const r = node([BIN, 'migrate', '--schema', path.join(dir, 'schema'), '--driver', './hang-adapter.mjs', '--url', dbFile()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[UNEXPECTED\]: odac stopped before finishing/);
  });
});
