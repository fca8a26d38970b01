/**
 * `@odac/adapter-postgres`: PostgreSQL 13+ through `pg`.
 */
import { seedStatements, type DriverAdapter, type SeedPlan, type Statement } from '@odac/core';
import { capabilities } from './capabilities.js';
import { PgConnection } from './connection.js';
import { emit } from './emit.js';
import { sequencePastRows } from './emit-column.js';
import { normalize } from './normalize.js';
import { literal, quote } from './quote.js';
import { connectServer, locate } from './server-pool.js';

/**
 * Seed rows, then for each table whose seeds set its auto-increment column
 * explicitly, its sequence moved past the largest value (a sequence does not
 * follow explicit values, so the app's next insert would collide).
 */
function emitSeeds(plan: SeedPlan): Statement[] {
  const counters = plan.tables.flatMap((t): Statement[] =>
    t.autoIncrement === undefined ? [] : [{ ...sequencePastRows(t.table, t.autoIncrement), transactional: true, table: t.table }],
  );
  return [...seedStatements(plan, { quote, literal }), ...counters];
}

/** The PostgreSQL adapter. */
export const adapter: DriverAdapter = Object.freeze({
  name: 'postgres',
  capabilities,
  connect: (url: string, options?: Parameters<DriverAdapter['connect']>[1]) => PgConnection.open(url, options),
  normalize,
  emit,
  emitSeeds,
  locate,
  connectServer,
});

export default adapter;

export { capabilities } from './capabilities.js';
export { PgConnection, lockKey } from './connection.js';
export { connectServer, locate } from './server-pool.js';
export { emit } from './emit.js';
export { normalize, normalizeType } from './normalize.js';
export { fromRows, type CatalogRows, type ColumnRow, type ConstraintRow, type IndexRow, type TableRow } from './introspect.js';
export { parseDefault, coerceDefault } from './defaults.js';
export { parseUrl, DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS, DEFAULT_SCHEMA } from './url.js';
export { quote, literal } from './quote.js';
export { typeSql, typeFromSql, enumTypeName } from './types.js';
export { preflightSql } from './preflight.js';
