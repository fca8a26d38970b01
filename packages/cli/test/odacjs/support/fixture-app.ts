/**
 * Issue 9, acceptance 1: an app laid out as ODAC.JS documents it, migrated
 * by the built `odac` with no flags at all. odac.json names two connections
 * whose values come from `${ENV}` (the environment and .env); schema/*.js
 * belong to the default connection and schema/analytics/*.js to the other;
 * the tables use a nanoid key, enum, boolean, decimal, float, json,
 * timestamps and specificType, with seeds (seedKey); migration/ holds a data
 * migration file. The second run does nothing, seed rows exist once, the
 * migration file ran once, and migrate:rollback undoes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RowValue } from '@odac/core';
import type { DatabaseKind, ThrowawayDatabase } from '../../support/databases.js';

const BIN = path.resolve(__dirname, '..', '..', '..', 'dist', 'bin.js');

export const USERS = `// The default connection's users, as an ODAC.JS app writes them.
module.exports = {
  columns: {
    id: { type: 'nanoid', primary: true },
    email: { type: 'string', length: 190, nullable: false, unique: true },
    role: { type: 'enum', values: ['admin', 'member'], default: 'member' },
    active: { type: 'boolean', default: true },
    balance: { type: 'decimal' },
    score: { type: 'float', precision: 8, scale: 2, nullable: true },
    settings: { type: 'json', nullable: true },
    timestamps: { type: 'timestamps' },
  },
  seed: [
    { email: 'admin@example.com', role: 'admin', balance: 10.5, settings: { theme: 'dark' } },
    { email: 'member@example.com', balance: 0 },
  ],
  seedKey: 'email',
};
`;

export const POSTS = `module.exports = {
  columns: {
    id: { type: 'increments' },
    user_id: { type: 'string', length: 21, nullable: false, references: { table: 'users', column: 'id' }, onDelete: 'cascade' },
    title: { type: 'string', nullable: false },
    body: { type: 'text', nullable: true },
    client_ip: { type: 'specificType', specificType: 'varchar(45)', nullable: true },
    timestamps: { type: 'timestamps' },
  },
  indexes: [{ columns: ['user_id', 'title'] }],
};
`;

export const EVENTS = `module.exports = {
  columns: {
    id: { type: 'bigIncrements' },
    name: { type: 'string', length: 100, nullable: false },
    payload: { type: 'json', nullable: true },
    occurred_at: { type: 'datetime', nullable: true },
  },
  seed: [{ name: 'app.installed', payload: { version: 1 } }],
  seedKey: 'name',
};
`;

/**
 * A data migration of the default connection (knex, as ODAC.JS apps write
 * them). It runs after the schema sync and before the seeds, so it brings
 * its own row rather than relying on a seeded one.
 */
export const IMPORT_MIGRATION = `module.exports = {
  async up(db) {
    await db('users').insert({ id: 'imported0000000000001', email: 'imported@example.com', role: 'member', balance: 1.25 });
  },
  async down(db) {
    await db('users').where({ email: 'imported@example.com' }).del();
  },
};
`;

export interface FixtureDatabases {
  /** The `database` object of odac.json (with `${ENV}` references). */
  readonly database: Record<string, Record<string, string>>;
  /** Variables put in the process environment. */
  readonly env: Record<string, string>;
  /** Lines of `.env`. */
  readonly dotenv: Record<string, string>;
}

export interface FixtureApp {
  readonly dir: string;
  odac(...args: string[]): { code: number | null; stdout: string; stderr: string };
  cleanup(): void;
}

/** Writes the app and returns a runner of the built `odac` in its directory (no flags added). */
export function fixtureApp(dbs: FixtureDatabases): FixtureApp {
  const dir = mkdtempSync(path.join(tmpdir(), 'odac-fixture-app-'));
  mkdirSync(path.join(dir, 'schema', 'analytics'), { recursive: true });
  mkdirSync(path.join(dir, 'migration'));
  mkdirSync(path.join(dir, 'storage'));
  writeFileSync(path.join(dir, 'odac.json'), JSON.stringify({ name: 'fixture-app', server: { port: 3000 }, database: dbs.database }, null, 2));
  writeFileSync(path.join(dir, '.env'), Object.entries(dbs.dotenv).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  writeFileSync(path.join(dir, 'schema', 'users.js'), USERS);
  writeFileSync(path.join(dir, 'schema', 'posts.js'), POSTS);
  writeFileSync(path.join(dir, 'schema', 'analytics', 'events.js'), EVENTS);
  writeFileSync(path.join(dir, 'migration', '20240101000000_import_users.js'), IMPORT_MIGRATION);
  return {
    dir,
    odac(...args) {
      const env = { PATH: process.env['PATH'], HOME: process.env['HOME'], NO_COLOR: '1', ...dbs.env };
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
      if (r.error) throw r.error;
      return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^\[\d+\/\d+ [\dms.]+\] \S+\n/gm, '') };
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows of `columns`, sorted by the first. */
export async function rows(kind: DatabaseKind, url: string, table: string, columns: readonly string[]): Promise<RowValue[][]> {
  const conn = await kind.adapter.connect(url);
  try {
    if (!conn.readRows) throw new Error(`${kind.name} cannot read rows`);
    const [found = []] = await conn.readRows([{ table, columns }]);
    return [...found].map((r) => [...r]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  } finally {
    await conn.close();
  }
}

export async function tableNames(kind: DatabaseKind, url: string): Promise<string[]> {
  const conn = await kind.adapter.connect(url);
  try {
    return (await conn.introspect()).tables.map((t) => t.name).sort();
  } finally {
    await conn.close();
  }
}

/** The scenario, for one kind of database; `databases` makes the two connections' databases. */
export function fixtureAppSuite(kind: DatabaseKind, databases: (main: ThrowawayDatabase, analytics: ThrowawayDatabase) => FixtureDatabases & { mainUrl: string; analyticsUrl: string }): void {
  let main: ThrowawayDatabase;
  let analytics: ThrowawayDatabase;
  let app: FixtureApp;
  let urls: { mainUrl: string; analyticsUrl: string };
  const history = async (): Promise<RowValue[][]> => rows(kind, urls.mainUrl, '_odac_migrations', ['name', 'connection', 'type']);

  beforeAll(async () => {
    main = await kind.create();
    analytics = await kind.create();
    const dbs = databases(main, analytics);
    urls = dbs;
    app = fixtureApp(dbs);
  });
  afterAll(async () => {
    app.cleanup();
    await main.drop();
    await analytics.drop();
  });

  test('odac migrate with no flags builds both connections from their folders and seeds them', async () => {
    const first = app.odac('migrate');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Connection "default" \(/m);
    expect(first.stdout).toMatch(/^Connection "analytics" \(/m);
    expect(first.stdout.indexOf('Connection "default"')).toBeLessThan(first.stdout.indexOf('Connection "analytics"'));
    // Passwords never reach the output.
    if (/:[^@/]+@/.test(urls.mainUrl)) expect(first.stdout).not.toContain(new URL(urls.mainUrl).password);

    expect(await tableNames(kind, urls.mainUrl)).toEqual(expect.arrayContaining(['posts', 'users']));
    expect((await tableNames(kind, urls.mainUrl)).filter((t) => t === 'events')).toEqual([]);
    expect((await tableNames(kind, urls.analyticsUrl)).filter((t) => !t.startsWith('_odac'))).toEqual(['events']);

    const users = await rows(kind, urls.mainUrl, 'users', ['email', 'role', 'id']);
    expect(users.map((r) => r.slice(0, 2))).toEqual([
      ['admin@example.com', 'admin'],
      ['imported@example.com', 'member'],
      ['member@example.com', 'member'],
    ]);
    // nanoid keys generated on insert: 21 URL-safe characters.
    for (const r of users) expect(String(r[2])).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect((await rows(kind, urls.analyticsUrl, 'events', ['name'])).map((r) => r[0])).toEqual(['app.installed']);
    // The migration file ran once and is recorded as ODAC.JS records it.
    expect(await history()).toEqual([['20240101000000_import_users.js', 'default', 'file']]);
  });

  test('the second run does nothing: no schema change, no seed write, same rows', async () => {
    const before = await rows(kind, urls.mainUrl, 'users', ['email', 'id', 'updated_at']);
    const status = app.odac('migrate:status', '--exit-code');
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    const again = app.odac('migrate', '--json');
    expect(again.code).toBe(0);
    const json = JSON.parse(again.stdout) as { connections: { connection: string; operations: unknown[]; applied: number }[] };
    expect(json.connections.map((c) => [c.connection, c.operations.length, c.applied])).toEqual([
      ['default', 0, 0],
      ['analytics', 0, 0],
    ]);
    expect(await rows(kind, urls.mainUrl, 'users', ['email', 'id', 'updated_at'])).toEqual(before);
    expect(await rows(kind, urls.analyticsUrl, 'events', ['name'])).toHaveLength(1);
    expect(await history()).toHaveLength(1);
    expect(status.stdout).toContain('none pending');
  });

  test('migrate:rollback undoes the migration file; the next migrate runs it again, once', async () => {
    const back = app.odac('migrate:rollback');
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    const emails = async (): Promise<string[]> => (await rows(kind, urls.mainUrl, 'users', ['email'])).map((r) => String(r[0]));
    expect(await emails()).toEqual(['admin@example.com', 'member@example.com']);
    expect(await history()).toEqual([]);
    const again = app.odac('migrate');
    expect(again.code).toBe(0);
    expect(await emails()).toEqual(['admin@example.com', 'imported@example.com', 'member@example.com']);
    expect(await history()).toHaveLength(1);
  });

  test('--db=analytics runs that connection alone', async () => {
    const one = app.odac('migrate:status', '--db=analytics');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Connection "analytics"');
    expect(one.stdout).not.toContain('Connection "default"');
  });
}

