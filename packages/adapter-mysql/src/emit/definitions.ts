/**
 * SQL fragments shared by CREATE TABLE and ALTER TABLE: column definitions,
 * index, foreign key and check clauses.
 */
import type { Check, Column, ForeignKey, Index, Table } from '@odac/core';
import { currentTimestampSql, defaultSql } from '../defaults.js';
import { checkName, indexName } from '../naming.js';
import { indexDefinitionSql } from '../native-index.js';
import { literal, quote, quoteList } from '../sql.js';
import { columnTypeSql, isTimestamp } from '../types.js';

/**
 * A full column definition. Everything is spelled out (NULL / NOT NULL,
 * DEFAULT, ON UPDATE, AUTO_INCREMENT, COMMENT) because `MODIFY COLUMN`
 * replaces the whole definition: an attribute left out would be lost.
 */
export function columnDefinitionSql(column: Column): string {
  const parts = [quote(column.name), columnTypeSql(column.type), column.nullable ? 'NULL' : 'NOT NULL'];
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
  return index.name ?? indexName(table, index.columns, index.unique);
}

/** `[UNIQUE|FULLTEXT|SPATIAL] INDEX name (parts)`. */
export function indexSql(table: string, index: Index): string {
  return indexDefinitionSql(nameOfIndex(table, index), index.columns, index.unique, index.native);
}

/** `CONSTRAINT name FOREIGN KEY (…) REFERENCES t (…) ON DELETE … ON UPDATE …`. */
export function foreignKeySql(fk: ForeignKey & { readonly name: string }): string {
  return (
    `CONSTRAINT ${quote(fk.name)} FOREIGN KEY (${quoteList(fk.columns)}) ` +
    `REFERENCES ${quote(fk.references.table)} (${quoteList(fk.references.columns)}) ` +
    `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`
  );
}

/** `CONSTRAINT name CHECK (expr)`. */
export function checkSql(table: string, check: Check): string {
  return `CONSTRAINT ${quote(check.name ?? checkName(table, check.expression))} CHECK (${check.expression})`;
}

/**
 * `CREATE TABLE` with columns, primary key, indexes and checks. Foreign keys
 * are added afterwards (`inlineForeignKeysOnCreate: false`) so creation
 * order never matters.
 */
export function createTableSql(table: Table): string {
  const lines = table.columns.map(columnDefinitionSql);
  if (table.primaryKey && table.primaryKey.columns.length > 0) lines.push(`PRIMARY KEY (${quoteList(table.primaryKey.columns)})`);
  for (const index of table.indexes) lines.push(indexSql(table.name, index));
  for (const check of table.checks ?? []) lines.push(checkSql(table.name, check));
  const comment = table.comment ? ` COMMENT=${literal(table.comment)}` : '';
  return `CREATE TABLE ${quote(table.name)} (\n  ${lines.join(',\n  ')}\n) ENGINE=InnoDB${comment}`;
}
