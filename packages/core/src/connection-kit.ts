/**
 * Plumbing every adapter's `Connection` shares: the errors of a failed
 * statement and of a migrator lock that was never granted, holding a lock
 * around a callback, and `readRows` over one driver call.
 */
import type { RowQuery, RowValue } from './seed/types.js';
import { ApplyError, connectionLost, OdacError, timeoutError } from './errors.js';
import type { Statement } from './operations.js';
import { rowQuerySql, type SeedDialect } from './seed/emit.js';

/** What {@link statementFailed} says about a statement that failed. */
export interface StatementFailure {
  readonly statement: Statement;
  /** 0-based position of the statement in the apply call, and the call's statement count. */
  readonly index: number;
  readonly total: number;
  readonly executed: readonly Statement[];
  readonly cause: unknown;
  /** The database's message (with its detail, hint or error number). */
  readonly reason: string;
  /** Where it ran, for messages (`database "app" (schema "public") at host:5432`); never a password. */
  readonly where?: string;
  readonly rolledBack: boolean;
  /** The state the database is left in. Default: rolled back, exactly as before. */
  readonly outcome?: string;
  /** Set when the statement waited longer than this lock timeout: the error is then `APPLY.LOCK_TIMEOUT`, with advice. */
  readonly lockTimeoutMs?: number;
}

const ROLLED_BACK = 'The transaction was rolled back: the database is exactly as before.';

/** The `ApplyError` of a statement that failed: which one of how many, its table, where, why, and what state the database is in. */
export function statementFailed(f: StatementFailure): ApplyError {
  const on = f.statement.table !== undefined ? ` on table "${f.statement.table}"` : '';
  const advice =
    f.lockTimeoutMs === undefined
      ? ''
      : ` It waited longer than the lock timeout (${f.lockTimeoutMs} ms) for a lock another session holds: retry when the table is less busy, or wait longer with --lock-timeout <ms> (lockTimeout in odac.config).`;
  return new ApplyError(
    `Statement ${f.index + 1} of ${f.total}${on} failed${f.where === undefined ? '' : ` in ${f.where}`}: ${f.reason}.${advice} ${f.outcome ?? ROLLED_BACK} Statement: ${f.statement.sql}`,
    { executed: [...f.executed], statement: f.statement, rolledBack: f.rolledBack, cause: f.cause, ...(f.lockTimeoutMs !== undefined ? { code: 'APPLY.LOCK_TIMEOUT' as const } : {}) },
  );
}

/** The `ApplyError` of a migration transaction that failed outside its statements (BEGIN, locking, COMMIT): rolled back, nothing changed. */
export function transactionFailed(where: string, reason: string, cause: unknown, lockTimedOut: boolean, executed: readonly Statement[] = []): ApplyError {
  return new ApplyError(`Could not run the migration transaction in ${where}: ${reason}. Nothing was changed.`, {
    executed: [...executed],
    rolledBack: true,
    cause,
    ...(lockTimedOut ? { code: 'APPLY.LOCK_TIMEOUT' as const } : {}),
  });
}

/** `APPLY.LOCK_TIMEOUT`: another migrator held the migrator lock on `where` for more than `waitedMs`. */
export function migratorLockTimeout(where: string, waitedMs: number, details: Readonly<Record<string, unknown>>, cause?: unknown): OdacError {
  return new OdacError(
    'APPLY.LOCK_TIMEOUT',
    `Another odac migrate has held the migrator lock on ${where} for more than ${waitedMs} ms. Wait for it to finish (or stop it), then run migrate again; raise migratorLockTimeoutMs to wait longer.`,
    { ...(cause === undefined ? {} : { cause }), details: { ...details, waitedMs } },
  );
}

/** Runs `fn` under a lock already taken, then `release`s it; a failing release is ignored (the session's end frees the lock too). */
export async function holdingLock<T>(fn: () => Promise<T>, release: () => Promise<unknown>): Promise<T> {
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** `Connection.readRows` over one driver call: each query's SQL texts (see `rowQuerySql`) run in order, their rows joined. */
export async function readRowQueries(queries: readonly RowQuery[], dialect: SeedDialect, run: (sql: string) => Promise<readonly RowValue[][]>): Promise<RowValue[][][]> {
  const out: RowValue[][][] = [];
  for (const q of queries) {
    const rows: RowValue[][] = [];
    for (const sql of rowQuerySql(q, dialect)) rows.push(...(await run(sql)));
    out.push(rows);
  }
  return out;
}

/** How {@link boundedRead} tells a dead session from a failed query. */
export interface BoundedRead {
  /** For messages: `PostgreSQL`, `MySQL/MariaDB`. */
  readonly adapter: string;
  /** The server's address for messages (no credentials). */
  readonly address: string;
  readonly timeoutMs: number;
  /** The driver's query timeout expired. */
  timedOut(error: unknown): boolean;
  /** The connection itself went away (the server restarted, a proxy dropped it). */
  lost(error: unknown): boolean;
  /** Called before either is thrown: the session may still be busy on the server, so closing it must not wait. */
  stalled(): void;
}

/** A catalog read bounded by a query timeout: an expired timeout is `CONNECT.TIMEOUT`, a lost connection `CONNECT.LOST`; other errors pass. */
export async function boundedRead<T>(read: () => Promise<T>, how: BoundedRead): Promise<T> {
  try {
    return await read();
  } catch (e) {
    const timedOut = how.timedOut(e);
    if (!timedOut && !how.lost(e)) throw e;
    how.stalled();
    throw timedOut ? timeoutError(how.adapter, how.address, 'query', how.timeoutMs, e) : connectionLost(how.adapter, how.address, e);
  }
}
