/**
 * What SQLite can do in place. Everything else (column changes, foreign
 * keys, primary keys, checks, dropping columns) the planner turns into one
 * `rebuildTable` per table; without `alterForeignKey`, a new table's keys
 * are written in its `CREATE TABLE`.
 */
import { defineCapabilities } from '@odac/core';

export const capabilities = defineCapabilities({
  transactionalDdl: true,
  alterColumn: false,
  alterForeignKey: false,
  alterPrimaryKey: false,
  alterCheck: false,
  // SQLite ≥ 3.35 has DROP COLUMN, but not for columns in an index, key or
  // constraint; a rebuild works for every column.
  dropColumn: false,
  // SQLite rejects ADD COLUMN … DEFAULT CURRENT_TIMESTAMP (a non-constant default).
  addColumnExpressionDefault: false,
  // "cannot add a STORED column": ADD COLUMN takes VIRTUAL generated columns only.
  addStoredGeneratedColumn: false,
  // SQLite has no limit; this keeps generated names readable.
  maxIdentifierLength: 128,
  // SQLite matches table and column names case-insensitively, always.
  caseInsensitiveTables: true,
  caseInsensitiveColumns: true,
  // STRICT and WITHOUT ROWID are fixed when a table is created: changing either rebuilds it.
  alterTableOptions: false,
  // MATCH is parsed and ignored: every key is MATCH SIMPLE (normalize drops `match`).
  limitations: ['foreignKeyMatchFull'],
});
