import { literal, quote, quoteList } from '../src/quote.js';

describe('quote', () => {
  it.each([
    ['users', '"users"'],
    ['my table', '"my table"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['select', '"select"'],
    ['naïve 日本', '"naïve 日本"'],
    ["it's", `"it's"`],
  ])('%s → %s', (name, quoted) => {
    expect(quote(name)).toBe(quoted);
  });

  it('joins lists', () => {
    expect(quoteList(['a', 'b c'])).toBe('"a", "b c"');
  });
});

describe('literal', () => {
  it.each<[string | number | boolean | null, string]>([
    ['abc', "'abc'"],
    ["it's", "'it''s'"],
    ["''", "''''''"],
    ['back\\slash', "'back\\slash'"],
    ['', "''"],
    ['日本', "'日本'"],
    [0, '0'],
    [-1.5, '-1.5'],
    [1e21, '1e+21'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [null, 'NULL'],
  ])('%p → %s', (value, sql) => {
    expect(literal(value)).toBe(sql);
  });

  it('refuses numbers SQL cannot write', () => {
    expect(() => literal(Number.NaN)).toThrow(/NaN/);
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow(/Infinity/);
  });
});
