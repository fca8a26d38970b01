/**
 * Reading T-SQL expressions as SQL Server stores them. SQL Server keeps
 * CHECK constraints, defaults and filtered-index predicates in its own
 * words, not the author's: `price >= 0` becomes `([price]>=(0))` and
 * `status IN ('a','b')` becomes `([status]='b' OR [status]='a')`
 * (https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-check-constraints-transact-sql:
 * "there are no syntactic guarantees"). So this module only *recognizes*
 * the few shapes odac itself writes (enum and json checks, literal
 * defaults); everything else round-trips through the authored text odac
 * records beside it (see `authored.ts`).
 */

import { exactNumber, MSSQL_LEXICON, stripOuterParens as stripParens, tokenizeSql, unquote, type SqlTokenKind } from '@odac/core';

export interface Token {
  readonly kind: SqlTokenKind;
  /** Identifiers unquoted, strings unescaped, words lower-cased. */
  readonly text: string;
}

const OPERATORS = new Set([...MSSQL_LEXICON.operators, ...'-+*/%=<>&|^~']);

/** Splits T-SQL into tokens; undefined when a quote or bracket is left open or a character is not T-SQL. */
export function tokenize(sql: string): Token[] | undefined {
  const raw = tokenizeSql(sql, MSSQL_LEXICON, { comments: false });
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i] as (typeof raw)[number];
    const next = raw[i + 1];
    // N'…': a Unicode string is a string.
    if (t.kind === 'word' && (t.text === 'N' || t.text === 'n') && next?.kind === 'string' && next.start === t.end) t = raw[++i] as typeof t;
    if (t.unterminated || (t.kind === 'op' && !OPERATORS.has(t.text))) return undefined;
    const text = t.kind === 'string' || t.kind === 'ident' ? unquote(t, MSSQL_LEXICON) : t.kind === 'word' ? t.text.toLowerCase() : t.text;
    out.push({ kind: t.kind, text });
  }
  return out;
}

/** Drops parentheses that wrap the whole text: `((0))` → `0`, `(getdate())` → `getdate()`. */
export function stripOuterParens(sql: string): string {
  return stripParens(sql, MSSQL_LEXICON, { comments: false });
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The values of an enum-shaped check on `column`: `[c] IN (N'a', N'b')` as
 * written, or `([c]=N'b' OR [c]=N'a')` as SQL Server stores it. Sorted,
 * without duplicates (a CHECK is a set; SQL Server even reverses the list).
 * Undefined for any other expression.
 */
export function enumCheckValues(expression: string, column: string): string[] | undefined {
  const tokens = tokenize(expression)?.filter((t) => t.kind !== 'open' && t.kind !== 'close');
  if (!tokens || tokens.length < 3) return undefined;
  const isColumn = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'ident' || t.kind === 'word') && sameName(t.text, column);
  const values: string[] = [];
  if (isColumn(tokens[0]) && tokens[1]?.kind === 'word' && tokens[1].text === 'in') {
    for (let i = 2; i < tokens.length; i += 2) {
      const v = tokens[i];
      if (v?.kind !== 'string') return undefined;
      values.push(v.text);
      const sep = tokens[i + 1];
      if (sep !== undefined && sep.kind !== 'comma') return undefined;
    }
  } else {
    for (let i = 0; i < tokens.length; i += 4) {
      const [col, eq, v, or] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
      if (!isColumn(col) || eq?.kind !== 'op' || eq.text !== '=' || v?.kind !== 'string') return undefined;
      values.push(v.text);
      if (or !== undefined && !(or.kind === 'word' && or.text === 'or')) return undefined;
    }
  }
  return values.length > 0 ? sortedValues(values) : undefined;
}

/** Enum values as odac compares them on SQL Server: sorted by code unit, unique. */
export function sortedValues(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether `expression` is the `ISJSON([c]) = 1` check odac puts on a json column (or SQL Server's `(isjson([c])=(1))`). */
export function isJsonCheck(expression: string, column: string): boolean {
  const tokens = tokenize(expression)?.filter((t) => t.kind !== 'open' && t.kind !== 'close');
  if (!tokens || tokens.length !== 4) return false;
  const [fn, col, op, one] = tokens;
  return (
    fn?.kind === 'word' &&
    fn.text === 'isjson' &&
    (col?.kind === 'ident' || col?.kind === 'word') &&
    sameName(col.text, column) &&
    op?.kind === 'op' &&
    ((op.text === '=' && one?.text === '1') || (op.text === '>' && one?.text === '0')) &&
    one.kind === 'number'
  );
}

/**
 * The value of an expression that is a single constant (`((0))`, `((-4))`,
 * `(N'x')`, `('x')`, `(NULL)`, `((1.5))`), or undefined otherwise.
 */
export function constantValue(sql: string): { readonly value: string | number | null } | undefined {
  const tokens = tokenize(sql)?.filter((t) => t.kind !== 'open' && t.kind !== 'close');
  if (!tokens) return undefined;
  // Parentheses were dropped: make sure they only wrapped the constant (`f(1)` is not `1`).
  let sign = '';
  let rest = tokens;
  if (rest.length === 2 && rest[0]?.kind === 'op' && (rest[0].text === '-' || rest[0].text === '+')) {
    sign = rest[0].text === '-' ? '-' : '';
    rest = rest.slice(1);
    if (rest[0]?.kind !== 'number') return undefined;
  }
  if (rest.length !== 1) return undefined;
  const t = rest[0] as Token;
  if (t.kind === 'string') return { value: t.text };
  if (t.kind === 'word' && t.text === 'null') return { value: null };
  if (t.kind === 'number' && !t.text.toLowerCase().startsWith('0x')) {
    // A number only when it holds every digit: integers past 2^53 and decimal(35,30) defaults stay exact text.
    const n = exactNumber(sign + t.text);
    return n === undefined ? undefined : { value: n };
  }
  return undefined;
}
