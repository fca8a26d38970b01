/**
 * A multi-table change of the blog used by the failure-injection and
 * concurrency tests: an FK action change, an FK removed (its index goes),
 * new and widened columns, a new index, a new table referencing an old one.
 */
import { CURRENT_TIMESTAMP, type Schema, type Table } from '@odac/core';
import { blogSchema } from './blog.js';

export function evolvedBlog(): Schema {
  const base = blogSchema('SET NULL');
  const change = (t: Table): Table => {
    switch (t.name) {
      case 'users':
        return {
          ...t,
          columns: [
            ...t.columns.map((c) => (c.name === 'name' ? { ...c, type: { kind: 'string' as const, length: 200 } } : c)),
            { name: 'bio', type: { kind: 'text' }, nullable: true },
          ],
          indexes: [...t.indexes, { columns: ['name'], unique: false }],
        };
      case 'comments':
        return { ...t, foreignKeys: t.foreignKeys.filter((f) => f.columns[0] !== 'user_id') };
      case 'tags':
        return { ...t, columns: [...t.columns, { name: 'color', type: { kind: 'string', length: 7 }, nullable: false, default: { kind: 'literal', value: '#000000' } }] };
      case 'post_tags':
        return { ...t, columns: t.columns.map((c) => (c.name === 'position' ? { ...c, type: { kind: 'integer' as const, size: 'regular' as const } } : c)) };
      default:
        return t;
    }
  };
  const views: Table = {
    name: 'post_views',
    columns: [
      { name: 'id', type: { kind: 'integer', size: 'big', unsigned: true }, nullable: false, autoIncrement: true },
      { name: 'post_id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false },
      { name: 'viewed_at', type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: CURRENT_TIMESTAMP } },
    ],
    primaryKey: { columns: ['id'] },
    indexes: [],
    foreignKeys: [{ columns: ['post_id'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'CASCADE' }],
  };
  return { tables: [...base.tables.map(change), views] };
}
