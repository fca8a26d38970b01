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

import { dollarTagAt, endOfBlockComment, endOfQuoted, isIdentifierChar, LEXICONS, lineCommentAt, type SqlLexicon } from './sql-lexicon.js';

/** Why a fragment is not one expression, with the 1-based character where it shows. */
export interface FragmentProblem {
  readonly at: number;
  readonly text: string;
}

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
    if (c === '[' && lexicon.identifierQuotes.includes('[')) {
      const end = endOfQuoted(sql, i, ']', false, false);
      if (end < 0) return { at, text: `a name opened with [ that is never closed` };
      i = end;
      continue;
    }
    if (lineCommentAt(sql, i, lexicon)) {
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
      const tag = dollarTagAt(sql, i);
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
