/**
 * The packages as a user gets them: `pnpm pack` tarballs installed with npm
 * into fresh projects (CommonJS app, ESM app, TypeScript apps with
 * `module: commonjs` and `module: nodenext`), each loading every package and
 * migrating a SQLite database from the blog example; the `odac` binary from
 * the install; the tarballs' contents (LICENSE, metadata, nothing pointing at
 * a file that is not shipped); and `pnpm publish --dry-run`.
 *
 * Needs the packages built (`pnpm test` builds first) and the npm registry
 * (installs use --prefer-offline, so a warm npm cache is enough).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CJS_APP, CTS_FILE, ESM_APP, PACKAGES, TS_APP, tsconfig } from './fixtures.js';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BLOG = path.join(ROOT, 'examples', 'blog', 'schema');
const BLOG_TABLES = ['comments', 'post_tags', 'posts', 'tags', 'users'];

// npm run from inside `pnpm test` would inherit pnpm's npm_config_* settings.
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, NO_UPDATE_NOTIFIER: '1', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function run(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${String(r.status)}:\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

function runAsync(cmd: string, args: readonly string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv() });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

function packedManifest(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
}

/** Every file path an `exports` map points at. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

let work = '';
let tarballs: string[] = [];
let unpacked: Record<string, string> = {};
let publish: Promise<{ code: number | null; out: string }>;
let compiled: Record<'commonjs' | 'nodenext', { code: number | null; out: string }>;

beforeAll(async () => {
  for (const p of PACKAGES) {
    for (const f of ['dist/index.js', 'dist/cjs/index.js', 'dist/cjs/package.json']) {
      if (!existsSync(path.join(ROOT, 'packages', p, f))) throw new Error(`packages/${p}/${f} is missing: run \`pnpm build\` first.`);
    }
  }
  work = mkdtempSync(path.join(tmpdir(), 'odac-packed-'));
  const dest = path.join(work, 'tarballs');
  run('pnpm', ['-r', '--filter', './packages/*', 'pack', '--pack-destination', dest], ROOT);
  tarballs = readdirSync(dest).filter((f) => f.endsWith('.tgz')).map((f) => path.join(dest, f));
  for (const t of tarballs) {
    const dir = path.join(work, 'unpacked', path.basename(t, '.tgz'));
    mkdirSync(dir, { recursive: true });
    run('tar', ['-xzf', t, '-C', dir, '--strip-components=1'], work);
    unpacked[(packedManifest(dir)['name'] as string)] = dir;
  }
  // Slow (it asks the registry), so it runs while npm installs.
  publish = runAsync('pnpm', ['-r', '--filter', './packages/*', 'publish', '--dry-run', '--no-git-checks'], ROOT);

  // One install shared by the apps below it (Node resolves up the tree).
  const app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'odac-packed-app', version: '1.0.0', private: true }));
  // better-sqlite3's install script downloads a prebuilt binary (or compiles); take the one this
  // checkout built, at the same version, so the test needs no compiler and no GitHub.
  const sqliteRequire = createRequire(path.join(ROOT, 'packages', 'adapter-sqlite', 'package.json'));
  const bsqlDir = path.dirname(sqliteRequire.resolve('better-sqlite3/package.json'));
  const bsqlVersion = (JSON.parse(readFileSync(path.join(bsqlDir, 'package.json'), 'utf8')) as { version: string }).version;
  const tsVersion = (createRequire(path.join(ROOT, 'package.json'))('typescript/package.json') as { version: string }).version;
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error',
    ...tarballs, `better-sqlite3@${bsqlVersion}`, `typescript@${tsVersion}`, '@types/node@20'], app);
  cpSync(path.join(bsqlDir, 'build'), path.join(app, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });

  // Both TypeScript apps compile at once (tsc is most of this file's time).
  const tsc = path.join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  makeApp('ts-commonjs', { 'package.json': '{ "type": "commonjs" }', 'tsconfig.json': tsconfig('commonjs'), 'src/index.ts': TS_APP });
  makeApp('ts-nodenext', { 'package.json': '{ "type": "module" }', 'tsconfig.json': tsconfig('nodenext'), 'src/index.ts': TS_APP, 'src/legacy.cts': CTS_FILE });
  const [cjs, nodenext] = await Promise.all(['ts-commonjs', 'ts-nodenext'].map((name) => runAsync('node', [tsc, '-p', '.'], path.join(app, name))));
  compiled = { commonjs: cjs!, nodenext: nodenext! };
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('tarball contents', () => {
  it('packs every package, with LICENSE, README, both builds and the publishing metadata', () => {
    expect(Object.keys(unpacked).sort()).toEqual(PACKAGES.map((p) => `@odac/${p}`).sort());
    const license = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License/);
    for (const [name, dir] of Object.entries(unpacked)) {
      const m = packedManifest(dir);
      expect(readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toBe(license);
      expect(existsSync(path.join(dir, 'README.md'))).toBe(true);
      expect(m['license']).toBe('MIT');
      expect((m['repository'] as { url?: string }).url).toMatch(/^git\+https:\/\//);
      expect(typeof m['homepage']).toBe('string');
      expect((m['engines'] as { node?: string }).node).toMatch(/^>=20/);
      expect((m['publishConfig'] as { access?: string }).access).toBe('public');
      expect(JSON.stringify(m)).not.toContain('workspace:');
      expect(readFileSync(path.join(dir, 'dist', 'cjs', 'package.json'), 'utf8')).toContain('"commonjs"');
      // Tests are not shipped.
      expect(filesUnder(dir).filter((f) => /\.test\.[cm]?[jt]s$/.test(f))).toEqual([]);
      if (name.startsWith('@odac/adapter-')) {
        expect((m['peerDependencies'] as Record<string, string>)['@odac/core']).toMatch(/^\^\d/);
        expect((m['dependencies'] as Record<string, string> | undefined)?.['@odac/core']).toBeUndefined();
      }
    }
  });

  it('points at no file it does not ship (exports, main, types, bin, source maps, README links)', () => {
    const missing: string[] = [];
    for (const [name, dir] of Object.entries(unpacked)) {
      const m = packedManifest(dir);
      const bin = typeof m['bin'] === 'string' ? [m['bin']] : Object.values((m['bin'] as Record<string, string> | undefined) ?? {});
      const targets = [...exportTargets(m['exports']), m['main'], m['module'], m['types'], ...bin].filter((t): t is string => typeof t === 'string');
      for (const t of targets) if (!existsSync(path.join(dir, t))) missing.push(`${name}: ${t}`);
      for (const map of filesUnder(dir).filter((f) => f.endsWith('.map'))) {
        const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
        for (const s of sources) if (!existsSync(path.resolve(path.dirname(map), s))) missing.push(`${name}: ${path.relative(dir, map)} -> ${s}`);
      }
      const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
      for (const [, link] of readme.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)) {
        if (link && !/^[a-z]+:/i.test(link) && !existsSync(path.resolve(dir, link))) missing.push(`${name}: README link ${link}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('pnpm publish --dry-run is clean', async () => {
    const { code, out } = await publish;
    expect(code).toBe(0);
    // The tarball listing (`npm notice 411B dist/error-codes.js`) names files, not problems.
    const listing = /^npm notice [\d.]+[kM]?B /;
    const warnings = out
      .split('\n')
      .filter((l) => /\b(warn|WARN|error|ERR)\b/.test(l) && !listing.test(l) && !/requires you to be logged in/.test(l));
    expect(warnings).toEqual([]);
    for (const p of PACKAGES) expect(out).toContain(`+ @odac/${p}@`);
  }, 300_000);
});

interface AppReport {
  format: string;
  adapters: string[];
  applied: number;
  pending: number;
  tables: string[];
  odacError: boolean;
  testkit: string;
  config: string[];
  version: string;
}

function report(stdout: string): AppReport {
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as AppReport;
}

function expectMigrated(r: AppReport, format: 'object' | 'undefined'): void {
  expect(r.format).toBe(format);
  expect(r.adapters).toEqual(['postgres', 'mysql', 'sqlite', 'mssql']);
  expect(r.applied).toBeGreaterThan(0);
  expect(r.pending).toBe(0);
  expect(r.tables).toEqual(BLOG_TABLES);
  expect(r.odacError).toBe(true);
  expect(r.testkit).toBe('function');
  // `url: undefined` (no DATABASE_URL) is kept as a key; the CLI treats it as absent.
  expect(r.config).toContain('url');
  expect(r.version).toMatch(/^\d+\.\d+\.\d+/);
}

function makeApp(name: string, files: Record<string, string>): string {
  const dir = path.join(work, 'app', name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const env = (): NodeJS.ProcessEnv => {
  const e = cleanEnv();
  delete e['DATABASE_URL'];
  return e;
};

describe('installed from the tarballs', () => {
  it('a CommonJS app requires every package and migrates', () => {
    const dir = makeApp('cjs', { 'package.json': '{ "type": "commonjs" }', 'index.js': CJS_APP });
    const r = spawnSync('node', ['index.js', BLOG, path.join(dir, 'app.db')], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expectMigrated(report(r.stdout), 'object');
  });

  it('an ES module app imports every package and migrates', () => {
    const dir = makeApp('esm', { 'package.json': '{ "type": "module" }', 'index.js': ESM_APP });
    const r = spawnSync('node', ['index.js', BLOG, path.join(dir, 'app.db')], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expectMigrated(report(r.stdout), 'undefined');
  });

  it('a TypeScript app with module commonjs compiles (exactOptionalPropertyTypes) and runs', () => {
    const dir = path.join(work, 'app', 'ts-commonjs');
    expect(compiled.commonjs).toEqual({ code: 0, out: '' });
    const r = spawnSync('node', ['out/index.js', BLOG, path.join(dir, 'app.db')], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expectMigrated(report(r.stdout), 'object');
  });

  it('a TypeScript app with module nodenext compiles, .ts as ESM and .cts as CommonJS, and runs', () => {
    const dir = path.join(work, 'app', 'ts-nodenext');
    expect(compiled.nodenext).toEqual({ code: 0, out: '' });
    const r = spawnSync('node', ['out/index.js', BLOG, path.join(dir, 'app.db')], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expectMigrated(report(r.stdout), 'undefined');
    const legacy = spawnSync('node', ['-p', 'require("./out/legacy.cjs").loaded'], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(legacy.stdout.trim()).toBe('function,function,sqlite');
  });

  it('the installed odac binary migrates, then plans nothing', () => {
    const dir = makeApp('bin', { 'package.json': '{}' });
    const odac = path.join(work, 'app', 'node_modules', '.bin', 'odac');
    const url = `sqlite:${path.join(dir, 'bin.db')}`;
    const first = spawnSync(odac, ['migrate', '--url', url, '--schema', BLOG], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(first.stderr.replace(/^\[\d+\/\d+ [\dms.]+\] \S+\n/gm, '')).toBe(''); // only piped progress lines
    expect(first.stdout).toContain('Applied');
    const second = spawnSync(odac, ['plan', '--exit-code', '--url', url, '--schema', BLOG], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Nothing to do');
  });

  it('the installed odac binary loads the ES module build of the adapters: their errors keep their codes', () => {
    const dir = path.join(work, 'app', 'bin');
    const r = spawnSync(path.join(work, 'app', 'node_modules', '.bin', 'odac'), ['plan', '--url', 'postgres://app:secret@127.0.0.1:1/shop', '--schema', BLOG], { cwd: dir, env: env(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error\[CONNECT\.FAILED\]: Could not connect to postgres at 127\.0\.0\.1:1/);
  });
});
