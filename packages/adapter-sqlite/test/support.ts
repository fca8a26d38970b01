/**
 * Test support: temporary database files, model builders, a checksum of a
 * whole database, and the conformance target.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Column, ForeignKey, Index, Schema, Table } from '@odac/core';
import type { ConformanceTarget, Row, TestClient } from '@odac/adapter-testkit';
import { adapter } from '../src/index.js';
import { quote } from '../src/quote.js';

/** A temporary directory with one database file in it; `remove()` deletes both. */
export interface TempDb {
  readonly dir: string;
  readonly file: string;
  readonly url: string;
  remove(): void;
}

export function tempDb(name = 'test.db'): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'odac-sqlite-'));
  const file = join(dir, name);
  return { dir, file, url: `sqlite:${file}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `fn` with a raw better-sqlite3 handle (foreign keys as better-sqlite3 defaults them: ON). */
export function withRaw<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A checksum of the schema and every row of every table. */
export function checksum(file: string): string {
  return withRaw(file, (db) => {
    const hash = createHash('sha256');
    const objects = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all() as { type: string; name: string }[];
    hash.update(JSON.stringify(objects));
    for (const o of objects) {
      if (o.type !== 'table') continue;
      hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${quote(o.name)} ORDER BY rowid`).raw().all()));
    }
    return hash.digest('hex');
  });
}

// Model builders (plain objects, no loader).
export const id = (name = 'id'): Column => ({ name, type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true });
export const int = (name: string, extra: Partial<Column> = {}): Column => ({
  name,
  type: { kind: 'integer', size: 'regular', unsigned: true },
  nullable: true,
  ...extra,
});
export const str = (name: string, length = 255, extra: Partial<Column> = {}): Column => ({
  name,
  type: { kind: 'string', length },
  nullable: true,
  ...extra,
});
export const text = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: { kind: 'text' }, nullable: true, ...extra });
export const timestamps = (): Column[] => [
  { name: 'created_at', type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
  { name: 'updated_at', type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
];
export function table(name: string, columns: readonly Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [], ...extra };
}
export const fk = (columns: string[], refTable: string, extra: Partial<ForeignKey> = {}): ForeignKey => ({
  columns,
  references: { table: refTable, columns: ['id'] },
  onDelete: 'NO ACTION',
  onUpdate: 'NO ACTION',
  ...extra,
});
export const unique = (...columns: string[]): Index => ({ columns, unique: true });
export const schema = (...tables: Table[]): Schema => ({ tables: [...tables].sort((a, b) => (a.name < b.name ? -1 : 1)) });

/** The blog-like schema of the integration tests. `postsUserFk` overrides posts.user_id's key. */
export function blog(options: { postsUserFk?: Partial<ForeignKey> | null; postsUserNullable?: boolean } = {}): Schema {
  const users = table(
    'users',
    [
      id(),
      str('email', 255, { nullable: false }),
      str('name', 120),
      { name: 'role', type: { kind: 'enum', values: ['reader', 'author', 'admin'] }, nullable: false, default: { kind: 'literal', value: 'reader' } },
      { name: 'active', type: { kind: 'boolean' }, nullable: false, default: { kind: 'literal', value: true } },
      ...timestamps(),
    ],
    { indexes: [unique('email')], comment: 'people' },
  );
  const postsFk = options.postsUserFk === null ? [] : [fk(['user_id'], 'users', { onDelete: 'CASCADE', onUpdate: 'CASCADE', ...options.postsUserFk })];
  const posts = table('posts', [id(), str('title'), text('content'), int('user_id', { nullable: options.postsUserNullable ?? false }), ...timestamps()], {
    foreignKeys: postsFk,
  });
  const comments = table(
    'comments',
    [id(), int('post_id', { nullable: false }), int('user_id'), int('parent_id'), text('body', { nullable: false }), ...timestamps()],
    {
      indexes: [{ columns: ['post_id', 'created_at'], unique: false }],
      foreignKeys: [
        fk(['post_id'], 'posts', { onDelete: 'CASCADE' }),
        fk(['user_id'], 'users', { onDelete: 'SET NULL' }),
        fk(['parent_id'], 'comments', { onDelete: 'CASCADE' }),
      ],
    },
  );
  const tags = table('tags', [id(), str('slug', 64, { nullable: false }), str('label', 120, { nullable: false })], { indexes: [unique('slug')] });
  const postTags = table(
    'post_tags',
    [int('post_id', { nullable: false }), int('tag_id', { nullable: false }), { name: 'position', type: { kind: 'integer', size: 'small' }, nullable: false, default: { kind: 'literal', value: 0 } }],
    {
      primaryKey: { columns: ['post_id', 'tag_id'] },
      foreignKeys: [fk(['post_id'], 'posts', { onDelete: 'CASCADE', onUpdate: 'CASCADE' }), fk(['tag_id'], 'tags', { onDelete: 'CASCADE' })],
    },
  );
  return schema(users, posts, comments, tags, postTags);
}

/** Seeds users, posts, comments (with a reply), tags and post_tags through raw SQL. */
export function seedBlog(file: string): void {
  withRaw(file, (db) => {
    db.exec(`
      INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada'), (2, 'bob@example.com', 'Bob');
      INSERT INTO posts (id, title, content, user_id) VALUES (1, 'Hello', 'First', 1), (2, 'Again', 'Second', 1), (3, 'Bob''s', 'Third', 2);
      INSERT INTO comments (id, post_id, user_id, parent_id, body) VALUES (1, 1, 2, NULL, 'Nice'), (2, 1, 1, 1, 'Thanks'), (3, 3, 1, NULL, 'Hi Bob');
      INSERT INTO tags (id, slug, label) VALUES (1, 'news', 'News'), (2, 'misc', 'Misc');
      INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1), (2, 2), (3, 1);
    `);
  });
}

export function rowCounts(file: string, tables: readonly string[]): Record<string, number> {
  return withRaw(file, (db) =>
    Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${quote(t)}`).get() as { n: number }).n])),
  );
}

/** The conformance kit's view of this adapter: temp files and a tiny better-sqlite3 client. */
export const conformanceTarget: ConformanceTarget = {
  adapter,
  async createDatabase() {
    const db = tempDb();
    // Create the file so the URL names an existing, empty database.
    withRaw(db.file, () => undefined);
    return { url: db.url, drop: async () => db.remove() };
  },
  async openClient(url: string): Promise<TestClient> {
    const db = new Database(url.replace(/^sqlite:/, ''));
    return {
      async insert(tableName: string, rows: readonly Row[]) {
        const insertAll = db.transaction((list: readonly Row[]) => {
          for (const row of list) {
            const cols = Object.keys(row);
            const values = cols.map((c) => {
              const v = row[c];
              return typeof v === 'boolean' ? (v ? 1 : 0) : v;
            });
            db.prepare(`INSERT INTO ${quote(tableName)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
          }
        });
        insertAll(rows);
      },
      async select(tableName: string, orderBy?: readonly string[]) {
        const cols = orderBy && orderBy.length > 0 ? orderBy : (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(tableName) as { name: string }[]).map((r) => r.name);
        const order = cols.length > 0 ? ` ORDER BY ${cols.map(quote).join(', ')}` : '';
        return db.prepare(`SELECT * FROM ${quote(tableName)}${order}`).all() as Row[];
      },
      async exec(sql: string) {
        db.exec(sql);
      },
      async close() {
        db.close();
      },
    };
  },
};
