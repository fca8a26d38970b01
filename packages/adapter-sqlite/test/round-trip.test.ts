/**
 * The central invariant without the planner: create tables with this
 * adapter's emitter, introspect, and get exactly `normalize(desired)`.
 */
import { computePlan, type Column, type ColumnType, type Operation, type Schema, type Table } from '@odac/core';
import { adapter } from '../src/index.js';
import { normalize } from '../src/normalize.js';
import { fk, id, int, schema, str, table } from './support.js';

async function createAndIntrospect(desired: Schema): Promise<Schema> {
  const conn = await adapter.connect('sqlite::memory:');
  try {
    const ops: Operation[] = [];
    for (const t of desired.tables) {
      ops.push({ kind: 'createTable', table: t.name, classification: 'additive', definition: { ...t, indexes: [] } });
    }
    for (const t of desired.tables) {
      for (const [i, index] of t.indexes.entries()) {
        ops.push({ kind: 'addIndex', table: t.name, classification: 'additive', index: { ...index, name: index.name ?? `ix_${t.name}_${i}` } });
      }
    }
    await conn.apply(adapter.emit(ops));
    return await conn.introspect();
  } finally {
    await conn.close();
  }
}

const col = (name: string, type: ColumnType, extra: Partial<Column> = {}): Column => ({ name, type, nullable: true, ...extra });

const everyType: Table = table('every_type', [
  id(),
  col('tiny', { kind: 'integer', size: 'tiny', unsigned: true }),
  col('small', { kind: 'integer', size: 'small' }),
  col('medium', { kind: 'integer', size: 'medium' }),
  col('regular', { kind: 'integer', size: 'regular', unsigned: false }),
  col('big', { kind: 'integer', size: 'big', unsigned: true }),
  col('price', { kind: 'decimal', precision: 10, scale: 2, unsigned: true }),
  col('ratio', { kind: 'float' }),
  col('precise', { kind: 'double' }),
  col('name', { kind: 'string', length: 255 }),
  col('code', { kind: 'char', length: 3 }),
  col('body', { kind: 'text', size: 'regular' }),
  col('body_m', { kind: 'text', size: 'medium' }),
  col('body_l', { kind: 'text', size: 'long' }),
  col('flag', { kind: 'boolean' }),
  col('day', { kind: 'date' }),
  col('clock', { kind: 'time' }),
  col('at', { kind: 'datetime' }),
  col('ts', { kind: 'timestamp', withTimeZone: false }),
  col('tstz', { kind: 'timestamp', withTimeZone: true }),
  col('doc', { kind: 'json', binary: false }),
  col('docb', { kind: 'json', binary: true }),
  col('uid', { kind: 'uuid' }),
  col('bytes', { kind: 'binary' }),
  col('bytes16', { kind: 'binary', length: 16 }),
  col('status', { kind: 'enum', values: ['draft', "it's", 'a,b', 'x)y'] }, { nullable: false, default: { kind: 'literal', value: 'draft' } }),
  col('citext', { kind: 'native', sql: 'citext' }),
  col('native_known', { kind: 'native', sql: 'VARCHAR(20)' }),
  col('native_spaced', { kind: 'native', sql: 'double precision' }),
]);

const defaults: Table = table('defaults', [
  id(),
  col('s', { kind: 'string', length: 20 }, { default: { kind: 'literal', value: "it's" } }),
  col('empty', { kind: 'string', length: 20 }, { default: { kind: 'literal', value: '' } }),
  col('n', { kind: 'integer', size: 'regular' }, { default: { kind: 'literal', value: -1 } }),
  col('f', { kind: 'double' }, { default: { kind: 'literal', value: 1.25 } }),
  col('b_true', { kind: 'boolean' }, { nullable: false, default: { kind: 'literal', value: true } }),
  col('b_one', { kind: 'boolean' }, { default: { kind: 'literal', value: 1 } }),
  col('b_false', { kind: 'boolean' }, { default: { kind: 'literal', value: false } }),
  col('nul', { kind: 'text' }, { default: { kind: 'literal', value: null } }),
  col('now', { kind: 'timestamp' }, { nullable: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } }),
  col('now_fn', { kind: 'datetime' }, { default: { kind: 'expression', sql: 'now()' } }),
  col('now_sqlite', { kind: 'datetime' }, { default: { kind: 'expression', sql: "datetime('now')" } }),
  col('today', { kind: 'date' }, { default: { kind: 'expression', sql: 'current_date' } }),
  col('expr', { kind: 'string', length: 10 }, { default: { kind: 'expression', sql: "lower('ABC')" } }),
  col('expr_lit', { kind: 'integer', size: 'regular' }, { default: { kind: 'expression', sql: '(42)' } }),
  col('commented', { kind: 'text' }, { comment: 'not stored', onUpdateCurrentTimestamp: true }),
]);

const awkward: Table = table(
  'order "items"',
  [
    id(),
    col('select', { kind: 'string', length: 10 }),
    col('naïve col', { kind: 'text' }),
    col('日本', { kind: 'integer', size: 'regular' }),
    col('group', { kind: 'enum', values: ['a', 'b'] }),
  ],
  {
    indexes: [
      { columns: ['select', 'naïve col'], unique: true, name: 'uq "sel"' },
      { columns: ['日本'], unique: false, where: '"日本" > 0', name: 'ix partial' },
      { columns: [], unique: false, native: 'lower("select")', name: 'ix_lower' },
    ],
    checks: [{ expression: '"日本" >= 0' }, { name: 'ck named', expression: "length(\"select\") <= 10" }],
    comment: 'dropped',
  },
);

const composite: Table = table('post_tags', [int('post_id', { nullable: false }), int('tag_id', { nullable: true }), col('note', { kind: 'text' })], {
  primaryKey: { name: 'pk_post_tags', columns: ['post_id', 'tag_id'] },
  foreignKeys: [
    { ...fk(['post_id'], 'order "items"', { onDelete: 'CASCADE', onUpdate: 'RESTRICT' }), name: 'fk one' },
    fk(['tag_id'], 'every_type', { onDelete: 'SET NULL', onUpdate: 'SET DEFAULT' }),
  ],
});

const bigAuto: Table = table('big_auto', [{ name: 'id', type: { kind: 'integer', size: 'big', unsigned: true }, nullable: false, autoIncrement: true }]);

const notPkAuto: Table = table('not_pk_auto', [str('code', 5, { nullable: false }), { ...int('counter'), autoIncrement: true }], {
  primaryKey: { columns: ['code'] },
});

const selfRef: Table = table('comments', [id(), int('parent_id')], { foreignKeys: [fk(['parent_id'], 'comments', { onDelete: 'CASCADE' })] });

describe('round trip: normalize(desired) equals introspect() after creating it', () => {
  const desired = schema(everyType, defaults, awkward, composite, bigAuto, notPkAuto, selfRef);

  it('holds for every type, default, awkward name, index and key shape', async () => {
    const live = await createAndIntrospect(desired);
    expect(live).toEqual(JSON.parse(JSON.stringify(normalize(desired))));
  });

  it('and the planner then finds nothing to do', async () => {
    const live = await createAndIntrospect(desired);
    const { plan } = computePlan(adapter, live, desired);
    expect(plan.operations).toEqual([]);
  });

  it('maps the tricky cases as documented', async () => {
    const live = await createAndIntrospect(desired);
    const t = (name: string): Table => live.tables.find((x) => x.name === name) as Table;
    const c = (tbl: string, name: string): Column => t(tbl).columns.find((x) => x.name === name) as Column;
    expect(c('every_type', 'status').type).toEqual({ kind: 'enum', values: ['draft', "it's", 'a,b', 'x)y'] });
    expect(c('every_type', 'native_known').type).toEqual({ kind: 'string', length: 20 });
    expect(c('every_type', 'citext').type).toEqual({ kind: 'native', sql: 'citext' });
    expect(c('big_auto', 'id')).toEqual({ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true });
    expect(c('not_pk_auto', 'counter').autoIncrement).toBeUndefined();
    expect(c('defaults', 'now_fn').default).toEqual({ kind: 'expression', sql: 'CURRENT_TIMESTAMP' });
    expect(c('defaults', 'b_one').default).toEqual({ kind: 'literal', value: true });
    expect(c('defaults', 'nul').default).toBeUndefined();
    expect(c('defaults', 'expr_lit').default).toEqual({ kind: 'literal', value: 42 });
    expect(t('order "items"').checks).toEqual([{ expression: '"日本" >= 0' }, { name: 'ck named', expression: 'length("select") <= 10' }]);
    expect(t('post_tags').primaryKey).toEqual({ columns: ['post_id', 'tag_id'] });
    expect(t('post_tags').foreignKeys.map((k) => [k.name, k.onDelete, k.onUpdate])).toEqual([
      ['fk one', 'CASCADE', 'RESTRICT'],
      [undefined, 'SET NULL', 'SET DEFAULT'],
    ]);
  });

  it('introspect({ tables }) keeps only the named tables', async () => {
    const conn = await adapter.connect('sqlite::memory:');
    try {
      await conn.apply(adapter.emit([selfRef, bigAuto].map((d) => ({ kind: 'createTable', table: d.name, classification: 'additive', definition: d }) as const)));
      const only = await conn.introspect({ tables: ['comments'] });
      expect(only.tables.map((x) => x.name)).toEqual(['comments']);
      expect((await conn.introspect({ tables: [] })).tables).toEqual([]);
    } finally {
      await conn.close();
    }
  });
});
