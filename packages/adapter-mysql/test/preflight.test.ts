import { preflightSql } from '@odac/adapter-mysql';

describe('preflightSql', () => {
  it('counts NULLs before NOT NULL', () => {
    expect(preflightSql({ kind: 'notNull', table: 'users', column: 'name' })).toBe('SELECT COUNT(*) AS n FROM `users` WHERE `name` IS NULL');
  });

  it('counts orphans (rows whose key is fully set and matches no parent)', () => {
    expect(
      preflightSql({ kind: 'foreignKey', table: 'posts', constraint: 'fk', columns: ['a', 'b'], references: { table: 'p', columns: ['x', 'y'] }, targetIsNew: false }),
    ).toBe(
      'SELECT COUNT(*) AS n FROM `posts` c WHERE c.`a` IS NOT NULL AND c.`b` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `p` p WHERE p.`x` = c.`a` AND p.`y` = c.`b`)',
    );
    expect(preflightSql({ kind: 'foreignKey', table: 'posts', constraint: 'fk', columns: ['a'], references: { table: 'p', columns: ['x'] }, targetIsNew: true })).toBe(
      'SELECT COUNT(*) AS n FROM `posts` c WHERE c.`a` IS NOT NULL',
    );
  });

  it('counts rows in duplicate groups', () => {
    expect(preflightSql({ kind: 'unique', table: 't', constraint: 'uq', columns: ['a'] })).toBe(
      'SELECT COALESCE(SUM(d.n), 0) AS n FROM (SELECT COUNT(*) AS n FROM `t` c WHERE c.`a` IS NOT NULL GROUP BY `a` HAVING COUNT(*) > 1) d',
    );
  });

  it('counts values that do not fit a narrower type', () => {
    expect(preflightSql({ kind: 'fitsType', table: 't', column: 'c', from: { kind: 'string', length: 50 }, to: { kind: 'string', length: 10 } })).toBe(
      'SELECT COUNT(*) AS n FROM `t` WHERE `c` IS NOT NULL AND (CHAR_LENGTH(`c`) > 10)',
    );
    expect(
      preflightSql({ kind: 'fitsType', table: 't', column: 'c', from: { kind: 'integer', size: 'big' }, to: { kind: 'integer', size: 'regular', unsigned: true } }),
    ).toBe('SELECT COUNT(*) AS n FROM `t` WHERE `c` IS NOT NULL AND ((`c` < 0 OR `c` > 4294967295))');
    expect(
      preflightSql({ kind: 'fitsType', table: 't', column: 'c', from: { kind: 'decimal', precision: 10, scale: 4 }, to: { kind: 'decimal', precision: 6, scale: 2 } }),
    ).toBe('SELECT COUNT(*) AS n FROM `t` WHERE `c` IS NOT NULL AND ((ABS(`c`) >= 10000) OR (`c` <> ROUND(`c`, 2)))');
    expect(preflightSql({ kind: 'fitsType', table: 't', column: 'c', from: { kind: 'enum', values: ['a', 'b'] }, to: { kind: 'enum', values: ['a'] } })).toBe(
      "SELECT COUNT(*) AS n FROM `t` WHERE `c` IS NOT NULL AND (`c` NOT IN ('a'))",
    );
    expect(preflightSql({ kind: 'fitsType', table: 't', column: 'c', from: { kind: 'text' }, to: { kind: 'native', sql: 'geometry' } })).toBeUndefined();
  });

  it('counts rows before adding a NOT NULL column without default', () => {
    expect(preflightSql({ kind: 'emptyTable', table: 't', column: 'c' })).toBe('SELECT COUNT(*) AS n FROM `t`');
  });
});
