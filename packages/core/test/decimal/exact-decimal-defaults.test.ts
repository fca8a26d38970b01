import { buildSchema, canonicalDecimal, defaultsEqual, exactNumber } from '@odac/core';
import { sourced } from '../schema/helpers.js';

describe('exact decimal defaults (issue 10)', () => {
  it('spells numbers canonically without losing digits', () => {
    expect(canonicalDecimal('+001.50')).toBe('1.5');
    expect(canonicalDecimal('1e3')).toBe('1000');
    expect(canonicalDecimal('-0.000')).toBe('0');
    expect(canonicalDecimal('.5e-2')).toBe('0.005');
    expect(canonicalDecimal(1e21)).toBe('1000000000000000000000');
    expect(canonicalDecimal('0.123456789012345678901234567891')).toBe('0.123456789012345678901234567891');
    expect(canonicalDecimal('abc')).toBeUndefined();
    expect(canonicalDecimal('.')).toBeUndefined();
  });

  it('becomes a number only when the number holds every digit', () => {
    expect(exactNumber('1.50')).toBe(1.5);
    expect(exactNumber('-2')).toBe(-2);
    expect(exactNumber('0.123456789012345678901234567891')).toBe('0.123456789012345678901234567891');
    expect(exactNumber('9007199254740993')).toBe('9007199254740993');
  });

  it('the loader keeps a decimal(35,30) default as exact text, a short one as a number', () => {
    const { schema } = buildSchema(
      sourced({
        't.js': {
          columns: {
            long: { type: 'decimal', precision: 35, scale: 30, default: '0.123456789012345678901234567891' },
            short: { type: 'decimal', precision: 10, scale: 2, default: '1.50' },
            big: { type: 'bigInteger', default: '9007199254740993' },
          },
        },
      }),
    );
    const defaults = Object.fromEntries(schema.tables[0]?.columns.map((c) => [c.name, c.default]) ?? []);
    expect(defaults).toEqual({
      long: { kind: 'literal', value: '0.123456789012345678901234567891' },
      short: { kind: 'literal', value: 1.5 },
      big: { kind: 'literal', value: '9007199254740993' },
    });
  });

  it('compares defaults digit by digit', () => {
    const type = { kind: 'decimal', precision: 35, scale: 30 } as const;
    const lit = (value: string | number) => ({ kind: 'literal' as const, value });
    expect(defaultsEqual(type, lit('0.123456789012345678901234567891'), lit('0.123456789012345678901234567890'))).toBe(false);
    expect(defaultsEqual(type, lit('0.1234567890123456789012345678910'), lit('0.123456789012345678901234567891'))).toBe(true);
    expect(defaultsEqual(type, lit(1.5), lit('1.50'))).toBe(true);
  });
});
