/**
 * Lowers a desired schema to what MySQL / MariaDB will report back, so the
 * diff against an introspected schema is empty when nothing changed.
 */
import { nameForeignKeys, refuseAutoIncrementColumns, refusePartialOnDeleteColumns, sortSchema } from '@odac/core';
import type { Check, Column, ColumnType, ForeignKey, ForeignKeyAction, Index, NormalizeOptions, Schema, Table } from '@odac/core';
import { normalizeDefault } from './defaults.js';
import { canonicalExpression, canonicalGeneratedExpression } from './expression.js';
import { MAX_IDENTIFIER_LENGTH } from './naming.js';
import { canonicalNativeIndex } from './native-index.js';
import { odacjsTable } from './odacjs.js';
import { columnTypeSql, parseColumnType, splitCharset } from './types.js';
import { validateSchema } from './validate.js';

/** The type as MySQL will report it (display widths gone, `uuid` as `char(36)`, zones dropped). */
export function normalizeType(type: ColumnType): ColumnType {
  if (type.kind === 'json') return { kind: 'json' };
  return parseColumnType(columnTypeSql(type));
}

/** InnoDB treats NO ACTION as RESTRICT and reports either: one spelling for both. */
export function normalizeAction(action: ForeignKeyAction): ForeignKeyAction {
  return action === 'NO ACTION' ? 'RESTRICT' : action;
}

/**
 * A column as MySQL reports it. Optional keys are absent rather than
 * undefined. A charset or collation written in a native type is the
 * column's; a collation says its charset, so a charset is kept only alone
 * (the connection resolves both against the server, `collation.ts`).
 */
export function normalizeColumn(column: Column, inPrimaryKey: boolean): Column {
  const written = column.type.kind === 'native' ? splitCharset(column.type.sql) : undefined;
  const type = normalizeType(written ? { kind: 'native', sql: written.base } : column.type);
  const out: { -readonly [K in keyof Column]: Column[K] } = {
    name: column.name,
    type,
    // Primary key columns are always NOT NULL in MySQL.
    nullable: inPrimaryKey ? false : column.nullable,
  };
  const collation = (column.collation ?? written?.collation)?.toLowerCase();
  const charset = (column.charset ?? written?.charset)?.toLowerCase();
  if (collation !== undefined) out.collation = collation;
  else if (charset !== undefined) out.charset = charset;
  const def = column.autoIncrement || column.generated ? undefined : normalizeDefault(column.default, type);
  if (def) out.default = def;
  // The expression as both flavors print it back, compared by meaning (`expression.ts`).
  if (column.generated) out.generated = { expression: canonicalGeneratedExpression(column.generated.expression), stored: column.generated.stored };
  if (column.autoIncrement) out.autoIncrement = true;
  if (column.onUpdateCurrentTimestamp) out.onUpdateCurrentTimestamp = true;
  if (column.comment) out.comment = column.comment;
  if (column.renamedFrom !== undefined) out.renamedFrom = column.renamedFrom;
  return out;
}

function normalizeIndex(index: Index): Index {
  // A partial index is just a smaller index: the full one serves the same
  // queries (a unique one is refused by validateSchema before this matters).
  const out: { -readonly [K in keyof Index]: Index[K] } = { columns: [...index.columns], unique: index.unique };
  if (index.name !== undefined) out.name = index.name;
  if (index.native !== undefined) out.native = canonicalNativeIndex(index.native);
  return out;
}

/**
 * A foreign key as MySQL reports it: NO ACTION as RESTRICT.
 * `deferrable` and `match` are left out: InnoDB has no deferrable keys and
 * parses `MATCH` but ignores it.
 * https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
 */
function normalizeForeignKey(fk: ForeignKey): ForeignKey {
  return {
    // Unnamed stays unnamed: the planner names it, apart from a live twin or a sibling on the same columns.
    ...(fk.name !== undefined ? { name: fk.name } : {}),
    columns: [...fk.columns],
    references: { table: fk.references.table, columns: [...fk.references.columns] },
    onDelete: normalizeAction(fk.onDelete),
    onUpdate: normalizeAction(fk.onUpdate),
  };
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function leads(indexColumns: readonly string[], fkColumns: readonly string[]): boolean {
  return fkColumns.length <= indexColumns.length && fkColumns.every((c, i) => same(indexColumns[i] ?? '', c));
}

/**
 * Adds the index MySQL creates for a foreign key whose columns lead no
 * existing index (named after the constraint, as MySQL names it), so the
 * desired schema says what the database will hold: no churn, and the index
 * goes away with the foreign key.
 * https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
 */
export function withForeignKeyIndexes(table: Table): readonly Index[] {
  const indexes: Index[] = [...table.indexes];
  // One index serves every key on the same columns; MariaDB names it after the last of them in CREATE TABLE.
  const implied = new Map<string, number>();
  for (const fk of nameForeignKeys(table.name, table.foreignKeys, MAX_IDENTIFIER_LENGTH)) {
    const columns = fk.columns.map((c) => c.toLowerCase()).join('\u0000');
    const at = implied.get(columns);
    if (at !== undefined) {
      indexes[at] = { name: fk.name, columns: [...fk.columns], unique: false };
      continue;
    }
    const covered =
      (table.primaryKey !== undefined && leads(table.primaryKey.columns, fk.columns)) ||
      indexes.some((ix) => ix.native === undefined && leads(ix.columns, fk.columns));
    if (covered) continue;
    implied.set(columns, indexes.length);
    indexes.push({ name: fk.name, columns: [...fk.columns], unique: false });
  }
  return indexes;
}

function normalizeCheck(check: Check): Check {
  const expression = canonicalExpression(check.expression);
  return check.name !== undefined ? { name: check.name, expression } : { expression };
}

/** One table as MySQL reports it. */
export function normalizeTable(table: Table): Table {
  const pk = new Set((table.primaryKey?.columns ?? []).map((c) => c.toLowerCase()));
  const base: { -readonly [K in keyof Table]: Table[K] } = {
    name: table.name,
    columns: table.columns.map((c) => normalizeColumn(c, pk.has(c.name.toLowerCase()))),
    indexes: table.indexes.map(normalizeIndex),
    foreignKeys: table.foreignKeys.map(normalizeForeignKey),
  };
  // MySQL's primary key is always called PRIMARY: a name would only cause churn.
  if (table.primaryKey && table.primaryKey.columns.length > 0) base.primaryKey = { columns: [...table.primaryKey.columns] };
  if (table.checks && table.checks.length > 0) base.checks = table.checks.map(normalizeCheck);
  if (table.comment) base.comment = table.comment;
  if (table.mysql && Object.keys(table.mysql).length > 0) base.mysql = { ...table.mysql };
  if (table.renamedFrom !== undefined) base.renamedFrom = table.renamedFrom;
  if (table.source !== undefined) base.source = table.source;
  base.indexes = withForeignKeyIndexes(base);
  return base;
}

/**
 * The adapter's `normalize`: every table lowered, foreign keys validated
 * against MySQL's rules (same type and sign on both sides, no SET DEFAULT),
 * sorted for determinism. With `compat: 'odacjs'`, types as ODAC.JS's knex
 * writes them (`odacjs.ts`). Throws `SchemaValidationError`.
 */
export function normalize(schema: Schema, options: NormalizeOptions = {}): Schema {
  const odacjs = options.compat === 'odacjs';
  refusePartialOnDeleteColumns(schema, 'MySQL/MariaDB');
  refuseAutoIncrementColumns(schema, 'MySQL/MariaDB', 'key');
  const out = sortSchema({ tables: schema.tables.map((t) => normalizeTable(odacjs ? odacjsTable(t) : t)) });
  validateSchema(schema, out);
  return out;
}
