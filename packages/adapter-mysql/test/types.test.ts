import type { ColumnType } from '@odac/core';
import { columnTypeSql, normalizeType, parseColumnType } from '@odac/adapter-mysql';

describe('column types', () => {
  it.each<[ColumnType, string, ColumnType]>([
    [{ kind: 'integer', size: 'regular', unsigned: true }, 'int unsigned', { kind: 'integer', size: 'regular', unsigned: true }],
    [{ kind: 'integer', size: 'big', unsigned: false }, 'bigint', { kind: 'integer', size: 'big' }],
    [{ kind: 'integer', size: 'medium' }, 'mediumint', { kind: 'integer', size: 'medium' }],
    [{ kind: 'decimal', precision: 8, scale: 3 }, 'decimal(8,3)', { kind: 'decimal', precision: 8, scale: 3 }],
    [{ kind: 'boolean' }, 'tinyint(1)', { kind: 'boolean' }],
    [{ kind: 'float' }, 'float', { kind: 'float' }],
    [{ kind: 'float', precision: 8, scale: 2 }, 'float(8,2)', { kind: 'float', precision: 8, scale: 2 }],
    [{ kind: 'float', precision: 20 }, 'float', { kind: 'float' }],
    [{ kind: 'float', precision: 30 }, 'double', { kind: 'double' }],
    [{ kind: 'string', length: 40 }, 'varchar(40)', { kind: 'string', length: 40 }],
    [{ kind: 'uuid' }, 'char(36)', { kind: 'char', length: 36 }],
    [{ kind: 'text', size: 'regular' }, 'text', { kind: 'text' }],
    [{ kind: 'text', size: 'medium' }, 'mediumtext', { kind: 'text', size: 'medium' }],
    [{ kind: 'timestamp', withTimeZone: true }, 'timestamp', { kind: 'timestamp' }],
    [{ kind: 'json', binary: true }, 'json', { kind: 'json' }],
    [{ kind: 'binary' }, 'blob', { kind: 'binary' }],
    [{ kind: 'binary', length: 16 }, 'varbinary(16)', { kind: 'binary', length: 16 }],
    [{ kind: 'enum', values: ['a', "b'c"] }, "enum('a','b''c')", { kind: 'enum', values: ['a', "b'c"] }],
    [{ kind: 'native', sql: 'INT(11)' }, 'INT(11)', { kind: 'integer', size: 'regular' }],
    [{ kind: 'native', sql: 'SET( "x", "y" )' }, 'SET( "x", "y" )', { kind: 'native', sql: 'SET( "x", "y" )' }],
    [{ kind: 'native', sql: 'datetime(6)' }, 'datetime(6)', { kind: 'native', sql: 'datetime(6)' }],
    [{ kind: 'native', sql: 'varchar(10) COLLATE latin1_bin' }, 'varchar(10) COLLATE latin1_bin', { kind: 'string', length: 10 }],
  ])('%j is %s', (type, sql, normalized) => {
    expect(columnTypeSql(type)).toBe(sql);
    if (type.kind !== 'native' || !/set\(/i.test(type.sql)) expect(normalizeType(type)).toEqual(normalized);
  });

  it.each<[string, ColumnType]>([
    ['int(10) unsigned', { kind: 'integer', size: 'regular', unsigned: true }],
    ['int(11)', { kind: 'integer', size: 'regular' }],
    ['bigint(20) unsigned', { kind: 'integer', size: 'big', unsigned: true }],
    ['tinyint(4)', { kind: 'integer', size: 'tiny' }],
    ['tinyint', { kind: 'integer', size: 'tiny' }],
    ['tinyint(1)', { kind: 'boolean' }],
    ['tinyint(1) unsigned', { kind: 'integer', size: 'tiny', unsigned: true }],
    ['decimal(10,2) unsigned', { kind: 'decimal', precision: 10, scale: 2, unsigned: true }],
    ['double', { kind: 'double' }],
    ['longtext', { kind: 'text', size: 'long' }],
    ["set('p','q')", { kind: 'native', sql: "set('p','q')" }],
    ['int(10) unsigned zerofill', { kind: 'native', sql: 'int(10) unsigned zerofill' }],
    ['year', { kind: 'native', sql: 'year' }],
    ['binary(16)', { kind: 'native', sql: 'binary(16)' }],
  ])('reads COLUMN_TYPE %s', (sql, type) => {
    expect(parseColumnType(sql)).toEqual(type);
  });
});
