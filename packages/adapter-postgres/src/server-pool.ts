/**
 * Fleets: many schemas of one PostgreSQL database over one pool of
 * sessions. `introspectMany` describes any number of schemas with the same
 * four catalog queries `introspect` runs for one (they take a list of
 * schemas), so a fleet of 1,000 tenant schemas costs four queries to
 * compare, not 4,000.
 */
import pg from 'pg';
import { fleetLocation, poolOptions, pooledSession, escapeRegExp, namespacesMatching, schemasByNamespace, type Connection, type FleetLocation, type Schema, type ServerPool, type ServerPoolOptions, type ConnectOptions } from '@odac/core';
import { PgConnection } from './connection.js';
import { fromRows, type CatalogRows } from './introspect.js';
import { FINGERPRINT_QUERY, readCatalog } from './queries.js';
import { quote } from './quote.js';
import { withoutSslNotice } from './ssl-notice.js';
import { parseUrl } from './url.js';

/**
 * Expressions PostgreSQL prints (defaults, checks, predicates, types) name
 * objects of a schema that is not on the search path as `schema.object`.
 * A single-schema introspection runs with that schema first on the path, so
 * the same text comes back unqualified: strip the prefix to get equal models.
 */
function unqualifier(schema: string, rows: CatalogRows): (text: string) => string {
  // The server's own spelling of the schema (`quote_ident`), where it has a table.
  const forms = [...new Set([quote(schema), rows.tables[0]?.schema_sql ?? quote(schema)])].map(escapeRegExp).join('|');
  const re = new RegExp(`(^|[^A-Za-z0-9_$"])(?:${forms})\\.`, 'g');
  return (text) => (text.includes('.') ? text.replace(re, '$1') : text);
}

/** Names and comments are data, never rendered SQL: left as they are. */
const VERBATIM = new Set(['odac_schema', 'schema_sql', 'table_name', 'name', 'ref_table', 'ref_schema', 'comment']);

/** `rows` with the schema prefix `fix` removes stripped from every rendered text (in place). */
function unqualified(rows: CatalogRows, fix: (text: string) => string): CatalogRows {
  for (const r of Object.values(rows as unknown as Record<string, Record<string, unknown>[]>).flat()) {
    for (const [k, v] of Object.entries(r)) if (typeof v === 'string' && !VERBATIM.has(k)) r[k] = fix(v);
  }
  return rows;
}

/** The server is the database URL without the schema; the namespace is the schema (`options.schemaName` wins). */
export function locate(url: string, options: ConnectOptions = {}): FleetLocation {
  const parsed = parseUrl(url, options);
  return fleetLocation(parsed.connectionString, parsed.schema, parsed.connectionString, (u, schema) => u.searchParams.set('schema', schema));
}

class PgServerPool implements ServerPool {
  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly options: ConnectOptions,
  ) {}

  private connect(): Promise<pg.PoolClient> {
    return pooledSession(() => this.pool.connect(), 'postgres', this.url);
  }

  private async session<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  async listNamespaces(pattern: string): Promise<string[]> {
    const rows = await this.session(async (c) =>
      (await c.query<{ name: string }>(`SELECT nspname::text AS name FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY 1`)).rows,
    );
    return namespacesMatching(rows.map((r) => r.name), pattern);
  }

  async introspectMany(namespaces: readonly string[]): Promise<ReadonlyMap<string, Schema>> {
    // Four sessions at once; each reads with only `public` on the path (see unqualifier()).
    const rows = await readCatalog(
      (sql) =>
        this.session(async (c) => {
          await c.query('SET search_path TO public');
          return (await c.query(sql, [[...namespaces], null])).rows;
        }),
      true,
    );
    return schemasByNamespace(namespaces, rows, (rows, n) => fromRows(n === 'public' ? rows : unqualified(rows, unqualifier(n, rows))));
  }

  async fingerprints(namespaces: readonly string[], via?: Connection): Promise<ReadonlyMap<string, string>> {
    type Row = { name: string; fingerprint: string };
    // Under a target's lock every pooled session may be leased: use the caller's.
    const rows =
      via instanceof PgConnection
        ? await via.query<Row>(FINGERPRINT_QUERY, [[...namespaces]])
        : await this.session(async (c) => (await c.query<Row>(FINGERPRINT_QUERY, [[...namespaces]])).rows);
    const found = new Map(rows.map((r) => [r.name, r.fingerprint] as const));
    return new Map(namespaces.map((n) => [n, found.get(n) ?? 'missing'] as const));
  }

  async lease(namespace: string): Promise<PgConnection> {
    const client = await this.connect();
    try {
      return await PgConnection.onSession(client, parseUrl(this.url, { ...this.options, schemaName: namespace }), () => client.release());
    } catch (e) {
      client.release(true);
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A pool of at most `options.poolSize` sessions to the database of `url`. */
export async function connectServer(url: string, options: ServerPoolOptions): Promise<ServerPool> {
  const { poolSize, connect } = poolOptions(options);
  const parsed = parseUrl(url, connect);
  const pool = withoutSslNotice(() => new pg.Pool({ connectionString: parsed.connectionString, max: poolSize }));
  // An idle session whose server goes away emits 'error'; without a listener that would crash the process.
  pool.on('error', () => undefined);
  return new PgServerPool(pool, url, connect);
}
