/**
 * Catalog queries, all filtered by `TABLE_SCHEMA = DATABASE()`: five queries
 * whatever the number of tables. Column aliases are lower case so MySQL 8
 * (upper-case information_schema names) and MariaDB give the same keys.
 */
import type { Flavor } from './defaults.js';
import type { IntrospectionRows } from './introspect.js';
import { hasCheckConstraints, hasIndexExpressions, type ServerInfo } from './server.js';

export const SERVER_VERSION_SQL = 'SELECT VERSION() AS version, DATABASE() AS db, @@lower_case_table_names AS lctn';

export const TABLES_SQL = `
SELECT t.TABLE_NAME AS table_name, t.TABLE_COMMENT AS table_comment, t.TABLE_COLLATION AS table_collation,
  t.ENGINE AS engine, co.CHARACTER_SET_NAME AS table_charset
FROM information_schema.TABLES t
LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = t.TABLE_COLLATION
WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
ORDER BY t.TABLE_NAME`;

export const COLUMNS_SQL = `
SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name, c.ORDINAL_POSITION AS position,
  c.COLUMN_TYPE AS column_type, c.IS_NULLABLE AS is_nullable, c.COLUMN_DEFAULT AS column_default,
  c.EXTRA AS extra, c.COLUMN_COMMENT AS column_comment, c.CHARACTER_SET_NAME AS charset,
  c.COLLATION_NAME AS collation, c.GENERATION_EXPRESSION AS generation_expression
FROM information_schema.COLUMNS c
WHERE c.TABLE_SCHEMA = DATABASE()
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

/** `EXPRESSION` (functional key parts) exists on MySQL 8.0.13+ only. */
export function indexesSql(withExpression: boolean): string {
  return `
SELECT s.TABLE_NAME AS table_name, s.INDEX_NAME AS index_name, s.NON_UNIQUE AS non_unique,
  s.SEQ_IN_INDEX AS seq, s.COLUMN_NAME AS column_name, s.SUB_PART AS sub_part,
  s.INDEX_TYPE AS index_type, s.COLLATION AS collation${withExpression ? ', s.EXPRESSION AS expression' : ''}
FROM information_schema.STATISTICS s
WHERE s.TABLE_SCHEMA = DATABASE()
ORDER BY s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX`;
}

export const FOREIGN_KEYS_SQL = `
SELECT k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS constraint_name, k.COLUMN_NAME AS column_name,
  k.ORDINAL_POSITION AS position, k.REFERENCED_TABLE_NAME AS referenced_table,
  k.REFERENCED_COLUMN_NAME AS referenced_column, r.UPDATE_RULE AS update_rule, r.DELETE_RULE AS delete_rule
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`;

/**
 * MariaDB's CHECK_CONSTRAINTS carries TABLE_NAME (names are per table);
 * MySQL 8's does not (names are per schema) and needs TABLE_CONSTRAINTS.
 */
export function checksSql(flavor: Flavor): string {
  if (flavor === 'mariadb') {
    return `
SELECT cc.TABLE_NAME AS table_name, cc.CONSTRAINT_NAME AS constraint_name, cc.CHECK_CLAUSE AS check_clause
FROM information_schema.CHECK_CONSTRAINTS cc
WHERE cc.CONSTRAINT_SCHEMA = DATABASE()
ORDER BY cc.TABLE_NAME, cc.CONSTRAINT_NAME`;
  }
  return `
SELECT tc.TABLE_NAME AS table_name, cc.CONSTRAINT_NAME AS constraint_name, cc.CHECK_CLAUSE AS check_clause
FROM information_schema.CHECK_CONSTRAINTS cc
JOIN information_schema.TABLE_CONSTRAINTS tc
  ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK'
WHERE cc.CONSTRAINT_SCHEMA = DATABASE()
ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`;
}

/** Migrator lock: one odac at a time per database. */
export const GET_LOCK_SQL = 'SELECT GET_LOCK(?, ?) AS acquired';
export const RELEASE_LOCK_SQL = 'SELECT RELEASE_LOCK(?) AS released';

/**
 * MariaDB's schema fingerprint (see `MysqlConnection.fingerprint`): how many
 * tables, the newest table definition file's change time, and the server's
 * clock, all in UTC so a daylight-saving hour cannot fold two times into one.
 */
export const FINGERPRINT_SQL = `
SET STATEMENT time_zone = '+00:00' FOR
SELECT COUNT(*) AS tables, MAX(UNIX_TIMESTAMP(t.CREATE_TIME)) AS newest, SUM(t.CREATE_TIME IS NULL) AS unknown, UNIX_TIMESTAMP() AS now
FROM information_schema.TABLES t
WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'`;

/** The rows of the catalog queries `server` has (no CHECK table before MySQL 8.0.16), each run through `run`: on one database, or widened to many. */
export async function readCatalog(server: ServerInfo, run: (sql: string) => Promise<readonly object[]>): Promise<IntrospectionRows> {
  const [tables, columns, indexes, foreignKeys, checks] = await Promise.all(
    [TABLES_SQL, COLUMNS_SQL, indexesSql(hasIndexExpressions(server)), FOREIGN_KEYS_SQL, hasCheckConstraints(server) ? checksSql(server.flavor) : undefined].map((sql) => (sql === undefined ? [] : run(sql))),
  );
  return { tables, columns, indexes, foreignKeys, checks } as IntrospectionRows;
}
