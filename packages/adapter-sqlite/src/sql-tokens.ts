/**
 * A small SQL tokenizer: just enough to find the parts of a `CREATE TABLE` /
 * `CREATE INDEX` statement that the pragmas do not report (AUTOINCREMENT,
 * CHECK constraints, constraint names, a partial index's WHERE), while never
 * being fooled by commas, parentheses or keywords inside strings, quoted
 * identifiers or comments.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  /** The raw text, quotes included. */
  readonly text: string;
  /** Offsets into the source: `source.slice(start, end) === text`. */
  readonly start: number;
  readonly end: number;
}

// Character classes by code unit: this runs over every CREATE TABLE and default on each introspection.
const WHITESPACE = /\s/;
/** `[A-Za-z0-9_$\u0080-\uffff]`: a word character (whitespace is checked first). */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 0x80;
}
function isSpaceCode(c: number): boolean {
  // ASCII whitespace fast; other code units as /\s/ sees them.
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x80 && WHITESPACE.test(String.fromCharCode(c)));
}
const CLOSERS: Readonly<Record<string, string>> = { '"': '"', '`': '`', '[': ']' };

/** Splits SQL into tokens, dropping whitespace and comments. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
    } else if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === 39 /* ' */ || c === 34 /* " */ || c === 96 /* ` */ || c === 91 /* [ */) {
      const ch = sql.charAt(i);
      const closer = ch === "'" ? "'" : (CLOSERS[ch] as string);
      let j = i + 1;
      for (;;) {
        j = sql.indexOf(closer, j);
        if (j < 0) {
          j = n;
          break;
        }
        // A doubled closing quote is an escaped quote (not for [brackets]).
        if (closer !== ']' && sql.charAt(j + 1) === closer) {
          j += 2;
          continue;
        }
        break;
      }
      const end = Math.min(j + 1, n);
      tokens.push({ kind: c === 39 ? 'string' : 'quoted', text: sql.slice(i, end), start: i, end });
      i = end;
    } else if (isWordCode(c)) {
      let j = i + 1;
      while (j < n && isWordCode(sql.charCodeAt(j))) j++;
      tokens.push({ kind: c >= 48 && c <= 57 ? 'number' : 'word', text: sql.slice(i, j), start: i, end: j });
      i = j;
    } else {
      tokens.push({ kind: 'punct', text: sql.charAt(i), start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

/** The name a word or quoted-identifier token stands for (`"a""b"` → `a"b`). */
export function identifierName(token: Token): string {
  if (token.kind !== 'quoted') return token.text;
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

/** Index of the `)` closing the `(` at `open`, or -1. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits `tokens[from, to)` at top-level commas. */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === ',') {
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
