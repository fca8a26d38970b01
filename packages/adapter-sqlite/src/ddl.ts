/**
 * SQL text for the pieces of a table: column definitions, constraints,
 * `CREATE TABLE`, `CREATE INDEX`. Pure.
 */
import { foreignKeyClause, nameIndex, type Column, type ForeignKey, type Index, type Table } from '@odac/core';
import { capabilities } from './capabilities.js';
import { defaultSql } from './defaults.js';
import { quote, quoteList } from './quote.js';
import { enumCheck, typeSql } from './types.js';

/** True when `column` is written inline as `INTEGER PRIMARY KEY AUTOINCREMENT`. */
export function isInlineAutoIncrement(table: Table, column: Column): boolean {
  const pk = table.primaryKey?.columns ?? [];
  return column.autoIncrement === true && pk.length === 1 && pk[0] === column.name;
}

/**
 * One column definition. `inlinePrimaryKey` writes
 * `PRIMARY KEY AUTOINCREMENT` after the type (the rowid alias).
 */
export function columnSql(column: Column, inlinePrimaryKey = false): string {
  const parts = [quote(column.name)];
  const type = inlinePrimaryKey ? 'integer' : typeSql(column.type);
  if (type !== '') parts.push(type);
  if (column.collation !== undefined) parts.push(`COLLATE ${column.collation}`);
  if (column.generated) parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  if (!column.nullable) parts.push('NOT NULL');
  if (inlinePrimaryKey) parts.push('PRIMARY KEY AUTOINCREMENT');
  if (column.default !== undefined && !inlinePrimaryKey && !column.generated) parts.push(`DEFAULT ${defaultSql(column.default)}`);
  if (column.type.kind === 'enum') parts.push(`CHECK (${enumCheck(column.name, column.type.values)})`);
  return parts.join(' ');
}

/**
 * A foreign key as a table constraint; both actions always written, and
 * `DEFERRABLE INITIALLY DEFERRED` for a deferred key (`normalize` has
 * dropped the deferral and match forms SQLite treats as the defaults).
 */
export function foreignKeySql(fk: ForeignKey): string {
  return foreignKeyClause(fk, quote) + (fk.deferrable === 'deferred' ? ' DEFERRABLE INITIALLY DEFERRED' : '');
}

/** `CREATE TABLE name (…)` for a definition, written under `name` (the rebuild's temporary name). */
export function createTableSql(table: Table, name: string = table.name): string {
  const lines: string[] = [];
  const inline = table.columns.find((c) => isInlineAutoIncrement(table, c));
  const pk = new Set(table.primaryKey?.columns ?? []);
  for (const column of table.columns) {
    // Primary key columns are NOT NULL whatever the model says (SQLite would allow NULLs in them).
    const c = pk.has(column.name) && column.nullable ? { ...column, nullable: false } : column;
    lines.push(columnSql(c, column === inline));
  }
  if (!inline && table.primaryKey && table.primaryKey.columns.length > 0) {
    lines.push(`PRIMARY KEY (${quoteList(table.primaryKey.columns)})`);
  }
  for (const fk of table.foreignKeys) lines.push(foreignKeySql(fk));
  for (const check of table.checks ?? []) {
    const prefix = check.name === undefined ? '' : `CONSTRAINT ${quote(check.name)} `;
    lines.push(`${prefix}CHECK (${check.expression})`);
  }
  const options = [table.sqlite?.strict ? 'STRICT' : '', table.sqlite?.withoutRowid ? 'WITHOUT ROWID' : ''].filter((o) => o !== '');
  return `CREATE TABLE ${quote(name)} (\n  ${lines.join(',\n  ')}\n)${options.length > 0 ? ` ${options.join(', ')}` : ''}`;
}

/** `CREATE [UNIQUE] INDEX … ON table (…) [WHERE …]`. */
export function createIndexSql(table: string, index: Index): string {
  const unique = index.unique ? 'UNIQUE ' : '';
  const keys = index.native !== undefined ? index.native : quoteList(index.columns);
  const where = index.where !== undefined ? ` WHERE ${index.where}` : '';
  return `CREATE ${unique}INDEX ${quote(nameIndex(table, index, capabilities.maxIdentifierLength).name)} ON ${quote(table)} (${keys})${where}`;
}
