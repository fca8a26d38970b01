/**
 * MySQL expressions (check constraints, expression defaults) as tokens for
 * the canonical printer and its fallback: core's tokenizer under MySQL's
 * lexicon, values decoded.
 */
import { MYSQL_LEXICON, quotedBody, tokenizeSql, unquote, type SqlTokenKind } from '@odac/core';
import { escapeString, unescapeString } from './sql.js';

export type TokenKind = SqlTokenKind;

export interface Token {
  readonly kind: TokenKind;
  /** Strings decoded, names unquoted, words and numbers lower-cased. */
  readonly text: string;
}

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
  const raw = tokenizeSql(sql, MYSQL_LEXICON, { comments: false });
  const tokens: Token[] = [];
  raw.forEach((t, i) => {
    const next = raw[i + 1];
    if (t.kind === 'string') {
      const { quote, body } = quotedBody(t);
      tokens.push({ kind: 'string', text: unescapeString(body, quote) });
    } else if (t.kind === 'ident') {
      tokens.push({ kind: 'ident', text: unquote(t, MYSQL_LEXICON) });
    } else if (t.kind === 'word' || t.kind === 'number') {
      // A charset introducer (`_utf8mb4'x'`) says nothing the column does not.
      if (t.kind === 'word' && /^_[a-z0-9]+$/i.test(t.text) && next?.kind === 'string' && next.start === t.end) return;
      tokens.push({ kind: t.kind, text: t.text.toLowerCase() });
    } else {
      tokens.push({ kind: t.kind, text: t.text === '!=' ? '<>' : t.text });
    }
  });
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

