/**
 * `compat: 'odacjs'` on SQLite: types declared as ODAC.JS's knex declares
 * them, so a database it built reads back equal (no rebuild).
 */
import type { Column, Table } from '@odac/core';
import { normalize } from '../src/normalize.js';
import { parseDeclaredType } from '../src/types.js';

const col = (name: string, type: Column['type']): Column => ({ name, type, nullable: true });

describe("compat: 'odacjs' on SQLite", () => {
  const table: Table = {
    name: 't',
    columns: [
      col('d', { kind: 'decimal', precision: 10, scale: 2 }),
      col('db', { kind: 'double' }),
      col('f', { kind: 'float', precision: 8, scale: 2 }),
      col('ts', { kind: 'timestamp' }),
      col('dt', { kind: 'datetime' }),
      col('u', { kind: 'uuid' }),
      col('bi', { kind: 'binary', length: 16 }),
      col('jb', { kind: 'json', binary: true }),
      col('mt', { kind: 'text', size: 'medium' }),
      col('e', { kind: 'enum', values: ['a', 'b'] }),
    ],
    indexes: [],
    foreignKeys: [],
  };

  it('declares what knex declares (knex 3: float, datetime, char(36), blob, json, text; enums text + CHECK)', () => {
    const out = normalize({ tables: [table] }, { compat: 'odacjs' }).tables[0] as Table;
    const knex: Record<string, string> = { d: 'float', db: 'float', f: 'float', ts: 'datetime', dt: 'datetime', u: 'char(36)', bi: 'blob', jb: 'json', mt: 'text' };
    for (const c of out.columns) {
      if (c.name === 'e') expect(c.type).toEqual({ kind: 'enum', values: ['a', 'b'] });
      else expect(c.type).toEqual(parseDeclaredType(knex[c.name] as string));
    }
  });

  it('without compat keeps odac types', () => {
    const out = normalize({ tables: [table] }).tables[0] as Table;
    expect(out.columns.find((c) => c.name === 'd')?.type).toEqual({ kind: 'decimal', precision: 10, scale: 2 });
    expect(out.columns.find((c) => c.name === 'ts')?.type).toEqual({ kind: 'timestamp' });
  });
});
