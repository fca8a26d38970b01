/**
 * A small lexer for MySQL expressions (check constraints, expression
 * defaults), shared by the canonical printer and its fallback.
 */
import { escapeString, unescapeString } from './sql.js';

export type TokenKind = 'word' | 'ident' | 'number' | 'string' | 'op' | 'open' | 'close' | 'comma';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const MULTI_OPS = ['<=>', '>=', '<=', '<>', '!=', '||', '&&', '<<', '>>', ':=', '->>', '->'];

/**
 * Words that must stay backtick-quoted when used as identifiers. Not the full
 * reserved list: the ones a column is plausibly called.
 */
export const RESERVED = new Set(
  (
    'add all alter and as asc between by case change check column constraint create cross current_date ' +
    'current_time current_timestamp database default delete desc distinct div drop else exists false for ' +
    'foreign from fulltext group having if ignore in index inner insert interval into is join key keys ' +
    'left like limit lock match mod not null on or order outer primary range read references regexp ' +
    'rename replace restrict right rlike select set show table then to true union unique update usage ' +
    'use using values when where with write xor year_month zerofill'
  ).split(' '),
);

const SIMPLE_IDENT = /^[a-z_][a-z0-9_$]*$/;

/** Words that take an operand in parentheses rather than being called: `in (…)`, `not (…)`. */
export const OPERATOR_WORDS = new Set(
  'and or not in is between like regexp rlike xor div when then else case exists interval as on by escape'.split(' '),
);

/** Splits an expression into tokens; strings are decoded, charset introducers dropped. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === '\\') j += 2;
        else if (sql[j] === ch && sql[j + 1] === ch) j += 2;
        else if (sql[j] === ch) break;
        else j++;
      }
      tokens.push({ kind: 'string', text: unescapeString(sql.slice(i + 1, j), ch) });
      i = j + 1;
      continue;
    }
    if (ch === '`') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === '`' && sql[j + 1] !== '`')) j += sql[j] === '`' ? 2 : 1;
      tokens.push({ kind: 'ident', text: sql.slice(i + 1, j).replace(/``/g, '`') });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(0x[0-9a-f]+|[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?)/i.exec(sql.slice(i));
      const text = m ? m[0] : ch;
      tokens.push({ kind: 'number', text: text.toLowerCase() });
      i += text.length;
      continue;
    }
    const bits = /^[bx]'[0-9a-f]*'/i.exec(sql.slice(i));
    if (bits) {
      // Bit-value and hexadecimal literals: `b'101'`, `x'4f'`.
      tokens.push({ kind: 'number', text: bits[0].toLowerCase() });
      i += bits[0].length;
      continue;
    }
    if (/[a-z_$@]/i.test(ch)) {
      const m = /^[a-z0-9_$@.]+/i.exec(sql.slice(i)) as RegExpExecArray;
      const word = m[0];
      i += word.length;
      // A charset introducer (`_utf8mb4'x'`) says nothing the column does not.
      if (/^_[a-z0-9]+$/i.test(word) && (sql[i] === "'" || sql[i] === '"')) continue;
      tokens.push({ kind: 'word', text: word.toLowerCase() });
      continue;
    }
    if (ch === '(') tokens.push({ kind: 'open', text: '(' });
    else if (ch === ')') tokens.push({ kind: 'close', text: ')' });
    else if (ch === ',') tokens.push({ kind: 'comma', text: ',' });
    else {
      const op = MULTI_OPS.find((o) => sql.startsWith(o, i)) ?? ch;
      tokens.push({ kind: 'op', text: op === '!=' ? '<>' : op });
      i += op.length;
      continue;
    }
    i++;
  }
  return tokens;
}

/** A token in canonical spelling: strings re-escaped, simple identifiers bare and lower case. */
export function renderToken(t: Token): string {
  switch (t.kind) {
    case 'string':
      return `'${escapeString(t.text)}'`;
    case 'ident': {
      const lower = t.text.toLowerCase();
      return SIMPLE_IDENT.test(lower) && !RESERVED.has(lower) ? lower : '`' + t.text.replace(/`/g, '``') + '`';
    }
    default:
      return t.text;
  }
}

