/**
 * Raw SQL fragments (index predicates, checks, expression defaults, native
 * types, generated expressions) are pasted into DDL verbatim, so each must
 * be exactly one expression: no `;` that would end the statement and start
 * another, no `)` that would close the clause around it, no string,
 * identifier or comment left open to swallow the SQL that follows.
 *
 * The schema is loaded before the target database is known, so a fragment
 * is read by the quoting rules of every dialect odac speaks and must be
 * one expression under each: a `'a\'; DROP …'` that MySQL reads as one
 * string is two statements to PostgreSQL. Execution is guarded too (each
 * adapter runs DDL through an interface that refuses a second statement);
 * this scanner is what turns the attempt into a clear error before any
 * connection is opened.
 */

/** How one dialect quotes and comments. */
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
  /** `[name]` quotes an identifier (SQL Server, SQLite). */
  readonly bracketIdentifiers: boolean;
}

export const LEXICONS: readonly SqlLexicon[] = Object.freeze([
  { name: 'PostgreSQL', backslash: 'e-prefix', dollarQuotes: true, nestedComments: true, hashComments: false, dashCommentNeedsSpace: false, bracketIdentifiers: false },
  { name: 'MySQL', backslash: 'always', dollarQuotes: false, nestedComments: false, hashComments: true, dashCommentNeedsSpace: true, bracketIdentifiers: false },
  { name: 'SQLite', backslash: 'never', dollarQuotes: false, nestedComments: false, hashComments: false, dashCommentNeedsSpace: false, bracketIdentifiers: true },
  { name: 'SQL Server', backslash: 'never', dollarQuotes: false, nestedComments: false, hashComments: false, dashCommentNeedsSpace: false, bracketIdentifiers: true },
]);

/** Why a fragment is not one expression, with the 1-based character where it shows. */
export interface FragmentProblem {
  readonly at: number;
  readonly text: string;
}

const isIdentifierChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_$]/u.test(c);

/** Index just past the string quoted by `quote` that opens at `start`, or -1 when it never closes. */
function endOfQuoted(sql: string, start: number, quote: string, backslash: boolean): number {
  for (let i = start + 1; i < sql.length; i++) {
    const c = sql[i];
    if (backslash && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] === quote) {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

function endOfBlockComment(sql: string, start: number, nested: boolean): number {
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

const DOLLAR_TAG = /^\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/u;

/** The first reason `sql` is not a single expression under `lexicon`, or undefined. */
export function scanFragment(sql: string, lexicon: SqlLexicon): FragmentProblem | undefined {
  const opens: number[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    const at = i + 1;
    if (c === '\0') return { at, text: 'a NUL character' };
    if (c === ';') return { at, text: `a ';' that would end the statement and start another` };
    if (c === '(') {
      opens.push(at);
      i++;
      continue;
    }
    if (c === ')') {
      if (opens.pop() === undefined) return { at, text: `a ')' that closes a parenthesis the fragment did not open (it would end the clause around it)` };
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const ePrefix = c === "'" && (sql[i - 1] === 'E' || sql[i - 1] === 'e') && !isIdentifierChar(sql[i - 2]);
      const backslash = lexicon.backslash === 'always' ? c !== '`' : lexicon.backslash === 'e-prefix' && ePrefix;
      const end = endOfQuoted(sql, i, c, backslash);
      if (end < 0) return { at, text: `a ${c === "'" ? 'string' : 'quoted name'} opened with ${c} that is never closed` };
      i = end;
      continue;
    }
    if (c === '[' && lexicon.bracketIdentifiers) {
      const end = sql.indexOf(']', i + 1);
      if (end < 0) return { at, text: `a name opened with [ that is never closed` };
      i = end + 1;
      continue;
    }
    if ((c === '-' && next === '-' && (!lexicon.dashCommentNeedsSpace || next === undefined || /\s/.test(sql[i + 2] ?? ' '))) || (c === '#' && lexicon.hashComments)) {
      const end = sql.indexOf('\n', i);
      if (end < 0) return { at, text: `a line comment (${c === '#' ? '#' : '--'}) that runs to the end, where it would swallow the SQL after the fragment` };
      i = end + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = endOfBlockComment(sql, i, lexicon.nestedComments);
      if (end < 0) return { at, text: `a comment opened with /* that is never closed` };
      i = end;
      continue;
    }
    if (c === '$' && lexicon.dollarQuotes && !isIdentifierChar(sql[i - 1])) {
      const tag = DOLLAR_TAG.exec(sql.slice(i))?.[0];
      if (tag !== undefined) {
        const end = sql.indexOf(tag, i + tag.length);
        if (end < 0) return { at, text: `a string opened with ${tag} that is never closed` };
        i = end + tag.length;
        continue;
      }
    }
    i++;
  }
  const open = opens.pop();
  if (open !== undefined) return { at: open, text: `a '(' that is never closed` };
  return undefined;
}

/**
 * Why `sql` is not one expression under some dialect's rules, as the rest
 * of a sentence (`contains … at character 7`), or undefined when it is one
 * under all of them.
 */
export function fragmentProblem(sql: string, lexicons: readonly SqlLexicon[] = LEXICONS): string | undefined {
  const found = lexicons.map((lexicon) => ({ lexicon, problem: scanFragment(sql, lexicon) }));
  const first = found.find((f) => f.problem !== undefined);
  if (!first?.problem) return undefined;
  const all = found.every((f) => f.problem !== undefined);
  const reading = all ? '' : ` (as ${first.lexicon.name} reads it)`;
  return `contains ${first.problem.text} at character ${first.problem.at}${reading}`;
}
