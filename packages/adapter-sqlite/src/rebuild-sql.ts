/**
 * The statements of a table rebuild (https://www.sqlite.org/lang_altertable.html#otheralter),
 * and how `apply` recognises them.
 *
 * Emission is pure: create `"<t>__odac_new"` with the new definition, copy
 * the rows, carry the AUTOINCREMENT high-water mark over, drop the old table,
 * rename, recreate the indexes. What lives only in the database (the
 * table's triggers, views that name it) is handled by `apply` at run time:
 * the first and the renaming statement of each rebuild carry
 * `Statement.rebuild` (`start` / `end`), and apply saves, recreates and
 * verifies around them (see `rebuild.ts`), never reading the SQL.
 */
import type { RebuildTableOperation } from '@odac/core';
import { createIndexSql, createTableSql } from './ddl.js';
import { literal, quote, quoteList } from './quote.js';

/** Suffix of the temporary table a rebuild creates. */
export const REBUILD_SUFFIX = '__odac_new';

function renameSql(table: string): string {
  return `ALTER TABLE ${quote(table + REBUILD_SUFFIX)} RENAME TO ${quote(table)}`;
}

/** One step of a rebuild: its SQL and, for the first and the completing step, which one it is. */
export interface RebuildStep {
  readonly sql: string;
  readonly rebuild?: 'start' | 'end';
}

/** The steps of rebuilding `op.table` into `op.to`; the first is marked `start`, the rename `end`. */
export function rebuildSteps(op: RebuildTableOperation): RebuildStep[] {
  const sql = rebuildSql(op);
  const rename = renameSql(op.table);
  return sql.map((s, i) => (i === 0 ? { sql: s, rebuild: 'start' } : s === rename ? { sql: s, rebuild: 'end' } : { sql: s }));
}

/** The SQL of each step of rebuilding `op.table` into `op.to`. */
function rebuildSql(op: RebuildTableOperation): string[] {
  const table = op.table;
  const temp = table + REBUILD_SUFFIX;
  const sql = [createTableSql({ ...op.to, name: table }, temp)];
  if (op.columnMap.length > 0) {
    const to = quoteList(op.columnMap.map((m) => m.to));
    const from = quoteList(op.columnMap.map((m) => m.from));
    sql.push(`INSERT INTO ${quote(temp)} (${to}) SELECT ${from} FROM ${quote(table)}`);
  }
  if (op.to.columns.some((c) => c.autoIncrement)) {
    // Keep ids of deleted rows from being handed out again.
    sql.push(`DELETE FROM "sqlite_sequence" WHERE "name" = ${literal(temp)}`);
    sql.push(`INSERT INTO "sqlite_sequence" ("name", "seq") SELECT ${literal(temp)}, "seq" FROM "sqlite_sequence" WHERE "name" = ${literal(table)}`);
  }
  sql.push(`DROP TABLE ${quote(table)}`);
  sql.push(renameSql(table));
  for (const index of op.to.indexes) sql.push(createIndexSql(table, index));
  return sql;
}
