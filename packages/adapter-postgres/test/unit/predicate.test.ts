import { cases, columns } from '../predicate-cases.js';
import { normalizePredicate } from '../../src/predicate.js';

describe('normalizePredicate', () => {
  it.each(cases)('%s → %s', (input, expected) => {
    expect(normalizePredicate(input, 't', columns)).toBe(expected);
  });

  it('is idempotent on what it prints when the result is re-read as written SQL', () => {
    expect(normalizePredicate('(n >= 0)', 't', columns)).toBe('(n >= 0)');
  });

  it('keeps what it does not understand, with whitespace folded', () => {
    expect(normalizePredicate('length(email)   > 2', 't', columns)).toBe('length(email) > 2');
    expect(normalizePredicate("((email)::text <> ''::text)", 't', columns)).toBe("((email)::text <> ''::text)");
    expect(normalizePredicate('unknown_col > 1', 't', columns)).toBe('unknown_col > 1');
    expect(normalizePredicate("deleted_at > '2020-01-01'", 't', columns)).toBe("deleted_at > '2020-01-01'");
    expect(normalizePredicate('n + 1 > 2', 't', columns)).toBe('n + 1 > 2');
  });
});
