import { booleanText, canonicalDefault } from '../src/index.js';

describe('booleanText: PostgreSQL boolean input forms, shared by defaults, seeds and adapters', () => {
  test('every true and false form, any case, spaces around', () => {
    expect(['t', 'TRUE', ' y ', 'Yes', 'on', '1'].map(booleanText)).toEqual([true, true, true, true, true, true]);
    expect(['f', 'False', 'n', ' NO', 'off', '0'].map(booleanText)).toEqual([false, false, false, false, false, false]);
  });

  test('anything else is not a boolean', () => {
    expect(['', 'maybe', '2', 'tru', 'o'].map(booleanText)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test("a boolean column's literal default compares by meaning: 'y' and ' TRUE ' are true", () => {
    const bool = { kind: 'boolean' } as const;
    const t = canonicalDefault(bool, { kind: 'literal', value: true });
    expect(canonicalDefault(bool, { kind: 'literal', value: 'y' })).toBe(t);
    expect(canonicalDefault(bool, { kind: 'literal', value: ' TRUE ' })).toBe(t);
    expect(canonicalDefault(bool, { kind: 'literal', value: 'off' })).toBe(canonicalDefault(bool, { kind: 'literal', value: false }));
  });
});
