/**
 * Test helpers: a throwaway database per test file, a tiny `pg` client, and
 * plain-object schemas (no schema loader involved).
 */
import pg from 'pg';
import { uniqueSuffix, type ConformanceTarget, type Row, type ServerHandle, type TestClient, type TestDatabase } from '@odac/adapter-testkit';
import type { Column, ColumnType, ForeignKey, ForeignKeyAction, Index, Table } from '@odac/core';
import adapter from '../src/index.js';

/** The server URL with another database name. */
export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = '/' + database;
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `odac_test_<suffix>`; `drop()` removes it WITH (FORCE). */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `odac_test_${uniqueSuffix()}`.toLowerCase();
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A database and a client on it, made fresh for each test or once for the file. */
export interface DatabaseFixture {
  readonly db: TestDatabase;
  readonly client: PgTestClient;
}

/**
 * Registers the hooks that create a throwaway database (and a client on it)
 * before each test (`'each'`) or once for the file (`'all'`), and drop it after.
 */
export function useDatabase(server: ServerHandle, scope: 'each' | 'all'): DatabaseFixture {
  let db: TestDatabase | undefined;
  let client: PgTestClient | undefined;
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    db = await createTestDatabase(server.url());
    client = await openClient(db.url);
  });
  (scope === 'each' ? afterEach : afterAll)(async () => {
    await client?.close();
    await db?.drop();
    client = undefined;
    db = undefined;
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useDatabase: the ${what} is only available inside tests and hooks`);
    return value;
  };
  return {
    get db() {
      return ready(db, 'database');
    },
    get client() {
      return ready(client, 'client');
    },
  };
}

const q = (name: string): string => '"' + name.replace(/"/g, '""') + '"';

/** A `pg` client shaped like the testkit's `TestClient`, plus `query` for assertions. */
export interface PgTestClient extends TestClient {
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export async function openClient(url: string): Promise<PgTestClient> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async insert(table: string, rows: readonly Row[]) {
      for (const row of rows) {
        const cols = Object.keys(row);
        const sql = `INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
        await client.query(sql, cols.map((c) => row[c]));
      }
    },
    async select(table: string, orderBy?: readonly string[]) {
      let order = orderBy?.map(q);
      if (!order) {
        const cols = await client.query<{ name: string }>(
          `SELECT attname::text AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
          [q(table)],
        );
        // As text, so types without an ordering operator (json, point) can be ordered too.
        order = cols.rows.map((r) => `${q(r.name)}::text`);
      }
      const res = await client.query(`SELECT * FROM ${q(table)}${order.length ? ` ORDER BY ${order.join(', ')}` : ''}`);
      return res.rows.map((r: Record<string, unknown>) => {
        const out: Record<string, string | number | boolean | null> = {};
        for (const [k, v] of Object.entries(r)) {
          out[k] = v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v);
        }
        return out;
      });
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as R[];
    },
    close: () => client.end(),
  };
}

/** What the shared suites run on: a fresh database on the server per test. */
export function pgTarget(server: ServerHandle): ConformanceTarget {
  return { adapter, createDatabase: () => createTestDatabase(server.url()), openClient: (url) => openClient(url) };
}

// ---- plain-object schema builders ----

export const int = (size: 'small' | 'regular' | 'big' = 'regular', unsigned = false): ColumnType =>
  unsigned ? { kind: 'integer', size, unsigned: true } : { kind: 'integer', size };

export function col(name: string, type: ColumnType, extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, ...extra };
}

export const increments = (name = 'id'): Column => ({ name, type: int('regular', true), nullable: false, autoIncrement: true });

export function fk(columns: string[], table: string, refColumns: string[], onDelete: ForeignKeyAction = 'NO ACTION', onUpdate: ForeignKeyAction = 'NO ACTION'): ForeignKey {
  return { columns, references: { table, columns: refColumns }, onDelete, onUpdate };
}

export function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, indexes: [], foreignKeys: [], primaryKey: { columns: ['id'] }, ...extra };
}

export const index = (columns: string[], unique = false, extra: Partial<Index> = {}): Index => ({ columns, unique, ...extra });
