/**
 * Preflight checks as one `SELECT count(*) AS n` each. Pure.
 *
 * `fitsType` on SQLite: columns are dynamically typed, so a declared type
 * does not limit what a column holds and a type change never truncates. The
 * check still counts the values that would not fit the new type on a
 * database that enforces it, so a schema that moves between databases stays
 * honest: strings longer than a new `varchar(n)` / `char(n)`; values that are
 * not whole numbers within the range of a new integer size (text that reads
 * as such a number counts as fitting); numbers too large for a new
 * `decimal(p,s)`; booleans other than 0/1; and, enforced by SQLite itself
 * through the enum's CHECK, values outside a new enum's list. Any other
 * target type counts 0.
 */
import { preflightQueries, type ColumnType, type IntegerSize } from '@odac/core';
import { literal, quote } from './quote.js';

const INTEGER_RANGE: Readonly<Record<IntegerSize, readonly [string, string]>> = {
  tiny: ['-128', '127'],
  small: ['-32768', '32767'],
  medium: ['-8388608', '8388607'],
  regular: ['-2147483648', '2147483647'],
  big: ['-9223372036854775808', '9223372036854775807'],
};

/** A SQL condition true for values of `c` that do not fit `to`, or undefined when nothing can fail. */
function misfit(c: string, to: ColumnType): string | undefined {
  switch (to.kind) {
    case 'string':
    case 'char':
      return `length(${c}) > ${to.length}`;
    case 'integer': {
      const [min, max] = INTEGER_RANGE[to.size];
      const i = `CAST(${c} AS INTEGER)`;
      return (
        `NOT (CASE typeof(${c}) WHEN 'integer' THEN ${c} BETWEEN ${min} AND ${max}` +
        ` WHEN 'real' THEN ${c} = ${i} AND ${i} BETWEEN ${min} AND ${max}` +
        ` WHEN 'text' THEN CAST(${i} AS TEXT) = ${c} AND ${i} BETWEEN ${min} AND ${max}` +
        ` ELSE 0 END)`
      );
    }
    case 'decimal':
      return `typeof(${c}) IN ('integer', 'real') AND abs(${c}) >= 1e${to.precision - to.scale}`;
    case 'boolean':
      return `${c} NOT IN (0, 1)`;
    case 'enum':
      return `${c} NOT IN (${to.values.map(literal).join(', ')})`;
    default:
      return undefined;
  }
}

/** The query counting the rows that violate `check`, or undefined when none can. */
export const preflightSql = preflightQueries({ quote, misfit: (column, _from, to) => misfit(column, to) });
