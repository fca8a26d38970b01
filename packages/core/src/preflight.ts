/**
 * Shared preflight plumbing for adapters: the counting query of each data
 * check in ANSI SQL, with the few places dialects differ as options, and the
 * loop that runs them. An adapter supplies its quoting, its answer to "which
 * values of this column would not fit the new type" and how it counts rows.
 */
import type { ColumnType } from './model.js';
import type { PreflightCheck, PreflightFailure } from './operations.js';

export interface PreflightDialect {
  /** Quotes an identifier. */
  quote(name: string): string;
  /**
   * A condition true for a non-NULL value of `column` (quoted, of type
   * `from`) that does not fit `to`; undefined when the adapter cannot tell
   * or nothing can fail (the type change then fails inside the transaction).
   */
  misfit(column: string, from: ColumnType, to: ColumnType): string | undefined;
  /** The row-counting aggregate. Default `COUNT(*)`; SQL Server's `COUNT_BIG(*)` for counts past 2^31. */
  readonly count?: string;
  /**
   * A unique index treats NULL keys as equal (SQL Server), so rows whose
   * keys hold NULLs collide too. Default: NULLs are distinct (ANSI).
   */
  readonly nullKeysCollide?: boolean;
}

/** The query counting the rows that would make `check` fail (one column `n`), or undefined when none can. */
export function preflightQuery(check: PreflightCheck, dialect: PreflightDialect): string | undefined {
  const { quote } = dialect;
  const count = dialect.count ?? 'COUNT(*)';
  const table = quote(check.table);
  const present = (alias: string, columns: readonly string[]): string =>
    columns.map((c) => `${alias}.${quote(c)} IS NOT NULL`).join(' AND ');
  switch (check.kind) {
    case 'notNull':
      return `SELECT ${count} AS n FROM ${table} WHERE ${quote(check.column)} IS NULL`;
    case 'emptyTable':
      return `SELECT ${count} AS n FROM ${table}`;
    case 'unique': {
      const where = dialect.nullKeysCollide ? '' : ` WHERE ${present('c', check.columns)}`;
      const groups = check.columns.map(quote).join(', ');
      return `SELECT COALESCE(SUM(d.n), 0) AS n FROM (SELECT ${count} AS n FROM ${table} c${where} GROUP BY ${groups} HAVING ${count} > 1) d`;
    }
    case 'foreignKey': {
      // MATCH SIMPLE: a row with any NULL in the key is not checked.
      const children = `SELECT ${count} AS n FROM ${table} c WHERE ${present('c', check.columns)}`;
      if (check.targetIsNew) return children;
      const join = check.columns.map((c, i) => `p.${quote(check.references.columns[i] ?? c)} = c.${quote(c)}`).join(' AND ');
      return `${children} AND NOT EXISTS (SELECT 1 FROM ${quote(check.references.table)} p WHERE ${join})`;
    }
    case 'fitsType': {
      const column = quote(check.column);
      const condition = dialect.misfit(column, check.from, check.to);
      return condition === undefined ? undefined : `SELECT ${count} AS n FROM ${table} WHERE ${column} IS NOT NULL AND (${condition})`;
    }
  }
}

/** An adapter's `preflightSql`: {@link preflightQuery} under its dialect. */
export function preflightQueries(dialect: PreflightDialect): (check: PreflightCheck) => string | undefined {
  return (check) => preflightQuery(check, dialect);
}

export interface PreflightRunner {
  /** The counting query of a check (usually `preflightQuery` with the adapter's dialect). */
  sql(check: PreflightCheck): string | undefined;
  /** Runs a counting query and returns `n`. */
  count(sql: string, check: PreflightCheck): Promise<number>;
  /**
   * True for an error that means the table or column does not exist yet: a
   * table or column the plan creates holds no rows to violate anything.
   * Other errors propagate. Default: none is.
   */
  missingObject?(error: unknown): boolean;
}

/** Runs every check in order; the failures, with how many rows fail each. */
export async function runPreflight(checks: readonly PreflightCheck[], runner: PreflightRunner): Promise<PreflightFailure[]> {
  const failures: PreflightFailure[] = [];
  for (const check of checks) {
    const sql = runner.sql(check);
    if (sql === undefined) continue;
    let count: number;
    try {
      count = await runner.count(sql, check);
    } catch (error) {
      if (runner.missingObject?.(error)) continue;
      throw error;
    }
    if (count > 0) failures.push({ check, count });
  }
  return failures;
}
