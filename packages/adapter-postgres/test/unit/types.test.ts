import type { ColumnType } from '@odac/core';
import { enumTypeName, fitIdentifier, typeFromSql, typeSql } from '../../src/types.js';
import { normalizeType } from '../../src/normalize.js';

describe('typeSql', () => {
  const cases: [ColumnType, string][] = [
    [{ kind: 'integer', size: 'tiny' }, 'smallint'],
    [{ kind: 'integer', size: 'medium', unsigned: true }, 'integer'],
    [{ kind: 'integer', size: 'big' }, 'bigint'],
    [{ kind: 'decimal', precision: 10, scale: 2 }, 'numeric(10,2)'],
    [{ kind: 'float' }, 'real'],
    [{ kind: 'double' }, 'double precision'],
    [{ kind: 'string', length: 20 }, 'varchar(20)'],
    [{ kind: 'char', length: 3 }, 'char(3)'],
    [{ kind: 'text', size: 'long' }, 'text'],
    [{ kind: 'datetime' }, 'timestamp'],
    [{ kind: 'timestamp', withTimeZone: true }, 'timestamptz'],
    [{ kind: 'json' }, 'json'],
    [{ kind: 'json', binary: true }, 'jsonb'],
    [{ kind: 'binary', length: 16 }, 'bytea'],
    [{ kind: 'uuid' }, 'uuid'],
    [{ kind: 'native', sql: 'citext' }, 'citext'],
  ];
  it.each(cases)('%j → %s', (type, sql) => {
    expect(typeSql(type)).toBe(sql);
  });
  it('names the enum type', () => {
    expect(typeSql({ kind: 'enum', values: ['a'] }, 'posts_status_enum')).toBe('"posts_status_enum"');
    expect(() => typeSql({ kind: 'enum', values: ['a'] })).toThrow(/enum/);
  });
});

describe('typeFromSql (format_type output)', () => {
  const cases: [string, ColumnType][] = [
    ['integer', { kind: 'integer', size: 'regular' }],
    ['smallint', { kind: 'integer', size: 'small' }],
    ['bigint', { kind: 'integer', size: 'big' }],
    ['numeric(10,2)', { kind: 'decimal', precision: 10, scale: 2 }],
    ['numeric', { kind: 'native', sql: 'numeric' }],
    ['character varying(20)', { kind: 'string', length: 20 }],
    ['character varying', { kind: 'native', sql: 'character varying' }],
    ['character(3)', { kind: 'char', length: 3 }],
    ['timestamp without time zone', { kind: 'timestamp', withTimeZone: false }],
    ['timestamp with time zone', { kind: 'timestamp', withTimeZone: true }],
    ['timestamp(0) without time zone', { kind: 'native', sql: 'timestamp(0) without time zone' }],
    ['time without time zone', { kind: 'time' }],
    ['jsonb', { kind: 'json', binary: true }],
    ['bytea', { kind: 'binary' }],
    ['integer[]', { kind: 'native', sql: 'integer[]' }],
    // A user type named like an Object.prototype member is no model type.
    ['constructor', { kind: 'native', sql: 'constructor' }],
  ];
  it.each(cases)('%s', (sql, type) => {
    expect(typeFromSql(sql)).toEqual(type);
  });
});

describe('normalizeType', () => {
  it('maps natives already in format_type() form onto model kinds (the server spells the rest: db/normalization.test.ts)', () => {
    expect(normalizeType({ kind: 'native', sql: 'bigint' })).toEqual({ kind: 'integer', size: 'big' });
    expect(normalizeType({ kind: 'native', sql: 'character varying(5)' })).toEqual({ kind: 'string', length: 5 });
    expect(normalizeType({ kind: 'native', sql: 'integer[]' })).toEqual({ kind: 'native', sql: 'integer[]' });
  });
});

describe('identifier length', () => {
  it('keeps short names and hashes long ones to 63 bytes', () => {
    expect(enumTypeName('posts', 'status')).toBe('posts_status_enum');
    const long = enumTypeName('t'.repeat(40), 'c'.repeat(40));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect(long).not.toBe(enumTypeName('t'.repeat(40), 'c'.repeat(41)));
    expect(Buffer.byteLength(fitIdentifier('é'.repeat(40)))).toBeLessThanOrEqual(63);
  });
});
