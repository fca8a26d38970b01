/**
 * Model column types ↔ PostgreSQL types. `typeSql` writes DDL; `typeFromSql`
 * reads what `format_type()` reports, so both sides meet on the same model.
 * A type a user wrote (`specificType`: `int4[]`, `varchar(20)`) the server
 * spells itself when asked (`canonicalize.ts`).
 */
import { fitIdentifier as coreFitIdentifier, type Column, type ColumnType } from '@odac/core';
import { qualified } from './quote.js';

/** PostgreSQL's identifier limit, in bytes (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

/** Cuts a name to PostgreSQL's limit (bytes), with a hash suffix so two long names stay distinct. */
export const fitIdentifier = (name: string): string => coreFitIdentifier(name, MAX_IDENTIFIER_BYTES);

/** The name of the enum type odac creates for an enum column: `<table>_<column>_enum`. */
export function enumTypeName(table: string, column: string): string {
  return fitIdentifier(`${table}_${column}_enum`);
}

/** The name PostgreSQL 18 gives a column's NOT NULL constraint. */
export const notNullConstraintName = (table: string, column: string): string => fitIdentifier(`${table}_${column}_not_null`);

/** `{ notNullName }` where the column's NOT NULL … NOT VALID has a name other than PostgreSQL's own. */
export function ownNotNullName(table: string, column: Pick<Column, 'name' | 'notNullName'>): { notNullName?: string } {
  return column.notNullName !== undefined && column.notNullName !== notNullConstraintName(table, column.name) ? { notNullName: column.notNullName } : {};
}

/** The integer type of each model size (a sequence's type too). */
export const INTEGER_SQL = { tiny: 'smallint', small: 'smallint', medium: 'integer', regular: 'integer', big: 'bigint' } as const;

/** The kinds whose SQL takes no parameter. */
const PLAIN_SQL = {
  float: 'real',
  double: 'double precision',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  datetime: 'timestamp',
  uuid: 'uuid',
  binary: 'bytea',
} as const;

/**
 * The SQL type for a model type. Enum columns need the name of their type
 * (`enumType`); `unsigned` has no PostgreSQL counterpart and is ignored.
 */
export function typeSql(type: ColumnType, enumType?: string): string {
  switch (type.kind) {
    case 'integer':
      return INTEGER_SQL[type.size];
    case 'decimal':
      return `numeric(${type.precision},${type.scale})`;
    case 'string':
      return `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'timestamp':
      return type.withTimeZone ? 'timestamptz' : 'timestamp';
    case 'json':
      return type.binary ? 'jsonb' : 'json';
    case 'enum':
      if (enumType === undefined) throw new Error('typeSql: an enum column needs its type name');
      return qualified(enumType, type.typeSchema);
    case 'native':
      return type.sql;
    default:
      return PLAIN_SQL[type.kind];
  }
}

/** `format_type()` spellings that map to a model type without parameters. */
const FROM_SQL: Readonly<Record<string, ColumnType>> = {
  smallint: { kind: 'integer', size: 'small' },
  integer: { kind: 'integer', size: 'regular' },
  bigint: { kind: 'integer', size: 'big' },
  real: { kind: 'float' },
  'double precision': { kind: 'double' },
  text: { kind: 'text' },
  boolean: { kind: 'boolean' },
  date: { kind: 'date' },
  'time without time zone': { kind: 'time' },
  'timestamp without time zone': { kind: 'timestamp', withTimeZone: false },
  'timestamp with time zone': { kind: 'timestamp', withTimeZone: true },
  json: { kind: 'json', binary: false },
  jsonb: { kind: 'json', binary: true },
  uuid: { kind: 'uuid' },
  bytea: { kind: 'binary' },
};

/** Reads a `format_type()` string into the model; anything unmapped stays `native`. */
export function typeFromSql(formatted: string): ColumnType {
  const sql = formatted.trim();
  // Own keys only: a type named `constructor` is no model type.
  const plain = Object.hasOwn(FROM_SQL, sql) ? FROM_SQL[sql] : undefined;
  if (plain) return { ...plain };
  let m = /^numeric\((\d+),(\d+)\)$/.exec(sql);
  if (m) return { kind: 'decimal', precision: Number(m[1]), scale: Number(m[2]) };
  m = /^character varying\((\d+)\)$/.exec(sql);
  if (m) return { kind: 'string', length: Number(m[1]) };
  m = /^character\((\d+)\)$/.exec(sql);
  if (m) return { kind: 'char', length: Number(m[1]) };
  return { kind: 'native', sql };
}
