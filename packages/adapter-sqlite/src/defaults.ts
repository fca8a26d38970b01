/**
 * Column defaults: how this adapter writes them and how SQLite's
 * `dflt_value` reads back.
 *
 * `dflt_value` is the default's source text as written, except that a
 * parenthesised expression comes back without its outer parentheses
 * (`DEFAULT (lower('x'))` → `lower('x')`). Literals are written bare
 * (`'it''s'`, `-1`, `TRUE`), `CURRENT_TIMESTAMP` bare, other expressions in
 * parentheses. `normalize` runs the desired default through the same
 * write-then-read path (`defaultAsReported`), so both sides always agree.
 */
import { CURRENT_TIMESTAMP, exactNumber, SQLITE_LEXICON, stripOuterParens, type ColumnType, type DefaultValue } from '@odac/core';
import { literal } from './quote.js';
import { tokenize } from './sql-tokens.js';

/** Spellings of "now" that SQLite (or a schema written for another database) may use. */
const NOW = new Set(["current_timestamp", "datetime('now')", "datetime(current_timestamp)", 'now()', 'current_timestamp()']);

/** Bare keywords SQLite accepts after DEFAULT without parentheses. */
const BARE_KEYWORDS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME']);

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The SQL after `DEFAULT` for a model default. */
export function defaultSql(value: DefaultValue): string {
  if (value.kind === 'literal') return literal(value.value);
  const sql = value.sql.trim();
  if (isNow(sql)) return CURRENT_TIMESTAMP;
  if (BARE_KEYWORDS.has(sql.toUpperCase())) return sql.toUpperCase();
  return `(${sql})`;
}

function isNow(sql: string): boolean {
  return NOW.has(sql.toLowerCase().replace(/\s+/g, ''));
}

function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  // Integers beyond 2^53 and decimals with more digits than a JavaScript number holds would change value: keep them as SQL.
  const n = exactNumber(text);
  return typeof n === 'number' ? n : undefined;
}

/**
 * Parses a `dflt_value` into the model. `NULL` (and no default) is
 * `undefined`: a NULL default means no default. On a boolean column `1`/`0`
 * (bare or quoted, as knex writes them) read as `true`/`false`.
 */
export function parseDefault(dflt: string | null | undefined, type?: ColumnType): DefaultValue | undefined {
  if (dflt === null || dflt === undefined) return undefined;
  const text = stripOuterParens(dflt, SQLITE_LEXICON);
  if (text === '') return undefined;
  const upper = text.toUpperCase();
  if (upper === 'NULL') return undefined;
  if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
  if (isNow(text)) return { kind: 'expression', sql: CURRENT_TIMESTAMP };
  const tokens = tokenize(text);
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only?.kind === 'string' && only.text.length >= 2 && only.text.endsWith("'")) {
    const value = only.text.slice(1, -1).replace(/''/g, "'");
    // knex writes a boolean default as '1' / '0'; a boolean column's numeric affinity stores them as 1 / 0.
    if (type?.kind === 'boolean' && (value === '1' || value === '0')) return { kind: 'literal', value: value === '1' };
    return { kind: 'literal', value };
  }
  const n = parseNumber(text);
  if (n !== undefined) {
    if (type?.kind === 'boolean' && (n === 0 || n === 1)) return { kind: 'literal', value: n === 1 };
    return { kind: 'literal', value: n };
  }
  if (BARE_KEYWORDS.has(upper)) return { kind: 'expression', sql: upper };
  return { kind: 'expression', sql: text };
}

/** What `parseDefault` will report for a default this adapter writes: the normal form. */
export function defaultAsReported(value: DefaultValue | undefined, type: ColumnType): DefaultValue | undefined {
  if (value === undefined) return undefined;
  const sql = defaultSql(value);
  // SQLite reports `DEFAULT (expr)` as `expr`.
  const reported = sql.startsWith('(') && value.kind === 'expression' ? sql.slice(1, -1) : sql;
  return parseDefault(reported, type);
}
