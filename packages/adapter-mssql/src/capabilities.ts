/**
 * What SQL Server 2019+ can do in place.
 */
import { defaultCapabilities, type Capabilities } from '@odac/core';
import { MAX_IDENTIFIER_LENGTH } from './naming.js';

export const capabilities: Capabilities = Object.freeze({
  ...defaultCapabilities,
  // DDL is transactional: the whole plan commits or rolls back.
  transactionalDdl: true,
  alterColumn: true,
  alterForeignKey: true,
  alterPrimaryKey: true,
  alterCheck: true,
  dropColumn: true,
  addColumnExpressionDefault: true,
  addColumnNotNull: true,
  // Foreign keys are added after every table exists, so creation order and cycles never matter.
  inlineForeignKeysOnCreate: false,
  // ONLINE = ON needs Enterprise edition: not relied upon.
  concurrentIndex: false,
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  // Testkit limitation names: SQL Server refuses two cascading paths to one table (and cascading
  // cycles), a unique index holds one NULL at most, and foreign keys are neither deferrable nor
  // MATCH FULL (normalize drops both).
  limitations: Object.freeze(['multipleCascadePaths', 'uniqueMultipleNulls', 'foreignKeyDeferrable', 'foreignKeyMatchFull']) as readonly string[],
});
