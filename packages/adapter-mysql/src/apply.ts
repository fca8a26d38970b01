/**
 * Running a plan's statements without transactional DDL: one at a time,
 * stopping at the first failure and saying exactly what ran. A re-run
 * converges because odac re-introspects and plans only what is missing.
 */
import { ApplyError, errorMessage, type ApplyOptions, type ApplyResult, type Statement } from '@odac/core';

/** What `apply` needs from a connection. */
export interface Executor {
  execute(sql: string): Promise<void>;
}

/** `ApplyResult` plus advice for people (online fallbacks). */
export interface MysqlApplyResult extends ApplyResult {
  readonly warnings: readonly string[];
}

/** The server refused `ALGORITHM=INPLACE, LOCK=NONE` for this change. */
export function isOnlineRefusal(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  return (typeof e.code === 'string' && e.code.startsWith('ER_ALTER_OPERATION_NOT_SUPPORTED')) || e.errno === 1845 || e.errno === 1846;
}

function firstLine(sql: string): string {
  const line = sql.split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/** The one-paragraph message of a failed apply. */
export function failureMessage(statement: Statement, index: number, total: number, executed: readonly Statement[], cause: unknown): string {
  const where = statement.table ? ` on table "${statement.table}"` : '';
  const ran =
    executed.length === 0
      ? 'No statement had run yet, so the database is unchanged'
      : `MySQL/MariaDB cannot roll back DDL, so the database was partially migrated: ${executed.length} of ${total} statement${executed.length === 1 ? '' : 's'} ran (${executed
          .map((s, i) => `${i + 1}. ${firstLine(s.sql)}`)
          .join('; ')}) and none after it`;
  return (
    `Statement ${index + 1} of ${total} failed${where}: ${errorMessage(cause)}. Statement: ${firstLine(statement.sql)}. ${ran}. ` +
    'Fix the cause and run `odac migrate` again: it reads the database as it is now and applies only what is still missing, so it converges from here.'
  );
}

/**
 * Runs `statements` in order through `executor`. `onStatement` is called
 * before each one; an exception from it stops the run exactly like a failed
 * statement (tests use that to stop after the k-th). An online ALTER the
 * server cannot do in place is retried without `ALGORITHM`/`LOCK`, with a
 * warning. Throws `ApplyError` (`rolledBack: false`).
 */
export async function runStatements(executor: Executor, statements: readonly Statement[], options: ApplyOptions = {}): Promise<MysqlApplyResult> {
  const executed: Statement[] = [];
  const warnings: string[] = [];
  const total = statements.length;
  for (let i = 0; i < total; i++) {
    const statement = statements[i] as Statement;
    try {
      options.onStatement?.(statement, i, total);
      try {
        await executor.execute(statement.sql);
        executed.push(statement);
      } catch (error) {
        if (statement.fallback === undefined || !isOnlineRefusal(error)) throw error;
        const { fallback: _online, ...rest } = statement;
        const plain: Statement = { ...rest, sql: statement.fallback };
        await executor.execute(plain.sql);
        executed.push(plain);
        warnings.push(
          `${firstLine(plain.sql)}: the server cannot do this change in place without locking (${errorMessage(error)}); it ran with the default algorithm and lock instead.`,
        );
      }
    } catch (cause) {
      throw new ApplyError(failureMessage(statement, i, total, executed, cause), { executed: [...executed], statement, rolledBack: false, cause });
    }
  }
  return { executed, warnings };
}
