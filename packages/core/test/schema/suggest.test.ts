import { levenshtein, suggest } from '../../src/schema/suggest.js';
import { COLUMN_TYPE_NAMES, TYPE_ALIASES, normalizeAction } from '../../src/schema/catalog.js';

describe('levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['strin', 'string', 1],
    ['kitten', 'sitting', 3],
    ['nulable', 'nullable', 1],
  ])('%j vs %j = %d', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });
});

describe('suggest', () => {
  it('prefers a case-insensitive match, then an alias, then the nearest name', () => {
    expect(suggest('Integer', COLUMN_TYPE_NAMES, TYPE_ALIASES)).toBe('integer');
    expect(suggest('BIGINCREMENTS', COLUMN_TYPE_NAMES, TYPE_ALIASES)).toBe('bigIncrements');
    expect(suggest('varchar', COLUMN_TYPE_NAMES, TYPE_ALIASES)).toBe('string');
    expect(suggest('strng', COLUMN_TYPE_NAMES, TYPE_ALIASES)).toBe('string');
    expect(suggest('jsn', COLUMN_TYPE_NAMES, TYPE_ALIASES)).toBe('json');
  });

  it('gives nothing when no candidate is close', () => {
    expect(suggest('geometry', COLUMN_TYPE_NAMES, TYPE_ALIASES)).toBeUndefined();
    expect(suggest('', COLUMN_TYPE_NAMES)).toBeUndefined();
    expect(suggest('xy', ['ab'])).toBeUndefined();
  });

  it('is deterministic on ties (first candidate wins)', () => {
    expect(suggest('ab', ['aa', 'bb'])).toBe('aa');
  });
});

describe('normalizeAction', () => {
  it.each([
    ['cascade', 'CASCADE'],
    [' Set  Null ', 'SET NULL'],
    ['no action', 'NO ACTION'],
    ['RESTRICT', 'RESTRICT'],
    ['set default', 'SET DEFAULT'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeAction(input)).toBe(expected);
  });

  it.each([['cascde'], ['SET_NULL'], [''], [1], [undefined]])('%j is not an action', (input) => {
    expect(normalizeAction(input)).toBeUndefined();
  });
});
