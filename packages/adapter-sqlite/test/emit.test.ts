import { OdacError, type Operation, type OperationKind } from '@odac/core';
import { emit } from '../src/emit.js';
import { fk, id, int, str, table, text } from './support.js';

const sql = (ops: Operation[]): string[] => emit(ops).map((s) => s.sql);

const users = table('users', [id(), str('email', 255, { nullable: false }), text('bio')], {
  indexes: [],
  checks: [{ name: 'ck_users_email', expression: "email LIKE '%@%'" }],
});

describe('emit: golden SQL per operation kind', () => {
  it('createTable: inline AUTOINCREMENT key, NOT NULL, defaults, enum check, named FK with both actions, checks', () => {
    const posts = table(
      'posts',
      [
        id(),
        int('user_id', { nullable: false }),
        { name: 'status', type: { kind: 'enum', values: ['draft', "it's"] }, nullable: false, default: { kind: 'literal', value: 'draft' } },
        { name: 'published', type: { kind: 'boolean' }, nullable: false, default: { kind: 'literal', value: false } },
        { name: 'score', type: { kind: 'decimal', precision: 10, scale: 2 }, nullable: true, default: { kind: 'literal', value: -1.5 } },
        { name: 'created_at', type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
        { name: 'slug', type: { kind: 'string', length: 64 }, nullable: true, default: { kind: 'expression', sql: "lower('X')" } },
      ],
      {
        foreignKeys: [{ ...fk(['user_id'], 'users', { onDelete: 'CASCADE' }), name: 'fk_posts_user_id' }],
        checks: [{ expression: 'score >= -100' }],
      },
    );
    expect(sql([{ kind: 'createTable', table: 'posts', classification: 'additive', definition: posts }])).toEqual([
      'CREATE TABLE "posts" (\n' +
        '  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n' +
        '  "user_id" integer NOT NULL,\n' +
        `  "status" text NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'it''s')),\n` +
        '  "published" boolean NOT NULL DEFAULT FALSE,\n' +
        '  "score" decimal(10,2) DEFAULT -1.5,\n' +
        '  "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n' +
        `  "slug" varchar(64) DEFAULT (lower('X')),\n` +
        '  CONSTRAINT "fk_posts_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,\n' +
        '  CHECK (score >= -100)\n' +
        ')',
    ]);
  });

  it('createTable: composite primary key as a table constraint, indexes of the definition after it', () => {
    const postTags = table('post_tags', [int('post_id', { nullable: false }), int('tag_id', { nullable: false })], {
      primaryKey: { columns: ['post_id', 'tag_id'] },
      indexes: [{ columns: ['tag_id'], unique: false }],
    });
    expect(sql([{ kind: 'createTable', table: 'post_tags', classification: 'additive', definition: postTags }])).toEqual([
      'CREATE TABLE "post_tags" (\n  "post_id" integer NOT NULL,\n  "tag_id" integer NOT NULL,\n  PRIMARY KEY ("post_id", "tag_id")\n)',
      'CREATE INDEX "idx_post_tags_tag_id" ON "post_tags" ("tag_id")',
    ]);
  });

  it('dropTable, renameTable, addColumn, renameColumn', () => {
    expect(
      sql([
        { kind: 'dropTable', table: 'old', classification: 'destructive', definition: table('old', [id()]) },
        { kind: 'renameTable', table: 'people', classification: 'changing', from: 'users' },
        { kind: 'addColumn', table: 'people', classification: 'additive', column: str('nick', 32, { nullable: false, default: { kind: 'literal', value: '' } }) },
        { kind: 'renameColumn', table: 'people', classification: 'changing', from: 'bio', to: 'about' },
      ]),
    ).toEqual([
      'DROP TABLE "old"',
      'ALTER TABLE "users" RENAME TO "people"',
      `ALTER TABLE "people" ADD COLUMN "nick" varchar(32) NOT NULL DEFAULT ''`,
      'ALTER TABLE "people" RENAME COLUMN "bio" TO "about"',
    ]);
  });

  it('addIndex (unique, partial, expression) and dropIndex', () => {
    expect(
      sql([
        { kind: 'addIndex', table: 'users', classification: 'additive', index: { name: 'uq_users_email', columns: ['email'], unique: true } },
        { kind: 'addIndex', table: 'users', classification: 'additive', index: { name: 'idx_active', columns: ['email', 'bio'], unique: false, where: 'bio IS NOT NULL' } },
        { kind: 'addIndex', table: 'users', classification: 'additive', index: { name: 'idx_lower', columns: [], unique: false, native: 'lower("email")' } },
        { kind: 'dropIndex', table: 'users', classification: 'changing', index: { name: 'idx_old', columns: ['bio'], unique: false } },
      ]),
    ).toEqual([
      'CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")',
      'CREATE INDEX "idx_active" ON "users" ("email", "bio") WHERE bio IS NOT NULL',
      'CREATE INDEX "idx_lower" ON "users" (lower("email"))',
      'DROP INDEX "idx_old"',
    ]);
  });

  it('rebuildTable: new table, copy, sequence carried over, drop, rename, indexes', () => {
    const from = table('posts', [id(), int('user_id'), str('title')]);
    const to = table('posts', [id(), int('user_id'), str('headline')], {
      indexes: [{ name: 'idx_posts_user_id', columns: ['user_id'], unique: false }],
      foreignKeys: [{ ...fk(['user_id'], 'users', { onDelete: 'SET NULL' }), name: 'fk_posts_user_id' }],
    });
    const statements = emit([
      {
        kind: 'rebuildTable',
        table: 'posts',
        classification: 'changing',
        from,
        to,
        columnMap: [
          { from: 'id', to: 'id' },
          { from: 'user_id', to: 'user_id' },
        ],
        replaces: [],
      },
    ]);
    expect(statements.map((s) => s.sql)).toEqual([
      'CREATE TABLE "posts__odac_new" (\n' +
        '  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n' +
        '  "user_id" integer,\n' +
        '  "headline" varchar(255),\n' +
        '  CONSTRAINT "fk_posts_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION\n' +
        ')',
      'INSERT INTO "posts__odac_new" ("id", "user_id") SELECT "id", "user_id" FROM "posts"',
      `DELETE FROM "sqlite_sequence" WHERE "name" = 'posts__odac_new'`,
      `INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'posts__odac_new', "seq" FROM "sqlite_sequence" WHERE "name" = 'posts'`,
      'DROP TABLE "posts"',
      'ALTER TABLE "posts__odac_new" RENAME TO "posts"',
      'CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")',
    ]);
    expect(statements.every((s) => s.table === 'posts' && s.operation === 0 && s.transactional)).toBe(true);
  });

  it('rebuildTable without AUTOINCREMENT or rows to copy skips those statements', () => {
    const t = table('kv', [str('k', 10, { nullable: false })], { primaryKey: { columns: ['k'] } });
    expect(sql([{ kind: 'rebuildTable', table: 'kv', classification: 'changing', from: t, to: t, columnMap: [], replaces: [] }])).toEqual([
      'CREATE TABLE "kv__odac_new" (\n  "k" varchar(10) NOT NULL,\n  PRIMARY KEY ("k")\n)',
      'DROP TABLE "kv"',
      'ALTER TABLE "kv__odac_new" RENAME TO "kv"',
    ]);
  });

  it('setTableComment emits nothing (SQLite stores no comments)', () => {
    expect(sql([{ kind: 'setTableComment', table: 'users', classification: 'changing', comment: 'x' }])).toEqual([]);
  });

  it('numbers statements by operation index and tags the table', () => {
    const out = emit([
      { kind: 'dropIndex', table: 'a', classification: 'changing', index: { name: 'i1', columns: ['x'], unique: false } },
      { kind: 'dropIndex', table: 'b', classification: 'changing', index: { name: 'i2', columns: ['x'], unique: false } },
    ]);
    expect(out.map((s) => [s.operation, s.table])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });

  const unsupported: [OperationKind, Operation][] = [
    ['alterColumn', { kind: 'alterColumn', table: 'users', classification: 'changing', from: str('email'), to: str('email', 300), changes: ['type'] }],
    ['dropColumn', { kind: 'dropColumn', table: 'users', classification: 'destructive', column: text('bio') }],
    ['setPrimaryKey', { kind: 'setPrimaryKey', table: 'users', classification: 'changing', to: { columns: ['email'] } }],
    ['addForeignKey', { kind: 'addForeignKey', table: 'posts', classification: 'additive', foreignKey: { ...fk(['user_id'], 'users'), name: 'fk_x' } }],
    ['dropForeignKey', { kind: 'dropForeignKey', table: 'posts', classification: 'changing', foreignKey: { ...fk(['user_id'], 'users'), name: 'fk_x' } }],
    ['addCheck', { kind: 'addCheck', table: 'users', classification: 'additive', check: { name: 'ck', expression: 'id > 0' } }],
    ['dropCheck', { kind: 'dropCheck', table: 'users', classification: 'changing', check: { name: 'ck', expression: 'id > 0' } }],
  ];
  it.each(unsupported)('%s throws PLAN.UNSUPPORTED naming the operation and table', (kind, op) => {
    let caught: unknown;
    try {
      emit([op]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OdacError);
    expect((caught as OdacError).code).toBe('PLAN.UNSUPPORTED');
    expect((caught as OdacError).message).toContain(kind);
    expect((caught as OdacError).message).toContain(`"${op.table}"`);
  });

  it('quotes awkward names everywhere', () => {
    const weird = table('order "items"', [id(), { name: 'select', type: { kind: 'text' }, nullable: true }, { name: 'naïve col', type: { kind: 'text' }, nullable: true }], {
      checks: [],
    });
    expect(sql([{ kind: 'createTable', table: weird.name, classification: 'additive', definition: weird }])[0]).toBe(
      'CREATE TABLE "order ""items""" (\n  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n  "select" text,\n  "naïve col" text\n)',
    );
    expect(sql([{ kind: 'renameColumn', table: 'we"ird', classification: 'changing', from: 'a b', to: 'group' }])).toEqual([
      'ALTER TABLE "we""ird" RENAME COLUMN "a b" TO "group"',
    ]);
  });

  it('users table check is named', () => {
    expect(sql([{ kind: 'createTable', table: 'users', classification: 'additive', definition: users }])[0]).toContain(
      `CONSTRAINT "ck_users_email" CHECK (email LIKE '%@%')`,
    );
  });
});
