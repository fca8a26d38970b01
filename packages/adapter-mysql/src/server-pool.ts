/**
 * Fleets: many databases of one MySQL/MariaDB server over one pool of
 * sessions. `introspectMany` describes any number of databases with the
 * same catalog queries `introspect` runs for one (`TABLE_SCHEMA = DATABASE()`
 * widened to `TABLE_SCHEMA IN (…)`), so 200 tenant databases cost five
 * queries to compare, not 1,000.
 */
import { connectionError, fleetLocation, poolOptions, pooledSession, namespacesMatching, schemasByNamespace, type ConnectOptions, type FleetLocation, type Schema, type ServerPool, type ServerPoolOptions } from '@odac/core';
import { createPool, type Pool } from 'mysql2/promise';
import { MysqlConnection, prepareSession, textRow } from './connection.js';
import { fromRows } from './introspect.js';
import { SERVER_VERSION_SQL, readCatalog } from './queries.js';
import { serverInfoOf, type ServerInfo } from './server.js';
import { quote } from './sql.js';
import { connectionOptions } from './url.js';

type Row = Record<string, unknown>;

const SCHEMA_FILTER = /(\w+)\.(TABLE_SCHEMA|CONSTRAINT_SCHEMA) = DATABASE\(\)/;

/** One introspection query over `?` = a list of databases, each row tagged `odac_schema`. */
export function widenToDatabases(sql: string): string {
  const m = SCHEMA_FILTER.exec(sql);
  const select = sql.indexOf('SELECT ');
  // The single-database queries changed shape: fail loudly rather than describe the wrong databases.
  if (!m || select < 0 || SCHEMA_FILTER.exec(sql.slice(m.index + m[0].length))) {
    throw new Error(`adapter-mysql server-pool.ts: cannot widen a catalog query to many databases (expected one "x.TABLE_SCHEMA = DATABASE()"); update widenToDatabases(). Query: ${sql.trim().slice(0, 120)}`);
  }
  const column = `${m[1]}.${m[2]}`;
  const filtered = sql.slice(0, m.index) + `${column} IN (?)` + sql.slice(m.index + m[0].length);
  return filtered.slice(0, select) + `SELECT ${column} AS odac_schema, ` + filtered.slice(select + 'SELECT '.length);
}

const SYSTEM_DATABASES = new Set(['information_schema', 'performance_schema', 'mysql', 'sys']);

function serverKey(url: string): string {
  const u = new URL(url);
  u.pathname = '/';
  u.hash = '';
  u.searchParams.sort();
  return u.toString();
}

/** The server is the URL without the database; the namespace is the database (`options.schemaName` wins). */
export function locate(url: string, options: ConnectOptions = {}): FleetLocation {
  const namespace = options.schemaName ?? connectionOptions(url).database;
  return fleetLocation(serverKey(url), namespace, url, (u, database) => {
    u.pathname = `/${encodeURIComponent(database)}`;
  });
}

class MysqlServerPool implements ServerPool {
  /** Driver sessions already given odac's session settings (a pooled session keeps them). */
  private readonly prepared = new WeakSet<object>();

  constructor(
    private readonly pool: Pool,
    private readonly server: ServerInfo,
    private readonly url: string,
    private readonly options: ConnectOptions,
  ) {}

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    const [rows] = await this.pool.query(sql, params);
    return (rows as Row[]).map(textRow);
  }

  async listNamespaces(pattern: string): Promise<string[]> {
    const rows = await this.rows('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME');
    return namespacesMatching(rows.map((r) => String(r['name'])).filter((n) => !SYSTEM_DATABASES.has(n)), pattern);
  }

  async introspectMany(namespaces: readonly string[]): Promise<ReadonlyMap<string, Schema>> {
    if (namespaces.length === 0) return new Map();
    const rows = await readCatalog(this.server, (sql) => this.rows(widenToDatabases(sql), [[...namespaces]]));
    return schemasByNamespace(namespaces, rows, (r) => fromRows(r, this.server.flavor));
  }

  async lease(namespace: string): Promise<MysqlConnection> {
    const conn = await pooledSession(() => this.pool.getConnection(), 'mysql', this.url);
    try {
      const session = (conn as unknown as { connection?: object }).connection ?? conn;
      if (!this.prepared.has(session)) {
        await prepareSession(conn, this.options);
        this.prepared.add(session);
      }
      await conn.query(`USE ${quote(namespace)}`);
      return MysqlConnection.onSession(conn, this.server, namespace, this.options, () => conn.release());
    } catch (cause) {
      conn.release();
      throw connectionError('mysql', locate(this.url).urlFor(namespace), cause);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A pool of at most `options.poolSize` sessions to the server of `url` (its database is not needed). */
export async function connectServer(url: string, options: ServerPoolOptions): Promise<ServerPool> {
  const { poolSize, connect } = poolOptions(options);
  const { database: _database, ...config } = connectionOptions(url);
  const pool = createPool({ ...config, connectionLimit: poolSize, waitForConnections: true });
  try {
    const [rows] = await pool.query(SERVER_VERSION_SQL);
    const server = serverInfoOf(textRow((rows as Row[])[0] ?? {}));
    return new MysqlServerPool(pool, server, url, connect);
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw connectionError('mysql', url, cause);
  }
}
