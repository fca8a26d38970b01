import { canonicalExpression } from '@odac/adapter-mysql';

describe('canonicalExpression', () => {
  it.each([
    // user writing, MariaDB CHECK_CLAUSE, MySQL 8 CHECK_CLAUSE (after unescaping)
    ['price>=0', '`price` >= 0', '(`price` >= 0)', 'price >= 0'],
    [
      "price >= 0 AND status IN ('new', 'old')",
      "`price` >= 0 and `status` in ('new','old')",
      "((`price` >= 0) and (`status` in (_utf8mb4'new',_utf8mb4'old')))",
      "price >= 0 and status in ('new', 'old')",
    ],
    ['qty > -10', '`qty` > -10', '(`qty` > -(10))', 'qty > -10'],
    ['a >= 0 and b < 10 and c <> 1', '`a` >= 0 and `b` < 10 and `c` <> 1', '((`a` >= 0) and (`b` < 10) and (`c` <> 1))', 'a >= 0 and b < 10 and c <> 1'],
    ['(a = 1 OR b = 2) AND c = 3', '(`a` = 1 or `b` = 2) and `c` = 3', '(((`a` = 1) or (`b` = 2)) and (`c` = 3))', '(a = 1 or b = 2) and c = 3'],
    ['char_length(name) > 0', 'char_length(`name`) > 0', '(char_length(`name`) > 0)', 'char_length(name) > 0'],
    ['ends_at IS NULL OR ends_at > starts_at', '`ends_at` is null or `ends_at` > `starts_at`', '((`ends_at` is null) or (`ends_at` > `starts_at`))', 'ends_at is null or ends_at > starts_at'],
    ['n between 1 and 10', '`n` between 1 and 10', '(`n` between 1 and 10)', 'n between 1 and 10'],
    ["s != 'it''s'", "`s` <> 'it\\'s'", "(`s` <> _utf8mb4'it\\'s')", "s <> 'it''s'"],
    ['a - (b - c) = 0', '`a` - (`b` - `c`) = 0', '((`a` - (`b` - `c`)) = 0)', 'a - (b - c) = 0'],
    ['json_valid(meta)', 'json_valid(`meta`)', 'json_valid(`meta`)', 'json_valid(meta)'],
  ])('%s', (user, mariadb, mysql, canonical) => {
    expect(canonicalExpression(user)).toBe(canonical);
    expect(canonicalExpression(mariadb)).toBe(canonical);
    expect(canonicalExpression(mysql)).toBe(canonical);
  });

  it('keeps reserved words and odd names quoted', () => {
    expect(canonicalExpression('`order` > 0 and `my col` < 5')).toBe('`order` > 0 and `my col` < 5');
  });

  it('flattens associative chains however they are nested', () => {
    expect(canonicalExpression('a and (b and c)')).toBe(canonicalExpression('(a and b) and c'));
  });

  it('falls back to a token canonical form for syntax it does not parse', () => {
    expect(canonicalExpression('CAST(x AS SIGNED) > 0')).toBe(canonicalExpression('cast(`x` as signed)  >  0'));
  });

  it('is idempotent', () => {
    for (const e of ["price >= 0 AND status IN ('new', 'old')", '(a = 1 OR b = 2) AND c = 3', 'uuid()', "b'101'", 'not (a > 1)']) {
      expect(canonicalExpression(canonicalExpression(e))).toBe(canonicalExpression(e));
    }
  });
});
