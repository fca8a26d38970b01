/**
 * SQL fragments shared by CREATE TABLE and ALTER TABLE: column definitions,
 * index, foreign key and check clauses.
 */
import { foreignKeyClause, nameCheck, nameIndex, type Check, type Column, type ForeignKey, type Index, type Table } from '@odac/core';
import { currentTimestampSql, defaultSql } from '../defaults.js';
import { MAX_IDENTIFIER_LENGTH } from '../naming.js';
import { indexDefinitionSql } from '../native-index.js';
import { literal, quote, quoteList } from '../sql.js';
import { columnTypeSql, isTimestamp } from '../types.js';

/** The column's type with its own charset and collation, if any (names are validated bare words). */
function typeSql(column: Column): string {
  const charset = column.charset ? ` CHARACTER SET ${column.charset}` : '';
  return columnTypeSql(column.type) + charset + (column.collation ? ` COLLATE ${column.collation}` : '');
}

/**
 * A generated column: `name type GENERATED ALWAYS AS (expr) STORED|VIRTUAL
 * [NOT NULL] [COMMENT …]`. Neither DEFAULT nor AUTO_INCREMENT, and no bare
 * NULL (MariaDB refuses NULL / NOT NULL after the expression; a NOT NULL
 * generated column is refused at plan time there).
 */
function generatedColumnSql(column: Column, generated: NonNullable<Column['generated']>): string {
  const parts = [quote(column.name), typeSql(column), `GENERATED ALWAYS AS (${generated.expression}) ${generated.stored ? 'STORED' : 'VIRTUAL'}`];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.comment) parts.push(`COMMENT ${literal(column.comment)}`);
  return parts.join(' ');
}

/**
 * A full column definition. Everything is spelled out (NULL / NOT NULL,
 * DEFAULT, ON UPDATE, AUTO_INCREMENT, COMMENT) because `MODIFY COLUMN`
 * replaces the whole definition: an attribute left out would be lost.
 */
export function columnDefinitionSql(column: Column): string {
  if (column.generated) return generatedColumnSql(column, column.generated);
  const parts = [quote(column.name), typeSql(column), column.nullable ? 'NULL' : 'NOT NULL'];
  if (column.default && !column.autoIncrement) {
    parts.push(`DEFAULT ${defaultSql(column.default, column.type)}`);
  } else if (column.nullable && isTimestamp(column.type)) {
    // Without explicit_defaults_for_timestamp a bare timestamp gets an implicit default: say NULL.
    parts.push('DEFAULT NULL');
  }
  if (column.onUpdateCurrentTimestamp) parts.push(`ON UPDATE ${currentTimestampSql(column.type)}`);
  if (column.autoIncrement) parts.push('AUTO_INCREMENT');
  if (column.comment) parts.push(`COMMENT ${literal(column.comment)}`);
  return parts.join(' ');
}

/** The name an index is created under (a generated one when it has none). */
export function nameOfIndex(table: string, index: Index): string {
  return nameIndex(table, index, MAX_IDENTIFIER_LENGTH).name;
}

/** `[UNIQUE|FULLTEXT|SPATIAL] INDEX name (parts)`. */
export function indexSql(table: string, index: Index): string {
  return indexDefinitionSql(nameOfIndex(table, index), index.columns, index.unique, index.native);
}

/** `CONSTRAINT name FOREIGN KEY (…) REFERENCES t (…) ON DELETE … ON UPDATE …`. */
export const foreignKeySql = (fk: ForeignKey & { readonly name: string }): string => foreignKeyClause(fk, quote);

/** `CONSTRAINT name CHECK (expr)`. */
export function checkSql(table: string, check: Check): string {
  return `CONSTRAINT ${quote(nameCheck(table, check, MAX_IDENTIFIER_LENGTH).name)} CHECK (${check.expression})`;
}

/**
 * `CREATE TABLE` with columns, primary key, indexes and checks. Foreign keys
 * are added afterwards (the planner inlines them only where `alterForeignKey` is false) so creation
 * order never matters.
 */
export function createTableSql(table: Table): string {
  const lines = table.columns.map(columnDefinitionSql);
  if (table.primaryKey && table.primaryKey.columns.length > 0) lines.push(`PRIMARY KEY (${quoteList(table.primaryKey.columns)})`);
  for (const index of table.indexes) lines.push(indexSql(table.name, index));
  for (const check of table.checks ?? []) lines.push(checkSql(table.name, check));
  const comment = table.comment ? ` COMMENT=${literal(table.comment)}` : '';
  return `CREATE TABLE ${quote(table.name)} (\n  ${lines.join(',\n  ')}\n) ENGINE=${table.mysql?.engine ?? 'InnoDB'}${charsetOptionsSql(table)}${comment}`;
}

/** ` DEFAULT CHARSET=x COLLATE=y` for the table options it has (names are validated bare words). */
function charsetOptionsSql(table: Table): string {
  const charset = table.mysql?.charset ? ` DEFAULT CHARSET=${table.mysql.charset}` : '';
  return charset + (table.mysql?.collation ? ` COLLATE=${table.mysql.collation}` : '');
}

/** True when a column's type takes the table's default character set (a text type without its own). */
export function followsTableCharset(column: Column): boolean {
  if (column.generated || column.type.kind === 'json' || column.collation || column.charset) return false;
  const sql = columnTypeSql(column.type).replace(/'(?:[^']|'')*'/g, "''");
  return /^(?:national\s+)?(?:var)?char\b|^(?:tiny|medium|long)?text\b|^enum\s*\(|^set\s*\(/i.test(sql);
}

/**
 * `ALTER TABLE … ENGINE=…, DEFAULT CHARACTER SET … COLLATE …` for a
 * `setTableOptions`. A new default charset or collation alone would only
 * apply to columns added later, while the schema says the text columns that
 * name no charset follow the table's: those are restated (`MODIFY` with
 * their live definition, so nothing else changes), which converts them
 * (https://mariadb.com/kb/en/alter-table/#convert-to-character-set). Unlike
 * `CONVERT TO CHARACTER SET`, columns with a charset of their own keep it.
 */
export function tableOptionsSql(from: Table, to: Table, changes: readonly string[]): string | undefined {
  const clauses: string[] = [];
  if (changes.includes('engine') && to.mysql?.engine) clauses.push(`ENGINE=${to.mysql.engine}`);
  if (changes.includes('charset') || changes.includes('collation')) {
    const charset = to.mysql?.charset ? ` CHARACTER SET ${to.mysql.charset}` : '';
    const collation = to.mysql?.collation ? ` COLLATE ${to.mysql.collation}` : '';
    clauses.push(`DEFAULT${charset}${collation}`);
    for (const column of from.columns.filter(followsTableCharset)) clauses.push(`MODIFY COLUMN ${columnDefinitionSql(column)}`);
  }
  return clauses.length > 0 ? `ALTER TABLE ${quote(to.name)} ${clauses.join(', ')}` : undefined;
}
