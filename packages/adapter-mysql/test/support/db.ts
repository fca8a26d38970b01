/**
 * Test databases on a real server: `odac_test_<suffix>` created on the
 * server of `ODAC_TEST_MYSQL_URL` and dropped afterwards, plus the small
 * client the conformance kit seeds and reads rows with.
 */
import type { ConformanceTarget, Row, TestClient, TestDatabase } from '@odac/adapter-testkit';
import { uniqueSuffix } from '@odac/adapter-testkit';
import { createConnection, type Connection } from 'mysql2/promise';
import adapter, { connectionOptions, quote } from '@odac/adapter-mysql';

/** The server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A raw mysql2 connection to `url` (its database). */
export async function rawConnection(url: string): Promise<Connection> {
  const { database, ...rest } = connectionOptions(url);
  return createConnection({ ...rest, database });
}

/** Creates `odac_test_<suffix>` on the server of `serverUrl`. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `odac_test_${uniqueSuffix()}`.slice(0, 64);
  const admin = await rawConnection(serverUrl);
  try {
    await admin.query(`CREATE DATABASE ${quote(name)}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const conn = await rawConnection(serverUrl);
      try {
        await conn.query(`DROP DATABASE IF EXISTS ${quote(name)}`);
      } finally {
        await conn.end();
      }
    },
  };
}

function plain(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `hex:${value.toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}

/** The conformance kit's client over one mysql2 connection. */
export async function openTestClient(url: string): Promise<TestClient> {
  const conn = await rawConnection(url);
  return {
    async insert(table: string, rows: readonly Row[]) {
      for (const row of rows) {
        const cols = Object.keys(row);
        const sql = `INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
        await conn.query(sql, cols.map((c) => row[c]));
      }
    },
    async select(table: string, orderBy?: readonly string[]) {
      const order = orderBy && orderBy.length > 0 ? ` ORDER BY ${orderBy.map(quote).join(', ')}` : '';
      const [rows] = await conn.query(`SELECT * FROM ${quote(table)}${order}`);
      return (rows as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    },
    async exec(sql: string) {
      await conn.query(sql);
    },
    close: () => conn.end(),
  };
}

/** The conformance target for the server at `serverUrl()`. */
export function mysqlTarget(serverUrl: () => string): ConformanceTarget {
  return {
    adapter,
    createDatabase: () => createTestDatabase(serverUrl()),
    openClient: openTestClient,
  };
}

/** Runs `fn` with a fresh database on the server, dropped afterwards whatever happens. */
export async function withTestDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const db = await createTestDatabase(serverUrl);
  try {
    return await fn(db.url);
  } finally {
    await db.drop();
  }
}

/** Runs one query on `url` and returns its rows. */
export async function query(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const conn = await rawConnection(url);
  try {
    const [rows] = await conn.query(sql, params);
    return rows as Record<string, unknown>[];
  } finally {
    await conn.end();
  }
}
