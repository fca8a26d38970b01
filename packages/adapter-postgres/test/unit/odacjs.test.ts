/**
 * `compat: 'odacjs'` on PostgreSQL: the desired schema as ODAC.JS's knex
 * builds it (timestamptz, text + CHECK enums, serial keys, real floats),
 * and odac's explicit options still winning.
 */
import type { Column, Operation, Schema, Table } from '@odac/core';
import { emit } from '../../src/emit.js';
import { normalize } from '../../src/normalize.js';

const col = (name: string, type: Column['type'], extra: Partial<Column> = {}): Column => ({ name, type, nullable: true, ...extra });
const posts: Table = {
  name: 'posts',
  columns: [
    col('id', { kind: 'integer', size: 'regular', unsigned: true }, { nullable: false, autoIncrement: true }),
    col('status', { kind: 'enum', values: ['draft', "it's"] }, { default: { kind: 'literal', value: 'draft' } }),
    col('published_at', { kind: 'timestamp' }),
    col('local_at', { kind: 'timestamp', withTimeZone: false }),
    col('seen_at', { kind: 'datetime' }),
    col('score', { kind: 'float', precision: 30, scale: 2 }),
  ],
  primaryKey: { columns: ['id'] },
  indexes: [],
  foreignKeys: [],
};
const desired: Schema = { tables: [posts] };

describe("compat: 'odacjs' on PostgreSQL", () => {
  const out = normalize(desired, { compat: 'odacjs' }).tables[0] as Table;

  it('reads timestamp, datetime as timestamptz unless withTimeZone: false is written; enum as text; float as real', () => {
    expect(out.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', { kind: 'integer', size: 'regular' }],
      ['status', { kind: 'text' }],
      ['published_at', { kind: 'timestamp', withTimeZone: true }],
      ['local_at', { kind: 'timestamp', withTimeZone: false }],
      ['seen_at', { kind: 'timestamp', withTimeZone: true }],
      ['score', { kind: 'float' }],
    ]);
  });

  it("carries each enum's values as knex's CHECK, under the name PostgreSQL gives it", () => {
    // As knex writes it; the server prints it its own way when planning (canonicalize.ts).
    expect(out.checks).toEqual([{ name: 'posts_status_check', expression: `"status" IN ('draft', 'it''s')` }]);
  });

  it('names the CHECK as PostgreSQL names a column check, shortening the longer name first', async () => {
    const { columnCheckName } = await import('../../src/odacjs.js');
    expect(columnCheckName('posts', 'status')).toBe('posts_status_check');
    const name = columnCheckName('t'.repeat(60), 'status');
    expect(name).toBe(`${'t'.repeat(50)}_status_check`);
    expect(Buffer.byteLength(name)).toBe(63);
  });

  it('makes increments a serial column, emitted as serial without identity', () => {
    expect(out.columns[0]).toMatchObject({ autoIncrement: true, identity: 'serial' });
    const op: Operation = { kind: 'createTable', table: 'posts', classification: 'additive', definition: { ...out, indexes: [], foreignKeys: [] } };
    const sql = emit([op]).map((s) => s.sql).join('\n');
    expect(sql).toContain('"id" serial NOT NULL');
    expect(sql).not.toContain('IDENTITY');
    expect(sql).not.toContain('CREATE TYPE');
    expect(sql).toContain('"published_at" timestamptz');
    expect(sql).toContain('"local_at" timestamp');
    const big: Column = { ...(out.columns[0] as Column), type: { kind: 'integer', size: 'big' } };
    expect(emit([{ ...op, definition: { ...op.definition, columns: [big] } } as Operation])[0]?.sql).toContain('"id" bigserial NOT NULL');
  });

  it('without compat, odac keeps its own meaning (timestamp, enum type, identity; float(30) is double precision)', () => {
    const own = normalize(desired).tables[0] as Table;
    expect(own.columns.map((c) => c.type)).toEqual([
      { kind: 'integer', size: 'regular' },
      { kind: 'enum', values: ['draft', "it's"] },
      { kind: 'timestamp', withTimeZone: false },
      { kind: 'timestamp', withTimeZone: false },
      { kind: 'timestamp', withTimeZone: false },
      { kind: 'double' },
    ]);
    expect(own.checks).toBeUndefined();
    expect(own.columns[0]?.identity).toBeUndefined();
  });
});
