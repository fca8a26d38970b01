/**
 * What MySQL 8 / MariaDB 10.6+ can do in place. DDL commits implicitly, so
 * apply preflights first and a re-run converges instead of rolling back;
 * foreign keys are added after every table exists, so creation order never
 * matters.
 */
import { defineCapabilities } from '@odac/core';
import { MAX_IDENTIFIER_LENGTH } from './naming.js';

export const capabilities = defineCapabilities({
  // ALGORITHM=INPLACE, LOCK=NONE with --online.
  concurrentIndex: true,
  // Phase rules the planner orders by: one ALTER TABLE per table (each table copied once per phase), and
  // tables dropped early (a doomed table's keys would block changing the columns they reference).
  mergeTableChanges: true,
  dropTablesFirst: true,
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  // Column names are case-insensitive on every MySQL/MariaDB; table names only with lower_case_table_names
  // 1 or 2, a server setting the connection reads (MysqlConnection.capabilities).
  caseInsensitiveColumns: true,
  // ADD … AFTER / MODIFY … AFTER: the schema's column order is the table's.
  reorderColumns: true,
  // InnoDB parses SET DEFAULT and rejects it; it has no deferrable keys and parses MATCH but ignores it
  // (normalize drops both).
  limitations: ['foreignKeySetDefault', 'foreignKeyDeferrable', 'foreignKeyMatchFull'],
});
