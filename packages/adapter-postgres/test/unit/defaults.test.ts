import type { ColumnType, DefaultValue } from '@odac/core';
import { coerceDefault, parseDefault } from '../../src/defaults.js';

const lit = (value: string | number | boolean | null): DefaultValue => ({ kind: 'literal', value });
const expr = (sql: string): DefaultValue => ({ kind: 'expression', sql });

describe('parseDefault (pg_get_expr text → DefaultValue)', () => {
  const cases: [string, DefaultValue][] = [
    ['0', lit(0)],
    ['1.50', lit(1.5)],
    ["'-1'::integer", lit('-1')],
    ["'5000000000'::bigint", lit('5000000000')],
    ["'-1.5'::numeric", lit('-1.5')],
    ['(0)::numeric', lit(0)],
    ['(-1)', lit(-1)],
    ["('-1'::integer)::numeric", lit('-1')],
    ["'x'::character varying", lit('x')],
    ["'it''s'::character varying", lit("it's")],
    ["'ab'::bpchar", lit('ab')],
    ["'y'::text", lit('y')],
    ['NULL::character varying', lit(null)],
    ['NULL', lit(null)],
    ['true', lit(true)],
    ['false', lit(false)],
    ["'2020-01-01 00:00:00'::timestamp without time zone", lit('2020-01-01 00:00:00')],
    ["'{}'::text[]", lit('{}')],
    ["'draft'::\"Post Status\"", lit('draft')],
    ["'a'::public.mood", lit('a')],
    ["'{\"a\": 1}'::jsonb", lit('{"a": 1}')],
    ['now()', expr('CURRENT_TIMESTAMP')],
    ['CURRENT_TIMESTAMP', expr('CURRENT_TIMESTAMP')],
    ['current_timestamp', expr('CURRENT_TIMESTAMP')],
    ['transaction_timestamp()', expr('CURRENT_TIMESTAMP')],
    ['CURRENT_DATE', expr('CURRENT_DATE')],
    // The server spells a desired `current_date` (canonicalize.ts).
    ['current_date', expr('current_date')],
    ['LOCALTIMESTAMP', expr('LOCALTIMESTAMP')],
    ['CURRENT_TIMESTAMP(0)', expr('CURRENT_TIMESTAMP(0)')],
    ['gen_random_uuid()', expr('gen_random_uuid()')],
    ["'a'::text || 'b'::text", expr("'a'::text || 'b'::text")],
    ["nextval('t_id_seq'::regclass)", expr("nextval('t_id_seq'::regclass)")],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(parseDefault(text)).toEqual(expected);
  });
});

describe('coerceDefault (a default for a column of a type)', () => {
  const integer: ColumnType = { kind: 'integer', size: 'regular' };
  const cases: [string, ColumnType, DefaultValue, DefaultValue | undefined][] = [
    ["'-1'::integer on integer", integer, expr("'-1'::integer"), lit(-1)],
    ['"0" on integer', integer, lit('0'), lit(0)],
    ['big integer stays text', { kind: 'integer', size: 'big' }, lit('9007199254740993'), lit('9007199254740993')],
    ['1.50 on numeric', { kind: 'decimal', precision: 8, scale: 2 }, lit('1.50'), lit(1.5)],
    ["'t' on boolean", { kind: 'boolean' }, lit('t'), lit(true)],
    ['0 on boolean', { kind: 'boolean' }, lit(0), lit(false)],
    ['true on integer', integer, lit(true), lit(1)],
    ['number on varchar', { kind: 'string', length: 10 }, lit(0), lit('0')],
    ['raw quoted literal on varchar', { kind: 'string', length: 10 }, expr("'x'::character varying"), lit('x')],
    ['NULL default is none', { kind: 'text' }, expr('NULL::text'), undefined],
    ['null literal is none', { kind: 'text' }, lit(null), undefined],
    ['now() on timestamp', { kind: 'timestamp' }, expr('now()'), expr('CURRENT_TIMESTAMP')],
    ['json text kept', { kind: 'json', binary: false }, lit('{"bb":1}'), lit('{"bb":1}')],
    ['enum literal', { kind: 'enum', values: ['a', 'b'] }, expr("'a'::posts_status_enum"), lit('a')],
  ];
  it.each(cases)('%s', (_, type, input, expected) => {
    expect(coerceDefault(type, input)).toEqual(expected);
  });
});
