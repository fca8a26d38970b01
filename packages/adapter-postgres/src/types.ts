/**
 * Model column types ↔ PostgreSQL types. `typeSql` writes DDL; `typeFromSql`
 * reads what `format_type()` reports (and, after `canonicalTypeSql`, what a
 * user wrote in `specificType`), so both sides meet on the same model.
 */
import { fitIdentifier as coreFitIdentifier, shortHash, type Column, type ColumnType } from '@odac/core';
import { qualified } from './quote.js';

/** PostgreSQL's identifier limit, in bytes (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

/** Core's short stable hash, re-exported for this adapter's generated names. */
export { shortHash };

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

const INTEGER_SQL = { tiny: 'smallint', small: 'smallint', medium: 'integer', regular: 'integer', big: 'bigint' } as const;

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

/** Lower-cases SQL outside double-quoted identifiers and folds whitespace. */
function lowerOutsideQuotes(sql: string): string {
  return sql
    .trim()
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.toLowerCase().replace(/\s+/g, ' ')))
    .join('')
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*\)/g, ')');
}

const ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  int2: 'smallint',
  smallint: 'smallint',
  int8: 'bigint',
  bigint: 'bigint',
  bool: 'boolean',
  boolean: 'boolean',
  float4: 'real',
  real: 'real',
  float: 'double precision',
  float8: 'double precision',
  'double precision': 'double precision',
  decimal: 'numeric',
  numeric: 'numeric',
  varchar: 'character varying',
  'character varying': 'character varying',
  char: 'character(1)',
  character: 'character(1)',
  bpchar: 'bpchar',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  varbit: 'bit varying',
};

function canonicalBase(base: string): string {
  const alias = Object.hasOwn(ALIASES, base) ? ALIASES[base] : undefined;
  if (alias !== undefined) return alias;
  let m = /^(?:varchar|character varying)\((\d+)\)$/.exec(base);
  if (m) return `character varying(${m[1]})`;
  m = /^(?:char|character|bpchar)\((\d+)\)$/.exec(base);
  if (m) return `character(${m[1]})`;
  m = /^(?:numeric|decimal)\((\d+)(?:,(\d+))?\)$/.exec(base);
  if (m) return `numeric(${m[1]},${m[2] ?? '0'})`;
  m = /^float\((\d+)\)$/.exec(base);
  if (m) return Number(m[1]) <= 24 ? 'real' : 'double precision';
  m = /^(timestamp|time)\((\d+)\)( with(?:out)? time zone)?$/.exec(base);
  if (m) return `${m[1]}(${m[2]})${m[3] ?? ' without time zone'}`;
  m = /^(timestamptz|timetz)\((\d+)\)$/.exec(base);
  if (m) return `${m[1] === 'timestamptz' ? 'timestamp' : 'time'}(${m[2]}) with time zone`;
  return base;
}

/**
 * Spells a user-written type the way `format_type()` reports it
 * (`int4[]` → `integer[]`, `varchar(20)` → `character varying(20)`,
 * `timestamptz` → `timestamp with time zone`).
 */
export function canonicalTypeSql(sql: string): string {
  let base = lowerOutsideQuotes(sql);
  let dims = 0;
  for (;;) {
    const m = /^(.*?)\s*\[\d*\]$/.exec(base);
    if (!m || m[1] === undefined) break;
    base = m[1];
    dims++;
  }
  const array = /^(.*) array$/.exec(base);
  if (array?.[1] !== undefined) {
    base = array[1];
    dims = Math.max(dims, 1);
  }
  return canonicalBase(base) + '[]'.repeat(dims);
}
