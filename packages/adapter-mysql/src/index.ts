/**
 * `@odac/adapter-mysql`: MySQL 8.0+ and MariaDB 10.6+ through mysql2.
 * URLs: `mysql://user:password@host:3306/database` or `mariadb://…`.
 */
import { seedStatements, type ConnectOptions, type DriverAdapter, type SeedPlan } from '@odac/core';
import { capabilities } from './capabilities.js';
import { MysqlConnection } from './connection.js';
import { emit } from './emit/index.js';
import { normalize } from './normalize.js';
import { literal, quote } from './sql.js';
import { connectServer, locate } from './server-pool.js';

/** The MySQL / MariaDB adapter. */
export const adapter: DriverAdapter = Object.freeze({
  name: 'mysql',
  capabilities,
  connect: (url: string, options?: ConnectOptions): Promise<MysqlConnection> => MysqlConnection.open(url, options),
  normalize,
  emit,
  emitSeeds: (plan: SeedPlan) => seedStatements(plan, { quote, literal }),
  locate,
  connectServer,
});

export default adapter;

export { capabilities } from './capabilities.js';
export { connectServer, locate, widenToDatabases } from './server-pool.js';
export { COLUMNS_SQL } from './queries.js';
export { MysqlConnection, migratorLockName, DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS } from './connection.js';
export { emit, ONLINE_SUFFIX } from './emit/index.js';
export { normalize, normalizeColumn, normalizeTable, normalizeType, withForeignKeyIndexes } from './normalize.js';
export { fromRows } from './introspect.js';
export type { IntrospectionRows, TableRow, ColumnRow, IndexRow, ForeignKeyRow, CheckRow } from './introspect.js';
export { parseDefault, normalizeDefault, defaultSql, type Flavor } from './defaults.js';
export { parseColumnType, columnTypeSql } from './types.js';
export { canonicalExpression } from './expression.js';
export { fitIdentifier, MAX_IDENTIFIER_LENGTH } from './naming.js';
export { preflightSql } from './preflight.js';
export { runStatements, type MysqlApplyResult } from './apply.js';
export { parseServerVersion, type ServerInfo } from './server.js';
export { connectionOptions } from './url.js';
export { quote, literal } from './sql.js';
export { foreignKeyTypeProblem } from './validate.js';
export { resolveCollations } from './collation.js';
