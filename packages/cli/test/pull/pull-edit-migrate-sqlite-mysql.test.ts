/**
 * Issue 10, acceptance 2, on SQLite and MariaDB (PostgreSQL's is
 * pull-edit-migrate-postgres.test.ts): a database with expression, partial,
 * DESC and prefix indexes, unique keys, a generated column and
 * auto-increment keys is pulled, the files are edited (a column added) and
 * migrated: nothing else changes, judged by the independent catalog dumps.
 * Taking a unique index and an auto-increment out of the files is
 * integrity-destructive: shown, skipped, and done only with
 * `--allow-destructive`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithServer } from '@odac/adapter-testkit';
import { importerWith } from '../helpers/importer.js';
import { runCli, type RunResult } from '../helpers/streams.js';
import { mysqlKind, sqliteKind, type DatabaseKind } from '../support/databases.js';
import { mysqlCatalogDump, type MysqlCatalogDump } from '../support/mysql-catalog.js';
import { sqliteCatalogDump, sqliteRows, type SqliteCatalogDump } from '../support/sqlite-catalog.js';

const NOTHING = { code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' };

interface Pulled {
  readonly url: string;
  /** Runs `odac <argv>` against the database with the pulled directory as the schema. */
  odac(command: 'plan' | 'migrate', ...flags: string[]): Promise<RunResult>;
  /** Rewrites one pulled file. */
  edit(file: string, change: (text: string) => string): void;
}

/** Builds a database with `sql`, pulls it into a temporary directory, runs `steps`, cleans up. */
async function withPulled(kind: DatabaseKind, sql: string, steps: (pulled: Pulled) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'odac-pull-edit-'));
  const db = await kind.create();
  const importModule = importerWith({ [kind.module]: { default: kind.adapter } });
  const out = path.join(dir, 'schema');
  try {
    await kind.exec(db.url, sql);
    const pull = await runCli(['pull', '--url', db.url, '--out', out], { cwd: dir, importModule });
    expect(pull).toMatchObject({ code: 0, stderr: '' });
    await steps({
      url: db.url,
      odac: (command, ...flags) => runCli([command, '--url', db.url, '--schema', out, ...flags], { cwd: dir, importModule }),
      edit: (file, change) => {
        const target = path.join(out, file);
        const before = readFileSync(target, 'utf8');
        const after = change(before);
        expect(after).not.toBe(before);
        writeFileSync(target, after);
      },
    });
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `migrate` on files that no longer have the unique index `index` nor
 * the auto-increment of events.id: both are skipped and shown, the catalog
 * (`dump`) does not change; then runs it with `--allow-destructive`.
 */
async function expectSkippedThenAllowed(db: Pulled, index: string, dump: (url: string) => Promise<unknown>): Promise<void> {
  const before = await dump(db.url);
  const skipped = await db.odac('migrate');
  expect(skipped.code).toBe(0);
  expect(skipped.stdout).toContain('Skipped 2 destructive changes');
  expect(skipped.stdout).toContain(`drop unique index ${index}`);
  expect(skipped.stdout).toMatch(/events\.id/);
  expect(await dump(db.url)).toEqual(before);
  const allowed = await db.odac('migrate', '--allow-destructive', '--yes');
  expect(allowed.code).toBe(0);
}

describe('pull, edit, migrate on SQLite drops nothing without --allow-destructive', () => {
  const kind = sqliteKind();
  const SOURCE = `
    CREATE TABLE accounts (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, name TEXT, deleted_at TEXT);
    CREATE UNIQUE INDEX accounts_lower_email ON accounts (lower(email));
    CREATE INDEX accounts_live ON accounts (name) WHERE deleted_at IS NULL;
    CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER REFERENCES accounts (id), kind TEXT);
    CREATE INDEX events_kind_desc ON events (kind DESC);
    INSERT INTO accounts (email, name) VALUES ('a@example.com', 'a'), ('b@example.com', 'b');
    INSERT INTO events (account_id, kind) VALUES (1, 'login');`;
  const withoutNickname = (d: SqliteCatalogDump) => ({
    ...d,
    tables: d.tables.map((t) => ({ ...t, ncol: undefined })),
    columns: d.columns.filter((c) => c['name'] !== 'nickname'),
  });

  test('a column added to pulled files adds the column and keeps every index and AUTOINCREMENT; removing them needs --allow-destructive', async () => {
    await withPulled(kind, SOURCE, async (db) => {
      const before = await sqliteCatalogDump(db.url);
      expect(before.tables.map((t) => [t['name'], t['autoincrement']])).toEqual([
        ['accounts', true],
        ['events', true],
      ]);

      // Edit 1: a column added. Only that column changes: no rebuild, no index re-made.
      db.edit('accounts.js', (text) => text.replace('columns: {', "columns: {\n    nickname: { type: 'string', length: 40 },"));
      const migrate = await db.odac('migrate');
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toMatch(/\+ add column accounts\.nickname/);
      expect(migrate.stdout).not.toMatch(/drop|rebuild/i);
      const after = await sqliteCatalogDump(db.url);
      expect(withoutNickname(after)).toEqual(withoutNickname(before));
      expect(after.columns.filter((c) => c['table'] === 'accounts').map((c) => c['name'])).toEqual(['id', 'email', 'name', 'deleted_at', 'nickname']);
      expect(await db.odac('plan')).toEqual(NOTHING);

      // Edit 2: the unique expression index and an AUTOINCREMENT taken out of the files: skipped and shown;
      // with --allow-destructive they go (the table rebuilt without AUTOINCREMENT), and the rows stay.
      db.edit('accounts.js', (text) => text.replace(/\{[^{}]*accounts_lower_email[^{}]*\},?\s*/, ''));
      db.edit('events.js', (text) => text.replace("id: { type: 'increments' }", "id: { type: 'integer', primary: true }"));
      await expectSkippedThenAllowed(db, 'accounts_lower_email', sqliteCatalogDump);
      expect(sqliteRows(db.url, 'SELECT id, account_id, kind FROM events')).toEqual([{ id: 1, account_id: 1, kind: 'login' }]);
      const gone = await sqliteCatalogDump(db.url);
      expect(gone.indexes.map((i) => i['name'])).toEqual(['accounts_live', 'events_kind_desc']);
      expect(gone.tables.map((t) => [t['name'], t['autoincrement']])).toEqual([
        ['accounts', true],
        ['events', false],
      ]);
      expect(await db.odac('plan')).toEqual(NOTHING);
    });
  });
});

describeWithServer('mysql', 'pull, edit, migrate on MariaDB drops nothing without --allow-destructive', (server) => {
  const kind = mysqlKind(() => server.url());
  const SOURCE = `
    CREATE TABLE accounts (
      id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
      email varchar(200) NOT NULL,
      name varchar(500),
      created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
      slug varchar(200) AS (lower(email)) PERSISTENT,
      UNIQUE KEY uq_accounts_email (email),
      KEY ix_accounts_name (name(100)),
      KEY ix_accounts_recent (created DESC, id),
      UNIQUE KEY uq_accounts_slug (slug)
    );
    CREATE TABLE events (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, account_id int, CONSTRAINT fk_events_account FOREIGN KEY (account_id) REFERENCES accounts (id));
    INSERT INTO accounts (email, name) VALUES ('a@example.com', 'a'), ('b@example.com', 'b');
    INSERT INTO events (account_id) VALUES (1);`;
  const withoutNickname = (d: MysqlCatalogDump) => ({
    ...d,
    columns: d.columns.filter((c) => c['column'] !== 'nickname'),
    create: { ...d.create, accounts: (d.create['accounts'] ?? '').replace(/\n\s*`nickname` [^\n]*/, '') },
  });

  test('a column added to pulled files adds the column and keeps every key, prefix/DESC index, generated column and AUTO_INCREMENT; removing them needs --allow-destructive', async () => {
    await withPulled(kind, SOURCE, async (db) => {
      const before = await mysqlCatalogDump(db.url);

      // Edit 1: a column added after the last one. Only that column changes.
      db.edit('accounts.js', (text) => text.replace(/(\n {4}slug: [^\n]*\n)/, "$1    nickname: { type: 'string', length: 40 },\n"));
      const migrate = await db.odac('migrate');
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toMatch(/\+ add column accounts\.nickname/);
      expect(migrate.stdout).not.toMatch(/drop/i);
      const after = await mysqlCatalogDump(db.url);
      expect(withoutNickname(after)).toEqual(withoutNickname(before));
      expect(after.columns.filter((c) => c['table'] === 'accounts').map((c) => c['column'])).toEqual(['id', 'email', 'name', 'created', 'slug', 'nickname']);
      expect(await db.odac('plan')).toEqual(NOTHING);

      // Edit 2: a unique key and an AUTO_INCREMENT taken out of the files: skipped and shown;
      // with --allow-destructive they go.
      db.edit('accounts.js', (text) => text.replace("email: { type: 'string', length: 200, nullable: false, unique: true }", "email: { type: 'string', length: 200, nullable: false }"));
      db.edit('events.js', (text) => text.replace("id: { type: 'bigIncrements' }", "id: { type: 'bigInteger', unsigned: true, primary: true }"));
      await expectSkippedThenAllowed(db, 'uq_accounts_email', mysqlCatalogDump);
      const gone = await mysqlCatalogDump(db.url);
      expect(gone.indexes.map((i) => i['name'])).not.toContain('uq_accounts_email');
      expect(gone.columns.find((c) => c['table'] === 'events' && c['column'] === 'id')?.['extra']).toBe('');
      expect(await db.odac('plan')).toEqual(NOTHING);
    });
  });
});
