/**
 * Test helpers: a throwaway database per test file, a tiny `pg` client, and
 * plain-object schemas (no schema loader involved).
 */
import pg from 'pg';
import { uniqueSuffix, type Row, type ServerHandle, type TestClient, type TestDatabase } from '@odac/adapter-testkit';
import type { Column, ColumnType, ForeignKey, ForeignKeyAction, Index, Schema, Table } from '@odac/core';

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

const timestamps = (): Column[] => [
  col('created_at', { kind: 'datetime' }, { default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } }),
  col('updated_at', { kind: 'datetime' }, { default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } }),
];

/** The blog example as the schema loader would describe it. */
export function blogSchema(postsOnDelete: ForeignKeyAction = 'CASCADE'): Schema {
  return {
    tables: [
      table(
        'users',
        [
          increments(),
          col('email', { kind: 'string', length: 255 }, { nullable: false }),
          col('name', { kind: 'string', length: 120 }),
          col('role', { kind: 'enum', values: ['reader', 'author', 'admin'] }, { nullable: false, default: { kind: 'literal', value: 'reader' } }),
          col('active', { kind: 'boolean' }, { nullable: false, default: { kind: 'literal', value: true } }),
          ...timestamps(),
        ],
        { indexes: [index(['email'], true)] },
      ),
      table(
        'posts',
        [
          increments(),
          col('title', { kind: 'string', length: 255 }),
          col('content', { kind: 'text' }),
          col('user_id', int('regular', true)),
          ...timestamps(),
        ],
        { foreignKeys: [fk(['user_id'], 'users', ['id'], postsOnDelete, 'CASCADE')] },
      ),
      table(
        'comments',
        [
          increments(),
          col('post_id', int('regular', true), { nullable: false }),
          col('user_id', int('regular', true)),
          col('parent_id', int('regular', true)),
          col('body', { kind: 'text' }, { nullable: false }),
          ...timestamps(),
        ],
        {
          indexes: [index(['post_id', 'created_at'])],
          foreignKeys: [
            fk(['post_id'], 'posts', ['id'], 'CASCADE'),
            fk(['user_id'], 'users', ['id'], 'SET NULL'),
            fk(['parent_id'], 'comments', ['id'], 'CASCADE'),
          ],
        },
      ),
      table('tags', [increments(), col('slug', { kind: 'string', length: 64 }, { nullable: false }), col('label', { kind: 'string', length: 120 }, { nullable: false })], {
        indexes: [index(['slug'], true)],
      }),
      table(
        'post_tags',
        [
          col('post_id', int('regular', true), { nullable: false }),
          col('tag_id', int('regular', true), { nullable: false }),
          col('position', int('small'), { nullable: false, default: { kind: 'literal', value: 0 } }),
        ],
        {
          primaryKey: { columns: ['post_id', 'tag_id'] },
          foreignKeys: [fk(['post_id'], 'posts', ['id'], 'CASCADE', 'CASCADE'), fk(['tag_id'], 'tags', ['id'], 'CASCADE')],
        },
      ),
    ],
  };
}
