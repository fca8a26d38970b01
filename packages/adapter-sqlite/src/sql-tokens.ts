/**
 * SQLite's stored SQL read with core's tokenizer: just enough to find the
 * parts of a `CREATE TABLE` / `CREATE INDEX` statement that the pragmas do
 * not report (AUTOINCREMENT, CHECK constraints, constraint names, a partial
 * index's WHERE), while never being fooled by commas, parentheses or
 * keywords inside strings, quoted identifiers or comments.
 */

import { SQLITE_LEXICON, tokenizeSql, type SqlToken } from '@odac/core';

export type Token = SqlToken;

/** Splits SQL into tokens, dropping whitespace and comments. */
export function tokenize(sql: string): Token[] {
  return tokenizeSql(sql, SQLITE_LEXICON);
}

/** The name a word or quoted-identifier token stands for (`"a""b"` → `a"b`). */
export function identifierName(token: Token): string {
  if (token.kind !== 'ident') return token.text;
  const open = token.text.charAt(0);
  const inner = token.text.slice(1, -1);
  if (open === '[') return inner;
  return inner.split(open + open).join(open);
}

/** True when the token is the keyword `word` (case-insensitive, never a quoted name). */
export function isKeyword(token: Token | undefined, word: string): boolean {
  // The length check first spares an upper-cased copy of nearly every token.
  return token !== undefined && token.kind === 'word' && token.text.length === word.length && token.text.toUpperCase() === word;
}

/** Splits `tokens[from, to)` at top-level commas. */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'open') depth++;
    if (t.kind === 'close') depth--;
    if (depth === 0 && t.kind === 'comma') {
      parts.push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** The source text between two tokens (exclusive), trimmed: verbatim, comments included. */
export function textBetween(sql: string, open: Token, close: Token): string {
  return sql.slice(open.end, close.start).trim();
}
