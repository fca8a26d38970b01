/**
 * Test databases on a real SQL Server (`ODAC_TEST_MSSQL_URL`, e.g.
 * `mssql://sa:Passw0rd!@127.0.0.1:1433/master?encrypt=false&trustServerCertificate=true`):
 * `odac_test_<suffix>` created and dropped afterwards, plus the small client
 * the conformance kit seeds and reads rows with.
 *
 * Never run in this repository's CI (no SQL Server there).
 */
import type { ConformanceTarget, Row, TestClient, TestDatabase } from '@odac/adapter-testkit';
import { uniqueSuffix } from '@odac/adapter-testkit';
import adapter, { nstring, parseUrl, quote, TdsClient, type Param, type TypedValue } from '@odac/adapter-mssql';

/** The server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** A raw tedious client on `url` (its database). */
export function rawClient(url: string): Promise<TdsClient> {
  return TdsClient.open(parseUrl(url).config);
}

/** Runs one SQL text on `url` and returns its rows. */
export async function query(url: string, sql: string, params?: Readonly<Record<string, Param>>): Promise<Record<string, unknown>[]> {
  const client = await rawClient(url);
  try {
    return await client.query(sql, params);
  } finally {
    await client.close();
  }
}

/** Creates `odac_test_<suffix>` on the server of `serverUrl`. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `odac_test_${uniqueSuffix()}`.slice(0, 128);
  const master = withDatabase(serverUrl, 'master');
  await query(master, `CREATE DATABASE ${quote(name)}`);
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      await query(
        master,
        `IF DB_ID(${nstring(name)}) IS NOT NULL BEGIN ALTER DATABASE ${quote(name)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${quote(name)}; END`,
      );
    },
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

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A value as the conformance kit compares it: dates in the text form they were seeded with, GUIDs lower-case. */
export function plainValue({ value, type }: TypedValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
    // tedious names the TDS types Date, Time, DateTime2, DateTimeOffset (…N in some versions).
    const kind = type.replace(/N$/, '');
    if (kind === 'Date') return date;
    if (kind === 'Time') return time;
    if (kind === 'DateTimeOffset') return value.toISOString();
    return `${date} ${time}`;
  }
  if (Buffer.isBuffer(value)) return `hex:${value.toString('hex')}`;
  if (type === 'UniqueIdentifier' && typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The conformance kit's client over one tedious connection. */
export async function openTestClient(url: string): Promise<TestClient> {
  const client = await rawClient(url);
  const identityColumns = async (table: string): Promise<Set<string>> => {
    const rows = await client.query<{ name: string }>('SELECT name FROM sys.identity_columns WHERE object_id = OBJECT_ID(@t)', { t: quote(table) });
    return new Set(rows.map((r) => r.name));
  };
  return {
    async insert(table: string, rows: readonly Row[]) {
      const identity = await identityColumns(table);
      for (const row of rows) {
        const cols = Object.keys(row);
        const params: Record<string, Param> = {};
        cols.forEach((c, i) => (params[`p${i}`] = row[c] ?? null));
        const insert = `INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map((_, i) => `@p${i}`).join(', ')})`;
        // Seeds give explicit ids; an IDENTITY column takes them only with IDENTITY_INSERT on.
        const explicit = cols.some((c) => identity.has(c));
        const sql = explicit ? `SET IDENTITY_INSERT ${quote(table)} ON; ${insert}; SET IDENTITY_INSERT ${quote(table)} OFF;` : insert;
        await client.query(sql, params);
      }
    },
    async select(table: string, orderBy?: readonly string[]) {
      const order = orderBy && orderBy.length > 0 ? ` ORDER BY ${orderBy.map(quote).join(', ')}` : '';
      const rows = await client.queryTyped(`SELECT * FROM ${quote(table)}${order}`);
      return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plainValue(v)])));
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    close: () => client.close(),
  };
}

/** The conformance target for the server at `serverUrl()`. */
export function mssqlTarget(serverUrl: () => string): ConformanceTarget {
  return {
    adapter,
    createDatabase: () => createTestDatabase(serverUrl()),
    openClient: openTestClient,
  };
}
