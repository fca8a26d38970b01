/**
 * What MySQL 8 / MariaDB 10.6+ can do in place.
 */
import { defaultCapabilities, type Capabilities } from '@odac/core';
import { MAX_IDENTIFIER_LENGTH } from './naming.js';

export const capabilities: Capabilities = Object.freeze({
  ...defaultCapabilities,
  // DDL commits implicitly: apply merges, preflights first, and re-runs converge instead.
  transactionalDdl: false,
  alterColumn: true,
  alterForeignKey: true,
  alterPrimaryKey: true,
  alterCheck: true,
  dropColumn: true,
  addColumnExpressionDefault: true,
  addColumnNotNull: true,
  // Foreign keys are added after every table exists, so creation order never matters.
  inlineForeignKeysOnCreate: false,
  // ALGORITHM=INPLACE, LOCK=NONE with --online.
  concurrentIndex: true,
  // Phase rules the planner orders by: one ALTER TABLE per table (each table copied once per phase), and
  // tables dropped early (a doomed table's keys would block changing the columns they reference).
  mergeTableChanges: true,
  dropTablesFirst: true,
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  // Column names are case-insensitive on every MySQL/MariaDB; table names only with lower_case_table_names
  // set, a server setting (0, case-sensitive, on Linux) that static capabilities cannot see.
  caseInsensitiveColumns: true,
  // Testkit limitation names: InnoDB parses SET DEFAULT and rejects it; it has no deferrable
  // keys and parses MATCH but ignores it (normalize drops both).
  limitations: Object.freeze(['foreignKeySetDefault', 'foreignKeyDeferrable', 'foreignKeyMatchFull']) as readonly string[],
});
