/**
 * Column defaults: reading what `pg_get_expr(adbin, adrelid)` reports
 * (`'x'::character varying`, `'-1'::integer`, `(0)::numeric`, `now()`,
 * `NULL::text`) into the model's `DefaultValue`, and bringing an authored
 * default to the same form for the column's type.
 */
import { coerceDefaultWith, CURRENT_TIMESTAMP, exactNumber, matchingClose, POSTGRES_LEXICON, tokenizeSql, type DefaultValue } from '@odac/core';

const IDENT = `(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)`;
/** One `::type` suffix: `::integer`, `::character varying`, `::timestamp(0) without time zone`, `::"T"[]`, `::public.t`. */
const CAST = `::${IDENT}(?:\\.${IDENT})?(?:\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?(?:\\s+[A-Za-z]+)*(?:\\[\\d*\\])*`;
const CASTS_ONLY = new RegExp(`^(?:\\s*${CAST})*\\s*$`);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const STRING = /^[Ee]?'((?:[^']|'')*)'/;

/** `now()`, `CURRENT_TIMESTAMP`, `current_timestamp()`, `transaction_timestamp()`, in any case. */
const CLOCK = /^(?:now\s*\(\s*\)|current_timestamp(?:\s*\(\s*\))?|transaction_timestamp\s*\(\s*\))$/i;

type Literal = string | number | boolean | null;

/** A constant with only casts around it, or undefined when `text` is anything else. */
function constant(text: string): { value: Literal } | undefined {
  const s = text.trim();
  let value: Literal;
  let rest: string;
  const str = STRING.exec(s);
  const num = NUMBER.exec(s);
  const word = /^(null|true|false)\b/i.exec(s);
  if (str) {
    value = (str[1] ?? '').replace(/''/g, "'");
    rest = s.slice(str[0].length);
  } else if (s.startsWith('(')) {
    const tokens = tokenizeSql(s, POSTGRES_LEXICON, { comments: false });
    const close = tokens[matchingClose(tokens, 0)];
    const inner = close && constant(s.slice(1, close.start));
    if (!close || !inner) return undefined;
    value = inner.value;
    rest = s.slice(close.end);
  } else if (num) {
    // Every digit kept: a numeric(35,30) default does not fit a JavaScript number.
    value = exactNumber(num[0]) ?? Number(num[0]);
    rest = s.slice(num[0].length);
  } else if (word) {
    const w = (word[1] ?? '').toLowerCase();
    value = w === 'null' ? null : w === 'true';
    rest = s.slice(word[0].length);
  } else {
    return undefined;
  }
  return CASTS_ONLY.test(rest) ? { value } : undefined;
}

/**
 * Reads a default as PostgreSQL prints it (or as a user wrote it as raw SQL).
 * A constant with casts becomes a literal (`'0'::integer` → `'0'`, coerced to
 * a number by `coerceDefault`); the clock in any spelling becomes the
 * `CURRENT_TIMESTAMP` token; other SQL is kept verbatim.
 */
export function parseDefault(text: string): DefaultValue {
  const s = text.trim();
  const c = constant(s);
  if (c) return { kind: 'literal', value: c.value };
  if (CLOCK.test(s)) return { kind: 'expression', sql: CURRENT_TIMESTAMP };
  return { kind: 'expression', sql: s };
}

/**
 * Brings a default to the form introspection reports for a column of `type`:
 * raw SQL is parsed like a catalog default, literals take the column's type
 * (core's `coerceLiteral`: `'0'` on an integer is `0`), and a `NULL` default
 * is no default at all. How the server prints the rest (a jsonb's key order, a timestamp's `T`,
 * a uuid's case) it says itself when asked (`canonicalize.ts`).
 */
export const coerceDefault = coerceDefaultWith(parseDefault);
