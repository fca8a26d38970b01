/**
 * Preflight queries: each data check as one `SELECT … AS n` counting the
 * rows that would make a statement fail halfway. Pure; the connection runs
 * them all before the first DDL, because MySQL cannot roll DDL back.
 */
import { preflightQueries, type ColumnType } from '@odac/core';
import { literal, quote } from './sql.js';
import { parseColumnType } from './types.js';

const INTEGER_RANGE: Readonly<Record<string, readonly [string, string, string]>> = {
  // size: [signed min, signed max, unsigned max]
  tiny: ['-128', '127', '255'],
  small: ['-32768', '32767', '65535'],
  medium: ['-8388608', '8388607', '16777215'],
  regular: ['-2147483648', '2147483647', '4294967295'],
  big: ['-9223372036854775808', '9223372036854775807', '18446744073709551615'],
};

const TEXT_BYTES: Readonly<Record<string, number>> = { regular: 65535, medium: 16777215, long: 4294967295 };

function numericFamily(type: ColumnType): boolean {
  return type.kind === 'integer' || type.kind === 'decimal' || type.kind === 'float' || type.kind === 'double' || type.kind === 'boolean';
}

/** Rows of a numeric target that are not numbers at all (when converting from text). */
function notANumber(c: string, from: ColumnType, integer: boolean): string | undefined {
  if (numericFamily(from)) return undefined;
  return `TRIM(${c}) NOT REGEXP ${literal(integer ? '^[+-]?[0-9]+$' : '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')}`;
}

function any(conditions: readonly (string | undefined)[]): string | undefined {
  const list = conditions.filter((c): c is string => c !== undefined);
  return list.length === 0 ? undefined : list.map((c) => `(${c})`).join(' OR ');
}

/**
 * The condition a non-NULL value of column `c` (SQL) meets when it does not
 * fit `to`; undefined when every value fits or odac cannot tell (native types).
 */
export function misfitCondition(c: string, from: ColumnType, toType: ColumnType): string | undefined {
  const to = toType.kind === 'native' ? parseColumnType(toType.sql) : toType;
  const fromNumeric = numericFamily(from);
  const num = fromNumeric ? c : `CAST(${c} AS DECIMAL(65,30))`;
  switch (to.kind) {
    case 'boolean':
    case 'integer': {
      const [min, max, umax] = INTEGER_RANGE[to.kind === 'boolean' ? 'tiny' : to.size] as readonly [string, string, string];
      const unsigned = to.kind === 'integer' && to.unsigned === true;
      const range = `${num} < ${unsigned ? '0' : min} OR ${num} > ${unsigned ? umax : max}`;
      const fraction = from.kind === 'integer' || from.kind === 'boolean' ? undefined : `${num} <> ROUND(${num})`;
      const nan = notANumber(c, from, true);
      return nan ? any([nan]) : any([range, fraction]);
    }
    case 'decimal': {
      const limit = '1' + '0'.repeat(Math.max(0, to.precision - to.scale));
      const nan = notANumber(c, from, false);
      if (nan) return any([nan]);
      return any([`ABS(${num}) >= ${limit}`, `${num} <> ROUND(${num}, ${to.scale})`, to.unsigned ? `${num} < 0` : undefined]);
    }
    case 'float':
    case 'double':
      return notANumber(c, from, false);
    case 'string':
    case 'char':
      return `CHAR_LENGTH(${c}) > ${to.length}`;
    case 'uuid':
      return `CHAR_LENGTH(${c}) > 36`;
    case 'text':
      return `LENGTH(${c}) > ${TEXT_BYTES[to.size ?? 'regular']}`;
    case 'binary':
      return `LENGTH(${c}) > ${to.length ?? 65535}`;
    case 'enum':
      return `${c} NOT IN (${to.values.map((v) => literal(v)).join(', ')})`;
    case 'json':
      return `JSON_VALID(${c}) = 0`;
    case 'date':
      return from.kind === 'datetime' || from.kind === 'timestamp' ? `TIME(${c}) <> '00:00:00'` : undefined;
    case 'timestamp':
      // A timestamp holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC.
      return from.kind === 'timestamp' ? undefined : `${c} < '1970-01-01 00:00:01' OR ${c} > '2038-01-19 03:14:07'`;
    default:
      return undefined;
  }
}

/** The counting query for one check; undefined when there is nothing to count. */
export const preflightSql = preflightQueries({ quote, misfit: misfitCondition });
