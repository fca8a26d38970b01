/**
 * `main()` in-process with fake streams and an in-memory adapter
 * (`--driver fake`): arguments, settings precedence, output, exit codes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GLOBAL_OPTIONS } from '../src/args.js';
import { VERSION } from '../src/version.js';
import { createFakeAdapter, createFakeDatabase, type FakeDatabase } from './helpers/fake-adapter.js';
import { importerWith, requireImporter } from './helpers/importer.js';
import { runCli, type RunOptions } from './helpers/streams.js';

let dir: string;
let db: FakeDatabase;

const USERS = "module.exports = { columns: { id: { type: 'increments' }, name: { type: 'string', nullable: false } } };\n";
const POSTS = "module.exports = { columns: { id: { type: 'increments' }, title: { type: 'string' } } };\n";

function writeSchema(files: Record<string, string>, sub = 'schema'): string {
  const schemaDir = path.join(dir, sub);
  mkdirSync(schemaDir, { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(schemaDir, name), source);
  return schemaDir;
}

function odac(argv: string[], options: RunOptions = {}) {
  return runCli(argv, { cwd: dir, importModule: importerWith({ '@odac/adapter-fake': { default: createFakeAdapter(db) } }), ...options });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-main-'));
  db = createFakeDatabase();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('help and version', () => {
  const flags = Object.entries(GLOBAL_OPTIONS);

  test.each([[[]], [['plan']], [['migrate']]])('%j --help lists every flag with its description, and examples', async (command) => {
    const { code, stdout, stderr } = await odac([...command, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const [flag, option] of flags) {
      const line = stdout.split('\n').find((l) => l.trimStart().startsWith(`--${flag} `));
      expect(line).toBeDefined();
      // The first words of the description are on the flag's line (the rest may wrap).
      expect(line).toContain(option.describe.split(' ').slice(0, 3).join(' '));
    }
    expect(stdout).toMatch(/Examples:\n\s+odac (plan|migrate) /);
  });

  test('each command has its own flag', async () => {
    expect((await odac(['plan', '--help'])).stdout).toMatch(/--exit-code\s+Exit with 2 when the database differs/);
    expect((await odac(['migrate', '--help'])).stdout).toMatch(/--dry-run\s+Only print the plan/);
    expect((await odac(['--help'])).stdout).toMatch(/odac plan\s+Show what migrate would change/);
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(await odac(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('usage errors exit 1 with one error line', () => {
  test('an unknown flag', async () => {
    const { code, stdout, stderr } = await odac(['plan', '--nope']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('error[CLI.BAD_ARGUMENTS]: Unknown flag --nope. Run `odac --help` for the commands and flags.\n');
  });

  test('no command', async () => {
    const { code, stderr } = await odac([]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error\[CLI.BAD_ARGUMENTS\]: Pass a command/);
  });

  test('an unknown command or a misspelt flag gets a suggestion', async () => {
    const command = await odac(['migrat']);
    expect(command.code).toBe(1);
    expect(command.stderr).toMatch(/^error\[CLI.BAD_ARGUMENTS\]: Unknown command "migrat" \(did you mean migrate\?\)\. Run/);
    const flag = await odac(['plan', '--schema-nmae', 'x', '--exitcode']);
    expect(flag.stderr).toContain('Unknown flag --schema-nmae (did you mean --schema-name?), unknown flag --exitcode (did you mean --exit-code?).');
  });

  test('no URL', async () => {
    const { code, stderr } = await odac(['plan']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error\[CLI.BAD_ARGUMENTS\]: No database URL: pass --url/);
  });

  test('a missing adapter names the package, never the password', async () => {
    const { code, stderr } = await odac(['plan', '--url', 'mssql://sa:hunter2@localhost/app'], { importModule: requireImporter });
    expect(code).toBe(1);
    expect(stderr).toBe('error[CLI.ADAPTER_NOT_FOUND]: No adapter for "mssql": install it with `npm install @odac/adapter-mssql`.\n');
  });
});

describe('plan and migrate', () => {
  beforeEach(() => writeSchema({ 'users.js': USERS }));
  const url = ['--driver', 'fake', '--url', 'fake://db'];

  test('plan prints the summary and the SQL and changes nothing', async () => {
    const { code, stdout, stderr } = await odac(['plan', ...url]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Plan: 1 change to 1 table.');
    expect(stdout).toContain('  + create table users');
    expect(stdout).toContain('  CREATE TABLE users (id, name);');
    expect(db.applied).toEqual([]);
  });

  test('plan --exit-code exits 2 when changes are pending, 0 when not', async () => {
    expect((await odac(['plan', '--exit-code', ...url])).code).toBe(2);
    expect((await odac(['migrate', ...url])).code).toBe(0);
    const after = await odac(['plan', '--exit-code', ...url]);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe('Nothing to do: the database matches the schema.\n');
  });

  test('migrate applies and summarizes; the second run has nothing to do', async () => {
    const first = await odac(['migrate', ...url]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Migrating: 1 change to 1 table.');
    expect(first.stdout).toMatch(/Applied 1 statement in \d+ ms\.\n$/);
    expect(db.applied.map((s) => s.sql)).toEqual(['CREATE TABLE users (id, name)']);
    const second = await odac(['migrate', ...url]);
    expect(second).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });
  });

  test('migrate --verbose also shows the SQL before applying', async () => {
    const { stdout } = await odac(['migrate', '--verbose', ...url]);
    expect(stdout).toContain('SQL (1 statement):\n  CREATE TABLE users (id, name);');
    expect(stdout).toMatch(/Applied 1 statement in/);
  });

  test('migrate --dry-run is plan', async () => {
    const { code, stdout } = await odac(['migrate', '--dry-run', ...url]);
    expect(code).toBe(0);
    expect(stdout).toContain('Plan: 1 change to 1 table.');
    expect(db.applied).toEqual([]);
  });

  test('progress per statement and colour only on a TTY without NO_COLOR', async () => {
    writeSchema({ 'posts.js': POSTS });
    const tty = await odac(['migrate', ...url], { tty: true });
    expect(tty.stdout).toContain('\u001b[');
    expect(tty.stdout).toMatch(/\[1\/2\]\S* posts: CREATE TABLE posts \(id, title\)\n/);
    expect(tty.stdout).toMatch(/\[2\/2\]\S* users: CREATE TABLE users \(id, name\)\n/);

    db = createFakeDatabase();
    const noColor = await odac(['migrate', ...url], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    expect(noColor.stdout).toContain('[1/2] posts: CREATE TABLE posts (id, title)\n');

    db = createFakeDatabase();
    const piped = await odac(['migrate', ...url]);
    expect(piped.stdout).not.toContain('\u001b[');
    expect(piped.stdout).not.toContain('[1/2]');
  });

  test('--json prints one stable object', async () => {
    const plan = await odac(['plan', '--json', ...url]);
    expect(plan.code).toBe(0);
    const json = JSON.parse(plan.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['version', 'driver', 'operations', 'statements', 'skipped', 'preflight', 'unmanagedTables', 'warnings']);
    expect(json).toMatchObject({ version: 1, driver: 'fake', statements: [{ sql: 'CREATE TABLE users (id, name)', transactional: true, table: 'users' }] });
    expect((await odac(['plan', '--json', ...url])).stdout).toBe(plan.stdout);

    const migrated = await odac(['migrate', '--json', ...url], { tty: true });
    expect(migrated.stdout).not.toContain('\u001b[');
    expect(JSON.parse(migrated.stdout)).toMatchObject({ version: 1, applied: 1 });
  });

  test('a destructive change is skipped and listed unless --allow-destructive', async () => {
    await odac(['migrate', ...url]);
    rmSync(path.join(dir, 'schema', 'users.js'));
    writeSchema({ 'posts.js': POSTS });
    const skipped = await odac(['migrate', ...url]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('+ create table posts');
    expect(skipped.stdout).toMatch(/Skipped 1 destructive change \(run again with --allow-destructive to include them\):\n  - drop table users/);
    expect(db.applied.map((s) => s.sql)).not.toContain('DROP TABLE users');
    const allowed = await odac(['migrate', '--allow-destructive', ...url]);
    expect(allowed.code).toBe(0);
    expect(db.applied.map((s) => s.sql)).toContain('DROP TABLE users');
  });

  test('engine flags reach the adapter', async () => {
    await odac(['plan', ...url, '--online', '--schema-name', 'app', '--lock-timeout', '2500']);
    expect(db.connectOptions[0]).toEqual({ schemaName: 'app', lockTimeoutMs: 2500 });
    expect(db.emitOptions[0]).toEqual({ online: true });
  });

  test('a schema error exits 1 before connecting', async () => {
    writeSchema({ 'posts.js': "module.exports = { columns: { id: { type: 'incremental' } } };\n" });
    const { code, stdout, stderr } = await odac(['migrate', ...url]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[SCHEMA\.[A-Z_]+\]: .*incremental/);
    expect(db.connectedUrls).toEqual([]);
  });
});

describe('settings sources', () => {
  beforeEach(() => writeSchema({ 'users.js': USERS }));

  test('flags > config > DATABASE_URL > .env', async () => {
    writeFileSync(path.join(dir, '.env'), 'DATABASE_URL=fake://dotenv\n');
    await odac(['plan', '--driver', 'fake']);
    await odac(['plan', '--driver', 'fake'], { env: { DATABASE_URL: 'fake://env' } });
    writeFileSync(path.join(dir, 'odac.config.json'), JSON.stringify({ url: 'fake://config', driver: 'fake' }));
    await odac(['plan'], { env: { DATABASE_URL: 'fake://env' } });
    await odac(['plan', '--url', 'fake://flag'], { env: { DATABASE_URL: 'fake://env' } });
    expect(db.connectedUrls).toEqual(['fake://dotenv', 'fake://env', 'fake://config', 'fake://flag']);
  });

  test('--config and --env select a named environment', async () => {
    writeFileSync(
      path.join(dir, 'ci.config.cjs'),
      "module.exports = { driver: 'fake', url: 'fake://dev', environments: { production: { url: 'fake://prod', schema: 'prod-schema' } } };\n",
    );
    writeSchema({ 'posts.js': POSTS }, 'prod-schema');
    const { code, stdout } = await odac(['plan', '--config', 'ci.config.cjs', '--env', 'production']);
    expect(code).toBe(0);
    expect(db.connectedUrls).toEqual(['fake://prod']);
    expect(stdout).toContain('+ create table posts');
    expect(stdout).not.toContain('create table users');
  });

  test('a bad config file is a CLI.CONFIG error', async () => {
    writeFileSync(path.join(dir, 'odac.config.json'), JSON.stringify({ urll: 'x' }));
    const { code, stderr } = await odac(['plan']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error\[CLI.CONFIG\]: .*odac\.config\.json: unknown setting "urll"/);
  });
});

describe('errors', () => {
  beforeEach(() => writeSchema({ 'users.js': USERS }));

  test('passwords never show, stack traces only with --verbose', async () => {
    const url = 'fake://admin:s3cret@db.example.com/app';
    db.connectError = new Error(`connect ECONNREFUSED for ${url}`);
    const quiet = await odac(['plan', '--driver', 'fake', '--url', url]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).not.toContain('s3cret');
    expect(quiet.stderr).toContain('fake://admin:***@db.example.com/app');
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    expect(quiet.stderr).toMatch(/^error\[UNEXPECTED\]: connect ECONNREFUSED/);

    const verbose = await odac(['plan', '--driver', 'fake', '--url', url, '--verbose']);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    expect(verbose.stderr).not.toContain('s3cret');
  });

  test('with --json the error is also printed as JSON on stdout', async () => {
    db.connectError = new Error('down');
    const { code, stdout, stderr } = await odac(['plan', '--json', '--driver', 'fake', '--url', 'fake://x']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ version: 1, error: { code: 'UNEXPECTED', message: 'down', details: {} } });
    expect(stderr).toMatch(/^error\[UNEXPECTED\]: down/);
  });
});
