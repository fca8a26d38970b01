/**
 * Lowers a desired schema to what SQL Server reports back, so the differ
 * compares like with like and a second migrate plans nothing.
 *
 * - Integers: SQL Server has no unsigned types, so `unsigned` is dropped,
 *   except on `tinyInteger`, whose unsigned form is exactly `tinyint`
 *   (0..255); a signed `tinyInteger` becomes `smallint`, `mediumInteger`
 *   becomes `int`. Decimals lose `unsigned` too.
 * - `string(n)` / `char(n)` longer than 4000 are `nvarchar(max)`, i.e. `text`;
 *   all text sizes are `text`; `binary` longer than 8000 has no length
 *   (`varbinary(max)`); `json` loses `binary`.
 * - `datetime` is `timestamp` without time zone (both are `datetime2`).
 * - Enum values are sorted: the CHECK that holds them is a set, and SQL
 *   Server does not keep the order they were written in.
 * - A check that has the shape of odac's enum or json check on a matching
 *   column (`[c] IN (N'a', …)` on an `nvarchar(255)`, `ISJSON([c]) = 1` on
 *   an `nvarchar(max)`) is that type, as introspection will read it.
 * - Auto-increment columns are NOT NULL without default; primary key
 *   columns are NOT NULL; a NULL default is no default; defaults take the
 *   column's type; raw SQL is read like a catalog default (`GETDATE()` is
 *   `CURRENT_TIMESTAMP`).
 * - `RESTRICT` is `NO ACTION` (SQL Server checks keys immediately either way).
 * - Foreign keys lose `deferrable` and `match`: SQL Server keys are always
 *   checked immediately and have no MATCH clause.
 * - `onUpdateCurrentTimestamp` (a MySQL feature) is dropped.
 */
import {
  refuseAutoIncrementColumns,
  refusePartialOnDeleteColumns,
  SchemaError,
  SchemaValidationError,
  sortSchema,
  withoutPostgresIndexOptions,
  withoutPostgresKeyOptions,
  type Check,
  type Column,
  type ColumnType,
  type ForeignKey,
  type ForeignKeyAction,
  type Schema,
  type Table,
} from '@odac/core';
import { coerceDefault } from './defaults.js';
import { enumCheckValues, isJsonCheck, sortedValues } from './expression.js';
import { ENUM_LENGTH, MAX_NVARCHAR, MAX_VARBINARY, typeFromSql } from './types.js';

/** The model type SQL Server will report for a desired type. */
export function normalizeType(type: ColumnType): ColumnType {
  switch (type.kind) {
    case 'integer':
      if (type.size === 'tiny') return type.unsigned ? { kind: 'integer', size: 'tiny', unsigned: true } : { kind: 'integer', size: 'small' };
      return { kind: 'integer', size: type.size === 'medium' ? 'regular' : type.size };
    case 'decimal':
      return { kind: 'decimal', precision: type.precision, scale: type.scale };
    case 'float':
      // `float(p)`: real up to 24 bits of precision, float(53) above; a scale has no meaning here.
      return type.precision !== undefined && type.precision > 24 ? { kind: 'double' } : { kind: 'float' };
    case 'string':
      return type.length > MAX_NVARCHAR ? { kind: 'text' } : type;
    case 'char':
      return type.length > MAX_NVARCHAR ? { kind: 'text' } : type;
    case 'text':
      return { kind: 'text' };
    case 'datetime':
      return { kind: 'timestamp', withTimeZone: false };
    case 'timestamp':
      return { kind: 'timestamp', withTimeZone: Boolean(type.withTimeZone) };
    case 'json':
      return { kind: 'json' };
    case 'binary':
      return type.length === undefined || type.length > MAX_VARBINARY ? { kind: 'binary' } : { kind: 'binary', length: type.length };
    case 'enum':
      return { kind: 'enum', values: sortedValues(type.values) };
    case 'native': {
      const mapped = typeFromSql(type.sql);
      return mapped.kind === 'native' ? mapped : normalizeType(mapped);
    }
    default:
      return type;
  }
}

function normalizeColumn(column: Column, inPrimaryKey: boolean): Column {
  const type = normalizeType(column.type);
  const autoIncrement = Boolean(column.autoIncrement);
  const value = autoIncrement || column.generated ? undefined : coerceDefault(type, column.default);
  return {
    name: column.name,
    type,
    nullable: autoIncrement || inPrimaryKey ? false : column.nullable,
    ...(value !== undefined ? { default: value } : {}),
    ...(autoIncrement ? { autoIncrement: true } : {}),
    // The authored expression reads back as written (recorded next to the column, see authored.ts).
    ...(column.generated ? { generated: { expression: column.generated.expression.trim(), stored: column.generated.stored } } : {}),
    ...(column.comment ? { comment: column.comment } : {}),
    ...(column.renamedFrom !== undefined ? { renamedFrom: column.renamedFrom } : {}),
  };
}

/**
 * The column type a check turns `column` into when introspection reads the
 * check as part of the type (enum / json), or undefined.
 */
export function typeFromCheck(column: Column, expression: string): ColumnType | undefined {
  if (column.type.kind === 'string' && column.type.length === ENUM_LENGTH) {
    const values = enumCheckValues(expression, column.name);
    if (values) return { kind: 'enum', values };
  }
  if (column.type.kind === 'text' && isJsonCheck(expression, column.name)) return { kind: 'json' };
  return undefined;
}

/**
 * Folds checks that introspection reads as column types (enum, json) into
 * those columns. Used on both sides: `normalize` for authored checks,
 * `fromRows` for the definitions SQL Server stores.
 */
export function absorbTypeChecks(columns: readonly Column[], checks: readonly Check[]): { columns: Column[]; checks: Check[] } {
  const out = [...columns];
  const rest: Check[] = [];
  for (const check of checks) {
    const i = out.findIndex((c) => typeFromCheck(c, check.expression) !== undefined);
    const col = out[i];
    const type = col ? typeFromCheck(col, check.expression) : undefined;
    if (col && type) out[i] = { ...col, type };
    else rest.push(check);
  }
  return { columns: out, checks: rest };
}

const action = (a: ForeignKeyAction): ForeignKeyAction => (a === 'RESTRICT' ? 'NO ACTION' : a);

/** SQL Server keys are never deferrable and have no MATCH clause: both are dropped. */
function normalizeForeignKey(fk: ForeignKey): ForeignKey {
  const { deferrable: _deferrable, match: _match, ...rest } = withoutPostgresKeyOptions(fk);
  return { ...rest, onDelete: action(fk.onDelete), onUpdate: action(fk.onUpdate) };
}

function normalizeTable(table: Table): Table {
  const pk = new Set(table.primaryKey?.columns ?? []);
  const normalized = table.columns.map((c) => normalizeColumn(c, pk.has(c.name)));
  // NO INHERIT and NOT VALID are PostgreSQL's: SQL Server keeps neither.
  const authoredChecks = (table.checks ?? []).map((c) => ({ ...(c.name !== undefined ? { name: c.name } : {}), expression: c.expression.trim() }));
  const { columns, checks } = absorbTypeChecks(normalized, authoredChecks);
  // MySQL's and SQLite's table options mean nothing here.
  const { comment, checks: _checks, primaryKey, mysql: _mysql, sqlite: _sqlite, ...rest } = table;
  return {
    ...rest,
    // SQL Server keys are never deferrable.
    ...(primaryKey ? { primaryKey: { ...(primaryKey.name !== undefined ? { name: primaryKey.name } : {}), columns: [...primaryKey.columns] } } : {}),
    columns,
    // UNIQUE constraints read back as unique indexes; DEFERRABLE, NULLS NOT DISTINCT and WITHOUT OVERLAPS are PostgreSQL's.
    indexes: table.indexes.map((i) => withoutPostgresIndexOptions(i.where !== undefined ? { ...i, where: i.where.trim() } : i)),
    foreignKeys: table.foreignKeys.map(normalizeForeignKey),
    ...(checks.length > 0 ? { checks } : {}),
    ...(comment ? { comment } : {}),
  };
}

/** The desired schema as SQL Server will report it. Pure. */
export function normalize(schema: Schema): Schema {
  refusePartialOnDeleteColumns(schema, 'SQL Server');
  refuseAutoIncrementColumns(schema, 'SQL Server', 'any');
  const problems = schema.tables.flatMap(computedProblems);
  if (problems.length > 0) throw new SchemaValidationError(problems);
  return sortSchema({ tables: schema.tables.map(normalizeTable) });
}

/** SQL Server takes NOT NULL on a computed column only when it is PERSISTED (stored). */
function computedProblems(table: Table): SchemaError[] {
  return table.columns
    .filter((c) => c.generated !== undefined && !c.generated.stored && !c.nullable && !(table.primaryKey?.columns.includes(c.name) ?? false))
    .map(
      (c) =>
        new SchemaError(
          'SCHEMA.UNSUPPORTED',
          `Column "${table.name}"."${c.name}" is a virtual generated column (stored: false) with nullable: false, and SQL Server takes NOT NULL on a computed column only when it is PERSISTED. Remove stored: false (PERSISTED), or remove nullable: false. Nothing was changed.`,
          { ...(table.source !== undefined ? { file: table.source } : {}), table: table.name, column: c.name },
        ),
    );
}
