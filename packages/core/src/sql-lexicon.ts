/**
 * How each dialect odac speaks quotes, comments and spells numbers, words
 * and operators: the one description both the fragment guard
 * (`sql-fragment.ts`) and the tokenizer (`sql-tokens.ts`) read, so an
 * adapter never hand-writes a lexer of its own.
 */

/** How one dialect quotes, comments and spells its tokens. */
export interface SqlLexicon {
  /** Name for messages, e.g. `PostgreSQL`. */
  readonly name: string;
  /** Backslash escapes inside strings: never, always (MySQL), or only in `E'…'` (PostgreSQL). */
  readonly backslash: 'never' | 'always' | 'e-prefix';
  /** `$tag$ … $tag$` strings (PostgreSQL). */
  readonly dollarQuotes: boolean;
  /** Block comments nest (PostgreSQL). */
  readonly nestedComments: boolean;
  /** `#` starts a line comment (MySQL). */
  readonly hashComments: boolean;
  /** `--` starts a comment only before whitespace (MySQL). */
  readonly dashCommentNeedsSpace: boolean;
  /** Characters that open a string: `'`, and `"` too on MySQL. */
  readonly stringQuotes: string;
  /** Characters that open a quoted name: `"`, `` ` ``, `[` (closed by `]`). */
  readonly identifierQuotes: string;
  /** `]]` inside `[…]` stands for one `]` (SQL Server); in SQLite the first `]` closes. Other quotes are always escaped by doubling. */
  readonly doubledBrackets: boolean;
  /** `b'0101'` and `x'4f'` are one number token (MySQL). */
  readonly bitStrings: boolean;
  /** A number, matched where a token starts (sticky). */
  readonly number: RegExp;
  /** A bare word (keyword, name, function), matched where a token starts (sticky). */
  readonly word: RegExp;
  /** Operators longer than one character, longest first; any other character is an operator of its own. */
  readonly operators: readonly string[];
}

export const POSTGRES_LEXICON: SqlLexicon = Object.freeze({
  name: 'PostgreSQL',
  backslash: 'e-prefix',
  dollarQuotes: true,
  nestedComments: true,
  hashComments: false,
  dashCommentNeedsSpace: false,
  stringQuotes: "'",
  identifierQuotes: '"',
  doubledBrackets: false,
  bitStrings: false,
  number: /\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?/y,
  word: /[A-Za-z_][A-Za-z0-9_]*/y,
  operators: Object.freeze(['->>', '::', '<>', '!=', '<=', '>=', '||', '->']),
});

export const MYSQL_LEXICON: SqlLexicon = Object.freeze({
  name: 'MySQL',
  backslash: 'always',
  dollarQuotes: false,
  nestedComments: false,
  hashComments: true,
  dashCommentNeedsSpace: true,
  stringQuotes: `'"`,
  identifierQuotes: '`',
  doubledBrackets: false,
  bitStrings: true,
  number: /0x[0-9a-f]+|[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?/iy,
  // Qualified names (`t.c`) and variables (`@v`) are one word.
  word: /[a-z_$@][a-z0-9_$@.]*/iy,
  operators: Object.freeze(['<=>', '->>', '>=', '<=', '<>', '!=', '||', '&&', '<<', '>>', ':=', '->']),
});

export const SQLITE_LEXICON: SqlLexicon = Object.freeze({
  name: 'SQLite',
  backslash: 'never',
  dollarQuotes: false,
  nestedComments: false,
  hashComments: false,
  dashCommentNeedsSpace: false,
  stringQuotes: "'",
  identifierQuotes: '"`[',
  doubledBrackets: false,
  bitStrings: false,
  // A run of word characters: enough to keep `1e5` or `12abc` in one piece (nothing reads its value).
  number: /[0-9][0-9A-Za-z_$\u0080-\uffff]*/y,
  word: /[A-Za-z_$\u0080-\uffff][0-9A-Za-z_$\u0080-\uffff]*/y,
  operators: Object.freeze([]),
});

export const MSSQL_LEXICON: SqlLexicon = Object.freeze({
  name: 'SQL Server',
  backslash: 'never',
  dollarQuotes: false,
  nestedComments: false,
  hashComments: false,
  dashCommentNeedsSpace: false,
  stringQuotes: "'",
  identifierQuotes: '"[',
  doubledBrackets: true,
  bitStrings: false,
  number: /0x[0-9A-Fa-f]*|\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?/y,
  word: /[A-Za-z_@#][A-Za-z0-9_@#$]*/y,
  operators: Object.freeze(['<>', '!=', '>=', '<=', '!<', '!>']),
});

export const LEXICONS: readonly SqlLexicon[] = Object.freeze([POSTGRES_LEXICON, MYSQL_LEXICON, SQLITE_LEXICON, MSSQL_LEXICON]);

export const isIdentifierChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_$]/u.test(c);

/**
 * Index just past the quoted text that opens at `start` and closes with
 * `close`, or -1 when it never closes. A doubled closer is an escaped one
 * unless `doubled` is false; `backslash` skips the character after a `\`.
 */
export function endOfQuoted(sql: string, start: number, close: string, backslash: boolean, doubled = true): number {
  for (let i = start + 1; i < sql.length; i++) {
    const c = sql[i];
    if (backslash && c === '\\') {
      i++;
      continue;
    }
    if (c === close) {
      if (doubled && sql[i + 1] === close) {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

/** Index just past the block comment opening at `start`, or -1 when it never closes. */
export function endOfBlockComment(sql: string, start: number, nested: boolean): number {
  let depth = 0;
  for (let i = start; i < sql.length - 1; i++) {
    if (sql[i] === '/' && sql[i + 1] === '*' && (nested || depth === 0)) {
      depth++;
      i++;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** `$$` or `$tag$` where a dollar-quoted string opens at `start`, or undefined. */
export function dollarTagAt(sql: string, start: number): string | undefined {
  DOLLAR_TAG.lastIndex = start;
  return DOLLAR_TAG.exec(sql)?.[0];
}
const DOLLAR_TAG = /\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/uy;

/** Whether a line comment (`--`, or `#` where the dialect has it) starts at `i`. */
export function lineCommentAt(sql: string, i: number, lexicon: SqlLexicon): boolean {
  const c = sql[i];
  if (c === '#') return lexicon.hashComments;
  return c === '-' && sql[i + 1] === '-' && (!lexicon.dashCommentNeedsSpace || /\s/.test(sql[i + 2] ?? ' '));
}
