/**
 * Column types: the model's logical types to MySQL SQL, and MySQL's
 * `COLUMN_TYPE` text back to the model. `parseColumnType(columnTypeSql(t))`
 * is how `normalize` lowers a desired type, so both directions must agree.
 */
import type { ColumnType, IntegerSize, TextSize } from '@odac/core';
import { escapeString, unescapeString } from './sql.js';

const INTEGER_SQL: Readonly<Record<IntegerSize, string>> = {
  tiny: 'tinyint',
  small: 'smallint',
  medium: 'mediumint',
  regular: 'int',
  big: 'bigint',
};

const INTEGER_SIZE: Readonly<Record<string, IntegerSize>> = {
  tinyint: 'tiny',
  smallint: 'small',
  mediumint: 'medium',
  int: 'regular',
  integer: 'regular',
  bigint: 'big',
};

const TEXT_SQL: Readonly<Record<TextSize, string>> = { regular: 'text', medium: 'mediumtext', long: 'longtext' };

const TEXT_SIZE: Readonly<Record<string, TextSize>> = { text: 'regular', mediumtext: 'medium', longtext: 'long' };

/** `enum('a','b')` value list as SQL. */
export function enumValuesSql(values: readonly string[]): string {
  return values.map((v) => `'${escapeString(v)}'`).join(',');
}

/** The SQL of a column type (without NULL / DEFAULT). */
export function columnTypeSql(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
      return INTEGER_SQL[type.size] + (type.unsigned ? ' unsigned' : '');
    case 'decimal':
      return `decimal(${type.precision},${type.scale})` + (type.unsigned ? ' unsigned' : '');
    case 'float':
      // `float(p,s)` as written; `float(p)` alone is MySQL's float up to 24 bits of precision, double above.
      if (type.precision !== undefined && type.scale !== undefined) return `float(${type.precision},${type.scale})`;
      return type.precision !== undefined && type.precision > 24 ? 'double' : 'float';
    case 'double':
      return 'double';
    case 'string':
      return `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'text':
      return TEXT_SQL[type.size ?? 'regular'];
    case 'boolean':
      return 'tinyint(1)';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'datetime':
      return 'datetime';
    case 'timestamp':
      // MySQL has no zone-aware timestamp: it always converts to and from UTC.
      return 'timestamp';
    case 'json':
      // MariaDB turns `json` into `longtext` plus a json_valid CHECK; introspection maps it back.
      return 'json';
    case 'uuid':
      return 'char(36)';
    case 'binary':
      return type.length === undefined ? 'blob' : `varbinary(${type.length})`;
    case 'enum':
      return `enum(${enumValuesSql(type.values)})`;
    case 'native':
      return type.sql.trim();
  }
}

/** Splits `enum('a','b''c')` values. */
export function parseEnumValues(list: string): string[] {
  const values: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/g;
  for (let m = re.exec(list); m; m = re.exec(list)) values.push(unescapeString(m[1] ?? ''));
  return values;
}

function native(sql: string): ColumnType {
  return { kind: 'native', sql: sql.replace(/\s+/g, ' ').trim() };
}

/**
 * Maps a `COLUMN_TYPE` (or the type SQL a user wrote) to the model. Display
 * widths (`int(11)` on MariaDB and MySQL before 8.0.19) are dropped,
 * `tinyint(1)` is boolean, anything the model cannot say stays `native`
 * in lower case. A charset or collation written in it is the column's
 * (`splitCharset`), not the type's.
 */
export function parseColumnType(sql: string): ColumnType {
  return parseBaseType(splitCharset(sql.trim().replace(/\s+/g, ' ')).base);
}

/**
 * Splits `varchar(10) charset latin1 collate latin1_bin` into the type and
 * the character set and collation it names (lower case).
 */
export function splitCharset(text: string): { base: string; charset?: string; collation?: string } {
  const m = /^(.*?)\s+(?:(?:character set|charset)\s+([a-z0-9_]+))?\s*(?:collate\s+([a-z0-9_]+))?$/i.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined)) return { base: text };
  return { base: m[1] as string, ...(m[2] ? { charset: m[2].toLowerCase() } : {}), ...(m[3] ? { collation: m[3].toLowerCase() } : {}) };
}

function parseBaseType(text: string): ColumnType {
  const m = /^([a-z ]+?)\s*(?:\((.*)\))?((?: (?:unsigned|signed|zerofill))*)$/i.exec(text);
  if (!m) return native(text.toLowerCase());
  const base = (m[1] as string).toLowerCase();
  const args = m[2];
  const mods = (m[3] ?? '').toLowerCase().trim().split(' ').filter(Boolean);
  const unsigned = mods.includes('unsigned');
  if (mods.includes('zerofill')) return native(text.toLowerCase());
  if (base === 'enum' && args !== undefined) return { kind: 'enum', values: parseEnumValues(args) };
  if (base === 'set' && args !== undefined) return native(`set(${enumValuesSql(parseEnumValues(args))})`);
  const lower = text.toLowerCase();
  const nums = args === undefined ? [] : args.split(',').map((a) => a.trim());
  const num = (i: number): number | undefined => {
    const v = nums[i];
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const size = INTEGER_SIZE[base];
  if (size) {
    if (size === 'tiny' && !unsigned && num(0) === 1) return { kind: 'boolean' };
    return unsigned ? { kind: 'integer', size, unsigned: true } : { kind: 'integer', size };
  }
  if (base === 'bool' || base === 'boolean') return { kind: 'boolean' };
  if (base === 'decimal' || base === 'numeric' || base === 'dec' || base === 'fixed') {
    const precision = num(0) ?? 10;
    const scale = num(1) ?? 0;
    return unsigned ? { kind: 'decimal', precision, scale, unsigned: true } : { kind: 'decimal', precision, scale };
  }
  if (unsigned) return native(lower);
  if (args === undefined) {
    switch (base) {
      case 'float':
        return { kind: 'float' };
      case 'double':
      case 'double precision':
      case 'real':
        return { kind: 'double' };
      case 'date':
      case 'time':
      case 'datetime':
      case 'timestamp':
      case 'json':
        return { kind: base };
      case 'blob':
        return { kind: 'binary' };
      case 'text':
      case 'mediumtext':
      case 'longtext':
        return TEXT_SIZE[base] === 'regular' ? { kind: 'text' } : { kind: 'text', size: TEXT_SIZE[base] as TextSize };
      default:
        return native(lower);
    }
  }
  const n = num(0);
  const scale = num(1);
  if (base === 'float' && n !== undefined && scale !== undefined && nums.length === 2) return { kind: 'float', precision: n, scale };
  if (n !== undefined && nums.length === 1) {
    if (base === 'varchar' || base === 'character varying') return { kind: 'string', length: n };
    if (base === 'char' || base === 'character') return { kind: 'char', length: n };
    if (base === 'varbinary') return { kind: 'binary', length: n };
    // `time(0)`, `datetime(0)` are the plain types.
    if (n === 0 && (base === 'time' || base === 'datetime' || base === 'timestamp')) return { kind: base };
  }
  return native(lower);
}

/** Fractional-seconds precision of a datetime/timestamp type, when it has one. */
export function fractionalPrecision(type: ColumnType): number | undefined {
  if (type.kind !== 'native') return undefined;
  const m = /^(?:datetime|timestamp)\((\d)\)/.exec(type.sql.toLowerCase());
  return m ? Number(m[1]) : undefined;
}

/** Types whose literal default must be written as an expression, `DEFAULT ('x')`. */
export function isBlobLike(type: ColumnType): boolean {
  if (type.kind === 'text' || type.kind === 'json' || (type.kind === 'binary' && type.length === undefined)) return true;
  if (type.kind !== 'native') return false;
  return /^(tiny|medium|long)?(text|blob)\b|^(geometry|point|linestring|polygon|multi\w+|geometrycollection)\b/.test(type.sql.toLowerCase());
}

/** Types MySQL stores numbers in (their defaults are compared as numbers). */
export function isNumeric(type: ColumnType): boolean {
  if (type.kind === 'integer' || type.kind === 'decimal' || type.kind === 'float' || type.kind === 'double') return true;
  return type.kind === 'native' && /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real)\b/.test(type.sql.toLowerCase());
}

/** Types of temporal values. */
export function isTemporal(type: ColumnType): boolean {
  if (type.kind === 'datetime' || type.kind === 'timestamp' || type.kind === 'date' || type.kind === 'time') return true;
  return type.kind === 'native' && /^(datetime|timestamp|time|date|year)\b/.test(type.sql.toLowerCase());
}

/** Whether the type is a MySQL `timestamp` (with its legacy implicit defaults). */
export function isTimestamp(type: ColumnType): boolean {
  return type.kind === 'timestamp' || (type.kind === 'native' && /^timestamp\b/.test(type.sql.toLowerCase()));
}
