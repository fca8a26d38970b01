/**
 * The live connection: the only stateful piece of the adapter. One mysql2
 * connection (not a pool), because `GET_LOCK` belongs to a session.
 */
import { boundedRead, holdingLock, migratorLockTimeout, onlyTables, readRowQueries, connectionError, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_QUERY_TIMEOUT_MS, timeoutError, runPreflight, shortHash, SchemaValidationError, defineCapabilities } from '@odac/core';
import type { ApplyOptions, CanonicalExpressions, Capabilities, Column, Connection, ConnectOptions, IntrospectOptions, PreflightCheck, PreflightFailure, RowQuery, RowValue, Schema, Statement } from '@odac/core';
import { randomUUID } from 'node:crypto';
import { createConnection, type Connection as DriverConnection } from 'mysql2/promise';
import { runStatements, type MysqlApplyResult } from './apply.js';
import { capabilities as adapterCapabilities } from './capabilities.js';
import { COLLATION_DEFAULTS_SQL, namesCollations, resolveCollations, type CollationRow } from './collation.js';
import { mariadbGeneratedProblems } from './validate.js';
import { fromRows } from './introspect.js';
import { fitIdentifier } from './naming.js';
import { preflightSql } from './preflight.js';
import { FINGERPRINT_SQL, GET_LOCK_SQL, RELEASE_LOCK_SQL, SERVER_VERSION_SQL, readCatalog } from './queries.js';
import { serverInfoOf, type ServerInfo } from './server.js';
import { literal, quote } from './sql.js';
import { connectionOptions } from './url.js';

/** Default wait for the migrator lock. */
export const DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS = 300_000;

type Row = Record<string, unknown>;

/** Catalog values can arrive as Buffers (binary collations on MySQL 8): make them text. */
export function textRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k.toLowerCase()] = Buffer.isBuffer(v) ? v.toString('utf8') : v;
  return out;
}

/** The name of the migrator lock: one per database, within the 64 characters GET_LOCK allows. */
export function migratorLockName(database: string): string {
  const name = `odac_migrate:${database}`;
  return name.length <= 64 ? name : fitIdentifier(`odac_migrate:${shortHash(database)}:${database}`, 64);
}

const MISSING_OBJECT = new Set(['ER_NO_SUCH_TABLE', 'ER_BAD_FIELD_ERROR']);

/** mysql2's codes for a connection the server (or the network) closed under it. */
const LOST = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE']);

/** mysql2's error code when a query's `timeout` expires (it then destroys the connection). */
function isQueryTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'PROTOCOL_SEQUENCE_TIMEOUT';
}

export class MysqlConnection implements Connection {
  /** Set when a catalog query timed out: `close()` must not wait for the server. */
  private stalled = false;

  /** The adapter's capabilities, with table names case-insensitive where `lower_case_table_names` says so. */
  readonly capabilities: Capabilities;

  private constructor(
    private readonly conn: DriverConnection,
    /** MySQL or MariaDB, and which version: read once at connect. */
    readonly server: ServerInfo,
    readonly database: string,
    private readonly options: ConnectOptions,
    /** Gives a pooled session back instead of ending it (fleets). */
    private readonly release?: () => void,
  ) {
    this.capabilities = (server.lowerCaseTableNames ?? 0) > 0 ? defineCapabilities({ ...adapterCapabilities, caseInsensitiveTables: true }) : adapterCapabilities;
  }

  /** A connection over a pooled session already prepared and switched to `database` (see server-pool.ts). */
  static onSession(conn: DriverConnection, server: ServerInfo, database: string, options: ConnectOptions, release: () => void): MysqlConnection {
    return new MysqlConnection(conn, server, database, options, release);
  }

  /** Connects, reads the server version and prepares the session. */
  static async open(url: string, options: ConnectOptions = {}): Promise<MysqlConnection> {
    const parsed = connectionOptions(url);
    const connectTimeoutMs = options.connectTimeoutMs ?? parsed.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const config = { ...parsed, connectTimeout: connectTimeoutMs };
    let conn: DriverConnection;
    try {
      conn = await createConnection(config);
    } catch (cause) {
      if ((cause as { code?: unknown }).code === 'ETIMEDOUT') throw timeoutError('MySQL/MariaDB', url, 'connect', connectTimeoutMs, cause);
      throw connectionError('mysql', url, cause);
    }
    try {
      const [rows] = await conn.query({ sql: SERVER_VERSION_SQL, timeout: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS });
      const first = textRow((rows as Row[])[0] ?? {});
      const server = serverInfoOf(first);
      await prepareSession(conn, options);
      return new MysqlConnection(conn, server, config.database, options);
    } catch (cause) {
      if (isQueryTimeout(cause)) {
        conn.destroy();
        throw timeoutError('MySQL/MariaDB', url, 'query', options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS, cause);
      }
      await conn.end().catch(() => undefined);
      throw connectionError('mysql', url, cause);
    }
  }

  private async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const [rows] = await this.conn.query(sql, params);
    return (rows as Row[]).map(textRow) as T[];
  }

  /**
   * A catalog read bounded by `queryTimeoutMs`: a server that stopped
   * answering must not hang a boot forever.
   */
  private async catalog<T>(sql: string): Promise<T[]> {
    const timeoutMs = this.options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    return boundedRead(async () => ((await this.conn.query({ sql, timeout: timeoutMs }))[0] as Row[]).map(textRow) as T[], {
      adapter: 'MySQL/MariaDB',
      address: this.address(),
      timeoutMs,
      timedOut: isQueryTimeout,
      lost: (cause) => LOST.has(String((cause as { code?: unknown } | null)?.code)),
      stalled: () => void (this.stalled = true),
    });
  }

  /** The server's address for messages (no credentials). */
  private address(): string {
    return `mysql://${this.conn.config.host ?? 'localhost'}:${this.conn.config.port ?? 3306}/${encodeURIComponent(this.database)}`;
  }

  /**
   * One catalog query whose answer changes with any DDL on the database's
   * tables (MariaDB): every `CREATE`/`ALTER`/`RENAME TABLE` and `CREATE`/
   * `DROP INDEX` writes or renames the table's `.frm` file, whose change
   * time MariaDB reports as `CREATE_TIME` (even for an instant `ALTER`), and
   * a `DROP TABLE` lowers the count. The time has whole seconds only, so
   * while the newest definition is under two seconds old (another change
   * could still land in the same second) the token is one that never
   * repeats: migrate then plans again under the lock, as it does on MySQL 8,
   * whose data dictionary keeps no such time for an `ALTER`.
   */
  async fingerprint(): Promise<string> {
    const changing = `changing ${randomUUID()}`;
    if (this.server.flavor !== 'mariadb') return changing;
    const [row] = await this.catalog<{ tables: string; newest: string | null; unknown: string | null; now: string }>(FINGERPRINT_SQL);
    if (row === undefined) return changing;
    const newest = Number(row.newest ?? 0);
    if (Number(row.unknown ?? 0) > 0 || newest >= Number(row.now) - 2) return changing;
    return `${row.tables} ${newest}`;
  }

  /** Refuses what this server cannot build though the other flavor can (see `validate.ts`). */
  /** Column collations as this server resolves them (`collation.ts`); no query when no column names one. */
  async canonicalExpressions(desired: Schema, live?: Schema): Promise<CanonicalExpressions> {
    return namesCollations(desired) ? resolveCollations(desired, await this.catalog<CollationRow>(COLLATION_DEFAULTS_SQL), live) : new Map();
  }

  async validateDesired(desired: Schema): Promise<void> {
    if (this.server.flavor !== 'mariadb') return;
    const problems = mariadbGeneratedProblems(desired);
    if (problems.length > 0) throw new SchemaValidationError(problems);
  }

  /** Five catalog queries (four before MySQL 8.0.16), whatever the number of tables. */
  async introspect(options: IntrospectOptions = {}): Promise<Schema> {
    const schema = await this.exactDefaults(fromRows(await readCatalog(this.server, (sql) => this.catalog(sql)), this.server.flavor));
    return onlyTables(schema, options.tables);
  }

  /**
   * MariaDB reports metadata in utf8mb3 (`character_set_system`): a default
   * holding a 4-byte character (`'ünï 😀'`) comes back from
   * information_schema and SHOW CREATE TABLE as `'ünï ?'`, although the
   * column keeps the real value. Text defaults that contain `?` are read
   * again through `DEFAULT(col)` on this utf8mb4 connection, one query per
   * such table (none in the usual schema), so the comparison sees what the
   * column really holds.
   */
  private async exactDefaults(schema: Schema): Promise<Schema> {
    const suspect = (c: Column): boolean => c.default?.kind === 'literal' && typeof c.default.value === 'string' && c.default.value.includes('?');
    const tables = await Promise.all(
      schema.tables.map(async (table) => {
        const columns = table.columns.filter(suspect);
        if (columns.length === 0) return table;
        const list = columns.map((c, i) => `DEFAULT(t.${quote(c.name)}) AS d${i}`).join(', ');
        const [row] = await this.catalog<Record<string, unknown>>(`SELECT ${list} FROM (SELECT 1) AS one LEFT JOIN ${quote(table.name)} AS t ON FALSE`);
        const exact = new Map(columns.map((c, i) => [c.name, row?.[`d${i}`]] as const));
        return {
          ...table,
          columns: table.columns.map((c) => {
            const value = exact.get(c.name);
            return typeof value === 'string' ? { ...c, default: { kind: 'literal' as const, value } } : c;
          }),
        };
      }),
    );
    return { ...schema, tables };
  }

  async preflight(checks: readonly PreflightCheck[]): Promise<readonly PreflightFailure[]> {
    return runPreflight(checks, {
      sql: preflightSql,
      count: async (sql) => Number((await this.rows<{ n: unknown }>(sql))[0]?.n ?? 0),
      missingObject: (error) => MISSING_OBJECT.has(String((error as { code?: unknown }).code)),
    });
  }

  /** Rows in the server's text form (booleans 0/1, decimals padded, JSON as text), each aligned with the query's columns. */
  async readRows(queries: readonly RowQuery[]): Promise<RowValue[][][]> {
    const typeCast = (field: { string(): string | null }): string | null => field.string();
    return readRowQueries(queries, { quote, literal }, async (sql) => (await this.conn.query({ sql, rowsAsArray: true, typeCast }))[0] as RowValue[][]);
  }

  apply(statements: readonly Statement[], options: ApplyOptions = {}): Promise<MysqlApplyResult> {
    return runStatements({ execute: async (sql) => void (await this.conn.query(sql)) }, statements, options);
  }

  /**
   * Holds `GET_LOCK` for this database while `fn` runs: concurrent
   * migrators wait, then find nothing left to do. Fails with
   * `APPLY.LOCK_TIMEOUT` after `migratorLockTimeoutMs`.
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const name = migratorLockName(this.database);
    const timeoutMs = this.options.migratorLockTimeoutMs ?? DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS;
    const [row] = await this.rows<{ acquired: unknown }>(GET_LOCK_SQL, [name, Math.max(0, Math.ceil(timeoutMs / 1000))]);
    if (row === undefined || row.acquired === null || Number(row.acquired) !== 1) {
      throw migratorLockTimeout(`database "${this.database}" (GET_LOCK('${name}'))`, Math.ceil(timeoutMs / 1000) * 1000, { lock: name, timeoutMs });
    }
    return holdingLock(fn, () => this.rows(RELEASE_LOCK_SQL, [name]));
  }

  async close(): Promise<void> {
    if (this.stalled) {
      // The session may still be busy on the server; end() would wait for it, so drop the socket.
      this.conn.destroy();
      return;
    }
    if (this.release) this.release();
    else await this.conn.end();
  }
}

/**
 * Session settings odac relies on: backslash escapes on (how `literal()`
 * writes strings), explicit timestamp defaults (no implicit
 * `DEFAULT CURRENT_TIMESTAMP ON UPDATE …` on the first timestamp column),
 * and the table lock timeout.
 */
export async function prepareSession(conn: DriverConnection, options: ConnectOptions): Promise<void> {
  const [rows] = await conn.query('SELECT @@SESSION.sql_mode AS mode');
  const mode = String(textRow((rows as Row[])[0] ?? {})['mode'] ?? '');
  const modes = mode.split(',').filter((m) => m && m !== 'NO_BACKSLASH_ESCAPES');
  if (modes.length !== mode.split(',').filter(Boolean).length) await conn.query('SET SESSION sql_mode = ?', [modes.join(',')]);
  // Read-only or absent on some versions; with it off, emitted timestamps still say NULL/DEFAULT explicitly.
  await conn.query('SET SESSION explicit_defaults_for_timestamp = ON').catch(() => undefined);
  if (options.lockTimeoutMs !== undefined) {
    await conn.query('SET SESSION lock_wait_timeout = ?', [Math.max(1, Math.ceil(options.lockTimeoutMs / 1000))]);
  }
}
