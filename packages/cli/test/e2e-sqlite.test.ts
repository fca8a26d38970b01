/**
 * End to end: spawn the built `odac` (packages/cli/dist/bin.js) against a
 * temporary SQLite file and schema directory. Build first:
 * `pnpm exec turbo run build --filter=@odac/cli...`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const BIN = path.resolve(__dirname, '..', 'dist', 'bin.js');
const SQLITE_ADAPTER = path.resolve(__dirname, '..', '..', 'adapter-sqlite', 'dist', 'index.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const PROGRESS = /^\[\d+\/\d+ [\dms.]+\] \S+\n/gm;

let dir: string;
let dbFile: string;
let schemaDir: string;

function odac(...args: string[]): Run {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  // Progress lines of a piped migrate (one per table) are checked in offline-plan-diagram.test.ts.
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(PROGRESS, '') };
}

/** Runs with the test's database and schema; extra flags after. */
function run(command: 'migrate' | 'plan', ...flags: string[]): Run {
  return odac(command, '--url', dbFile, '--schema', schemaDir, ...flags);
}

function schemaFile(name: string, source: string): void {
  writeFileSync(path.join(schemaDir, name), source);
}

const USERS = `module.exports = {
  columns: {
    id: { type: 'increments' },
    email: { type: 'string', length: 190, nullable: false, unique: true },
    legacy: { type: 'string' },
  },
};
`;
const USERS_WITHOUT_LEGACY = `module.exports = {
  columns: {
    id: { type: 'increments' },
    email: { type: 'string', length: 190, nullable: false, unique: true },
  },
};
`;
const POSTS = `module.exports = {
  columns: {
    id: { type: 'increments' },
    user_id: { type: 'integer', unsigned: true, references: 'users.id', onDelete: 'CASCADE' },
    title: { type: 'string', nullable: false },
  },
};
`;

beforeAll(() => {
  for (const file of [BIN, SQLITE_ADAPTER]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: build the CLI and its adapters first with \`cd /work/main && pnpm exec turbo run build --filter=@odac/cli...\`.`);
    }
  }
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-e2e-'));
  dbFile = path.join(dir, 'app.db');
  schemaDir = path.join(dir, 'schema');
  mkdirSync(schemaDir);
  schemaFile('users.js', USERS);
  schemaFile('posts.js', POSTS);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('migrate creates the tables; a second migrate has nothing to do', () => {
  const first = run('migrate');
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('+ create table users');
  expect(first.stdout).toContain('+ create table posts');
  expect(first.stdout).toMatch(/Applied \d+ statements? in \d+ ms\./);
  expect(existsSync(dbFile)).toBe(true);

  const second = run('migrate');
  expect(second).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });
});

test('plan --exit-code exits 2 while changes are pending, 0 once applied', () => {
  const pending = run('plan', '--exit-code');
  expect(pending.stderr).toBe('');
  expect(pending.code).toBe(2);
  expect(pending.stdout).toContain('CREATE TABLE');
  expect(run('plan').code).toBe(0);
  expect(run('migrate').code).toBe(0);
  const clean = run('plan', '--exit-code');
  expect(clean.code).toBe(0);
  expect(clean.stdout).toBe('Nothing to do: the database matches the schema.\n');
});

test('--json prints one parseable object with the applied count', () => {
  const plan = run('plan', '--json');
  expect(plan.code).toBe(0);
  const planned = JSON.parse(plan.stdout) as { version: number; driver: string; statements: { sql: string }[] };
  expect(planned).toMatchObject({ version: 1, driver: 'sqlite' });
  expect(planned.statements.length).toBeGreaterThan(0);
  const migrated = JSON.parse(run('migrate', '--json').stdout) as { applied: number };
  expect(migrated.applied).toBeGreaterThan(0);
});

test('a schema error exits 1 with the message and leaves no database file', () => {
  // An unknown type name is a native type since issue 9 (as in ODAC.JS); an enum without values is still an error.
  schemaFile('comments.js', "module.exports = { columns: { id: { type: 'increments' }, state: { type: 'enum' } } };\n");
  const r = run('migrate');
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error\[SCHEMA\.[A-Z_]+\]: /);
  expect(r.stderr).toContain('enum without values');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(dbFile)).toBe(false);
});

test('a schema error leaves an existing database byte for byte as it was', () => {
  expect(run('migrate').code).toBe(0);
  const before = readFileSync(dbFile);
  const mtime = statSync(dbFile).mtimeMs;
  schemaFile('posts.js', "module.exports = { columns: { id: { type: 'increments' }, user_id: { type: 'integer', references: 'nobody.id' } } };\n");
  const r = run('migrate');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^error\[SCHEMA\./);
  expect(readFileSync(dbFile).equals(before)).toBe(true);
  expect(statSync(dbFile).mtimeMs).toBe(mtime);
});

test('a destructive change is skipped and listed unless --allow-destructive', () => {
  expect(run('migrate').code).toBe(0);
  schemaFile('users.js', USERS_WITHOUT_LEGACY);

  const skipped = run('migrate');
  expect(skipped.code).toBe(0);
  expect(skipped.stdout).toContain('--allow-destructive');
  expect(skipped.stdout).toContain('drop column users.legacy');
  expect(run('plan', '--exit-code').code).toBe(2);

  // Not a terminal: destructive changes need --yes, and nothing waits for an answer.
  const unconfirmed = run('migrate', '--allow-destructive');
  expect(unconfirmed.code).toBe(1);
  expect(unconfirmed.stderr).toMatch(/^error\[CLI\.CONFIRMATION_REQUIRED\]: The plan has 1 destructive change \(drop column users\.legacy\)/);
  expect(run('plan', '--exit-code').code).toBe(2);

  const allowed = run('migrate', '--allow-destructive', '--yes');
  expect(allowed.code).toBe(0);
  expect(allowed.stdout).toContain('drop column users.legacy');
  expect(allowed.stdout).toMatch(/Applied \d+ statements? in \d+ ms\./);
  expect(run('plan', '--exit-code').code).toBe(0);
});

test('the URL may come from DATABASE_URL in a .env file, the driver from its extension', () => {
  writeFileSync(path.join(dir, '.env'), `DATABASE_URL=${dbFile}\n`);
  const r = odac('migrate');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(existsSync(dbFile)).toBe(true);
});

test('an unknown flag exits 1 with a one-line error', () => {
  const r = odac('migrate', '--allow-destructiv');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('error[CLI.BAD_ARGUMENTS]: Unknown flag --allow-destructiv (did you mean --allow-destructive?). Run `odac --help` for the commands and flags.\n');
});

test('settings from odac.config.ts (TypeScript, transpiled), overridden by flags', () => {
  writeFileSync(
    path.join(dir, 'odac.config.ts'),
    `const settings: { url: string; schema: string; allowDestructive: boolean } = { url: ${JSON.stringify(dbFile)}, schema: './schema', allowDestructive: false };\nexport default settings;\n`,
  );
  const r = odac('migrate');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(existsSync(dbFile)).toBe(true);
  const other = path.join(dir, 'other.db');
  expect(odac('migrate', '--url', other).code).toBe(0);
  expect(existsSync(other)).toBe(true);
});

describe('third-party adapters', () => {
  // An adapter outside the monorepo: it re-exports the SQLite adapter under another name.
  const source = () => `export { default } from ${JSON.stringify(pathToFileURL(SQLITE_ADAPTER).href)};\n`;

  test('--driver <name> finds odac-adapter-<name> in the project, ESM-only exports included', () => {
    const pkg = path.join(dir, 'node_modules', 'odac-adapter-lite');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "name": "app", "private": true }');
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'odac-adapter-lite', type: 'module', exports: { '.': { import: './index.js' } } }));
    writeFileSync(path.join(pkg, 'index.js'), source());
    const r = run('migrate', '--driver', 'lite');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(run('plan', '--driver', 'lite', '--exit-code').code).toBe(0);
  });

  test('--driver <path> imports a module relative to cwd', () => {
    mkdirSync(path.join(dir, 'adapters'));
    writeFileSync(path.join(dir, 'adapters', 'lite.mjs'), source());
    const r = run('migrate', '--driver', './adapters/lite.mjs');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('an unknown driver is a one-line error naming what to install', () => {
    const r = run('plan', '--driver', 'oracle');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error[CLI.ADAPTER_NOT_FOUND]: No adapter for "oracle": install `odac-adapter-oracle` or `@odac/adapter-oracle`, or pass --driver the path of a module exporting a DriverAdapter.\n',
    );
  });
});

test('pull describes the database in files that migrate a fresh one to the same schema', () => {
  expect(run('migrate').code).toBe(0);
  const pulled = odac('pull', '--url', dbFile, '--out', 'pulled', '--ts');
  expect(pulled.stderr).toBe('');
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toBe('Pulled 2 tables from sqlite into pulled/:\n  + posts.ts\n  + users.ts\n\nChecked: these files load and plan no change against the database they came from.\n');
  const copy = path.join(dir, 'copy.db');
  expect(odac('migrate', '--url', copy, '--schema', 'pulled').code).toBe(0);
  expect(odac('plan', '--url', copy, '--exit-code').stdout).toBe('Nothing to do: the database matches the schema.\n');
  expect(odac('plan', '--url', dbFile, '--schema', 'pulled', '--exit-code').code).toBe(0);

  const again = odac('pull', '--url', dbFile, '--out', 'pulled');
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/^error\[CLI\.BAD_ARGUMENTS\]: pulled already holds schema files \(posts\.ts, users\.ts\)\. .*--force/);
});
