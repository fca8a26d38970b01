import { escapeRegExp, globMatcher, globToRegExp } from '../src/glob.js';

describe('globMatcher: the one matcher for table and namespace patterns', () => {
  test('* is any run of characters, anchored at both ends', () => {
    const match = globMatcher(['tenant_*', 'audit']);
    expect(['tenant_', 'tenant_42', 'audit'].filter(match)).toEqual(['tenant_', 'tenant_42', 'audit']);
    expect(['xtenant_1', 'audit_log', 'Audit'].filter(match)).toEqual([]);
  });

  test('every other character is literal, including what regular expressions give meaning', () => {
    const match = globMatcher(['a.b', 'c+d', '(e)', '[f]', 'g?', '$h^', 'i\\j']);
    expect(['a.b', 'c+d', '(e)', '[f]', 'g?', '$h^', 'i\\j'].every(match)).toBe(true);
    expect(['axb', 'ccd', 'e', 'f', 'gx', 'h', 'ij'].some(match)).toBe(false);
  });

  test('with single, ? is exactly one character (namespace patterns)', () => {
    const re = globToRegExp('t?_*', { single: true });
    expect(['t1_', 't2_x'].every((n) => re.test(n))).toBe(true);
    expect(['t_', 't12_'].some((n) => re.test(n))).toBe(false);
  });

  test('no patterns match nothing', () => {
    expect(globMatcher([])('anything')).toBe(false);
  });

  test('escapeRegExp makes a string match only itself', () => {
    const s = 'C:\\dir\\file (1).js?x=[y]';
    expect(new RegExp(`^${escapeRegExp(s)}$`).test(s)).toBe(true);
    expect(new RegExp(`^${escapeRegExp('a.c')}$`).test('abc')).toBe(false);
  });
});
