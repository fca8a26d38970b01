/**
 * The live connection: a better-sqlite3 handle plus the migrator lock.
 *
 * better-sqlite3 is synchronous, and its busy handler sleeps in the calling
 * thread. So the migrator lock (`BEGIN IMMEDIATE`) is taken with the busy
 * timeout at 0 and retried asynchronously until `migratorLockTimeoutMs`:
 * another migrator in the same process keeps running meanwhile, and one in
 * another process is waited for the same way.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { errorMessage, OdacError, rowQuerySql, runPreflight } from '@odac/core';
import type { ApplyOptions, ApplyResult, Connection, ConnectOptions, IntrospectOptions, PreflightCheck, PreflightFailure, RowQuery, RowValue, Schema, Statement } from '@odac/core';
import { applyInTransaction } from './apply.js';
import { fromRows, type ColumnRow, type ForeignKeyRow, type IndexRow, type TableRow } from './introspect.js';
import { preflightSql } from './preflight.js';
import { COLUMNS_QUERY, FOREIGN_KEYS_QUERY, INDEXES_QUERY, TABLES_QUERY } from './queries.js';
import { literal, quote } from './quote.js';
import { MEMORY, parseSqliteUrl } from './url.js';

/** How long a migrator waits for another one by default. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** A connection to one SQLite database file. */
export class SqliteConnection implements Connection {
  private locked = false;

  constructor(
    private readonly db: Database.Database,
    private readonly filename: string,
    private readonly lockTimeoutMs: number,
  ) {}

  async introspect(options: IntrospectOptions = {}): Promise<Schema> {
    const params = { tables: options.tables ? JSON.stringify(options.tables) : null };
    const read = (): Schema =>
      fromRows({
        tables: this.db.prepare(TABLES_QUERY).all(params) as TableRow[],
        columns: this.db.prepare(COLUMNS_QUERY).all(params) as ColumnRow[],
        indexes: this.db.prepare(INDEXES_QUERY).all(params) as IndexRow[],
        foreignKeys: this.db.prepare(FOREIGN_KEYS_QUERY).all(params) as ForeignKeyRow[],
      });
    // One read transaction, so the four queries see the same database.
    return this.db.inTransaction ? read() : this.db.transaction(read)();
  }

  /** `PRAGMA schema_version`: SQLite increments it on every schema change. */
  async fingerprint(): Promise<string> {
    return String(this.db.pragma('schema_version', { simple: true }));
  }

  async preflight(checks: readonly PreflightCheck[]): Promise<readonly PreflightFailure[]> {
    return runPreflight(checks, {
      sql: preflightSql,
      count: async (sql, check) => {
        try {
          return Number((this.db.prepare(sql).get() as { n: number | bigint }).n);
        } catch (error) {
          throw new OdacError(
            'APPLY.STATEMENT_FAILED',
            `The ${check.kind} preflight check on table "${check.table}" could not run: ${errorMessage(error)}. Query: ${sql}`,
            { cause: error, details: { check } },
          );
        }
      },
    });
  }

  /** Rows as SQLite stores them (integers for booleans, text for dates), each aligned with the query's columns. */
  async readRows(queries: readonly RowQuery[]): Promise<RowValue[][][]> {
    return queries.map((q) => rowQuerySql(q, { quote, literal }).flatMap((sql) => this.db.prepare(sql).raw(true).all() as RowValue[][]));
  }

  async apply(statements: readonly Statement[], options: ApplyOptions = {}): Promise<ApplyResult> {
    if (!this.locked) return this.withLock(() => this.apply(statements, options));
    return applyInTransaction(this.db, statements, options);
  }

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.locked) return fn();
    const foreignKeysWereOn = this.db.pragma('foreign_keys', { simple: true }) === 1;
    // Must be set outside a transaction (inside one it is a silent no-op).
    this.db.pragma('foreign_keys = OFF');
    try {
      await this.beginImmediate();
      this.locked = true;
      try {
        const result = await fn();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        this.locked = false;
      }
    } finally {
      if (foreignKeysWereOn) this.db.pragma('foreign_keys = ON');
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** `BEGIN IMMEDIATE`, retried without blocking the event loop while another writer holds the database. */
  private async beginImmediate(): Promise<void> {
    const deadline = Date.now() + this.lockTimeoutMs;
    const busyTimeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
        try {
          this.db.exec('BEGIN IMMEDIATE');
          return;
        } catch (error) {
          if (!isBusy(error)) throw error;
          if (Date.now() >= deadline) {
            throw new OdacError(
              'APPLY.LOCK_TIMEOUT',
              `The SQLite database "${this.filename}" stayed locked by another connection for more than ${this.lockTimeoutMs} ms: ` +
                `another odac migrate, or an application holding a write transaction open. Let it commit (or stop it) and run again, ` +
                `or wait longer with --lock-timeout <ms> (lockTimeout in odac.config). Nothing was changed.`,
              { cause: error, details: { file: this.filename, timeoutMs: this.lockTimeoutMs } },
            );
          }
          await sleep(wait);
        }
      }
    } finally {
      this.db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A migration writes the file and creates its rollback journal next to it:
 * SQLite would open a file it cannot write read-only without a word and
 * fail at the first statement, so say so before anything runs.
 */
function checkWritable(filename: string): void {
  const dir = dirname(filename);
  const blocked = existsSync(filename) && !writable(filename) ? `the file "${filename}"` : !writable(dir) ? `the directory "${dir}" (SQLite writes its journal there)` : undefined;
  if (blocked === undefined) return;
  throw new OdacError(
    'CONNECT.FAILED',
    `Cannot migrate the SQLite database "${filename}": ${blocked} is read-only for this process. Run as the user that owns it, or fix its permissions; nothing was changed (odac plan only reads and still works).`,
    { details: { adapter: 'sqlite', file: filename } },
  );
}

/** Opens the database a SQLite URL names. Throws `CONNECT.BAD_URL` / `CONNECT.FAILED`. */
export function openSqlite(url: string, options: ConnectOptions = {}): SqliteConnection {
  const filename = parseSqliteUrl(url, process.cwd());
  // SQLite's one lock is the database's and serves as the migrator lock too: booting instances queue on it, so the
  // wait is the migrator's (60 s unless the boot API says otherwise); --lock-timeout (lockTimeoutMs) can lengthen it.
  const timeout = Math.max(options.migratorLockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, options.lockTimeoutMs ?? 0);
  if (filename !== MEMORY && !existsSync(dirname(filename))) {
    throw new OdacError(
      'CONNECT.FAILED',
      `Could not open the SQLite database "${filename}": the directory "${dirname(filename)}" does not exist. ` +
        `Create the directory, or fix the path in the connection URL.`,
      { details: { adapter: 'sqlite', file: filename } },
    );
  }
  if (filename !== MEMORY && options.readOnly !== true) checkWritable(filename);
  // A plan must not leave an empty file behind: a missing database reads as an empty schema.
  const missing = options.readOnly === true && filename !== MEMORY && !existsSync(filename);
  let db: Database.Database;
  try {
    db = missing ? new Database(':memory:') : new Database(filename, { timeout, readonly: options.readOnly === true && filename !== MEMORY });
    // Opening is lazy: read the schema once so a file that is not a database fails here.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    if (isBusy(error)) {
      // Not a path or permission problem: another process holds the file exclusively.
      throw new OdacError(
        'APPLY.LOCK_TIMEOUT',
        `The SQLite database "${filename}" is locked by another process (an exclusive lock: an application with PRAGMA locking_mode=EXCLUSIVE, ` +
          `or a write being committed); odac waited ${timeout} ms to read it. Stop or release that process and run again, or wait longer with --lock-timeout <ms>. Nothing was changed.`,
        { cause: error, details: { adapter: 'sqlite', file: filename, timeoutMs: timeout } },
      );
    }
    throw new OdacError('CONNECT.FAILED', `Could not open the SQLite database "${filename}": ${errorMessage(error)}. Check the path and its permissions.`, {
      cause: error,
      details: { adapter: 'sqlite', file: filename },
    });
  }
  return new SqliteConnection(db, filename, timeout);
}
