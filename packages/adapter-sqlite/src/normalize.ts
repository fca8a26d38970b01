/**
 * Lowering a desired schema to exactly what SQLite introspection reports
 * after this adapter creates it. The invariant: `normalize(desired)` deep-
 * equals `introspect()` right after the plan for `desired` ran.
 */
import { refusePartialOnDeleteColumns, SchemaError, SchemaValidationError, sortSchema, withoutPostgresKeyOptions } from '@odac/core';
import type { Check, Column, ColumnType, ForeignKey, Index, NormalizeOptions, Schema, Table } from '@odac/core';
import { defaultAsReported } from './defaults.js';
import { odacjsTable } from './odacjs.js';
import { parseDeclaredType, sqliteCollation, typeSql } from './types.js';

/** The type as it reads back: no `unsigned`, default sizes folded, native types that name a known type mapped. */
export function normalizeType(type: ColumnType): ColumnType {
  if (type.kind === 'enum') return { kind: 'enum', values: [...type.values] };
  return parseDeclaredType(typeSql(type));
}

/**
 * True when `column` can be `INTEGER PRIMARY KEY AUTOINCREMENT`: SQLite only
 * auto-increments the rowid alias, a lone integer primary key.
 */
function canAutoIncrement(table: Table, column: Column): boolean {
  const pk = table.primaryKey?.columns ?? [];
  return pk.length === 1 && pk[0] === column.name && column.type.kind === 'integer';
}

function normalizeColumn(table: Table, column: Column): Column {
  const isPk = table.primaryKey?.columns.includes(column.name) ?? false;
  const autoIncrement = column.autoIncrement === true && canAutoIncrement(table, column);
  // Every auto-increment integer is the 64-bit rowid and is declared `integer`,
  // so `increments` and `bigIncrements` both read back as size regular.
  const type: ColumnType = autoIncrement ? { kind: 'integer', size: 'regular' } : normalizeType(column.type);
  const out: { -readonly [K in keyof Column]: Column[K] } = {
    name: column.name,
    type,
    // A primary key column is always declared NOT NULL by this adapter.
    nullable: isPk ? false : column.nullable,
  };
  const dflt = autoIncrement || column.generated ? undefined : defaultAsReported(column.default, type);
  if (dflt !== undefined) out.default = dflt;
  if (autoIncrement) out.autoIncrement = true;
  // SQLite keeps the CREATE TABLE text as written: the expression reads back verbatim.
  if (column.generated) out.generated = { expression: column.generated.expression.trim(), stored: column.generated.stored };
  const collation = sqliteCollation(column.collation);
  if (collation !== undefined) out.collation = collation;
  if (column.renamedFrom !== undefined) out.renamedFrom = column.renamedFrom;
  return out;
}

/**
 * The type a column of a STRICT table is declared with: such tables take
 * only INT, INTEGER, REAL, TEXT, BLOB and ANY
 * (https://www.sqlite.org/stricttables.html), so each kind is written as the
 * one that stores it. An enum stays (TEXT with its CHECK); a native type is
 * the user's.
 */
function strictType(type: ColumnType): ColumnType {
  switch (type.kind) {
    case 'integer':
    case 'boolean':
      return { kind: 'integer', size: 'regular' };
    case 'decimal':
    case 'float':
    case 'double':
      return { kind: 'native', sql: 'REAL' };
    case 'binary':
      return { kind: 'binary' };
    case 'enum':
    case 'native':
      return type;
    default:
      return { kind: 'text' };
  }
}

/** A column of a STRICT table: its strict type, a boolean default as the 1/0 it stores. */
function strictColumn(column: Column): Column {
  const def = column.default;
  const boolDefault = column.type.kind === 'boolean' && def?.kind === 'literal' && typeof def.value === 'boolean';
  return { ...column, type: strictType(column.type), ...(boolDefault ? { default: { kind: 'literal', value: def.value ? 1 : 0 } } : {}) };
}

function normalizeIndex(index: Index): Index {
  const out: { -readonly [K in keyof Index]: Index[K] } = { columns: [...index.columns], unique: index.unique };
  if (index.name !== undefined) out.name = index.name;
  if (index.where !== undefined && index.where.trim() !== '') out.where = index.where.trim();
  if (index.native !== undefined) {
    out.native = index.native.trim();
    out.columns = [];
  }
  return out;
}

/**
 * SQLite defers a key only when it is `DEFERRABLE INITIALLY DEFERRED`; every
 * other form, `'immediate'` included, behaves as NOT DEFERRABLE (there is no
 * `SET CONSTRAINTS`), so it is dropped. `MATCH` is parsed and ignored by
 * SQLite (every key is MATCH SIMPLE), so it is dropped too.
 * https://www.sqlite.org/foreignkeys.html#fk_deferred
 */
function normalizeForeignKey(fk: ForeignKey): ForeignKey {
  const { deferrable, match: _ignored, ...rest } = withoutPostgresKeyOptions(fk);
  return {
    ...rest,
    columns: [...fk.columns],
    references: { table: fk.references.table, columns: [...fk.references.columns] },
    ...(deferrable === 'deferred' ? { deferrable } : {}),
  };
}

function normalizeCheck(check: Check): Check {
  const expression = check.expression.trim();
  return check.name === undefined ? { expression } : { name: check.name, expression };
}

/** SQLite refuses a generated column in the primary key ("generated columns cannot be part of the PRIMARY KEY"). */
function generatedKeyProblems(table: Table): SchemaError[] {
  const key = new Set(table.primaryKey?.columns ?? []);
  return table.columns
    .filter((c) => c.generated !== undefined && key.has(c.name))
    .map(
      (c) =>
        new SchemaError(
          'SCHEMA.UNSUPPORTED',
          `Column "${table.name}"."${c.name}" is generated and part of the primary key, which SQLite refuses (generated columns cannot be part of the PRIMARY KEY). Key the table on other columns, or add a unique index on the generated column instead. Nothing was changed.`,
          { ...(table.source !== undefined ? { file: table.source } : {}), table: table.name, column: c.name },
        ),
    );
}

/** SQLite's form of one table: see `normalize`. */
export function normalizeTable(table: Table): Table {
  const out: { -readonly [K in keyof Table]: Table[K] } = {
    name: table.name,
    columns: table.columns.map((c) => normalizeColumn(table, table.sqlite?.strict === true ? strictColumn(c) : c)),
    indexes: table.indexes.map(normalizeIndex),
    foreignKeys: table.foreignKeys.map(normalizeForeignKey),
  };
  if (table.primaryKey && table.primaryKey.columns.length > 0) out.primaryKey = { columns: [...table.primaryKey.columns] };
  if (table.checks && table.checks.length > 0) out.checks = table.checks.map(normalizeCheck);
  if (table.renamedFrom !== undefined) out.renamedFrom = table.renamedFrom;
  if (table.source !== undefined) out.source = table.source;
  if (table.sqlite && Object.keys(table.sqlite).length > 0) out.sqlite = { ...table.sqlite };
  return out;
}

/**
 * Lowers a desired schema to what SQLite reports back. Pure.
 *
 * - `unsigned` is dropped (integers and decimals); `text` size regular,
 *   `timestamp` without time zone and `json` not binary lose the flag;
 *   a native type that names a type this adapter writes (`varchar(20)`)
 *   becomes that type.
 * - `autoIncrement` survives only on a lone integer primary key, which then
 *   has size `regular` (SQLite's rowid is always 64-bit).
 * - Primary key columns are NOT NULL; the primary key loses its name.
 * - Comments and `onUpdateCurrentTimestamp` are dropped (SQLite stores neither).
 * - Defaults take the form SQLite reports: a NULL default is no default,
 *   `now()` / `datetime('now')` are `CURRENT_TIMESTAMP`, `1`/`0` on a boolean
 *   column are `true`/`false`, an expression that is a literal is a literal.
 * - Empty `checks` are omitted; check and index predicates are trimmed.
 * - A generated column keeps its expression (trimmed) and has no default;
 *   one in the primary key is refused (`SchemaValidationError`).
 * - Foreign keys keep `deferrable: 'deferred'` (written `DEFERRABLE INITIALLY
 *   DEFERRED`) and lose `'immediate'` and `match`, which SQLite treats as the
 *   defaults.
 * - With `compat: 'odacjs'`, types are declared as ODAC.JS's knex declares
 *   them (`odacjs.ts`).
 */
export function normalize(schema: Schema, options: NormalizeOptions = {}): Schema {
  const odacjs = options.compat === 'odacjs';
  refusePartialOnDeleteColumns(schema, 'SQLite');
  const problems = schema.tables.flatMap(generatedKeyProblems);
  if (problems.length > 0) throw new SchemaValidationError(problems);
  return sortSchema({ tables: schema.tables.map((t) => normalizeTable(odacjs ? odacjsTable(t) : t)) });
}
