import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OdacError } from '@odac/core';
import { adapterFromModule, adapterPackageNames, driverForUrl, inferDriver, notFound, resolveAdapter, resolveFromProject } from '../src/driver.js';
import { createFakeAdapter, createFakeDatabase } from './helpers/fake-adapter.js';
import { requireImporter } from './helpers/importer.js';

describe('inferDriver', () => {
  const table: [string, string | undefined][] = [
    ['sqlite:./dev.db', 'sqlite'],
    ['sqlite::memory:', 'sqlite'],
    ['sqlite:///var/data/app', 'sqlite'],
    ['SQLITE:app', 'sqlite'],
    ['file:app.data', 'sqlite'],
    ['file:///tmp/x', 'sqlite'],
    ['./dev.db', 'sqlite'],
    ['data/app.sqlite', 'sqlite'],
    ['/abs/app.sqlite3', 'sqlite'],
    ['C:\\data\\app.db', 'sqlite'],
    ['app.DB', 'sqlite'],
    [':memory:', 'sqlite'],
    ['postgres://u:p@localhost:5432/app', 'postgres'],
    ['postgresql://localhost/app', 'postgres'],
    ['mysql://root@127.0.0.1:3306/test', 'mysql'],
    ['mariadb://root@127.0.0.1/test', 'mysql'],
    ['mssql://sa:pw@localhost/db', 'mssql'],
    ['sqlserver://localhost;database=x', 'mssql'],
    ['redis://localhost', undefined],
    ['http://example.com/app.db', undefined],
    ['app.txt', undefined],
    ['', undefined],
  ];
  test.each(table)('%s → %s', (url, driver) => {
    expect(inferDriver(url)).toBe(driver);
  });

  test('driverForUrl explains what to do and hides the password', () => {
    try {
      driverForUrl('redis://user:secret@localhost/0');
      throw new Error('expected a throw');
    } catch (err) {
      expect(err).toBeInstanceOf(OdacError);
      expect((err as OdacError).code).toBe('CLI.BAD_ARGUMENTS');
      expect((err as Error).message).toContain('--driver');
      expect((err as Error).message).not.toContain('secret');
    }
  });
});

describe('adapterPackageNames', () => {
  test('short names try the official scope, then the community prefix', () => {
    expect(adapterPackageNames('postgres')).toEqual(['@odac/adapter-postgres', 'odac-adapter-postgres']);
  });
  test('a scoped package is tried as is; paths are not packages', () => {
    expect(adapterPackageNames('@acme/odac-adapter-oracle')).toEqual(['@acme/odac-adapter-oracle']);
    expect(adapterPackageNames('./adapters/mine.js')).toEqual([]);
    expect(adapterPackageNames('/abs/mine.mjs')).toEqual([]);
  });
});

describe('adapterFromModule', () => {
  const adapter = createFakeAdapter(createFakeDatabase());
  test('finds the adapter as default, as adapter, or through CommonJS interop', () => {
    expect(adapterFromModule({ default: adapter })).toBe(adapter);
    expect(adapterFromModule({ adapter })).toBe(adapter);
    expect(adapterFromModule({ default: { default: adapter } })).toBe(adapter);
    expect(adapterFromModule({ default: { adapter } })).toBe(adapter);
  });
  test('rejects modules without one', () => {
    expect(adapterFromModule({ default: { name: 'x' } })).toBeUndefined();
    expect(adapterFromModule(undefined)).toBeUndefined();
  });
});

describe('resolveAdapter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-driver-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Jest runs tests as CommonJS, where import() of a file: URL does not work; require the file instead.
  const adapterSource = "module.exports = { adapter: { name: 'local', capabilities: {}, connect() {}, normalize(s) { return s; }, emit() { return []; } } };\n";

  test('a missing official adapter names the package to install', () => {
    // Every official adapter is in this workspace (and jest maps them to their sources), so the error is checked directly.
    const err = notFound('mssql', ['@odac/adapter-mssql', 'odac-adapter-mssql']);
    expect(err.code).toBe('CLI.ADAPTER_NOT_FOUND');
    expect(err.message).toBe('No adapter for "mssql": install it with `npm install @odac/adapter-mssql`.');
  });

  test('a missing third-party adapter names both package forms', async () => {
    const err = (await resolveAdapter('oracle', { cwd: dir, importModule: requireImporter }).catch((e: unknown) => e)) as OdacError;
    expect(err.code).toBe('CLI.ADAPTER_NOT_FOUND');
    expect(err.message).toContain('odac-adapter-oracle');
    expect(err.message).toContain('@odac/adapter-oracle');
  });

  test('an installed adapter whose entry file is missing is reported as broken, not missing', async () => {
    const entry = '/app/node_modules/odac-adapter-half/dist/index.js';
    const err = (await resolveAdapter('half', {
      cwd: dir,
      importModule: (s) =>
        Promise.reject(
          Object.assign(new Error(s === 'odac-adapter-half' ? `Cannot find module '${entry}' imported from /x` : `Cannot find package '${s}' imported from /x`), {
            code: 'ERR_MODULE_NOT_FOUND',
          }),
        ),
    }).catch((e: unknown) => e)) as OdacError;
    expect(err.code).toBe('CLI.ADAPTER_NOT_FOUND');
    expect(err.message).toBe(`The adapter odac-adapter-half was found but failed to load: Cannot find module '${entry}' imported from /x. Reinstall (or rebuild) it, or run again with --verbose for the stack trace.`);
  });

  test('a path relative to cwd loads a module exporting `adapter`', async () => {
    writeFileSync(path.join(dir, 'my-adapter.cjs'), adapterSource);
    const adapter = await resolveAdapter('./my-adapter.cjs', { cwd: dir, importModule: requireImporter });
    expect(adapter.name).toBe('local');
  });

  test('a path that does not exist says so', async () => {
    const err = (await resolveAdapter('./nope.js', { cwd: dir, importModule: requireImporter }).catch((e: unknown) => e)) as OdacError;
    expect(err.code).toBe('CLI.ADAPTER_NOT_FOUND');
    expect(err.message).toContain(path.join(dir, 'nope.js'));
  });

  test('a module that is not an adapter is refused with a clear message', async () => {
    writeFileSync(path.join(dir, 'not-adapter.cjs'), 'module.exports = { hello: 1 };\n');
    const err = (await resolveAdapter('./not-adapter.cjs', { cwd: dir, importModule: requireImporter }).catch((e: unknown) => e)) as OdacError;
    expect(err.code).toBe('CLI.ADAPTER_NOT_FOUND');
    expect(err.message).toContain('does not export a DriverAdapter');
  });

  test('an adapter that fails to load is not reported as missing', async () => {
    writeFileSync(path.join(dir, 'broken.cjs'), "throw new Error('boom in adapter');\n");
    const err = (await resolveAdapter('./broken.cjs', { cwd: dir, importModule: requireImporter }).catch((e: unknown) => e)) as OdacError;
    expect(err.message).toContain('failed to load');
    expect(err.message).toContain('boom in adapter');
  });

  test('odac-adapter-<name> is found in the project, ESM-only exports included', async () => {
    const pkgDir = path.join(dir, 'node_modules', 'odac-adapter-local');
    mkdirSync(path.join(pkgDir, 'dist'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"name":"app"}');
    // Only an `import` condition: require.resolve alone cannot see it.
    writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name: 'odac-adapter-local', exports: { '.': { types: './x.d.ts', import: './dist/index.js' } } }));
    writeFileSync(path.join(pkgDir, 'dist', 'index.js'), adapterSource);
    expect(resolveFromProject('odac-adapter-local', dir)).toBe(path.join(pkgDir, 'dist', 'index.js'));
    const seen: string[] = [];
    const adapter = await resolveAdapter('local', {
      cwd: dir,
      importModule: (s) => {
        seen.push(s);
        return requireImporter(s);
      },
    });
    expect(adapter.name).toBe('local');
    // The official name was tried first, from the CLI's own location.
    expect(seen[0]).toBe('@odac/adapter-local');
    expect(seen[1]).toMatch(/^file:.*odac-adapter-local\/dist\/index\.js$/);
  });

  test('a dual package resolves to its ES module build, not the CommonJS one require.resolve finds', () => {
    const pkgDir = path.join(dir, 'node_modules', 'odac-adapter-dual');
    mkdirSync(path.join(pkgDir, 'dist', 'cjs'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"name":"app"}');
    writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({
      name: 'odac-adapter-dual',
      type: 'module',
      main: './dist/cjs/index.js',
      exports: { '.': { source: './src/index.ts', require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' }, import: { types: './dist/index.d.ts', default: './dist/index.js' } } },
    }));
    writeFileSync(path.join(pkgDir, 'dist', 'index.js'), adapterSource);
    writeFileSync(path.join(pkgDir, 'dist', 'cjs', 'index.js'), adapterSource);
    expect(resolveFromProject('odac-adapter-dual', dir)).toBe(path.join(pkgDir, 'dist', 'index.js'));
  });

  test('the official SQLite adapter resolves from the CLI itself', async () => {
    const adapter = await resolveAdapter('sqlite', { cwd: dir });
    expect(adapter.name).toBe('sqlite');
  });
});
