/**
 * Column defaults: reading what `sys.default_constraints.definition` reports
 * (`((0))`, `((-4))`, `('abc')`, `(N'x')`, `(getdate())`) into the model's
 * `DefaultValue`, and bringing an authored default to the same form for the
 * column's type.
 */
import { booleanText, coerceDefaultWith, CURRENT_TIMESTAMP, exactNumber, type ColumnType, type DefaultValue } from '@odac/core';
import { constantValue, stripOuterParens } from './expression.js';
import { literal } from './quote.js';

/**
 * The clock in the spellings SQL Server has for "now, local time":
 * `CURRENT_TIMESTAMP` is stored as `getdate()`; `sysdatetime()` is the same
 * clock with more digits. `sysutcdatetime()` / `getutcdate()` are another
 * clock (UTC) and stay expressions.
 */
const CLOCK = /^(?:getdate\s*\(\s*\)|sysdatetime\s*\(\s*\)|current_timestamp)$/i;

type Literal = string | number | boolean | null;

/**
 * Reads a default as SQL Server stores it (or as a user wrote it as raw SQL):
 * a constant in any number of parentheses is a literal, the clock is the
 * `CURRENT_TIMESTAMP` token, anything else is kept as an expression without
 * its outer parentheses.
 */
export function parseDefault(text: string): DefaultValue {
  const c = constantValue(text);
  if (c) return { kind: 'literal', value: c.value };
  const s = stripOuterParens(text);
  if (CLOCK.test(s)) return { kind: 'expression', sql: CURRENT_TIMESTAMP };
  return { kind: 'expression', sql: s };
}

const NUMERIC_KINDS = new Set<ColumnType['kind']>(['integer', 'decimal', 'float', 'double']);

function coerceLiteral(type: ColumnType, value: Literal): Literal {
  if (value === null) return null;
  if (NUMERIC_KINDS.has(type.kind)) {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
      // A number only when it holds every digit: integers past 2^53 and decimal(35,30) defaults stay exact text.
      return exactNumber(value) ?? value.trim();
    }
    return value;
  }
  if (type.kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    return booleanText(String(value)) ?? value;
  }
  // Anything else is written as a Unicode string literal and read back as text.
  return typeof value === 'string' ? value : String(value);
}

/**
 * Brings a default to the form introspection reports for a column of
 * `type`: raw SQL is read like a catalog default, literals take the column's
 * type (`'0'` on an integer is `0`, `1` on a bit is `true`, `5` on a string
 * is `'5'`), and a `NULL` default is no default at all.
 */
export const coerceDefault = coerceDefaultWith(parseDefault, coerceLiteral);

/** The SQL of a default in `DEFAULT …`: `N'draft'`, `0`, `1` for true, `CURRENT_TIMESTAMP`, raw SQL. */
export function defaultSql(value: DefaultValue): string {
  return value.kind === 'expression' ? value.sql : literal(value.value);
}

/** Whether odac records the authored text of this default (expressions SQL Server would rewrite). */
export function recordsAuthored(value: DefaultValue | undefined): boolean {
  return value?.kind === 'expression' && value.sql !== CURRENT_TIMESTAMP;
}
