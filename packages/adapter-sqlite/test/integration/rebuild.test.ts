/**
 * Table rebuilds against real files: what lives only in the database
 * (views, triggers, child rows, the AUTOINCREMENT counter) survives, and
 * `apply` verifies the result or rolls back.
 */
import { ApplyError, migrate, type Schema, type Statement } from '@odac/core';
import { adapter } from '../../src/index.js';
import { blog, checksum, rowCounts, seedBlog, str, tempDb, withRaw, type TempDb } from '../support.js';

const run = (db: TempDb, schema: Schema, extra: { allowDestructive?: boolean } = {}) =>
  migrate({ adapter, url: db.url, schema, ignoreTables: ['audit'], ...extra });

/** The blog with users.name widened to 200: a column change, so users is rebuilt. */
function widerUserName(): Schema {
  const s = blog();
  return {
    tables: s.tables.map((t) =>
      t.name === 'users' ? { ...t, columns: t.columns.map((c) => (c.name === 'name' ? str('name', 200) : c)) } : t,
    ),
  };
}

function withoutPostContent(): Schema {
  const s = blog();
  return { tables: s.tables.map((t) => (t.name === 'posts' ? { ...t, columns: t.columns.filter((c) => c.name !== 'content') } : t)) };
}

async function expectApplyError(promise: Promise<unknown>): Promise<ApplyError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ApplyError);
  return caught as ApplyError;
}

describe('sqlite: table rebuilds', () => {
  let db: TempDb;
  beforeEach(async () => {
    db = tempDb();
    await run(db, blog());
    seedBlog(db.file);
  });
  afterEach(() => db.remove());

  it('keeps a view and a trigger on the rebuilt table working', async () => {
    withRaw(db.file, (raw) =>
      raw.exec(`
        CREATE TABLE audit (post_id integer, action text);
        CREATE VIEW post_titles AS SELECT p.id, p.title, u.email FROM posts p JOIN users u ON u.id = p.user_id;
        CREATE TRIGGER posts_audit AFTER INSERT ON posts BEGIN INSERT INTO audit VALUES (new.id, 'insert'); END;
      `),
    );
    const desired = blog({ postsUserFk: { onDelete: 'SET NULL', onUpdate: 'CASCADE' }, postsUserNullable: true });
    const result = await run(db, desired);
    expect(result.plan.operations.map((o) => o.kind)).toEqual(['rebuildTable']);
    withRaw(db.file, (raw) => {
      expect(raw.prepare("SELECT type, name FROM sqlite_schema WHERE name IN ('post_titles', 'posts_audit') ORDER BY name").all()).toEqual([
        { type: 'view', name: 'post_titles' },
        { type: 'trigger', name: 'posts_audit' },
      ]);
      expect(raw.prepare('SELECT count(*) AS n FROM post_titles').get()).toEqual({ n: 3 });
      raw.exec("INSERT INTO posts (title, user_id) VALUES ('new', 1)");
      expect(raw.prepare('SELECT action FROM audit').all()).toEqual([{ action: 'insert' }]);
    });
    expect((await run(db, desired)).plan.operations).toEqual([]);
  });

  it('rebuilding a parent table does not cascade-delete or null its children', async () => {
    const children = (): unknown =>
      withRaw(db.file, (raw) => ({
        posts: raw.prepare('SELECT * FROM posts ORDER BY id').all(),
        comments: raw.prepare('SELECT * FROM comments ORDER BY id').all(),
      }));
    const before = children();
    const result = await run(db, widerUserName());
    expect(result.plan.operations.map((o) => `${o.kind}:${o.table}`)).toEqual(['rebuildTable:users']);
    expect(children()).toEqual(before);
    expect(rowCounts(db.file, ['users', 'posts', 'comments'])).toEqual({ users: 2, posts: 3, comments: 3 });
    expect((await run(db, widerUserName())).plan.operations).toEqual([]);
  });

  it('keeps the AUTOINCREMENT counter, so ids of deleted rows are not handed out again', async () => {
    withRaw(db.file, (raw) => raw.exec('DELETE FROM users WHERE id = 2'));
    await run(db, widerUserName());
    const id = withRaw(db.file, (raw) => raw.prepare("INSERT INTO users (email) VALUES ('c@example.com') RETURNING id").get());
    expect(id).toEqual({ id: 3 });
  });

  it('fails and rolls back when a view would break (column dropped under it)', async () => {
    withRaw(db.file, (raw) => raw.exec('CREATE VIEW post_bodies AS SELECT id, content FROM posts'));
    const before = checksum(db.file);
    const error = await expectApplyError(run(db, withoutPostContent(), { allowDestructive: true }));
    expect(error.code).toBe('APPLY.VERIFY_FAILED');
    expect(error.rolledBack).toBe(true);
    expect(error.message).toContain('view "post_bodies"');
    expect(checksum(db.file)).toBe(before);
  });

  it('drops a column (allowed) by a rebuild, keeping the other data', async () => {
    const result = await run(db, withoutPostContent(), { allowDestructive: true });
    expect(result.plan.operations.map((o) => o.kind)).toEqual(['rebuildTable']);
    expect(withRaw(db.file, (raw) => raw.prepare('SELECT id, title FROM posts ORDER BY id').all())).toEqual([
      { id: 1, title: 'Hello' },
      { id: 2, title: 'Again' },
      { id: 3, title: "Bob's" },
    ]);
    expect((await run(db, withoutPostContent())).plan.operations).toEqual([]);
  });
});

describe('sqlite: apply verification and rollback', () => {
  let db: TempDb;
  beforeEach(async () => {
    db = tempDb();
    await migrate({ adapter, url: db.url, schema: blog() });
    seedBlog(db.file);
  });
  afterEach(() => db.remove());

  const stmt = (sql: string, table?: string): Statement => (table === undefined ? { sql, transactional: true } : { sql, transactional: true, table });

  async function applyAll(statements: Statement[]): Promise<void> {
    const conn = await adapter.connect(db.url);
    try {
      await conn.apply(statements);
    } finally {
      await conn.close();
    }
  }

  it('rolls back everything when a statement fails, and names it with the SQLite message', async () => {
    const before = checksum(db.file);
    const error = await expectApplyError(
      applyAll([stmt('CREATE TABLE "extra" ("id" integer)', 'extra'), stmt('ALTER TABLE "nope" ADD COLUMN "x" text', 'nope'), stmt('DROP TABLE "tags"', 'tags')]),
    );
    expect(error.code).toBe('APPLY.STATEMENT_FAILED');
    expect(error.rolledBack).toBe(true);
    expect(error.statement?.sql).toBe('ALTER TABLE "nope" ADD COLUMN "x" text');
    expect(error.executed.map((s) => s.sql)).toEqual(['CREATE TABLE "extra" ("id" integer)']);
    expect(error.message).toContain('Statement 2 of 3 on table "nope" failed: no such table: nope');
    expect(checksum(db.file)).toBe(before);
  });

  it('fails verification when the statements leave orphan rows (foreign_key_check)', async () => {
    const before = checksum(db.file);
    const error = await expectApplyError(applyAll([stmt("INSERT INTO posts (title, user_id) VALUES ('orphan', 99)", 'posts')]));
    expect(error.code).toBe('APPLY.VERIFY_FAILED');
    expect(error.message).toContain('foreign key fk_posts_user_id on "posts"(user_id) → "users"(id) is violated by 1 row');
    expect(checksum(db.file)).toBe(before);
  });

  it('does not blame the migration for violations that were there before', async () => {
    withRaw(db.file, (raw) => {
      raw.pragma('foreign_keys = OFF');
      raw.exec("INSERT INTO post_tags (post_id, tag_id) VALUES (1, 77)");
    });
    // tags is the parent of the orphan, and is even rebuilt.
    await migrate({ adapter, url: db.url, schema: { tables: blog().tables.map((t) => (t.name === 'tags' ? { ...t, columns: t.columns.map((c) => (c.name === 'label' ? str('label', 200, { nullable: false }) : c)) } : t)) } });
    await applyAll([stmt('CREATE INDEX "idx_tags_label" ON "tags" ("label")', 'tags')]);
    expect(withRaw(db.file, (raw) => raw.prepare("SELECT name FROM sqlite_schema WHERE name = 'idx_tags_label'").get())).toEqual({ name: 'idx_tags_label' });
  });

  it('fails verification when a rebuild loses rows', async () => {
    const before = checksum(db.file);
    const error = await expectApplyError(
      applyAll([
        { ...stmt('CREATE TABLE "tags__odac_new" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "slug" varchar(64) NOT NULL, "label" varchar(120) NOT NULL)', 'tags'), rebuild: 'start' },
        stmt('INSERT INTO "tags__odac_new" ("id", "slug", "label") SELECT "id", "slug", "label" FROM "tags" WHERE "id" = 1', 'tags'),
        stmt('DROP TABLE "tags"', 'tags'),
        { ...stmt('ALTER TABLE "tags__odac_new" RENAME TO "tags"', 'tags'), rebuild: 'end' },
      ]),
    );
    expect(error.code).toBe('APPLY.VERIFY_FAILED');
    expect(error.message).toContain('table "tags" had 2 rows before the rebuild and 1 after');
    expect(checksum(db.file)).toBe(before);
  });

  it('restores foreign_keys and legacy_alter_table on the connection afterwards', async () => {
    const conn = await adapter.connect(db.url);
    try {
      await conn.apply(adapter.emit([{ kind: 'renameColumn', table: 'tags', classification: 'changing', from: 'label', to: 'title' }]));
      await expectApplyError(conn.apply([stmt('SELECT nope', 'tags')]));
      // A second apply on the same connection still works and sees the first one's change.
      const live = await conn.introspect({ tables: ['tags'] });
      expect(live.tables[0]?.columns.map((c) => c.name)).toEqual(['id', 'slug', 'title']);
    } finally {
      await conn.close();
    }
    withRaw(db.file, (raw) => {
      expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    });
  });
});
