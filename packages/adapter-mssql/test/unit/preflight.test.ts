import type { ColumnType } from '@odac/core';
import { preflightSql } from '@odac/adapter-mssql';

describe('preflightSql', () => {
  it('counts NULLs for NOT NULL and rows for an empty-table check', () => {
    expect(preflightSql({ kind: 'notNull', table: 'users', column: 'display name' })).toBe('SELECT COUNT_BIG(*) AS n FROM [users] WHERE [display name] IS NULL');
    expect(preflightSql({ kind: 'emptyTable', table: 'users', column: 'login_count' })).toBe('SELECT COUNT_BIG(*) AS n FROM [users]');
  });

  it('counts duplicates the way a SQL Server unique index sees them (NULLs collide)', () => {
    expect(preflightSql({ kind: 'unique', table: 'customers', constraint: 'uq_c', columns: ['city', 'email'] })).toBe(
      'SELECT COALESCE(SUM(d.n), 0) AS n FROM (SELECT COUNT_BIG(*) AS n FROM [customers] c GROUP BY [city], [email] HAVING COUNT_BIG(*) > 1) d',
    );
  });

  it('counts orphans, and every non-null reference when the target is new', () => {
    const base = { kind: 'foreignKey' as const, table: 'books', constraint: 'fk', columns: ['author_id'], references: { table: 'authors', columns: ['id'] } };
    expect(preflightSql({ ...base, targetIsNew: false })).toBe(
      'SELECT COUNT_BIG(*) AS n FROM [books] c WHERE c.[author_id] IS NOT NULL AND NOT EXISTS (SELECT 1 FROM [authors] p WHERE p.[id] = c.[author_id])',
    );
    expect(preflightSql({ ...base, targetIsNew: true })).toBe('SELECT COUNT_BIG(*) AS n FROM [books] c WHERE c.[author_id] IS NOT NULL');
  });

  it('checks narrowing type changes with lengths and TRY_CAST', () => {
    const fits = (to: ColumnType) =>
      preflightSql({ kind: 'fitsType', table: 'users', column: 'name', from: { kind: 'text' }, to });
    expect(fits({ kind: 'string', length: 20 })).toBe(
      "SELECT COUNT_BIG(*) AS n FROM [users] WHERE [name] IS NOT NULL AND (LEN(CONVERT(nvarchar(max), [name]) + N'x') - 1 > 20)",
    );
    expect(fits({ kind: 'integer', size: 'regular' })).toBe('SELECT COUNT_BIG(*) AS n FROM [users] WHERE [name] IS NOT NULL AND (TRY_CAST([name] AS int) IS NULL)');
    expect(fits({ kind: 'integer', size: 'tiny', unsigned: true })).toContain('TRY_CAST([name] AS tinyint) IS NULL');
    expect(fits({ kind: 'decimal', precision: 5, scale: 2 })).toContain('TRY_CAST([name] AS decimal(5,2)) IS NULL');
    expect(fits({ kind: 'uuid' })).toContain('TRY_CAST([name] AS uniqueidentifier) IS NULL');
    expect(fits({ kind: 'enum', values: ['a', "b'c"] })).toContain("CONVERT(nvarchar(max), [name]) NOT IN (N'a', N'b''c')");
    expect(fits({ kind: 'binary', length: 16 })).toContain('DATALENGTH([name]) > 16');
    expect(fits({ kind: 'json' })).toContain('ISJSON(CONVERT(nvarchar(max), [name])) = 0');
    expect(fits({ kind: 'text' })).toBeUndefined();
    expect(fits({ kind: 'native', sql: 'xml' })).toBeUndefined();
  });
});
