/**
 * What SQL Server 2019+ can do in place: everything the defaults say, with
 * transactional DDL (the whole plan commits or rolls back). Foreign keys are
 * added after every table exists, so creation order and cycles never
 * matter; ONLINE = ON needs Enterprise edition and is not relied upon.
 */
import { defineCapabilities } from '@odac/core';
import { MAX_IDENTIFIER_LENGTH } from './naming.js';

export const capabilities = defineCapabilities({
  transactionalDdl: true,
  // An existing column's IDENTITY property cannot be changed: the planner refuses it before anything runs.
  alterIdentity: false,
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  // SQL Server compares names by the database collation, case-insensitive by default (…_CI_AS): a
  // file's `Users` is the live `users`, and a Users/users pair is refused at plan time, not by the server.
  caseInsensitiveTables: true,
  caseInsensitiveColumns: true,
  // SQL Server refuses two cascading paths to one table (and cascading cycles), a unique index holds
  // one NULL at most, and foreign keys are neither deferrable nor MATCH FULL (normalize drops both).
  limitations: ['multipleCascadePaths', 'uniqueMultipleNulls', 'foreignKeyDeferrable', 'foreignKeyMatchFull'],
});
