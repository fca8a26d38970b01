import { CURRENT_TIMESTAMP, type ColumnType, type DefaultValue } from '@odac/core';
import { coerceDefault, defaultSql, parseDefault } from '@odac/adapter-mssql';

const lit = (value: string | number | boolean | null): DefaultValue => ({ kind: 'literal', value });
const expr = (sql: string): DefaultValue => ({ kind: 'expression', sql });
const now = expr(CURRENT_TIMESTAMP);

describe('parseDefault (sys.default_constraints.definition)', () => {
  it.each<[string, DefaultValue]>([
    ['((0))', lit(0)],
    ['((10))', lit(10)],
    ['((-4))', lit(-4)],
    ['((9.99))', lit(9.99)],
    // More digits than a JavaScript number holds stay exact text (issue 10).
    ['((0.123456789012345678901234567891))', lit('0.123456789012345678901234567891')],
    ['((9007199254740993))', lit('9007199254740993')],
    ['((1))', lit(1)],
    ["('abc')", lit('abc')],
    ["(N'draft')", lit('draft')],
    ["(N'2024-01-01')", lit('2024-01-01')],
    ["(N'with love')", lit('with love')],
    ["(N'')", lit('')],
    ['(NULL)', lit(null)],
    ['(getdate())', now],
    ['(GETDATE())', now],
    ['(sysdatetime())', now],
    ['(CURRENT_TIMESTAMP)', now],
    ['(sysutcdatetime())', expr('sysutcdatetime()')],
    ['(newid())', expr('newid()')],
    ['(CONVERT([bit],(0)))', expr('CONVERT([bit],(0))')],
  ])('%s → %j', (definition, value) => {
    expect(parseDefault(definition)).toEqual(value);
  });
});

describe('coerceDefault', () => {
  const int: ColumnType = { kind: 'integer', size: 'regular' };
  const bit: ColumnType = { kind: 'boolean' };
  const str: ColumnType = { kind: 'string', length: 20 };
  const ts: ColumnType = { kind: 'timestamp' };

  it('gives literals the column type', () => {
    expect(coerceDefault(int, lit('0'))).toEqual(lit(0));
    expect(coerceDefault(int, lit(' -4 '))).toEqual(lit(-4));
    expect(coerceDefault({ kind: 'decimal', precision: 10, scale: 2 }, lit('9.99'))).toEqual(lit(9.99));
    expect(coerceDefault({ kind: 'decimal', precision: 35, scale: 30 }, lit('0.123456789012345678901234567891000'))).toEqual(lit('0.123456789012345678901234567891'));
    expect(coerceDefault(bit, lit(1))).toEqual(lit(true));
    expect(coerceDefault(bit, lit(0))).toEqual(lit(false));
    expect(coerceDefault(bit, lit('true'))).toEqual(lit(true));
    expect(coerceDefault(str, lit(5))).toEqual(lit('5'));
    expect(coerceDefault(str, lit(true))).toEqual(lit('true'));
  });

  it('drops NULL defaults and reads raw SQL like the catalog', () => {
    expect(coerceDefault(str, lit(null))).toBeUndefined();
    expect(coerceDefault(str, expr('NULL'))).toBeUndefined();
    expect(coerceDefault(ts, expr('GETDATE()'))).toEqual(now);
    expect(coerceDefault(ts, now)).toEqual(now);
    expect(coerceDefault(int, expr('(42)'))).toEqual(lit(42));
    expect(coerceDefault(str, expr("N'x'"))).toEqual(lit('x'));
    expect(coerceDefault({ kind: 'uuid' }, expr('NEWID()'))).toEqual(expr('NEWID()'));
  });

  it('reads a stored definition and the authored default as the same value', () => {
    // What odac writes for each default, and what SQL Server keeps for it.
    const cases: [ColumnType, DefaultValue, string][] = [
      [str, lit('draft'), "(N'draft')"],
      [int, lit(0), '((0))'],
      [int, lit(-4), '((-4))'],
      [{ kind: 'decimal', precision: 6, scale: 3 }, lit(0), '((0))'],
      [bit, lit(false), '((0))'],
      [bit, lit(true), '((1))'],
      [ts, now, '(getdate())'],
      [ts, lit('2000-01-01 00:00:00'), "(N'2000-01-01 00:00:00')"],
      [str, lit(`it's "quoted" \\ and 50% off; -- not a comment`), `(N'it''s "quoted" \\ and 50% off; -- not a comment')`],
    ];
    for (const [type, authored, stored] of cases) {
      expect(coerceDefault(type, parseDefault(stored))).toEqual(coerceDefault(type, authored));
    }
  });
});

describe('defaultSql', () => {
  it('writes literals escaped and expressions verbatim', () => {
    expect(defaultSql(lit("it's"))).toBe("N'it''s'");
    expect(defaultSql(lit(true))).toBe('1');
    expect(defaultSql(lit(-4))).toBe('-4');
    expect(defaultSql(now)).toBe('CURRENT_TIMESTAMP');
    expect(defaultSql(expr('NEWID()'))).toBe('NEWID()');
  });
});
