/**
 * Running statements inside the migrator's transaction: a SAVEPOINT around
 * them, the run-time half of table rebuilds, and the checks that must hold
 * before the savepoint is released (foreign keys, row counts, views).
 * Any failure rolls back to the savepoint, leaving the database as before.
 */
import type { Database } from 'better-sqlite3';
import { errorMessage, ApplyError, statementFailed, type ApplyOptions, type ApplyResult, type Statement } from '@odac/core';
import { FOREIGN_KEY_CHECK_QUERY, FOREIGN_KEY_COLUMNS_QUERY } from './queries.js';
import { RebuildTracker } from './rebuild.js';
import { parseCreateTable } from './table-sql.js';

const SAVEPOINT = 'odac_apply';

interface Violation {
  readonly table_name: string;
  readonly parent: string;
  readonly fkid: number;
  readonly n: number;
}

/** `fk_name "posts"(user_id) → "users"(id)` for a violation, for messages. */
function describeViolation(db: Database, v: Violation): string {
  const cols = db.prepare(FOREIGN_KEY_COLUMNS_QUERY).all(v.table_name, v.fkid) as {
    from_column: string;
    to_column: string | null;
    ref_table: string;
  }[];
  const from = cols.map((c) => c.from_column);
  const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(v.table_name) as { sql: string } | undefined)?.sql;
  const named = parseCreateTable(sql).foreignKeyNames.find(
    (n) => n.referencedTable === v.parent && JSON.stringify(n.columns) === JSON.stringify(from),
  );
  const to = cols.map((c) => c.to_column ?? '(primary key)');
  const rows = `${v.n} row${v.n === 1 ? '' : 's'}`;
  return `foreign key ${named ? named.name + ' ' : ''}on "${v.table_name}"(${from.join(', ')}) → "${v.parent}"(${to.join(', ')}) is violated by ${rows}`;
}

type ViolationCounts = Map<string, number>;

const violationKey = (v: Violation): string => JSON.stringify([v.table_name, v.parent]);

/** Foreign key violations in the whole database, per child and parent table. */
function violations(db: Database): { rows: Violation[]; counts: ViolationCounts } {
  const rows = db.prepare(FOREIGN_KEY_CHECK_QUERY).all() as Violation[];
  const counts: ViolationCounts = new Map();
  for (const v of rows) counts.set(violationKey(v), (counts.get(violationKey(v)) ?? 0) + v.n);
  return { rows, counts };
}

/**
 * Foreign key violations the statements added. Violations that were already
 * there (rows written while enforcement was off) are not this migration's
 * doing and do not block it; keys are compared per child and parent table
 * because a rebuild may renumber a table's foreign keys.
 */
function newViolations(db: Database, baseline: ViolationCounts): string[] {
  const after = violations(db);
  return after.rows
    .filter((v) => (after.counts.get(violationKey(v)) ?? 0) > (baseline.get(violationKey(v)) ?? 0))
    .map((v) => describeViolation(db, v));
}

function rollBack(db: Database): void {
  // Some errors (SQLITE_FULL, SQLITE_IOERR) end the whole transaction already.
  if (!db.inTransaction) return;
  db.exec(`ROLLBACK TO ${SAVEPOINT}`);
  db.exec(`RELEASE ${SAVEPOINT}`);
}

/**
 * Runs `statements` in a savepoint of the current transaction (which must
 * be open, with `foreign_keys` OFF). Throws `ApplyError` with
 * `rolledBack: true` after rolling the savepoint back.
 */
export function applyInTransaction(db: Database, statements: readonly Statement[], options: ApplyOptions = {}): ApplyResult {
  const baseline = violations(db).counts;
  db.exec(`SAVEPOINT ${SAVEPOINT}`);
  const executed: Statement[] = [];
  const rebuilds = new RebuildTracker(db);
  try {
    statements.forEach((statement, index) => {
      options.onStatement?.(statement, index, statements.length);
      try {
        if (statement.rebuild === 'start' && statement.table !== undefined) rebuilds.begin(statement.table);
        // prepare() compiles exactly one statement and refuses a second one, so a raw fragment can never smuggle one in (exec would run them all).
        db.prepare(statement.sql).run();
        executed.push(statement);
        if (statement.rebuild === 'end' && statement.table !== undefined) rebuilds.end(statement.table);
      } catch (error) {
        throw statementFailed({ statement, index, total: statements.length, executed, cause: error, rolledBack: true, reason: errorMessage(error) });
      }
    });
    rebuilds.restore();
    const problems = [...newViolations(db, baseline), ...rebuilds.problems().map((p) => p.message)];
    if (problems.length > 0) {
      throw new ApplyError(
        `The migration was rolled back because the result failed verification: ${problems.join('; ')}. ` +
          `Nothing was changed. Fix the offending rows (or the views) and run the migration again.`,
        { executed: [...executed], rolledBack: true, code: 'APPLY.VERIFY_FAILED' },
      );
    }
    db.exec(`RELEASE ${SAVEPOINT}`);
    return { executed };
  } catch (error) {
    rebuilds.restore();
    rollBack(db);
    throw error;
  }
}
