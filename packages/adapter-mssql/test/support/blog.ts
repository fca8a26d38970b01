/**
 * A blog schema SQL Server accepts: users, posts → users (CASCADE / CASCADE),
 * comments → posts (CASCADE) and → users (NO ACTION: a second cascading path
 * from users to comments is refused by SQL Server), tags, post_tags with a
 * composite key. Plus rows to seed it with.
 */
import { CURRENT_TIMESTAMP, type Column, type ForeignKeyAction, type Schema, type Table } from '@odac/core';
import { query } from './db.js';

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

/** Inserts two users, three posts, comments and tags. */
export async function seedBlog(url: string): Promise<void> {
  await query(
    url,
    [
      "INSERT INTO [users] ([email], [name], [role]) VALUES (N'ada@example.com', N'Ada', N'admin'), (N'grace@example.com', N'Grace', N'author');",
      "INSERT INTO [posts] ([title], [content], [user_id]) VALUES (N'Hello', N'First post', 1), (N'Compilers', N'On compilers', 2), (N'Again', N'More', 2);",
      "INSERT INTO [comments] ([post_id], [user_id], [body]) VALUES (1, 2, N'Nice'), (2, 1, N'Indeed');",
      "INSERT INTO [tags] ([slug], [label]) VALUES (N'sql', N'SQL'), (N'node', N'Node.js');",
      'INSERT INTO [post_tags] ([post_id], [tag_id], [position]) VALUES (1, 1, 0), (2, 1, 1), (2, 2, 0);',
    ].join('\n'),
  );
}

/** The seeded rows, for comparing before and after a migration. */
export async function seededSnapshot(url: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of [
    ['users', 'id'],
    ['posts', 'id'],
    ['comments', 'id'],
    ['tags', 'id'],
    ['post_tags', 'post_id, tag_id'],
  ] as const) {
    out[table] = await query(url, `SELECT * FROM [${table}] ORDER BY ${key}`);
  }
  return out;
}
