/**
 * Preflight queries: for each data check of a plan, one `SELECT count(*)`
 * of the rows that would make the plan fail. Names are those in the
 * database before the plan runs. Pure SQL builders; the connection runs them.
 */
import { preflightQueries, type ColumnType } from '@odac/core';
import { literal, quote } from './quote.js';

const RANGES = {
  tiny: ['-32768', '32767'],
  small: ['-32768', '32767'],
  medium: ['-2147483648', '2147483647'],
  regular: ['-2147483648', '2147483647'],
  big: ['-9223372036854775808', '9223372036854775807'],
} as const;

const NUMERIC_TEXT = `'^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$'`;
const INTEGER_TEXT = `'^\\s*[-+]?[0-9]+\\s*$'`;
const NUMBER_KINDS = new Set(['integer', 'decimal', 'float', 'double', 'boolean']);

/**
 * A condition true for a value of `col` (of type `from`) that does not fit
 * `to`, or undefined when this adapter cannot tell (the type change itself
 * then fails inside the transaction and rolls back).
 */
export function doesNotFit(col: string, from: ColumnType, to: ColumnType): string | undefined {
  const text = `${col}::text`;
  const numeric = (pattern: string, check: (n: string) => string): string =>
    NUMBER_KINDS.has(from.kind) && from.kind !== 'boolean'
      ? check(`${col}::numeric`)
      : `CASE WHEN ${text} ~ ${pattern} THEN ${check(`${text}::numeric`)} ELSE true END`;
  switch (to.kind) {
    case 'string':
    case 'char':
      return `char_length(${text}) > ${to.length}`;
    case 'integer': {
      const [min, max] = RANGES[to.size];
      return numeric(INTEGER_TEXT, (n) => `(${n} < ${min} OR ${n} > ${max})`);
    }
    case 'decimal': {
      const limit = `1e${to.precision - to.scale}`;
      return numeric(NUMERIC_TEXT, (n) => `abs(round(${n}, ${to.scale})) >= ${limit}`);
    }
    case 'enum':
      return `${text} NOT IN (${to.values.map(literal).join(', ')})`;
    case 'boolean':
      return `lower(btrim(${text})) NOT IN ('t', 'true', 'y', 'yes', 'on', '1', 'f', 'false', 'n', 'no', 'off', '0')`;
    case 'uuid':
      return `${text} !~* '^\\s*\\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\\}?\\s*$'`;
    default:
      return undefined;
  }
}

/** The counting query for one check, or undefined when there is nothing to count. */
export const preflightSql = preflightQueries({ quote, misfit: doesNotFit });
