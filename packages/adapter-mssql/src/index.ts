/**
 * `@odac/adapter-mssql`: SQL Server 2019+ through tedious.
 * URLs: `mssql://user:password@host:1433/database` or `sqlserver://…`
 * (`?encrypt=false&trustServerCertificate=true&schema=dbo`).
 */
import type { ConnectOptions, DriverAdapter } from '@odac/core';
import { capabilities } from './capabilities.js';
import { MssqlConnection } from './connection.js';
import { emit } from './emit/index.js';
import { normalize } from './normalize.js';

/** The SQL Server adapter. */
export const adapter: DriverAdapter = Object.freeze({
  name: 'mssql',
  capabilities,
  connect: (url: string, options?: ConnectOptions): Promise<MssqlConnection> => MssqlConnection.open(url, options),
  normalize,
  emit: (operations: Parameters<DriverAdapter['emit']>[0]) => emit(operations),
});

export default adapter;

export { capabilities } from './capabilities.js';
export { MssqlConnection, beginSql, migratorLockResource } from './connection.js';
export { TdsClient, serverError, type Param, type ServerError, type TypedValue } from './driver.js';
export { emit } from './emit/index.js';
export { normalize, normalizeType, absorbTypeChecks, typeFromCheck } from './normalize.js';
export { fromRows, type CatalogRows, type TableRow, type ColumnRow, type IndexRow, type ForeignKeyRow, type CheckRow, type PropertyRow } from './introspect.js';
export { parseDefault, coerceDefault, defaultSql } from './defaults.js';
export { enumCheckValues, isJsonCheck, constantValue, stripOuterParens, tokenize } from './expression.js';
export { AUTHORED_PROPERTY, authoredFor, definitionHash } from './authored.js';
export { parseUrl, DEFAULT_SCHEMA, DEFAULT_PORT, DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS, type ResolvedOptions } from './url.js';
export { quote, literal, nstring } from './quote.js';
export { typeSql, typeFromSql, typeFromCatalog, parseTypeSql, partsSql, type CatalogType, type SqlTypeParts } from './types.js';
export { preflightSql, doesNotFit } from './preflight.js';
export { primaryKeyName, defaultName, typeCheckName, MAX_IDENTIFIER_LENGTH } from './naming.js';
export {
  TABLES_QUERY,
  COLUMNS_QUERY,
  INDEXES_QUERY,
  FOREIGN_KEYS_QUERY,
  CHECKS_QUERY,
  PROPERTIES_QUERY,
} from './queries.js';
