import { CURRENT_TIMESTAMP, type ColumnType, type DefaultValue } from '@odac/core';
import { defaultSql, normalizeDefault, parseDefault } from '@odac/adapter-mysql';

const varchar: ColumnType = { kind: 'string', length: 50 };
const int: ColumnType = { kind: 'integer', size: 'regular' };
const dec: ColumnType = { kind: 'decimal', precision: 10, scale: 2 };
const dec35: ColumnType = { kind: 'decimal', precision: 35, scale: 30 };
const bool: ColumnType = { kind: 'boolean' };
const ts: ColumnType = { kind: 'timestamp' };
const dt6: ColumnType = { kind: 'native', sql: 'datetime(6)' };
const text: ColumnType = { kind: 'text' };
const dt: ColumnType = { kind: 'datetime' };

const lit = (value: string | number | boolean | null): DefaultValue => ({ kind: 'literal', value });
const expr = (sql: string): DefaultValue => ({ kind: 'expression', sql });

/**
 * [what the user wrote, column type, MariaDB COLUMN_DEFAULT, MySQL 8 COLUMN_DEFAULT + EXTRA, model both map to].
 * `undefined` in the last column means "no default".
 */
const TABLE: readonly [string, DefaultValue | undefined, ColumnType, string | null, [string | null, string], DefaultValue | undefined][] = [
  ['plain string', lit('abc'), varchar, "'abc'", ['abc', ''], lit('abc')],
  ['string with a quote', lit("it's"), varchar, "'it''s'", ["it's", ''], lit("it's")],
  ['string with a backslash', lit('a\\b'), varchar, "'a\\\\b'", ['a\\b', ''], lit('a\\b')],
  ['string with a newline', lit('a\nb'), varchar, "'a\\nb'", ['a\nb', ''], lit('a\nb')],
  ['empty string', lit(''), varchar, "''", ['', ''], lit('')],
  ["the string 'NULL'", lit('NULL'), varchar, "'NULL'", ['NULL', ''], lit('NULL')],
  ['SQL NULL', lit(null), varchar, 'NULL', [null, ''], undefined],
  ['no default', undefined, varchar, null, [null, ''], undefined],
  ['negative integer', lit(-5), int, '-5', ['-5', ''], lit(-5)],
  ['zero', lit(0), int, '0', ['0', ''], lit(0)],
  ['integer given as text', lit('7'), int, '7', ['7', ''], lit(7)],
  ['decimal', lit(1.5), dec, '1.50', ['1.50', ''], lit(1.5)],
  ['boolean true', lit(true), bool, '1', ['1', ''], lit(true)],
  ['boolean false as 0', lit(0), bool, '0', ['0', ''], lit(false)],
  ['CURRENT_TIMESTAMP', expr(CURRENT_TIMESTAMP), ts, 'current_timestamp()', ['CURRENT_TIMESTAMP', 'DEFAULT_GENERATED'], expr(CURRENT_TIMESTAMP)],
  ['now()', expr('now()'), ts, 'current_timestamp()', ['CURRENT_TIMESTAMP', 'DEFAULT_GENERATED'], expr(CURRENT_TIMESTAMP)],
  ['CURRENT_TIMESTAMP(6)', expr('CURRENT_TIMESTAMP(6)'), dt6, 'current_timestamp(6)', ['CURRENT_TIMESTAMP(6)', 'DEFAULT_GENERATED'], expr(CURRENT_TIMESTAMP)],
  ['date-only literal on datetime', lit('2020-01-02'), dt, "'2020-01-02 00:00:00'", ['2020-01-02 00:00:00', ''], lit('2020-01-02 00:00:00')],
  ['literal on text', lit('hello'), text, "'hello'", ["_utf8mb4\\'hello\\'", 'DEFAULT_GENERATED'], lit('hello')],
  ['expression', expr('(UUID())'), { kind: 'char', length: 36 }, 'uuid()', ['uuid()', 'DEFAULT_GENERATED'], expr('uuid()')],
  ['raw literal', expr("'x'"), varchar, "'x'", ['x', ''], lit('x')],
  // Every digit of a decimal(35,30), never through a JavaScript number (issue 10).
  ['decimal(35,30) as text', lit('0.123456789012345678901234567891'), dec35, '0.123456789012345678901234567891', ['0.123456789012345678901234567891', ''], lit('0.123456789012345678901234567891')],
  ['decimal(35,30) as a raw number', expr('0.123456789012345678901234567891'), dec35, '0.123456789012345678901234567891', ['0.123456789012345678901234567891', ''], lit('0.123456789012345678901234567891')],
  ['decimal(35,30) a number holds', lit(0.5), dec35, '0.500000000000000000000000000000', ['0.500000000000000000000000000000', ''], lit(0.5)],
];

describe('defaults', () => {
  it.each(TABLE)('%s', (_name, written, type, maria, [mysql, extra], model) => {
    expect(normalizeDefault(written, type)).toEqual(model);
    expect(parseDefault(maria, '', type, 'mariadb')).toEqual(model);
    expect(parseDefault(mysql, extra, type, 'mysql')).toEqual(model);
  });

  it.each([
    [lit("it's \\ ok"), varchar, "'it''s \\\\ ok'"],
    [lit(true), bool, '1'],
    [lit(-2.5), dec, '-2.5'],
    [expr(CURRENT_TIMESTAMP), ts, 'CURRENT_TIMESTAMP'],
    [expr(CURRENT_TIMESTAMP), dt6, 'CURRENT_TIMESTAMP(6)'],
    [lit('hello'), text, "('hello')"],
    [lit('{}'), { kind: 'json' }, "('{}')"],
    [expr('uuid()'), varchar, '(uuid())'],
  ] as const)('writes %j on %j as %s', (value, type, sql) => {
    expect(defaultSql(value, type)).toBe(sql);
  });
});
