import type { ColumnType } from '@odac/core';
import { normalizeType, parseTypeSql, typeFromCatalog, typeFromSql, typeSql, type CatalogType } from '@odac/adapter-mssql';

/** `sys.columns` max_length / precision / scale as SQL Server reports them for each type. */
const catalog = (type_name: string, max_length: number, precision = 0, scale = 0, is_user_defined = false): CatalogType => ({
  type_name,
  is_user_defined,
  max_length,
  precision,
  scale,
});

describe('typeSql', () => {
  it.each<[ColumnType, string]>([
    [{ kind: 'integer', size: 'tiny' }, 'smallint'],
    [{ kind: 'integer', size: 'tiny', unsigned: true }, 'tinyint'],
    [{ kind: 'integer', size: 'small' }, 'smallint'],
    [{ kind: 'integer', size: 'medium' }, 'int'],
    [{ kind: 'integer', size: 'regular', unsigned: true }, 'int'],
    [{ kind: 'integer', size: 'big' }, 'bigint'],
    [{ kind: 'decimal', precision: 10, scale: 2 }, 'decimal(10,2)'],
    [{ kind: 'float' }, 'real'],
    [{ kind: 'double' }, 'float(53)'],
    [{ kind: 'string', length: 255 }, 'nvarchar(255)'],
    [{ kind: 'string', length: 4000 }, 'nvarchar(4000)'],
    [{ kind: 'string', length: 4001 }, 'nvarchar(max)'],
    [{ kind: 'char', length: 2 }, 'nchar(2)'],
    [{ kind: 'text' }, 'nvarchar(max)'],
    [{ kind: 'text', size: 'long' }, 'nvarchar(max)'],
    [{ kind: 'boolean' }, 'bit'],
    [{ kind: 'date' }, 'date'],
    [{ kind: 'time' }, 'time'],
    [{ kind: 'datetime' }, 'datetime2'],
    [{ kind: 'timestamp' }, 'datetime2'],
    [{ kind: 'timestamp', withTimeZone: true }, 'datetimeoffset'],
    [{ kind: 'json' }, 'nvarchar(max)'],
    [{ kind: 'uuid' }, 'uniqueidentifier'],
    [{ kind: 'binary' }, 'varbinary(max)'],
    [{ kind: 'binary', length: 16 }, 'varbinary(16)'],
    [{ kind: 'binary', length: 9000 }, 'varbinary(max)'],
    [{ kind: 'enum', values: ['a', 'b'] }, 'nvarchar(255)'],
    [{ kind: 'native', sql: 'money' }, 'money'],
  ])('%j → %s', (type, sql) => {
    expect(typeSql(type)).toBe(sql);
  });
});

describe('typeFromCatalog (sys.columns + sys.types rows)', () => {
  it.each<[CatalogType, ColumnType]>([
    [catalog('tinyint', 1, 3), { kind: 'integer', size: 'tiny', unsigned: true }],
    [catalog('smallint', 2, 5), { kind: 'integer', size: 'small' }],
    [catalog('int', 4, 10), { kind: 'integer', size: 'regular' }],
    [catalog('bigint', 8, 19), { kind: 'integer', size: 'big' }],
    [catalog('decimal', 9, 10, 2), { kind: 'decimal', precision: 10, scale: 2 }],
    [catalog('numeric', 9, 10, 2), { kind: 'native', sql: 'numeric(10,2)' }],
    [catalog('real', 4, 24), { kind: 'float' }],
    [catalog('float', 8, 53), { kind: 'double' }],
    [catalog('bit', 1, 1), { kind: 'boolean' }],
    [catalog('nvarchar', 200), { kind: 'string', length: 100 }],
    [catalog('nvarchar', 510), { kind: 'string', length: 255 }],
    [catalog('nvarchar', -1), { kind: 'text' }],
    [catalog('nchar', 4), { kind: 'char', length: 2 }],
    [catalog('varchar', 50), { kind: 'native', sql: 'varchar(50)' }],
    [catalog('varchar', -1), { kind: 'native', sql: 'varchar(max)' }],
    [catalog('date', 3, 10), { kind: 'date' }],
    [catalog('time', 5, 16, 7), { kind: 'time' }],
    [catalog('time', 3, 8, 0), { kind: 'native', sql: 'time(0)' }],
    [catalog('datetime2', 8, 27, 7), { kind: 'timestamp', withTimeZone: false }],
    [catalog('datetime2', 7, 23, 3), { kind: 'native', sql: 'datetime2(3)' }],
    [catalog('datetimeoffset', 10, 34, 7), { kind: 'timestamp', withTimeZone: true }],
    [catalog('datetime', 8, 23, 3), { kind: 'native', sql: 'datetime' }],
    [catalog('uniqueidentifier', 16), { kind: 'uuid' }],
    [catalog('varbinary', -1), { kind: 'binary' }],
    [catalog('varbinary', 16), { kind: 'binary', length: 16 }],
    [catalog('binary', 16), { kind: 'native', sql: 'binary(16)' }],
    [catalog('money', 8, 19, 4), { kind: 'native', sql: 'money' }],
    [catalog('xml', -1), { kind: 'native', sql: 'xml' }],
    [catalog('EmailAddress', 510, 0, 0, true), { kind: 'native', sql: 'EmailAddress' }],
  ])('%j → %j', (row, type) => {
    expect(typeFromCatalog(row)).toEqual(type);
  });
});

describe('parseTypeSql / typeFromSql (specificType as written)', () => {
  it('fills in SQL Server defaults and aliases', () => {
    expect(parseTypeSql('NVARCHAR(100)')).toEqual({ name: 'nvarchar', length: 100 });
    expect(parseTypeSql('varchar(MAX)')).toEqual({ name: 'varchar', length: 'max' });
    expect(parseTypeSql('decimal')).toEqual({ name: 'decimal', precision: 18, scale: 0 });
    expect(parseTypeSql('numeric(10, 2)')).toEqual({ name: 'numeric', precision: 10, scale: 2 });
    expect(parseTypeSql('float(24)')).toEqual({ name: 'real' });
    expect(parseTypeSql('double precision')).toEqual({ name: 'float', precision: 53 });
    expect(parseTypeSql('[datetime2](3)')).toEqual({ name: 'datetime2', scale: 3 });
    expect(parseTypeSql('geography::Point')).toBeUndefined();
  });

  it('maps what the model knows and keeps the rest native in catalog spelling', () => {
    expect(typeFromSql('INT')).toEqual({ kind: 'integer', size: 'regular' });
    expect(typeFromSql('nvarchar(20)')).toEqual({ kind: 'string', length: 20 });
    expect(typeFromSql('Varchar( 50 )')).toEqual({ kind: 'native', sql: 'varchar(50)' });
    expect(typeFromSql('datetime2(3)')).toEqual({ kind: 'native', sql: 'datetime2(3)' });
    expect(typeFromSql('MONEY')).toEqual({ kind: 'native', sql: 'money' });
  });
});

describe('normalizeType meets the catalog', () => {
  // What sys.columns reports for the SQL odac emits, per emitted type name.
  const stored: Record<string, CatalogType> = {
    tinyint: catalog('tinyint', 1, 3),
    smallint: catalog('smallint', 2, 5),
    int: catalog('int', 4, 10),
    bigint: catalog('bigint', 8, 19),
    'decimal(10,2)': catalog('decimal', 9, 10, 2),
    real: catalog('real', 4, 24),
    'float(53)': catalog('float', 8, 53),
    'nvarchar(120)': catalog('nvarchar', 240),
    'nvarchar(255)': catalog('nvarchar', 510),
    'nvarchar(max)': catalog('nvarchar', -1),
    'nchar(2)': catalog('nchar', 4),
    bit: catalog('bit', 1, 1),
    date: catalog('date', 3, 10),
    time: catalog('time', 5, 16, 7),
    datetime2: catalog('datetime2', 8, 27, 7),
    datetimeoffset: catalog('datetimeoffset', 10, 34, 7),
    uniqueidentifier: catalog('uniqueidentifier', 16),
    'varbinary(max)': catalog('varbinary', -1),
    'varbinary(16)': catalog('varbinary', 16),
  };
  it.each<ColumnType>([
    { kind: 'integer', size: 'tiny' },
    { kind: 'integer', size: 'tiny', unsigned: true },
    { kind: 'integer', size: 'small', unsigned: true },
    { kind: 'integer', size: 'medium' },
    { kind: 'integer', size: 'regular' },
    { kind: 'integer', size: 'big', unsigned: true },
    { kind: 'decimal', precision: 10, scale: 2, unsigned: true },
    { kind: 'float' },
    { kind: 'double' },
    { kind: 'string', length: 120 },
    { kind: 'string', length: 5000 },
    { kind: 'char', length: 2 },
    { kind: 'text', size: 'medium' },
    { kind: 'boolean' },
    { kind: 'date' },
    { kind: 'time' },
    { kind: 'datetime' },
    { kind: 'timestamp' },
    { kind: 'timestamp', withTimeZone: true },
    { kind: 'uuid' },
    { kind: 'binary', length: 16 },
    { kind: 'binary', length: 100000 },
    { kind: 'native', sql: 'NVARCHAR(120)' },
  ])('%j: introspecting what typeSql wrote gives normalizeType', (type) => {
    const normalized = normalizeType(type);
    const row = stored[typeSql(normalized)];
    expect(row).toBeDefined();
    expect(typeFromCatalog(row as CatalogType)).toEqual(normalized);
  });
});
