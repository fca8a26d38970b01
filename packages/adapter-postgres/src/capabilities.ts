/**
 * What PostgreSQL 13+ can do in place: everything the defaults say, in one
 * transaction, with lock-light forms for online plans.
 */
import { defineCapabilities } from '@odac/core';

export const capabilities = defineCapabilities({
  transactionalDdl: true,
  // CREATE INDEX CONCURRENTLY with --online.
  concurrentIndex: true,
  // ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT after the commit (online plans).
  notValidConstraints: true,
  // ALTER COLUMN … DROP EXPRESSION (13+): a stored generated column becomes plain, keeping its values.
  dropGeneratedExpression: true,
  // VIRTUAL generated columns exist from PostgreSQL 18 on (the connection refuses them on older servers at plan time).
  limitations: ['virtualGeneratedColumns'],
});
