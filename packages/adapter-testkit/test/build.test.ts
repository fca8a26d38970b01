import { col, empty, fk, index, now, schema, table, unique } from '../src/index.js';

describe('builders', () => {
  it('build canonical columns, nullable unless told otherwise', () => {
    expect(col.increments('id')).toEqual({ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true });
    expect(col.string('title', 80, { nullable: false, default: 'x' })).toEqual({
      name: 'title',
      type: { kind: 'string', length: 80 },
      nullable: false,
      default: { kind: 'literal', value: 'x' },
    });
    expect(col.timestamp('at', { default: now, withTimeZone: true })).toEqual({
      name: 'at',
      type: { kind: 'timestamp', withTimeZone: true },
      nullable: true,
      default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' },
    });
    expect(col.integer('n', { default: null }).default).toEqual({ kind: 'literal', value: null });
    expect(col.bigInteger('n', { unsigned: true }).type).toEqual({ kind: 'integer', size: 'big', unsigned: true });
  });

  it('infers the primary key from auto-increment columns, or takes it as given', () => {
    expect(table('a', [col.increments('id')]).primaryKey).toEqual({ columns: ['id'] });
    expect(table('a', [col.integer('x', { nullable: false })]).primaryKey).toBeUndefined();
    expect(table('a', [col.increments('id')], { primaryKey: [] }).primaryKey).toBeUndefined();
    expect(table('a', [col.integer('x'), col.integer('y')], { primaryKey: ['x', 'y'] }).primaryKey).toEqual({ columns: ['x', 'y'] });
  });

  it('sorts tables, indexes and keys, and freezes the schema', () => {
    const s = schema(
      table('b', [col.increments('id'), col.integer('a_id'), col.string('z'), col.string('y')], {
        indexes: [unique('z'), index(['y'])],
        foreignKeys: [fk('a_id', 'a', 'id', { onDelete: 'CASCADE' })],
      }),
      table('a', [col.increments('id')]),
    );
    expect(s.tables.map((t) => t.name)).toEqual(['a', 'b']);
    expect(s.tables[1]?.indexes.map((i) => i.columns[0])).toEqual(['y', 'z']);
    expect(s.tables[1]?.foreignKeys[0]).toEqual({ columns: ['a_id'], references: { table: 'a', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' });
    expect(Object.isFrozen(s.tables[0])).toBe(true);
    expect(empty.tables).toEqual([]);
  });
});
