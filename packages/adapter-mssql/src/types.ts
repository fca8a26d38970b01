/**
 * Model column types ↔ SQL Server types. `typeSql` writes DDL; `typeFromParts`
 * reads what `sys.columns` + `sys.types` report (and, through `parseTypeSql`,
 * what a user wrote in `specificType`), so both sides meet on the same model.
 */
import type { ColumnType } from '@odac/core';

/** The longest `nvarchar(n)` / `nchar(n)`; longer strings are `nvarchar(max)`. */
export const MAX_NVARCHAR = 4000;
/** The longest `varbinary(n)`; longer binaries are `varbinary(max)`. */
export const MAX_VARBINARY = 8000;
/** Enum columns are `nvarchar(255)` with a CHECK listing the values. */
export const ENUM_LENGTH = 255;

/** A type as SQL Server names it: `nvarchar` + length, `decimal` + precision and scale… */
export interface SqlTypeParts {
  /** Lower-case type name (`nvarchar`, `datetime2`, or a user-defined alias type). */
  readonly name: string;
  /** Characters (not bytes) for n/char types, bytes for binary types; `max` for the LOB forms. */
  readonly length?: number | 'max';
  readonly precision?: number;
  readonly scale?: number;
}

/** What `sys.columns` joined with `sys.types` reports for one column. */
export interface CatalogType {
  /** `sys.types.name` of the column's user type. */
  readonly type_name: string;
  /** `sys.types.is_user_defined`: an alias type (`CREATE TYPE … FROM …`). */
  readonly is_user_defined: boolean;
  /** In bytes; -1 for `max`. */
  readonly max_length: number;
  readonly precision: number;
  readonly scale: number;
}

const UNICODE = new Set(['nvarchar', 'nchar']);
const SIZED = new Set(['nvarchar', 'nchar', 'varchar', 'char', 'varbinary', 'binary']);
const PRECISION_SCALE = new Set(['decimal', 'numeric']);
const FRACTIONAL = new Set(['time', 'datetime2', 'datetimeoffset']);
/** Fractional-second digits SQL Server uses when none are given. */
const DEFAULT_FRACTION = 7;

/** The parts of a catalog column's type (lengths in characters, `max` for -1). */
export function partsFromCatalog(row: CatalogType): SqlTypeParts {
  const name = row.type_name.toLowerCase();
  if (row.is_user_defined) return { name: row.type_name };
  if (SIZED.has(name)) {
    if (row.max_length === -1) return { name, length: 'max' };
    return { name, length: UNICODE.has(name) ? row.max_length / 2 : row.max_length };
  }
  if (PRECISION_SCALE.has(name)) return { name, precision: row.precision, scale: row.scale };
  if (FRACTIONAL.has(name)) return { name, scale: row.scale };
  // float's precision is its mantissa bits: 53 for float, float(n ≤ 24) is stored as real.
  if (name === 'float') return { name, precision: row.precision };
  return { name };
}

/** SQL text for type parts: `nvarchar(100)`, `decimal(10,2)`, `time(3)`, `varbinary(max)`. */
export function partsSql(parts: SqlTypeParts): string {
  if (parts.length !== undefined) return `${parts.name}(${parts.length})`;
  if (parts.precision !== undefined && parts.scale !== undefined) return `${parts.name}(${parts.precision},${parts.scale})`;
  if (parts.precision !== undefined) return `${parts.name}(${parts.precision})`;
  if (parts.scale !== undefined) return `${parts.name}(${parts.scale})`;
  return parts.name;
}

/**
 * The model type for type parts; anything without a model counterpart (and
 * non-default precisions such as `datetime2(3)`) stays `native`, spelled
 * the way `partsSql` prints catalog types so both sides compare equal.
 */
export function typeFromParts(parts: SqlTypeParts): ColumnType {
  const native = (): ColumnType => ({ kind: 'native', sql: partsSql(parts) });
  const fraction = parts.scale ?? DEFAULT_FRACTION;
  switch (parts.name) {
    case 'tinyint':
      // 0..255: exactly MySQL's TINYINT UNSIGNED.
      return { kind: 'integer', size: 'tiny', unsigned: true };
    case 'smallint':
      return { kind: 'integer', size: 'small' };
    case 'int':
      return { kind: 'integer', size: 'regular' };
    case 'bigint':
      return { kind: 'integer', size: 'big' };
    case 'decimal':
      return { kind: 'decimal', precision: parts.precision ?? 18, scale: parts.scale ?? 0 };
    case 'real':
      return { kind: 'float' };
    case 'float':
      return (parts.precision ?? 53) <= 24 ? { kind: 'float' } : { kind: 'double' };
    case 'bit':
      return { kind: 'boolean' };
    case 'nvarchar':
      if (parts.length === 'max') return { kind: 'text' };
      return { kind: 'string', length: parts.length ?? 1 };
    case 'nchar':
      return parts.length === 'max' ? native() : { kind: 'char', length: parts.length ?? 1 };
    case 'date':
      return { kind: 'date' };
    case 'time':
      return fraction === DEFAULT_FRACTION ? { kind: 'time' } : native();
    case 'datetime2':
      return fraction === DEFAULT_FRACTION ? { kind: 'timestamp', withTimeZone: false } : native();
    case 'datetimeoffset':
      return fraction === DEFAULT_FRACTION ? { kind: 'timestamp', withTimeZone: true } : native();
    case 'uniqueidentifier':
      return { kind: 'uuid' };
    case 'varbinary':
      if (parts.length === 'max') return { kind: 'binary' };
      return { kind: 'binary', length: parts.length ?? 1 };
    default:
      return native();
  }
}

/** The model type of a catalog column (before CHECK-based enum / json recognition). */
export function typeFromCatalog(row: CatalogType): ColumnType {
  return typeFromParts(partsFromCatalog(row));
}

const ALIASES: Readonly<Record<string, string>> = {
  integer: 'int',
  dec: 'decimal',
  'double precision': 'float',
  'character varying': 'varchar',
  character: 'char',
  'national character varying': 'nvarchar',
  'national char varying': 'nvarchar',
  'national character': 'nchar',
  'national char': 'nchar',
  rowversion: 'timestamp',
};

/**
 * Parses a type as a user writes it (`NVARCHAR(100)`, `decimal(10, 2)`,
 * `[datetime2](3)`, `varchar(MAX)`), filling in SQL Server's defaults
 * (`nvarchar` is `nvarchar(1)`, `decimal` is `decimal(18,0)`, `float` is
 * `float(53)`). Undefined when it is not a simple type name with arguments.
 */
export function parseTypeSql(sql: string): SqlTypeParts | undefined {
  const m = /^\s*\[?([A-Za-z_][A-Za-z0-9_ ]*?)\]?\s*(?:\(\s*([^)]*?)\s*\))?\s*$/.exec(sql);
  if (!m?.[1]) return undefined;
  const raw = m[1].toLowerCase().replace(/\s+/g, ' ');
  const name = ALIASES[raw] ?? raw;
  const args = m[2] === undefined || m[2] === '' ? [] : m[2].split(/\s*,\s*/);
  const number = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  if (SIZED.has(name)) {
    const a = args[0]?.toLowerCase();
    if (args.length > 1) return undefined;
    if (a === 'max') return { name, length: 'max' };
    const n = a === undefined ? 1 : number(a);
    return n === undefined ? undefined : { name, length: n };
  }
  if (PRECISION_SCALE.has(name)) {
    const precision = args[0] === undefined ? 18 : number(args[0]);
    const scale = args[1] === undefined ? 0 : number(args[1]);
    return precision === undefined || scale === undefined ? undefined : { name, precision, scale };
  }
  if (FRACTIONAL.has(name)) {
    const scale = args[0] === undefined ? DEFAULT_FRACTION : number(args[0]);
    return scale === undefined ? undefined : { name, scale };
  }
  if (name === 'float') {
    const bits = args[0] === undefined ? 53 : number(args[0]);
    if (bits === undefined) return undefined;
    // float(1..24) is real, float(25..53) is float(53).
    return bits <= 24 ? { name: 'real' } : { name, precision: 53 };
  }
  return args.length === 0 ? { name } : undefined;
}

/**
 * The model type for a `specificType` / native type as a user wrote it:
 * `int` is an integer, `NVARCHAR(20)` a string; anything else stays native,
 * spelled as the catalog will report it (`varchar(50)`, `datetime2(3)`).
 */
export function typeFromSql(sql: string): ColumnType {
  const parts = parseTypeSql(sql);
  if (!parts) return { kind: 'native', sql: sql.trim().replace(/\s+/g, ' ') };
  return typeFromParts(parts);
}

const INTEGER_SQL = { tiny: 'smallint', small: 'smallint', medium: 'int', regular: 'int', big: 'bigint' } as const;

/**
 * The SQL type for a model type. A `tinyInteger` is `smallint` unless it is
 * unsigned (SQL Server's `tinyint` holds 0..255 only); enum columns are
 * `nvarchar(255)` (their CHECK is emitted with the column).
 */
export function typeSql(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
      return type.size === 'tiny' && type.unsigned ? 'tinyint' : INTEGER_SQL[type.size];
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'float':
      return 'real';
    case 'double':
      return 'float(53)';
    case 'string':
      return type.length > MAX_NVARCHAR ? 'nvarchar(max)' : `nvarchar(${type.length})`;
    case 'char':
      return type.length > MAX_NVARCHAR ? 'nvarchar(max)' : `nchar(${type.length})`;
    case 'text':
    case 'json':
      return 'nvarchar(max)';
    case 'boolean':
      return 'bit';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'datetime':
      return 'datetime2';
    case 'timestamp':
      return type.withTimeZone ? 'datetimeoffset' : 'datetime2';
    case 'uuid':
      return 'uniqueidentifier';
    case 'binary':
      return type.length === undefined || type.length > MAX_VARBINARY ? 'varbinary(max)' : `varbinary(${type.length})`;
    case 'enum':
      return `nvarchar(${ENUM_LENGTH})`;
    case 'native':
      return type.sql;
  }
}
