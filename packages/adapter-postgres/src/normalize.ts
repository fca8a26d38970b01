/**
 * Lowers a desired schema to what PostgreSQL reports back, so the differ
 * compares like with like and a second migrate plans nothing.
 *
 * - `unsigned` is ignored: PostgreSQL has no unsigned integers and odac does
 *   not invent a `CHECK (col >= 0)` for it (add a check if you need one).
 * - `tinyInteger` becomes `smallint`, `mediumInteger` becomes `integer`.
 * - `datetime` is `timestamp` (without time zone); text sizes are all `text`;
 *   `binary` is `bytea` whatever its length.
 * - auto-increment columns are NOT NULL without default (identity columns);
 *   primary key columns are NOT NULL.
 * - defaults take the column's type (`'0'` on an integer is `0`), raw SQL is
 *   read like a catalog default (`now()` is `CURRENT_TIMESTAMP`), a `NULL`
 *   default is no default.
 * - `onUpdateCurrentTimestamp` (a MySQL feature) is ignored.
 * - checks, partial-index predicates, generated columns, user-written types
 *   and how a default's literal is spelled stay as written: the connection
 *   asks the server how it prints them (`canonicalize.ts`, ARCHITECTURE rule 10).
 */
import { SchemaError, SchemaValidationError, sortSchema, type Column, type ColumnType, type NormalizeOptions, type Schema, type Table } from '@odac/core';
import { coerceDefault } from './defaults.js';
import { odacjsTable } from './odacjs.js';
import { partsSql } from './quote.js';
import { ownNotNullName, typeFromSql } from './types.js';

/** The model type PostgreSQL will report for a desired type. */
export function normalizeType(type: ColumnType): ColumnType {
  switch (type.kind) {
    case 'integer':
      return { kind: 'integer', size: type.size === 'tiny' ? 'small' : type.size === 'medium' ? 'regular' : type.size };
    case 'decimal':
      return { kind: 'decimal', precision: type.precision, scale: type.scale };
    case 'text':
      return { kind: 'text' };
    case 'datetime':
      return { kind: 'timestamp', withTimeZone: false };
    case 'timestamp':
      return { kind: 'timestamp', withTimeZone: Boolean(type.withTimeZone) };
    case 'json':
      return { kind: 'json', binary: Boolean(type.binary) };
    case 'binary':
      return { kind: 'binary' };
    case 'enum':
      return { ...type, values: [...type.values] };
    case 'native':
      // Already in `format_type()` form (`bigint`) or spelled by the server when it is asked (`canonicalize.ts`).
      return typeFromSql(type.sql);
    case 'float':
      // `float(p)`: PostgreSQL's real up to 24 bits of precision, double precision above.
      return type.precision !== undefined && type.precision > 24 ? { kind: 'double' } : { kind: 'float' };
    default:
      return type;
  }
}

function normalizeColumn(column: Column, inPrimaryKey: boolean, table: string): Column {
  const type = normalizeType(column.type);
  const autoIncrement = Boolean(column.autoIncrement);
  // A generated column has no default (validation refuses one); its expression is canonicalized by the server (canonicalize.ts).
  const value = autoIncrement || column.generated ? undefined : coerceDefault(type, column.default);
  const out: Column = {
    name: column.name,
    type,
    nullable: autoIncrement || inPrimaryKey ? false : column.nullable,
    ...(value !== undefined ? { default: value } : {}),
    ...(autoIncrement ? { autoIncrement: true } : {}),
    // Compared with what introspection reports only when set (absent: whatever kind the column has).
    ...(autoIncrement && column.identity !== undefined ? { identity: column.identity } : {}),
    ...(column.collation !== undefined ? { collation: partsSql(column.collation, true) } : {}),
    ...(column.generated ? { generated: { expression: column.generated.expression.trim(), stored: column.generated.stored } } : {}),
    ...(column.notNullNotValid === true && column.nullable && !autoIncrement && !inPrimaryKey ? { notNullNotValid: true, ...ownNotNullName(table, column) } : {}),
    ...(column.comment ? { comment: column.comment } : {}),
    ...(column.renamedFrom !== undefined ? { renamedFrom: column.renamedFrom } : {}),
  };
  return out;
}

function normalizeTable(table: Table): Table {
  const pk = new Set(table.primaryKey?.columns ?? []);
  // MySQL's and SQLite's table options mean nothing here.
  const { comment, mysql: _mysql, sqlite: _sqlite, ...rest } = table;
  return { ...rest, columns: table.columns.map((c) => normalizeColumn(c, pk.has(c.name), table.name)), ...(comment ? { comment } : {}) };
}

/**
 * Two enum columns that name the same type (`typeName`) with other values:
 * one type cannot hold both lists, and every plan would try to change it.
 */
function refuseEnumTypeConflicts(schema: Schema): void {
  const first = new Map<string, { table: Table; column: Column; values: string }>();
  const errors: SchemaError[] = [];
  for (const table of schema.tables) {
    for (const column of table.columns) {
      if (column.type.kind !== 'enum' || column.type.typeName === undefined) continue;
      const values = JSON.stringify(column.type.values);
      const seen = first.get(column.type.typeName);
      if (!seen) first.set(column.type.typeName, { table, column, values });
      else if (seen.values !== values) {
        errors.push(
          new SchemaError(
            'SCHEMA.INVALID',
            `Column "${table.name}"."${column.name}" names enum type '${column.type.typeName}' with values ${values}, but column "${seen.table.name}"."${seen.column.name}" names it with ${seen.values}; one type has one list of values: give both columns the same values, or another typeName.`,
            { ...(table.source ? { file: table.source } : {}), table: table.name, column: column.name },
          ),
        );
      }
    }
  }
  if (errors.length > 0) throw new SchemaValidationError(errors);
}

/** The desired schema as PostgreSQL will report it; with `compat: 'odacjs'`, as ODAC.JS builds it (`odacjs.ts`). Pure. */
export function normalize(schema: Schema, options: NormalizeOptions = {}): Schema {
  const odacjs = options.compat === 'odacjs';
  refuseEnumTypeConflicts(schema);
  return sortSchema({ tables: schema.tables.map((t) => normalizeTable(odacjs ? odacjsTable(t) : t)) });
}
