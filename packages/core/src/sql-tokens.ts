/**
 * One SQL tokenizer for every adapter, driven by the dialect's lexicon
 * (`sql-lexicon.ts`): adapters read checks, defaults, predicates and stored
 * `CREATE` statements with it and keep only what is theirs (MySQL's charset
 * introducers, SQL Server's `N'…'`, which tokens PostgreSQL's printer
 * understands) as a small step over its tokens.
 */
import { dollarTagAt, endOfBlockComment, endOfQuoted, isIdentifierChar, lineCommentAt, type SqlLexicon } from './sql-lexicon.js';

export type SqlTokenKind = 'word' | 'ident' | 'number' | 'string' | 'op' | 'open' | 'close' | 'comma';

/** One token: its source text verbatim (quotes and prefixes included) and where it stands. */
export interface SqlToken {
  readonly kind: SqlTokenKind;
  /** `source.slice(start, end)`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** A string or quoted name whose closing quote never comes: it runs to the end of the source. */
  readonly unterminated?: true;
}

export interface TokenizeOptions {
  /**
   * Skip comments as the lexicon spells them (default). False reads their
   * characters as operators and words, as the expression readers of MySQL,
   * PostgreSQL and SQL Server always have.
   */
  readonly comments?: boolean;
}

const WHITESPACE = /\s/;
function isSpace(c: number): boolean {
  // ASCII fast; other code units as /\s/ sees them.
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x80 && WHITESPACE.test(String.fromCharCode(c)));
}

const BIT_STRING = /[bx]'[0-9a-f]*'/iy;

function sticky(re: RegExp, sql: string, at: number): number {
  re.lastIndex = at;
  return re.test(sql) ? re.lastIndex : -1;
}

/** Splits `sql` into tokens under `lexicon`, dropping whitespace (and comments, unless told otherwise). Never throws. */
export function tokenizeSql(sql: string, lexicon: SqlLexicon, options: TokenizeOptions = {}): SqlToken[] {
  const skipComments = options.comments ?? true;
  const tokens: SqlToken[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: SqlTokenKind, end: number): void => {
    const unterminated = end < 0;
    const stop = unterminated ? n : end;
    const text = sql.slice(i, stop);
    tokens.push(unterminated ? { kind, text, start: i, end: stop, unterminated } : { kind, text, start: i, end: stop });
    i = stop;
  };
  while (i < n) {
    const code = sql.charCodeAt(i);
    const c = sql.charAt(i);
    if (isSpace(code)) {
      i++;
    } else if (skipComments && lineCommentAt(sql, i, lexicon)) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (skipComments && c === '/' && sql.charAt(i + 1) === '*') {
      const end = endOfBlockComment(sql, i, lexicon.nestedComments);
      i = end < 0 ? n : end;
    } else if (lexicon.stringQuotes.includes(c)) {
      push('string', endOfQuoted(sql, i, c, lexicon.backslash === 'always'));
    } else if (lexicon.identifierQuotes.includes(c)) {
      const bracket = c === '[';
      push('ident', endOfQuoted(sql, i, bracket ? ']' : c, false, !bracket || lexicon.doubledBrackets));
    } else if (c === '$' && lexicon.dollarQuotes && !isIdentifierChar(sql[i - 1]) && dollarTagAt(sql, i) !== undefined) {
      const tag = dollarTagAt(sql, i) as string;
      const close = sql.indexOf(tag, i + tag.length);
      push('string', close < 0 ? -1 : close + tag.length);
    } else if (lexicon.bitStrings && sticky(BIT_STRING, sql, i) > i) {
      push('number', BIT_STRING.lastIndex);
    } else if (sticky(lexicon.number, sql, i) > i) {
      push('number', lexicon.number.lastIndex);
    } else if (sticky(lexicon.word, sql, i) > i) {
      const end = lexicon.word.lastIndex;
      // PostgreSQL's E'…' is one string, read with backslash escapes.
      if (lexicon.backslash === 'e-prefix' && end === i + 1 && (c === 'E' || c === 'e') && sql.charAt(end) === "'") {
        push('string', endOfQuoted(sql, end, "'", true));
      } else {
        push('word', end);
      }
    } else if (c === '(' || c === ')' || c === ',') {
      push(c === '(' ? 'open' : c === ')' ? 'close' : 'comma', i + 1);
    } else {
      const op = lexicon.operators.find((o) => sql.startsWith(o, i)) ?? c;
      push('op', i + op.length);
    }
  }
  return tokens;
}

/**
 * The text inside a string's or quoted name's quotes, escapes untouched, and
 * the quote that opened it (after any prefix such as PostgreSQL's `E`). A
 * dollar-quoted string gives its body and its tag.
 */
export function quotedBody(token: SqlToken): { readonly quote: string; readonly body: string } {
  const text = token.text;
  if (text.startsWith('$')) {
    const tag = text.slice(0, text.indexOf('$', 1) + 1);
    return { quote: tag, body: text.slice(tag.length, token.unterminated ? undefined : -tag.length) };
  }
  const at = /['"`[]/.exec(text)?.index ?? 0;
  return { quote: text.charAt(at), body: text.slice(at + 1, token.unterminated ? undefined : -1) };
}

/** The value of a string or quoted name with doubled closing quotes collapsed (`'it''s'` → `it's`, `[a]]b]` → `a]b` on SQL Server). Backslash escapes are the dialect's to decode. */
export function unquote(token: SqlToken, lexicon: SqlLexicon): string {
  const { quote, body } = quotedBody(token);
  if (quote.startsWith('$')) return body;
  if (quote === '[') return lexicon.doubledBrackets ? body.split(']]').join(']') : body;
  return body.split(quote + quote).join(quote);
}

/** Index of the token closing the parenthesis opened at `open`, or -1. */
export function matchingClose(tokens: readonly { readonly kind: string }[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const kind = (tokens[i] as { readonly kind: string }).kind;
    if (kind === 'open') depth++;
    else if (kind === 'close' && --depth === 0) return i;
  }
  return -1;
}

/** `sql` without the parentheses that wrap all of it: `((0))` → `0`, `(getdate())` → `getdate()`, `(a)+(b)` unchanged. */
export function stripOuterParens(sql: string, lexicon: SqlLexicon, options?: TokenizeOptions): string {
  let out = sql.trim();
  for (;;) {
    const tokens = tokenizeSql(out, lexicon, options);
    const first = tokens[0];
    if (first?.kind !== 'open' || matchingClose(tokens, 0) !== tokens.length - 1) return out;
    out = out.slice(first.end, (tokens[tokens.length - 1] as SqlToken).start).trim();
  }
}
