/**
 * `main()` in-process with fake streams and an in-memory adapter
 * (`--driver fake`): arguments, settings precedence, output, exit codes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ConnectOptions } from '@odac/core';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHANGE_OPTIONS, GLOBAL_OPTIONS, MIGRATE_OPTIONS, PLAN_OPTIONS, PULL_OPTIONS } from '../src/args.js';
import { VERSION } from '../src/version.js';
import { createFakeAdapter, createFakeDatabase, type FakeDatabase } from './helpers/fake-adapter.js';
import { importerWith, requireImporter } from './helpers/importer.js';
import { col, fk, posts, schema, table, users } from './helpers/model.js';
import { fakeStdin, runCli, type RunOptions } from './helpers/streams.js';

let dir: string;
let db: FakeDatabase;

const USERS = "module.exports = { columns: { id: { type: 'increments' }, name: { type: 'string', nullable: false } } };\n";
const USERS_WITH_LEGACY = "module.exports = { columns: { id: { type: 'increments' }, name: { type: 'string', nullable: false }, legacy: { type: 'string' } } };\n";
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
  const flagsOf: Record<string, Record<string, { readonly describe: string }>> = {
    '': GLOBAL_OPTIONS,
    plan: { ...GLOBAL_OPTIONS, ...CHANGE_OPTIONS, ...PLAN_OPTIONS },
    migrate: { ...GLOBAL_OPTIONS, ...CHANGE_OPTIONS, ...MIGRATE_OPTIONS },
    pull: { ...GLOBAL_OPTIONS, ...PULL_OPTIONS },
  };

  test.each(Object.keys(flagsOf))('odac %s --help lists every flag with its description, and examples', async (command) => {
    const { code, stdout, stderr } = await odac([...(command ? [command] : []), '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const [flag, option] of Object.entries(flagsOf[command] ?? {})) {
      const line = stdout.split('\n').find((l) => /^\s+(-\w, )?--/.test(l) && l.includes(`--${flag} `));
      expect(line).toBeDefined();
      // The first words of the description are on the flag's line (the rest may wrap).
      expect(line).toContain(option.describe.split(' ').slice(0, 3).join(' '));
    }
    expect(stdout).toMatch(new RegExp(`Examples:\\n\\s+odac ${command || '(plan|migrate|pull)'} `));
  });

  test('each command has its own flags, and only those', async () => {
    expect((await odac(['plan', '--help'])).stdout).toMatch(/--exit-code\s+Exit with 2 when changes are pending/);
    expect((await odac(['migrate', '--help'])).stdout).toMatch(/-y, --yes\s+Apply destructive changes without asking/);
    expect((await odac(['migrate', '--help'])).stdout).toMatch(/--dry-run\s+Only print the plan/);
    expect((await odac(['pull', '--help'])).stdout).toMatch(/--ts\s+Write TypeScript files/);
    expect((await odac(['pull', '--help'])).stdout).not.toContain('--allow-destructive');
    const top = (await odac(['--help'])).stdout;
    expect(top).toMatch(/odac plan\s+Show what migrate would change/);
    expect(top).toMatch(/odac pull\s+Write schema files/);
    const wrong = await odac(['pull', '--allow-destructive']);
    expect(wrong.stderr).toBe('error[CLI.BAD_ARGUMENTS]: --allow-destructive is not a flag of pull (see odac pull --help). Run `odac --help` for the commands and flags.\n');
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
    const { code, stderr } = await odac(['plan', '--driver', 'oracle', '--url', 'oracle://sa:hunter2@localhost/app'], { importModule: requireImporter });
    expect(code).toBe(1);
    expect(stderr).toBe('error[CLI.ADAPTER_NOT_FOUND]: No adapter for "oracle": install `odac-adapter-oracle` or `@odac/adapter-oracle`, or pass --driver the path of a module exporting a DriverAdapter.\n');
    expect(stderr).not.toContain('hunter2');
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

  test('progress per statement and colour only on a TTY without NO_COLOR; one line per table when piped', async () => {
    writeSchema({ 'posts.js': POSTS });
    const tty = await odac(['migrate', ...url], { tty: true });
    expect(tty.stdout).toContain('\u001b[');
    expect(tty.stdout).toMatch(/\[1\/2 \d+\.\ds\]\S* posts: CREATE TABLE posts \(id, title\)\n/);
    expect(tty.stdout).toMatch(/\[2\/2 \d+\.\ds\]\S* users: CREATE TABLE users \(id, name\)\n/);

    db = createFakeDatabase();
    const noColor = await odac(['migrate', ...url], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    expect(noColor.stdout).toMatch(/\n\[1\/2 \d+\.\ds\] posts: CREATE TABLE posts \(id, title\)\n/);

    db = createFakeDatabase();
    const piped = await odac(['migrate', ...url]);
    expect(piped.stdout).not.toContain('\u001b[');
    expect(piped.stdout).not.toContain('[1/2');
    // Not a terminal: one plain line per table on stderr, for CI logs.
    expect(piped.stderr).toMatch(/^\[1\/2 \d+\.\ds\] posts\n\[2\/2 \d+\.\ds\] users\n$/);
  });

  test('--json prints one stable object', async () => {
    const plan = await odac(['plan', '--json', ...url]);
    expect(plan.code).toBe(0);
    const json = JSON.parse(plan.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['version', 'driver', 'operations', 'statements', 'hazards', 'skipped', 'preflight', 'unmanagedTables', 'warnings']);
    expect(json).toMatchObject({ version: 1, driver: 'fake', statements: [{ sql: 'CREATE TABLE users (id, name)', transactional: true, operation: 0, table: 'users' }] });
    expect((await odac(['plan', '--json', ...url])).stdout).toBe(plan.stdout);

    const migrated = await odac(['migrate', '--json', ...url], { tty: true });
    expect(migrated.stdout).not.toContain('\u001b[');
    expect(JSON.parse(migrated.stdout)).toMatchObject({ version: 1, applied: 1 });
  });

  test('a destructive change is skipped and listed unless --allow-destructive; without a terminal it needs --yes', async () => {
    writeSchema({ 'users.js': USERS_WITH_LEGACY });
    await odac(['migrate', ...url]);
    writeSchema({ 'users.js': USERS });
    const skipped = await odac(['migrate', ...url]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/Skipped 1 destructive change \(run again with --allow-destructive to include them\):\n    - drop column users\.legacy: /);
    expect(db.applied.map((s) => s.sql)).not.toContain('ALTER TABLE users DROP COLUMN legacy');

    const unconfirmed = await odac(['migrate', '--allow-destructive', ...url]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toContain('Destructive (data in these will be lost):\n    - drop column users.legacy');
    expect(unconfirmed.stderr).toBe(
      'error[CLI.CONFIRMATION_REQUIRED]: The plan has 1 destructive change (drop column users.legacy) and there is no terminal to confirm it on, so nothing was changed. Re-run with --yes to apply them, or without --allow-destructive to skip them.\n',
    );
    expect(db.applied.map((s) => s.sql)).not.toContain('ALTER TABLE users DROP COLUMN legacy');

    const confirmed = await odac(['migrate', '--allow-destructive', '--yes', ...url]);
    expect(confirmed.code).toBe(0);
    expect(db.applied.map((s) => s.sql)).toContain('ALTER TABLE users DROP COLUMN legacy');
  });

  test('unmanaged tables are left alone unless --drop-unmanaged --allow-destructive', async () => {
    await odac(['migrate', ...url]);
    rmSync(path.join(dir, 'schema', 'users.js'));
    writeSchema({ 'posts.js': POSTS });
    const alone = await odac(['plan', ...url]);
    expect(alone.stdout).toContain('Unmanaged tables (in the database, not in the schema; left alone): users\n  To drop them too: --drop-unmanaged --allow-destructive');
    const skipped = await odac(['plan', '--drop-unmanaged', '--exit-code', ...url]);
    expect(skipped.code).toBe(2);
    expect(skipped.stdout).toContain('    - drop table users: table "users" has no schema file');
    expect((await odac(['migrate', '--drop-unmanaged', '--allow-destructive', '--yes', ...url])).code).toBe(0);
    expect(db.applied.map((s) => s.sql)).toContain('DROP TABLE users');
  });

  test('dropUnmanagedTables and ignoreTables in the config file', async () => {
    await odac(['migrate', ...url]);
    rmSync(path.join(dir, 'schema', 'users.js'));
    writeSchema({ 'posts.js': POSTS });
    writeFileSync(path.join(dir, 'odac.config.json'), JSON.stringify({ dropUnmanagedTables: true, allowDestructive: true, ignoreTables: ['us*'] }));
    const ignored = await odac(['plan', '--json', ...url]);
    expect(JSON.parse(ignored.stdout)).toMatchObject({ unmanagedTables: [], skipped: [] });
    writeFileSync(path.join(dir, 'odac.config.json'), JSON.stringify({ dropUnmanagedTables: true, allowDestructive: true }));
    const dropping = await odac(['plan', '--json', ...url]);
    expect(JSON.parse(dropping.stdout)).toMatchObject({ operations: expect.arrayContaining([expect.objectContaining({ kind: 'dropTable', table: 'users' })]) });
  });

  test('a drop plus an add of the same type hints at renamedFrom; with it, the column is renamed', async () => {
    await odac(['migrate', ...url]);
    writeSchema({ 'users.js': "module.exports = { columns: { id: { type: 'increments' }, full_name: { type: 'string', nullable: false } } };\n" });
    const hinted = await odac(['plan', '--allow-destructive', ...url]);
    expect(hinted.stdout).toContain('+ add column users.full_name');
    expect(hinted.stdout).toContain('- drop column users.name');
    expect(hinted.stdout).toMatch(/Warnings:\n  - Column "users"\."name" is dropped and "full_name" of the same type is added: if it was renamed, add renamedFrom: 'name'/);
    writeSchema({ 'users.js': "module.exports = { columns: { id: { type: 'increments' }, full_name: { type: 'string', nullable: false, renamedFrom: 'name' } } };\n" });
    const renamed = await odac(['plan', ...url]);
    expect(renamed.stdout).toContain('~ rename column users.name → users.full_name');
    expect(renamed.stdout).not.toContain('Warnings:');
    expect(renamed.stdout).not.toContain('Hazards:');
  });

  test('warnings from applying are shown after the summary, and in --json', async () => {
    db.applyWarnings = ['CREATE INDEX CONCURRENTLY was refused; built the index normally.'];
    const human = await odac(['migrate', ...url]);
    expect(human.stdout).toMatch(/Applied 1 statement in \d+ ms\.\nWarnings:\n  - CREATE INDEX CONCURRENTLY was refused; built the index normally\.\n$/);
    writeSchema({ 'posts.js': POSTS });
    const json = await odac(['migrate', '--json', ...url]);
    expect(JSON.parse(json.stdout)).toMatchObject({ warnings: ['CREATE INDEX CONCURRENTLY was refused; built the index normally.'] });
  });

  test('engine flags reach the adapter', async () => {
    await odac(['plan', ...url, '--online', '--schema-name', 'app', '--lock-timeout', '2500']);
    // A plan only reads: core asks the adapter for a read-only connection.
    expect(db.connectOptions[0]).toEqual({ schemaName: 'app', lockTimeoutMs: 2500, readOnly: true });
    expect(db.emitOptions[0]).toEqual({ online: true });
    await odac(['migrate', ...url, '--schema-name', 'app', '--lock-timeout', '2500']);
    expect(db.connectOptions[1]).toEqual({ schemaName: 'app', lockTimeoutMs: 2500 });
  });

  test('a schema error exits 1 before connecting', async () => {
    // An unknown type name is a native type since issue 9 (as in ODAC.JS); an enum without values is still an error.
    writeSchema({ 'posts.js': "module.exports = { columns: { id: { type: 'increments' }, state: { type: 'enum' } } };\n" });
    const { code, stdout, stderr } = await odac(['migrate', ...url]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[SCHEMA\.[A-Z_]+\]: .*enum without values/);
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

describe('confirmation before destructive changes', () => {
  const url = ['--driver', 'fake', '--url', 'fake://db'];
  beforeEach(async () => {
    writeSchema({ 'users.js': USERS_WITH_LEGACY });
    await odac(['migrate', ...url]);
    writeSchema({ 'users.js': USERS });
  });
  const dropped = () => db.applied.some((s) => s.sql === 'ALTER TABLE users DROP COLUMN legacy');

  test('on a terminal, migrate shows the plan and asks; yes applies', async () => {
    const { code, stdout } = await odac(['migrate', '--allow-destructive', ...url], { tty: true, env: { NO_COLOR: '1' }, stdin: fakeStdin('y\n', true) });
    expect(code).toBe(0);
    expect(stdout).toContain('- drop column users.legacy\n');
    expect(stdout).toContain('Apply 1 destructive change? The data in it will be lost. [y/N] ');
    expect(stdout).toMatch(/Applied 1 statement in \d+ ms\.\n$/);
    expect(dropped()).toBe(true);
  });

  test('anything but yes (or no answer at all) cancels and changes nothing', async () => {
    for (const answer of ['n\n', '\n', 'yess\n', '']) {
      const { code, stdout } = await odac(['migrate', '--allow-destructive', ...url], { tty: true, stdin: fakeStdin(answer, true) });
      expect(code).toBe(1);
      expect(stdout).toMatch(/\[y\/N\] .*\n?Cancelled: nothing was changed\.\n$/s);
      expect(dropped()).toBe(false);
    }
  });

  test('--yes never asks; a plan without destructive changes never asks', async () => {
    const yes = await odac(['migrate', '--allow-destructive', '-y', ...url], { tty: true, stdin: fakeStdin('', true) });
    expect(yes.code).toBe(0);
    expect(yes.stdout).not.toContain('[y/N]');
    writeSchema({ 'posts.js': POSTS });
    const additive = await odac(['migrate', ...url], { tty: true, stdin: fakeStdin('', true) });
    expect(additive.code).toBe(0);
    expect(additive.stdout).not.toContain('[y/N]');
  });

  test('stdin not a terminal, or --json: an error instead of a question', async () => {
    const piped = await odac(['migrate', '--allow-destructive', ...url], { tty: true, stdin: fakeStdin('y\n', false) });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toMatch(/^error\[CLI\.CONFIRMATION_REQUIRED\]: .*Re-run with --yes/);
    const json = await odac(['migrate', '--allow-destructive', '--json', ...url], { tty: true, stdin: fakeStdin('y\n', true) });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'CLI.CONFIRMATION_REQUIRED', details: { destructive: ['drop column users.legacy'] } } });
    expect(dropped()).toBe(false);
  });
});

describe('--to-url: the desired schema from another database', () => {
  let source: FakeDatabase;
  const importer = () => {
    // One adapter serving two in-memory databases by URL.
    const target = createFakeAdapter(db);
    const from = createFakeAdapter(source);
    const adapter = { ...target, connect: (url: string, options?: ConnectOptions) => (url.endsWith('source') ? from.connect(url, options) : target.connect(url, options)) };
    return importerWith({ '@odac/adapter-fake': { default: adapter } });
  };
  beforeEach(() => {
    source = createFakeDatabase(schema(users, posts, table('sessions', [col('id')])));
    db = createFakeDatabase(schema(table('users', [...users.columns, col('legacy')], { primaryKey: users.primaryKey })));
  });
  const run = (argv: string[], options: RunOptions = {}) => odac([...argv, '--driver', 'fake', '--url', 'fake://target', '--to-url', 'fake://source'], { importModule: importer(), ...options });

  test('plan shows the drift between the two databases, without schema files', async () => {
    const { code, stdout, stderr } = await run(['plan', '--exit-code']);
    expect(stderr).toBe('');
    expect(code).toBe(2);
    expect(stdout).toContain('+ create table posts');
    expect(stdout).toContain('+ create table sessions');
    expect(stdout).toContain('- drop column users.legacy: ');
    expect(source.connectedUrls).toEqual(['fake://source']);
  });

  test('migrate makes one match the other; ignoreTables keeps tables out of both sides', async () => {
    writeFileSync(path.join(dir, 'odac.config.json'), JSON.stringify({ ignoreTables: ['sess*'] }));
    const { code } = await run(['migrate', '--allow-destructive', '--yes']);
    expect(code).toBe(0);
    expect(db.schema.tables.map((t) => t.name)).toEqual(['posts', 'users']);
    expect((await run(['plan', '--exit-code'])).code).toBe(0);
  });

  test('the password of either URL never shows', async () => {
    source.connectError = new Error('refused for fake://u:topsecret@source');
    const { code, stderr } = await odac(['plan', '--driver', 'fake', '--url', 'fake://target', '--to-url', 'fake://u:topsecret@source'], { importModule: importer() });
    expect(code).toBe(1);
    expect(stderr).not.toContain('topsecret');
  });
});

describe('pull', () => {
  const url = ['--driver', 'fake', '--url', 'fake://db'];
  // As MySQL reports what `increments` creates: unsigned keys (the fake adapter keeps unsigned).
  const uint = { kind: 'integer', size: 'regular', unsigned: true } as const;
  const key = col('id', uint, { nullable: false, autoIncrement: true });
  beforeEach(() => {
    db = createFakeDatabase(
      schema(
        table('users', [key, col('name', { kind: 'string', length: 255 })], { primaryKey: { columns: ['id'] } }),
        table('posts', [key, col('user_id', uint)], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['user_id'], 'users', ['id'], 'CASCADE')] }),
      ),
    );
  });

  test('writes one file per table into --out, and checks the round trip', async () => {
    const { code, stdout, stderr } = await odac(['pull', '--out', 'db/schema', ...url]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('Pulled 2 tables from fake into db/schema/:\n  + posts.js\n  + users.js\n\nChecked: these files load and plan no change against the database they came from.\n');
    const text = readFileSync(path.join(dir, 'db', 'schema', 'posts.js'), 'utf8');
    expect(text).toContain("user_id: { type: 'integer', unsigned: true, references: 'users.id', onDelete: 'CASCADE' },");
    // The pulled files are a schema odac can migrate from: nothing to do against the same database.
    expect((await odac(['plan', '--exit-code', '--schema', 'db/schema', ...url])).code).toBe(0);
  });

  test('--ts writes defineTable() files; the default directory is the schema directory', async () => {
    const { code } = await odac(['pull', '--ts', ...url]);
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'schema', 'users.ts'), 'utf8')).toMatch(/^import \{ defineTable \} from '@odac\/core';\n\nexport default defineTable\(\{\n/);
    expect((await odac(['plan', '--exit-code', ...url])).code).toBe(0);
  });

  test('refuses to mix with existing schema files unless --force, which also removes stale ones', async () => {
    writeSchema({ 'users.js': USERS, 'gone.js': POSTS, 'notes.txt': 'keep me' });
    const refused = await odac(['pull', ...url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'error[CLI.BAD_ARGUMENTS]: schema already holds schema files (gone.js, users.js). Pull into an empty directory (--out), or pass --force to replace the schema files there.\n',
    );
    expect(db.connectedUrls).toEqual([]);
    const forced = await odac(['pull', '--force', ...url]);
    expect(forced.code).toBe(0);
    // The deleted file is listed, never removed silently.
    expect(forced.stdout).toContain('- gone.js (deleted by --force: no such table in the database)');
    expect(readdirSync(path.join(dir, 'schema')).sort()).toEqual(['notes.txt', 'posts.js', 'users.js']);
    writeSchema({ 'gone.js': POSTS });
    const json = await odac(['pull', '--force', '--json', ...url]);
    expect(JSON.parse(json.stdout)).toMatchObject({ out: 'schema', deleted: ['gone.js'] });
  });

  test('what cannot be expressed is reported as a warning', async () => {
    db = createFakeDatabase(schema(table('t', [col('id', { kind: 'integer', size: 'regular' }, { nullable: false, autoIncrement: true }), col('a')], { primaryKey: { columns: ['id', 'a'] }, indexes: [{ name: 'expr', columns: [], unique: false, native: 'lower(a)' }] })));
    const { code, stdout } = await odac(['pull', ...url]);
    expect(code).toBe(0);
    expect(stdout).toContain('Warnings (a migrate from these files would not reproduce the database exactly):');
    expect(stdout).toContain('- Column "t"."id" is auto-increment');
    expect(stdout).toContain('migrating a copy from these files would');
    // An expression index is no loss: it is kept verbatim in the file, so no warning names it.
    expect(stdout).not.toContain('expression index');
    expect(readFileSync(path.join(dir, 'schema', 't.js'), 'utf8')).toContain("native: 'lower(a)'");
  });

  test('an empty database writes no files and succeeds; migrate from the empty directory plans nothing', async () => {
    db = createFakeDatabase();
    const { code, stdout, stderr } = await odac(['pull', '--out', 'empty', ...url]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Nothing to pull: the fake database at fake:\/\/db has no tables; no files written to empty\/\./);
    expect(readdirSync(dir).includes('empty') ? readdirSync(path.join(dir, 'empty')) : []).toEqual([]);
    mkdirSync(path.join(dir, 'empty'), { recursive: true });
    const plan = await odac(['plan', '--schema', 'empty', '--json', ...url]);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).operations).toEqual([]);
  });
});
