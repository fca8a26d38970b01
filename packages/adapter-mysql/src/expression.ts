/**
 * One canonical spelling for SQL expressions (check constraints, expression
 * defaults), so what the user wrote and what the server reports compare
 * equal: `price>=0`, `((price >= 0) and (price < 10))` (MySQL 8) and
 * `` `price` >= 0 and `price` < 10 `` (MariaDB) print alike.
 *
 * The canonical text is still valid MySQL: it is also what odac emits.
 */
import { exactNumber, matchingClose } from '@odac/core';
import { canonicalFromTree } from './expression-parser.js';
import { OPERATOR_WORDS, renderToken, tokenize, type Token, type TokenKind } from './sql-tokens.js';

/** Drops parentheses that only wrap the whole expression or a single operand. */
function simplify(input: Token[]): Token[] {
  let tokens = input;
  while (tokens.length > 2 && tokens[0]?.kind === 'open' && matchingClose(tokens, 0) === tokens.length - 1) {
    tokens = tokens.slice(1, -1);
  }
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = out[out.length - 1];
    const single = tokens[i + 1];
    // Only after an operator: `f(1)` is a call and `in ('a')` needs its list.
    const operand = prev === undefined || prev.kind === 'op' || prev.kind === 'open' || prev.kind === 'comma';
    if (
      t.kind === 'open' &&
      operand &&
      single !== undefined &&
      (single.kind === 'number' || single.kind === 'string' || single.kind === 'ident') &&
      tokens[i + 2]?.kind === 'close'
    ) {
      // MySQL 8 prints `-(10)` for `-10`; a lone operand in parentheses is the operand.
      out.push(single);
      i += 2;
      continue;
    }
    out.push(t);
  }
  return out;
}

const WORDISH: ReadonlySet<TokenKind> = new Set(['word', 'ident', 'number', 'string']);

/**
 * Canonical text of an SQL expression: keywords, functions and simple
 * identifiers lower-cased and unquoted, charset introducers dropped,
 * parentheses only where precedence needs them, one space around operators
 * and after commas.
 */
export function canonicalExpression(sql: string): string {
  const tokens = tokenize(sql.trim());
  return canonicalFromTree(tokens) ?? canonicalFromTokens(tokens);
}

/** Fallback for syntax the parser does not know: token by token, redundant parentheses dropped. */
function canonicalFromTokens(all: readonly Token[]): string {
  const tokens = simplify([...all]);
  let out = '';
  let prev: Token | undefined;
  for (const t of tokens) {
    if (prev) {
      const tight =
        t.kind === 'close' ||
        t.kind === 'comma' ||
        prev.kind === 'open' ||
        // A function call keeps its parenthesis: `IF (` is not `IF(` without IGNORE_SPACE.
        (t.kind === 'open' && (prev.kind === 'ident' || (prev.kind === 'word' && !OPERATOR_WORDS.has(prev.text)))) ||
        (prev.kind === 'op' && prev.text === '-' && t.kind === 'number' && unary(out));
      const spaced = !tight && (WORDISH.has(t.kind) || WORDISH.has(prev.kind) || t.kind === 'op' || prev.kind === 'op' || prev.kind === 'comma' || t.kind === 'open');
      if (spaced) out += ' ';
    }
    out += renderToken(t);
    prev = t;
  }
  return out;
}

/** Whether the `-` just written is a sign (it follows an operator, `(`, `,` or nothing). */
function unary(written: string): boolean {
  const before = written.slice(0, -1).trimEnd();
  return before === '' || /[(,=<>+\-*/]$/.test(before) || /\b(and|or|not|in|between|is|when|then|else)$/.test(before);
}

/** Whether a check is the `json_valid(col)` MariaDB attaches to a `json` column. */
export function isJsonValidCheck(expression: string, column: string): boolean {
  return canonicalExpression(expression) === `json_valid(${renderToken({ kind: 'ident', text: column })})`;
}

/**
 * The value of an expression that is a single literal (`'x'`, `_utf8mb4'x'`,
 * `(42)`, `-1.5`, `TRUE`, `NULL`), or undefined when it is anything else.
 */
export function singleLiteral(sql: string): { readonly value: string | number | boolean | null } | undefined {
  let tokens = simplify(tokenize(sql.trim()));
  let sign = '';
  if (tokens.length === 2 && tokens[0]?.kind === 'op' && tokens[0].text === '-' && tokens[1]?.kind === 'number') {
    sign = '-';
    tokens = tokens.slice(1);
  }
  if (tokens.length !== 1) return undefined;
  const t = tokens[0] as Token;
  if (t.kind === 'string') return { value: t.text };
  if (t.kind === 'number' && /^[0-9.]/.test(t.text) && !t.text.startsWith('0x')) {
    // A number only when it holds every digit: a decimal(35,30) default stays exact text.
    const n = exactNumber(sign + t.text);
    return n === undefined || (typeof n === 'number' && !Number.isFinite(n)) ? undefined : { value: n };
  }
  if (t.kind === 'word' && t.text === 'null') return { value: null };
  if (t.kind === 'word' && (t.text === 'true' || t.text === 'false')) return { value: t.text === 'true' };
  return undefined;
}

/** Function names MariaDB prints in place of the ones written (`lower` → `lcase`), mapped back. */
const FUNCTION_SYNONYMS: Readonly<Record<string, string>> = { lcase: 'lower', ucase: 'upper' };

/**
 * Canonical text of a generated column's expression: {@link canonicalExpression},
 * with the function names MariaDB rewrites put back (`lcase(` is `lower(`),
 * so what was written and what the server reports compare equal. Still
 * valid MySQL and MariaDB: it is what odac emits.
 */
export function canonicalGeneratedExpression(sql: string): string {
  const canonical = canonicalExpression(sql);
  const tokens = tokenize(canonical);
  const renamed = tokens.map((t, i) => {
    const to = t.kind === 'word' || t.kind === 'ident' ? FUNCTION_SYNONYMS[t.text.toLowerCase()] : undefined;
    return to !== undefined && tokens[i + 1]?.kind === 'open' ? { ...t, text: to } : t;
  });
  return renamed.some((t, i) => t !== tokens[i]) ? canonicalExpression(canonicalFromTokens(renamed)) : canonical;
}
