import type { PreflightCheck } from '@odac/core';
import { adapter } from '../src/index.js';
import { preflightSql } from '../src/preflight.js';

describe('preflightSql', () => {
  it('writes one count per check, quoting every name', () => {
    expect(preflightSql({ kind: 'notNull', table: 'my "t"', column: 'a b' })).toBe('SELECT COUNT(*) AS n FROM "my ""t""" WHERE "a b" IS NULL');
    expect(preflightSql({ kind: 'emptyTable', table: 't', column: 'c' })).toBe('SELECT COUNT(*) AS n FROM "t"');
    expect(preflightSql({ kind: 'unique', table: 't', constraint: 'uq', columns: ['a', 'b'] })).toBe(
      'SELECT COALESCE(SUM(d.n), 0) AS n FROM (SELECT COUNT(*) AS n FROM "t" c WHERE c."a" IS NOT NULL AND c."b" IS NOT NULL GROUP BY "a", "b" HAVING COUNT(*) > 1) d',
    );
    expect(
      preflightSql({ kind: 'foreignKey', table: 'c', constraint: 'fk', columns: ['p_id'], references: { table: 'p', columns: ['id'] }, targetIsNew: false }),
    ).toBe('SELECT COUNT(*) AS n FROM "c" c WHERE c."p_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "p" p WHERE p."id" = c."p_id")');
    expect(
      preflightSql({ kind: 'foreignKey', table: 'c', constraint: 'fk', columns: ['p_id'], references: { table: 'p', columns: ['id'] }, targetIsNew: true }),
    ).toBe('SELECT COUNT(*) AS n FROM "c" c WHERE c."p_id" IS NOT NULL');
    expect(preflightSql({ kind: 'fitsType', table: 't', column: 'c', from: { kind: 'text' }, to: { kind: 'date' } })).toBeUndefined();
  });
});

describe('preflight on a real database', () => {
  const checks: [string, PreflightCheck, number][] = [
    ['NULLs', { kind: 'notNull', table: 'items', column: 'label' }, 2],
    ['rows in a table', { kind: 'emptyTable', table: 'items', column: 'x' }, 7],
    ['rows in duplicate groups, NULLs ignored', { kind: 'unique', table: 'items', constraint: 'uq', columns: ['label'] }, 3],
    ['duplicates on two columns', { kind: 'unique', table: 'items', constraint: 'uq', columns: ['label', 'n'] }, 2],
    [
      'orphans, NULL keys ignored',
      { kind: 'foreignKey', table: 'items', constraint: 'fk', columns: ['owner'], references: { table: 'owners', columns: ['id'] }, targetIsNew: false },
      2,
    ],
    [
      'all non-null keys when the target is new',
      { kind: 'foreignKey', table: 'items', constraint: 'fk', columns: ['owner'], references: { table: 'owners', columns: ['id'] }, targetIsNew: true },
      5,
    ],
    ['strings longer than varchar(3)', { kind: 'fitsType', table: 'items', column: 'label', from: { kind: 'text' }, to: { kind: 'string', length: 3 } }, 1],
    ['non-integers and out-of-range values', { kind: 'fitsType', table: 'items', column: 'n', from: { kind: 'text' }, to: { kind: 'integer', size: 'tiny' } }, 3],
    ['numbers too large for decimal(4,2)', { kind: 'fitsType', table: 'items', column: 'n', from: { kind: 'text' }, to: { kind: 'decimal', precision: 4, scale: 2 } }, 1],
    ['values outside a new enum', { kind: 'fitsType', table: 'items', column: 'label', from: { kind: 'text' }, to: { kind: 'enum', values: ['a', 'bb'] } }, 1],
    ['nothing for types SQLite does not enforce', { kind: 'fitsType', table: 'items', column: 'n', from: { kind: 'text' }, to: { kind: 'float' } }, 0],
  ];

  it.each(checks)('counts %s', async (_title, check, count) => {
    const conn = await adapter.connect('sqlite::memory:');
    try {
      await conn.apply([
        { sql: 'CREATE TABLE owners (id integer PRIMARY KEY)', transactional: true },
        { sql: 'CREATE TABLE items (label text, n, owner integer)', transactional: true },
        { sql: 'INSERT INTO owners VALUES (1), (2)', transactional: true },
        {
          sql: `INSERT INTO items VALUES ('a', 1, 1), ('a', 1, 2), ('bb', '12', 3), ('a', 500, NULL), (NULL, 1.5, 4), (NULL, 'x', NULL), ('cccc', 2, 1)`,
          transactional: true,
        },
      ]);
      const failures = await conn.preflight([check]);
      expect(failures).toEqual(count === 0 ? [] : [{ check, count }]);
    } finally {
      await conn.close();
    }
  });
});
