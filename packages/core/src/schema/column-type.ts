/**
 * The column-level translations shared by validation and conversion: a
 * definition's `type` and options to a model `ColumnType`, and a `default`
 * to a model `DefaultValue`. Both are total over malformed input (they give
 * `undefined` or a problem, never throw), because conversion is best effort
 * while validation collects every problem.
 */
import { exactNumber } from '../decimal.js';
import { CURRENT_TIMESTAMP, type ColumnType, type DefaultValue } from '../model.js';
import { COLUMN_TYPE_NAMES, INTEGER_SIZES } from './catalog.js';

/** A column definition as read from a file: nothing about it is trusted yet. */
export type RawColumn = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The model's `generated` for a column's `generated` option (the shorthand
 * string or `{ expression, stored }`; `stored` defaults to true), or
 * `undefined` when absent or malformed (validation reports it).
 */
export function convertGenerated(value: unknown): { expression: string; stored: boolean } | undefined {
  if (isNonEmptyString(value)) return { expression: value.trim(), stored: true };
  if (!isRecord(value) || !isNonEmptyString(value['expression'])) return undefined;
  const stored = value['stored'];
  if (stored !== undefined && typeof stored !== 'boolean') return undefined;
  return { expression: value['expression'].trim(), stored: stored !== false };
}

function positiveOr(value: unknown, fallback: number): number {
  return isPositiveInteger(value) ? value : fallback;
}

/**
 * The model type of a column definition, or `undefined` for an unknown type,
 * the `timestamps` pseudo-column, or an `enum`/`specificType` missing what
 * defines it. Optional flags are set only when true, so equal columns are
 * deep-equal (`{ unsigned: false }` never appears); the one exception is
 * `withTimeZone: false` written explicitly, which ODAC.JS compatibility reads.
 */
export function convertType(def: RawColumn): ColumnType | undefined {
  const type = def['type'];
  if (typeof type !== 'string') return undefined;
  const size = Object.prototype.hasOwnProperty.call(INTEGER_SIZES, type) ? INTEGER_SIZES[type as keyof typeof INTEGER_SIZES] : undefined;
  if (size !== undefined) {
    // increments are unsigned unless the file says `unsigned: false` (a signed AUTO_INCREMENT key, as MySQL allows).
    const autoIncrement = type === 'increments' || type === 'bigIncrements';
    const unsigned = autoIncrement ? def['unsigned'] !== false : def['unsigned'] === true;
    return unsigned ? { kind: 'integer', size, unsigned: true } : { kind: 'integer', size };
  }
  switch (type) {
    case 'string':
      return { kind: 'string', length: positiveOr(def['length'], 255) };
    case 'nanoid':
      return { kind: 'string', length: positiveOr(def['length'], 21) };
    case 'char':
      return { kind: 'char', length: positiveOr(def['length'], 255) };
    case 'text':
      if (def['textType'] === 'mediumtext') return { kind: 'text', size: 'medium' };
      if (def['textType'] === 'longtext') return { kind: 'text', size: 'long' };
      return { kind: 'text' };
    case 'decimal': {
      const precision = positiveOr(def['precision'], 10);
      const scale = typeof def['scale'] === 'number' && Number.isInteger(def['scale']) && def['scale'] >= 0 ? def['scale'] : 2;
      return def['unsigned'] === true ? { kind: 'decimal', precision, scale, unsigned: true } : { kind: 'decimal', precision, scale };
    }
    case 'timestamp':
      // An explicit `withTimeZone: false` is kept: it wins over ODAC.JS compatibility, where a plain timestamp has a time zone.
      return typeof def['withTimeZone'] === 'boolean' ? { kind: 'timestamp', withTimeZone: def['withTimeZone'] } : { kind: 'timestamp' };
    case 'json':
      return { kind: 'json' };
    case 'jsonb':
      return { kind: 'json', binary: true };
    case 'binary':
      return isPositiveInteger(def['length']) ? { kind: 'binary', length: def['length'] } : { kind: 'binary' };
    case 'enum': {
      const values = def['values'];
      if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) return undefined;
      const typeName = isNonEmptyString(def['typeName']) ? def['typeName'].trim() : undefined;
      const typeSchema = typeName !== undefined && isNonEmptyString(def['typeSchema']) ? { typeSchema: def['typeSchema'] } : {};
      return { kind: 'enum', values: [...(values as string[])], ...(typeName !== undefined ? { typeName, ...typeSchema } : {}) };
    }
    case 'specificType': {
      const sql = specificTypeSql(def);
      return sql !== undefined ? { kind: 'native', sql } : undefined;
    }
    case 'float': {
      const precision = isPositiveInteger(def['precision']) ? def['precision'] : undefined;
      const scale = typeof def['scale'] === 'number' && Number.isInteger(def['scale']) && def['scale'] >= 0 ? def['scale'] : undefined;
      return { kind: 'float', ...(precision !== undefined ? { precision } : {}), ...(scale !== undefined ? { scale } : {}) };
    }
    case 'boolean':
    case 'double':
    case 'date':
    case 'time':
    case 'datetime':
    case 'uuid':
      return { kind: type };
    default:
      // A type name odac does not know is the database's own (ODAC.JS passes it to knex's specificType).
      return isNonEmptyString(type) && !isKnownTypeName(type) ? { kind: 'native', sql: type.trim() } : undefined;
  }
}

/** Whether `type` is one of odac's own type names (anything else is a native type). */
export function isKnownTypeName(type: string): boolean {
  return (COLUMN_TYPE_NAMES as readonly string[]).includes(type);
}

/**
 * The raw type of a `specificType` column: `native` (odac), or, as ODAC.JS
 * writes it, `specificType` or a string `length`; `undefined` when none is given.
 */
export function specificTypeSql(def: RawColumn): string | undefined {
  for (const key of ['native', 'specificType', 'length']) {
    const value = def[key];
    if (isNonEmptyString(value)) return value.trim();
  }
  return undefined;
}

/** `current_timestamp`, `now()`, `CURRENT_TIMESTAMP()` in any case. */
const CURRENT_TIMESTAMP_SPELLINGS = /^(current_timestamp(\s*\(\s*\))?|now\s*\(\s*\))$/i;

function expression(sql: string): DefaultValue {
  const trimmed = sql.trim();
  return { kind: 'expression', sql: CURRENT_TIMESTAMP_SPELLINGS.test(trimmed) ? CURRENT_TIMESTAMP : trimmed };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The outcome of reading a `default`: the model value, or what is wrong with it (a clause). */
export type DefaultResult = { readonly value: DefaultValue } | { readonly problem: string };

function literal(value: string | number | boolean | null): DefaultResult {
  return { value: { kind: 'literal', value } };
}

function numericDefault(input: unknown, type: Extract<ColumnType, { kind: 'integer' | 'decimal' | 'float' | 'double' }>): DefaultResult {
  const integer = type.kind === 'integer';
  let n: number | undefined;
  // Numeric text keeps every digit (a decimal(35,30) default, a bigint past 2^53): it stays text when a number would round it.
  let exact: number | string | undefined;
  if (typeof input === 'number') n = input;
  else if (typeof input === 'string' && (integer ? INTEGER_TEXT : NUMBER_TEXT).test(input.trim())) {
    exact = exactNumber(input.trim());
    n = Number(input.trim());
  }
  if (n === undefined || !Number.isFinite(n)) {
    const what = typeof input === 'string' ? `'${input}'` : JSON.stringify(input);
    const use = typeof input === 'boolean' ? `use ${input ? 1 : 0}` : `use a number`;
    return { problem: `${what} is not a number; ${use}, or { raw: 'SQL' } for an expression` };
  }
  if (integer && !Number.isInteger(n)) return { problem: `${n} is not a whole number; use an integer or change the type to decimal` };
  if (n < 0 && 'unsigned' in type && type.unsigned === true) return { problem: `${n} is negative but the column is unsigned; use 0 or more, or remove unsigned` };
  return literal(exact ?? n);
}

/**
 * Reads a `default` for a column of the given model type. Numeric text on a
 * numeric column becomes a number and 0/1 on a boolean becomes false/true,
 * so equal intentions give equal models. A literal `'CURRENT_TIMESTAMP'` or
 * `'now()'` on a datetime/timestamp column is taken as the expression: no
 * database stores that text in such a column, so it can only mean the clock.
 */
export function convertDefault(input: unknown, type: ColumnType): DefaultResult {
  if (input === null) return literal(null);
  if (isRecord(input)) {
    const keys = Object.keys(input);
    if (keys.length === 1 && keys[0] === 'raw' && isNonEmptyString(input['raw'])) return { value: expression(input['raw']) };
    return { problem: `it must be a literal (string, number, boolean or null) or { raw: 'SQL' } with a non-empty SQL string` };
  }
  if (typeof input !== 'string' && typeof input !== 'number' && typeof input !== 'boolean') {
    return { problem: `it must be a literal (string, number, boolean or null) or { raw: 'SQL' }, not ${Array.isArray(input) ? 'an array' : typeof input}` };
  }
  switch (type.kind) {
    case 'native':
      return literal(input);
    case 'integer':
    case 'decimal':
    case 'float':
    case 'double':
      return numericDefault(input, type);
    case 'boolean':
      if (typeof input === 'boolean') return literal(input);
      if (input === 0 || input === 1) return literal(input === 1);
      return { problem: `${JSON.stringify(input)} is not a boolean; use true or false` };
    default:
      break;
  }
  if (typeof input !== 'string') {
    return { problem: `${JSON.stringify(input)} does not fit a ${type.kind} column; write it as a string ('${String(input)}')` };
  }
  switch (type.kind) {
    case 'string':
    case 'char':
      if (input.length > type.length) return { problem: `'${input}' is longer than the column's length ${type.length}; shorten it or raise length` };
      return literal(input);
    case 'enum':
      if (!type.values.includes(input)) return { problem: `'${input}' is not one of the enum values (${type.values.map((v) => `'${v}'`).join(', ')}); use one of them or add it to values` };
      return literal(input);
    case 'uuid':
      if (!UUID.test(input)) return { problem: `'${input}' is not a UUID; write one like '123e4567-e89b-12d3-a456-426614174000', or use { raw: 'SQL' } to generate it` };
      return literal(input);
    case 'json':
      try {
        JSON.parse(input);
      } catch {
        return { problem: `'${input}' is not valid JSON text; write the JSON as a string, e.g. '{}'` };
      }
      return literal(input);
    case 'datetime':
    case 'timestamp':
      if (CURRENT_TIMESTAMP_SPELLINGS.test(input.trim())) return { value: expression(input) };
      return literal(input);
    default:
      return literal(input);
  }
}
