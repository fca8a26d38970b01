/**
 * The blog example as plain model objects (no schema loader): users, posts
 * → users (CASCADE/CASCADE), comments (self-reference), tags, post_tags
 * (composite primary key, two foreign keys).
 */
import { CURRENT_TIMESTAMP, type Column, type ForeignKeyAction, type Schema, type Table } from '@odac/core';

const increments = (name = 'id'): Column => ({ name, type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true });
const uint = (name: string, nullable = true): Column => ({ name, type: { kind: 'integer', size: 'regular', unsigned: true }, nullable });
const timestamps: Column[] = [
  { name: 'created_at', type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: CURRENT_TIMESTAMP } },
  { name: 'updated_at', type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: CURRENT_TIMESTAMP } },
];

export function blogSchema(postsUserOnDelete: ForeignKeyAction = 'CASCADE'): Schema {
  const users: Table = {
    name: 'users',
    columns: [
      increments(),
      { name: 'email', type: { kind: 'string', length: 255 }, nullable: false },
      { name: 'name', type: { kind: 'string', length: 120 }, nullable: true },
      { name: 'role', type: { kind: 'enum', values: ['reader', 'author', 'admin'] }, nullable: false, default: { kind: 'literal', value: 'reader' } },
      { name: 'active', type: { kind: 'boolean' }, nullable: false, default: { kind: 'literal', value: true } },
      ...timestamps,
    ],
    primaryKey: { columns: ['id'] },
    indexes: [{ columns: ['email'], unique: true }],
    foreignKeys: [],
  };
  const posts: Table = {
    name: 'posts',
    columns: [increments(), { name: 'title', type: { kind: 'string', length: 255 }, nullable: true }, { name: 'content', type: { kind: 'text' }, nullable: true }, uint('user_id'), ...timestamps],
    primaryKey: { columns: ['id'] },
    indexes: [],
    foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: postsUserOnDelete, onUpdate: 'CASCADE' }],
  };
  const comments: Table = {
    name: 'comments',
    columns: [increments(), uint('post_id', false), uint('user_id'), uint('parent_id'), { name: 'body', type: { kind: 'text' }, nullable: false }, ...timestamps],
    primaryKey: { columns: ['id'] },
    indexes: [{ columns: ['post_id', 'created_at'], unique: false }],
    foreignKeys: [
      { columns: ['parent_id'], references: { table: 'comments', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
      { columns: ['post_id'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
      { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION' },
    ],
  };
  const tags: Table = {
    name: 'tags',
    columns: [increments(), { name: 'slug', type: { kind: 'string', length: 64 }, nullable: false }, { name: 'label', type: { kind: 'string', length: 120 }, nullable: false }],
    primaryKey: { columns: ['id'] },
    indexes: [{ columns: ['slug'], unique: true }],
    foreignKeys: [],
  };
  const postTags: Table = {
    name: 'post_tags',
    columns: [uint('post_id', false), uint('tag_id', false), { name: 'position', type: { kind: 'integer', size: 'small' }, nullable: false, default: { kind: 'literal', value: 0 } }],
    primaryKey: { columns: ['post_id', 'tag_id'] },
    indexes: [],
    foreignKeys: [
      { columns: ['post_id'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      { columns: ['tag_id'], references: { table: 'tags', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ],
  };
  return { tables: [comments, postTags, posts, tags, users] };
}
