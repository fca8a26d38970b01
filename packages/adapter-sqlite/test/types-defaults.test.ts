import type { ColumnType } from '@odac/core';
import { defaultAsReported, defaultSql, parseDefault } from '../src/defaults.js';
import { enumCheck, parseDeclaredType, parseEnumCheck, typeSql } from '../src/types.js';

describe('declared types', () => {
  const cases: [ColumnType, string][] = [
    [{ kind: 'integer', size: 'tiny' }, 'tinyint'],
    [{ kind: 'integer', size: 'small' }, 'smallint'],
    [{ kind: 'integer', size: 'medium' }, 'mediumint'],
    [{ kind: 'integer', size: 'regular' }, 'integer'],
    [{ kind: 'integer', size: 'big' }, 'bigint'],
    [{ kind: 'decimal', precision: 10, scale: 2 }, 'decimal(10,2)'],
    [{ kind: 'float' }, 'float'],
    [{ kind: 'double' }, 'double'],
    [{ kind: 'string', length: 255 }, 'varchar(255)'],
    [{ kind: 'char', length: 2 }, 'char(2)'],
    [{ kind: 'text' }, 'text'],
    [{ kind: 'text', size: 'medium' }, 'mediumtext'],
    [{ kind: 'text', size: 'long' }, 'longtext'],
    [{ kind: 'boolean' }, 'boolean'],
    [{ kind: 'date' }, 'date'],
    [{ kind: 'time' }, 'time'],
    [{ kind: 'datetime' }, 'datetime'],
    [{ kind: 'timestamp' }, 'timestamp'],
    [{ kind: 'timestamp', withTimeZone: true }, 'timestamptz'],
    [{ kind: 'json' }, 'json'],
    [{ kind: 'json', binary: true }, 'jsonb'],
    [{ kind: 'uuid' }, 'uuid'],
    [{ kind: 'binary' }, 'blob'],
    [{ kind: 'binary', length: 16 }, 'binary(16)'],
    [{ kind: 'native', sql: 'citext' }, 'citext'],
  ];
  it.each(cases)('%j is declared %s and reads back the same', (type, sql) => {
    expect(typeSql(type)).toBe(sql);
    expect(parseDeclaredType(sql)).toEqual(type);
  });

  it('reads SQLite-uppercased and spaced spellings', () => {
    expect(parseDeclaredType('INTEGER')).toEqual({ kind: 'integer', size: 'regular' });
    expect(parseDeclaredType('INT')).toEqual({ kind: 'integer', size: 'regular' });
    expect(parseDeclaredType('TEXT')).toEqual({ kind: 'text' });
    expect(parseDeclaredType('BLOB')).toEqual({ kind: 'binary' });
    expect(parseDeclaredType('VARCHAR ( 20 )')).toEqual({ kind: 'string', length: 20 });
    expect(parseDeclaredType('Decimal(8, 3)')).toEqual({ kind: 'decimal', precision: 8, scale: 3 });
  });

  it('keeps anything else verbatim as native', () => {
    expect(parseDeclaredType('DOUBLE PRECISION')).toEqual({ kind: 'native', sql: 'DOUBLE PRECISION' });
    expect(parseDeclaredType('numeric(5)')).toEqual({ kind: 'native', sql: 'numeric(5)' });
    expect(parseDeclaredType('')).toEqual({ kind: 'native', sql: '' });
  });

  it('writes and recognises the enum check', () => {
    const check = enumCheck('st"atus', ['a', "it's", 'x, y)']);
    expect(check).toBe(`"st""atus" IN ('a', 'it''s', 'x, y)')`);
    expect(parseEnumCheck('st"atus', check)).toEqual(['a', "it's", 'x, y)']);
    expect(parseEnumCheck('status', `status in ('a','b')`)).toEqual(['a', 'b']);
    expect(parseEnumCheck('status', `[status] IN ('a')`)).toEqual(['a']);
  });

  it.each([
    ['other', `"status" IN ('a')`],
    ['status', `"status" IN ('a',)`],
    ['status', `"status" IN (1, 2)`],
    ['status', `"status" IN ('a') AND 1`],
    ['status', `"status" NOT IN ('a')`],
    ['status', `length("status") > 1`],
    ['status', `"status" IN ()`],
  ])('does not mistake %s: %s for an enum', (column, expression) => {
    expect(parseEnumCheck(column, expression)).toBeUndefined();
  });
});

describe('defaults', () => {
  it.each<[string | null, ColumnType | undefined, unknown]>([
    [null, undefined, undefined],
    ['NULL', undefined, undefined],
    ['null', undefined, undefined],
    ["'abc'", undefined, { kind: 'literal', value: 'abc' }],
    ["'it''s'", undefined, { kind: 'literal', value: "it's" }],
    ["''", undefined, { kind: 'literal', value: '' }],
    ["('x')", undefined, { kind: 'literal', value: 'x' }],
    ['-1', undefined, { kind: 'literal', value: -1 }],
    ['+1', undefined, { kind: 'literal', value: 1 }],
    ['1.5e3', undefined, { kind: 'literal', value: 1500 }],
    ['0', { kind: 'integer', size: 'regular' }, { kind: 'literal', value: 0 }],
    ['1', { kind: 'boolean' }, { kind: 'literal', value: true }],
    ['0', { kind: 'boolean' }, { kind: 'literal', value: false }],
    // knex (ODAC.JS) quotes a boolean default.
    ["'1'", { kind: 'boolean' }, { kind: 'literal', value: true }],
    ["'0'", { kind: 'boolean' }, { kind: 'literal', value: false }],
    ["'1'", { kind: 'string', length: 1 }, { kind: 'literal', value: '1' }],
    ['TRUE', undefined, { kind: 'literal', value: true }],
    ['false', undefined, { kind: 'literal', value: false }],
    ['CURRENT_TIMESTAMP', undefined, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ['current_timestamp', undefined, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ["datetime('now')", undefined, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ['CURRENT_DATE', undefined, { kind: 'expression', sql: 'CURRENT_DATE' }],
    ["lower('X')", undefined, { kind: 'expression', sql: "lower('X')" }],
    ['1 + 2', undefined, { kind: 'expression', sql: '1 + 2' }],
    ["'a' || 'b'", undefined, { kind: 'expression', sql: "'a' || 'b'" }],
    ['9007199254740993', undefined, { kind: 'expression', sql: '9007199254740993' }],
    ["X'00ff'", undefined, { kind: 'expression', sql: "X'00ff'" }],
  ])('dflt_value %p reads as %j', (dflt, type, expected) => {
    expect(parseDefault(dflt, type)).toEqual(expected);
  });

  it('writes literals bare, now as CURRENT_TIMESTAMP, other expressions in parentheses', () => {
    expect(defaultSql({ kind: 'literal', value: "it's" })).toBe("'it''s'");
    expect(defaultSql({ kind: 'literal', value: true })).toBe('TRUE');
    expect(defaultSql({ kind: 'expression', sql: 'now()' })).toBe('CURRENT_TIMESTAMP');
    expect(defaultSql({ kind: 'expression', sql: 'current_date' })).toBe('CURRENT_DATE');
    expect(defaultSql({ kind: 'expression', sql: "lower('X')" })).toBe("(lower('X'))");
  });

  it('normalizes a desired default to what SQLite reports', () => {
    const int: ColumnType = { kind: 'integer', size: 'regular' };
    expect(defaultAsReported({ kind: 'expression', sql: '(42)' }, int)).toEqual({ kind: 'literal', value: 42 });
    expect(defaultAsReported({ kind: 'literal', value: null }, int)).toBeUndefined();
    expect(defaultAsReported({ kind: 'literal', value: 1 }, { kind: 'boolean' })).toEqual({ kind: 'literal', value: true });
    expect(defaultAsReported({ kind: 'expression', sql: "datetime('now')" }, { kind: 'datetime' })).toEqual({ kind: 'expression', sql: 'CURRENT_TIMESTAMP' });
    expect(defaultAsReported(undefined, int)).toBeUndefined();
  });
});
