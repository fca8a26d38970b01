/**
 * The live connection: introspection, preflight, transactional apply and the
 * migrator lock, over one `pg` client. Every SQL text goes through `query()`.
 */
import pg from 'pg';
import {
  boundedRead,
  connectionError,
  holdingLock,
  migratorLockTimeout,
  readRowQueries,
  statementFailed,
  transactionFailed,
  OdacError,
  timeoutError,
  runPreflight,
  SchemaValidationError,
  shortHash,
  type ApplyError,
  type ApplyOptions,
  type ApplyResult,
  type CanonicalExpressions,
  type Connection,
  type ConnectOptions,
  type IntrospectOptions,
  type PreflightCheck,
  type PreflightFailure,
  type RowQuery,
  type RowValue,
  type Schema,
  type Statement,
} from '@odac/core';
import { canonicalExpressions } from './canonicalize.js';
import { versionProblems } from './server-version.js';
import { fromRows, type CatalogRows } from './introspect.js';
import { preflightSql } from './preflight.js';
import { FINGERPRINT_QUERY, INVALID_INDEX_QUERY, LOCK_ORDER_QUERY, LOCK_QUERY, readCatalog, UNLOCK_QUERY, XACT_LOCK_QUERY } from './queries.js';
import { literal, qualified, quote, searchPath } from './quote.js';
import { parseUrl, type ResolvedOptions } from './url.js';
import { lockOrder, referenceGraph, wantedLocks } from './lock-order.js';
import { roundTrips } from './batchable.js';
import { withoutSslNotice } from './ssl-notice.js';

/** `lock_not_available`: lock_timeout expired. */
const LOCK_TIMEOUT = '55P03';
const UNDEFINED_TABLE = '42P01';
const UNDEFINED_COLUMN = '42703';

/** The advisory lock key: one class for odac's migrator, one object per schema. */
export function lockKey(schema: string): [number, number] {
  return [Number.parseInt(shortHash('odac_migrate'), 16) | 0, Number.parseInt(shortHash(schema), 16) | 0];
}

interface PgError {
  readonly code?: string;
  readonly message?: string;
  readonly detail?: string;
  readonly hint?: string;
}

function pgError(e: unknown): PgError {
  return typeof e === 'object' && e !== null ? (e as PgError) : { message: String(e) };
}

function describeError(e: unknown): string {
  const err = pgError(e);
  return [err.message ?? String(e), err.detail ? `Detail: ${err.detail}` : '', err.hint ? `Hint: ${err.hint}` : ''].filter(Boolean).join(' ');
}


/** pg's messages when `connectionTimeoutMillis` or a `query_timeout` expires. */
const CONNECT_TIMED_OUT = /timeout expired|connection timeout/i;
const QUERY_TIMED_OUT = /Query read timeout/;
const CONNECTION_GONE = /Connection terminated|ECONNRESET|EPIPE|not queryable|socket/i;

/** The server's address for timeout messages (no credentials). */
function address(options: ResolvedOptions): string {
  return `postgres://${options.host}:${options.port}/${encodeURIComponent(options.database)}`;
}

/**
 * Catalog functions (`pg_get_indexdef`, `format_type`, `pg_get_expr`) read
 * the live catalog, not the query's snapshot: while another session's DDL
 * commits (another migrator booting at the same moment), they can fail with
 * "cache lookup failed for attribute 1 of relation 72823" (XX000). The
 * answer is transient, so introspection is simply asked again.
 */
const CATALOG_RACE = /cache lookup failed|could not open relation with OID|could not find tuple/;

async function retryCatalogRace<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (e) {
      const err = pgError(e);
      if (attempt >= 5 || err.code !== 'XX000' || !CATALOG_RACE.test(err.message ?? '')) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/** A round trip of several statements failed; the transaction was rolled back (apply re-runs it one by one). */
class BatchFailed extends Error {
  constructor(readonly error: unknown) {
    super('a batch of statements failed');
  }
}

export class PgConnection implements Connection {
  /** Set when a catalog query timed out: the session may still be busy on the server, so `close()` must not wait for it. */
  private stalled = false;

  private constructor(
    private readonly client: pg.ClientBase,
    readonly options: ResolvedOptions,
    /** Gives a pooled session back instead of ending it (fleets). */
    private readonly release?: () => void,
  ) {}

  /** A connection over a pooled session, scoped to `options.schema`; `close()` calls `release`. */
  static async onSession(client: pg.ClientBase, options: ResolvedOptions, release: () => void): Promise<PgConnection> {
    const conn = new PgConnection(client, options, release);
    await conn.catalog(`SET search_path TO ${searchPath(options.schema)}`);
    return conn;
  }

  /** Connects and points `search_path` at the managed schema. */
  static async open(url: string, connectOptions: ConnectOptions = {}): Promise<PgConnection> {
    const options = parseUrl(url, connectOptions);
    const client = withoutSslNotice(() => new pg.Client({ connectionString: options.connectionString, connectionTimeoutMillis: options.connectTimeoutMs }));
    // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (cause) {
      await client.end().catch(() => undefined);
      if (cause instanceof Error && CONNECT_TIMED_OUT.test(cause.message)) throw timeoutError('PostgreSQL', url, 'connect', options.connectTimeoutMs, cause);
      throw connectionError('postgres', url, cause);
    }
    const conn = new PgConnection(client, options);
    try {
      await conn.catalog(`SET search_path TO ${searchPath(options.schema)}`);
    } catch (e) {
      await conn.close();
      throw e;
    }
    return conn;
  }

  /**
   * A catalog read (introspection, fingerprint, session setup), bounded by
   * `queryTimeoutMs`: a server that accepted the connection and then stopped
   * answering must not hang a boot forever.
   */
  catalog<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return this.query<R>(sql, params, true);
  }

  /**
   * Runs one SQL text. All traffic goes through here (tests count
   * introspection queries with it); `bounded` applies `queryTimeoutMs`.
   */
  async query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[], bounded = false): Promise<R[]> {
    if (!bounded) return (await this.client.query(sql, params ? [...params] : undefined)).rows as R[];
    return this.boundedQuery<R>(sql, params);
  }

  private async boundedQuery<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const config: pg.QueryConfig & { readonly query_timeout: number } = {
      text: sql,
      ...(params ? { values: [...params] } : {}),
      query_timeout: this.options.queryTimeoutMs,
    };
    return boundedRead(async () => (await this.client.query(config)).rows as R[], {
      adapter: 'PostgreSQL',
      address: address(this.options),
      timeoutMs: this.options.queryTimeoutMs,
      timedOut: (e) => e instanceof Error && QUERY_TIMED_OUT.test(e.message),
      // No SQLSTATE: the socket itself went away (pg: "Connection terminated unexpectedly").
      lost: (e) => e instanceof Error && pgError(e).code === undefined && CONNECTION_GONE.test(e.message),
      stalled: () => void (this.stalled = true),
    });
  }

  /**
   * Runs one DDL statement over the extended query protocol, where the
   * server parses exactly one statement: a raw fragment that smuggles in a
   * `;` fails there instead of running a second statement.
   */
  async execute(sql: string): Promise<void> {
    const config: pg.QueryConfig & { readonly queryMode: 'extended' } = { text: sql, queryMode: 'extended' };
    await this.client.query(config);
  }

  /**
   * Rows in PostgreSQL's text output form (no type parsing: `t`/`f`,
   * `9.50`, timestamps with the session's offset), each aligned with the
   * query's columns.
   */
  async readRows(queries: readonly RowQuery[]): Promise<RowValue[][][]> {
    const dialect = { quote, literal, table: (name: string) => qualified(name, this.options.schema) };
    return readRowQueries(queries, dialect, async (text) => (await this.client.query<RowValue[]>({ text, rowMode: 'array', types: { getTypeParser: () => (value: string) => value } })).rows);
  }

  async introspect(options: IntrospectOptions = {}): Promise<Schema> {
    return retryCatalogRace(async () => fromRows(await this.catalogRows(this.options.schema, options.tables)));
  }

  /** The catalog rows of `schema` (of the tables `only`, or all). */
  catalogRows(schema: string, only?: readonly string[]): Promise<CatalogRows> {
    return readCatalog((sql) => this.catalog(sql, [[schema], only ? [...only] : null]));
  }

  /**
   * The desired expressions as this server prints them (see
   * `canonicalize.ts`), from temporary tables in a transaction that is
   * rolled back. A session that may not create them (no TEMP privilege, a
   * standby) gets an empty map: expressions are compared as written.
   */
  async canonicalExpressions(desired: Schema, live?: Schema): Promise<CanonicalExpressions> {
    try {
      return await canonicalExpressions(this, desired, live);
    } catch {
      return new Map();
    }
  }

  /** Refuses what this server's version cannot build (see `server-version.ts`); one query, only when something needs it. */
  async validateDesired(desired: Schema): Promise<void> {
    const virtual = desired.tables.some((t) => t.columns.some((c) => c.generated !== undefined && !c.generated.stored));
    if (!virtual) return;
    const [row] = await this.catalog<{ v: string }>('SELECT current_setting(\'server_version_num\') AS v');
    const problems = versionProblems(desired, Number(row?.v ?? 0));
    if (problems.length > 0) throw new SchemaValidationError(problems);
  }

  /** One catalog query whose answer changes with any DDL in the managed schema (see `FINGERPRINT_QUERY`). */
  async fingerprint(): Promise<string> {
    const [row] = await retryCatalogRace(() => this.catalog<{ fingerprint: string }>(FINGERPRINT_QUERY, [[this.options.schema]]));
    return row?.fingerprint ?? '';
  }

  async preflight(checks: readonly PreflightCheck[]): Promise<readonly PreflightFailure[]> {
    return runPreflight(checks, {
      sql: preflightSql,
      count: async (sql) => Number((await this.query<{ n: string | number }>(sql))[0]?.n ?? 0),
      missingObject: (e) => [UNDEFINED_TABLE, UNDEFINED_COLUMN].includes(pgError(e).code ?? ''),
    });
  }

  private where(): string {
    return `database "${this.options.database}" (schema "${this.options.schema}") at ${this.options.host}:${this.options.port}`;
  }

  /**
   * Takes the transaction's table locks up front, referencing tables before
   * referenced ones (see lock-order.ts): no writer is met halfway.
   */
  private async lockTables(statements: readonly Statement[]): Promise<void> {
    const wanted = wantedLocks(statements);
    if (wanted.size < 2) return;
    const rows = await this.query<{ name: string; parents: string[] | null }>(LOCK_ORDER_QUERY, [this.options.schema, [...wanted.keys()]]);
    for (const { table, mode } of lockOrder(wanted, referenceGraph(rows, statements))) {
      await this.query(`LOCK TABLE ${qualified(table, this.options.schema)} IN ${mode} MODE`);
    }
  }

  /** Drops indexes a failed `CREATE INDEX CONCURRENTLY` left invalid under a name this plan creates. */
  private async dropInvalidIndexes(statements: readonly Statement[]): Promise<void> {
    for (const s of statements) {
      if (s.buildsIndex === undefined) continue;
      const invalid = await this.query(INVALID_INDEX_QUERY, [this.options.schema, s.buildsIndex]);
      if (invalid.length > 0) await this.query(`DROP INDEX CONCURRENTLY IF EXISTS ${qualified(s.buildsIndex, this.options.schema)}`);
    }
  }

  /** Runs the cleanup the emitter attached to a statement that failed outside the transaction, so a re-run starts clean. */
  private async cleanUpAfter(statement: Statement): Promise<void> {
    for (const sql of statement.cleanup ?? []) {
      try {
        await this.query(sql);
      } catch {
        // Best effort: the original error is what the user needs to see.
      }
    }
  }

  private failure(cause: unknown, statement: Statement, index: number, total: number, executed: readonly Statement[], rolledBack: boolean): ApplyError {
    return statementFailed({
      statement, index, total, executed, cause, rolledBack,
      reason: describeError(cause),
      where: this.where(),
      ...(rolledBack ? {} : { outcome: 'The migration transaction had already been committed; this statement ran after it and was undone, so running migrate again retries it.' }),
      ...(pgError(cause).code === LOCK_TIMEOUT ? { lockTimeoutMs: this.options.lockTimeoutMs } : {}),
    });
  }

  /**
   * One attempt at the migration transaction, a round trip per entry of
   * `trips` (several statements share one simple query when the emitter
   * marked them `batchable`). Throws `BatchFailed` when a shared round trip
   * fails, after rolling back; `ApplyError` naming the statement otherwise.
   */
  private async transaction(
    inTx: readonly Statement[],
    schemaExists: boolean,
    trips: readonly (readonly Statement[])[],
    progress: { reported: number; readonly total: number; readonly onStatement?: ApplyOptions['onStatement'] },
  ): Promise<Statement[]> {
    const executed: Statement[] = [];
    let current: readonly Statement[] | undefined;
    try {
      await this.query('BEGIN');
      // literal() quotes for standard-conforming strings; a session that turned them off must not read a value otherwise.
      await this.query(`SET LOCAL lock_timeout = '${Math.max(0, Math.floor(this.options.lockTimeoutMs))}ms'; SET LOCAL standard_conforming_strings = on`);
      await this.query(XACT_LOCK_QUERY, lockKey(this.options.schema));
      if (!schemaExists) await this.query(`CREATE SCHEMA IF NOT EXISTS ${quote(this.options.schema)}`);
      else await this.lockTables(inTx);
      for (const trip of trips) {
        current = trip;
        // Progress counts what was announced once: a re-run after a failed batch does not repeat it.
        for (const [k, s] of trip.entries()) {
          const position = executed.length + k;
          if (position < progress.reported) continue;
          progress.onStatement?.(s, position, progress.total);
          progress.reported = position + 1;
        }
        const [only] = trip;
        if (trip.length === 1 && only !== undefined) await this.execute(only.sql);
        else await this.query(trip.map((s) => s.sql).join(';\n'));
        executed.push(...trip);
      }
      current = undefined;
      await this.query('COMMIT');
      return executed;
    } catch (e) {
      await this.query('ROLLBACK').catch(() => undefined);
      const [statement] = current ?? [];
      if (current === undefined || statement === undefined) {
        throw transactionFailed(this.where(), describeError(e), e, pgError(e).code === LOCK_TIMEOUT, executed);
      }
      if (current.length > 1) throw new BatchFailed(e);
      throw this.failure(e, statement, executed.length, progress.total, executed, true);
    }
  }

  /**
   * Runs the statements in the order given: the leading transactional ones
   * in one transaction (under the migrator's transaction-level advisory lock
   * and `SET LOCAL lock_timeout`), then, after commit, the rest, which the
   * planner placed last because they cannot run in a transaction.
   */
  async apply(statements: readonly Statement[], options: ApplyOptions = {}): Promise<ApplyResult> {
    const split = statements.findIndex((s) => !s.transactional);
    const inTx = split < 0 ? statements : statements.slice(0, split);
    const after = split < 0 ? [] : statements.slice(split);
    const misplaced = after.find((s) => s.transactional);
    if (misplaced) {
      throw new OdacError(
        'PLAN.UNSUPPORTED',
        `A transactional statement comes after one that runs outside the transaction; the planner places those last, so this is a bug in the plan. Nothing was changed. Statement: ${misplaced.sql}`,
      );
    }
    const executed: Statement[] = [];
    if (statements.length === 0) return { executed };
    await this.dropInvalidIndexes(statements);
    const schemaExists = (await this.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [this.options.schema])).length > 0;

    if (inTx.length > 0 || !schemaExists) {
      const progress = { reported: 0, total: statements.length, ...(options.onStatement ? { onStatement: options.onStatement } : {}) };
      const done = await this.transaction(inTx, schemaExists, roundTrips(inTx), progress).catch(async (e: unknown) => {
        if (!(e instanceof BatchFailed)) throw e;
        // A shared round trip failed (and was rolled back): run the same transaction again one statement at a time, to name the one that fails.
        return this.transaction(inTx, schemaExists, inTx.map((s) => [s]), progress);
      });
      executed.push(...done);
    }

    // CREATE INDEX CONCURRENTLY and VALIDATE CONSTRAINT only take locks that let writes through: no lock_timeout.
    for (const [j, s] of after.entries()) {
      const position = inTx.length + j;
      options.onStatement?.(s, position, statements.length);
      try {
        await this.execute(s.sql);
      } catch (e) {
        await this.cleanUpAfter(s);
        throw this.failure(e, s, position, statements.length, executed, false);
      }
      executed.push(s);
    }
    return { executed };
  }

  /**
   * Runs `fn` holding a session-level advisory lock for this schema, so
   * concurrent migrators queue and then find nothing left to do. Waits at
   * most `migratorLockTimeoutMs` (0 waits forever).
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const key = lockKey(this.options.schema);
    const wait = Math.max(0, Math.floor(this.options.migratorLockTimeoutMs));
    await this.query(`SET lock_timeout = '${wait}ms'`);
    try {
      await this.query(LOCK_QUERY, key);
    } catch (e) {
      if (pgError(e).code === LOCK_TIMEOUT) throw migratorLockTimeout(this.where(), wait, { database: this.options.database, schema: this.options.schema }, e);
      throw e;
    } finally {
      await this.query('RESET lock_timeout').catch(() => undefined);
    }
    return holdingLock(fn, () => this.query(UNLOCK_QUERY, key));
  }

  async close(): Promise<void> {
    if (this.release) {
      // A stalled pooled session is still busy on the server: destroy it rather than hand it to the next target.
      if (this.stalled) (this.client as pg.PoolClient).release(true);
      else this.release();
      return;
    }
    const client = this.client as pg.Client;
    if (this.stalled) {
      // end() waits for the server to answer the stuck query first; a server that stopped answering never does.
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      return;
    }
    await client.end();
  }
}
