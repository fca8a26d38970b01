/**
 * Column defaults: reading what `sys.default_constraints.definition` reports
 * (`((0))`, `((-4))`, `('abc')`, `(N'x')`, `(getdate())`) into the model's
 * `DefaultValue`, and bringing an authored default to the same form for the
 * column's type.
 */
import { coerceDefaultWith, CURRENT_TIMESTAMP, type DefaultValue } from '@odac/core';
import { constantValue, stripOuterParens } from './expression.js';
import { literal } from './quote.js';

/**
 * The clock in the spellings SQL Server has for "now, local time":
 * `CURRENT_TIMESTAMP` is stored as `getdate()`; `sysdatetime()` is the same
 * clock with more digits. `sysutcdatetime()` / `getutcdate()` are another
 * clock (UTC) and stay expressions.
 */
const CLOCK = /^(?:getdate\s*\(\s*\)|sysdatetime\s*\(\s*\)|current_timestamp)$/i;

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

/**
 * Brings a default to the form introspection reports for a column of
 * `type`: raw SQL is read like a catalog default, literals take the column's
 * type (`'0'` on an integer is `0`, `1` on a bit is `true`, `5` on a string
 * is `'5'`), and a `NULL` default is no default at all.
 */
export const coerceDefault = coerceDefaultWith(parseDefault);

/** The SQL of a default in `DEFAULT …`: `N'draft'`, `0`, `1` for true, `CURRENT_TIMESTAMP`, raw SQL. */
export function defaultSql(value: DefaultValue): string {
  return value.kind === 'expression' ? value.sql : literal(value.value);
}

/** Whether odac records the authored text of this default (expressions SQL Server would rewrite). */
export function recordsAuthored(value: DefaultValue | undefined): boolean {
  return value?.kind === 'expression' && value.sql !== CURRENT_TIMESTAMP;
}
