/**
 * A blog schema SQL Server accepts: users, posts → users (CASCADE / CASCADE),
 * comments → posts (CASCADE) and → users (NO ACTION: a second cascading path
 * from users to comments is refused by SQL Server), tags, post_tags with a
 * composite key; with a comment, json, a uuid default, a filtered index and a
 * check, for the tests of apply and concurrency. (The blog every adapter
 * runs is the testkit's `describeBlog`.)
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
      { name: 'name', type: { kind: 'string', length: 120 }, nullable: true, comment: 'Shown next to posts' },
      { name: 'role', type: { kind: 'enum', values: ['reader', 'author', 'admin'] }, nullable: false, default: { kind: 'literal', value: 'reader' } },
      { name: 'active', type: { kind: 'boolean' }, nullable: false, default: { kind: 'literal', value: true } },
      { name: 'settings', type: { kind: 'json' }, nullable: true },
      ...timestamps,
    ],
    primaryKey: { columns: ['id'] },
    indexes: [{ columns: ['email'], unique: true }],
    foreignKeys: [],
    comment: 'People who read and write',
  };
  const posts: Table = {
    name: 'posts',
    columns: [
      increments(),
      { name: 'title', type: { kind: 'string', length: 255 }, nullable: true },
      { name: 'content', type: { kind: 'text' }, nullable: true },
      uint('user_id'),
      { name: 'public_id', type: { kind: 'uuid' }, nullable: false, default: { kind: 'expression', sql: 'NEWID()' } },
      { name: 'deleted_at', type: { kind: 'timestamp' }, nullable: true },
      ...timestamps,
    ],
    primaryKey: { columns: ['id'] },
    indexes: [{ columns: ['user_id'], unique: false, where: 'deleted_at IS NULL' }],
    foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: postsUserOnDelete, onUpdate: 'CASCADE' }],
    checks: [{ expression: "title IS NULL OR len(title) > 0" }],
  };
  const comments: Table = {
    name: 'comments',
    columns: [increments(), uint('post_id', false), uint('user_id'), { name: 'body', type: { kind: 'text' }, nullable: false }, ...timestamps],
    primaryKey: { columns: ['id'] },
    indexes: [{ columns: ['post_id', 'created_at'], unique: false }],
    foreignKeys: [
      { columns: ['post_id'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
      { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
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
      { columns: ['post_id'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
      { columns: ['tag_id'], references: { table: 'tags', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ],
  };
  return { tables: [comments, postTags, posts, tags, users] };
}
