/**
 * `migrate` on real database files, with the blog-like schema of
 * ../support.ts: removing and restoring a key, preflight, rollback, dropping
 * tables, and the migrator lock. The blog itself (create, CASCADE → SET
 * NULL) is the shared suite in blog.test.ts.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { ApplyError, migrate, OdacError, PreflightError, type Schema } from '@odac/core';
import { adapter } from '../../src/index.js';
import { blog, checksum, rowCounts, seedBlog, tempDb, withRaw, type TempDb } from '../support.js';

const TABLES = ['users', 'posts', 'comments', 'tags', 'post_tags'];

const run = (db: TempDb, schema: Schema, extra: { allowDestructive?: boolean } = {}) => migrate({ adapter, url: db.url, schema, ...extra });

function fkList(file: string, table: string): { table: string; from: string; to: string; on_delete: string; on_update: string }[] {
  return withRaw(file, (raw) => raw.prepare('SELECT "table", "from", "to", on_delete, on_update FROM pragma_foreign_key_list(?) ORDER BY id').all(table) as never);
}

const fileHash = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('sqlite: migrate on real files', () => {
  let db: TempDb;
  beforeEach(() => {
    db = tempDb();
  });
  afterEach(() => db.remove());

  it('removes a foreign key and adds it back', async () => {
    await run(db, blog());
    seedBlog(db.file);
    const without = blog({ postsUserFk: null });
    // Removing a key gives up the integrity it enforces: skipped (and kept through any rebuild) unless allowed.
    const kept = await run(db, without);
    expect(kept.plan.operations).toEqual([]);
    expect(kept.plan.skipped.map((s) => s.operation.kind)).toEqual(['dropForeignKey']);
    expect(fkList(db.file, 'posts')).toHaveLength(1);
    const removed = await run(db, without, { allowDestructive: true });
    expect(removed.plan.operations.map((o) => o.kind)).toEqual(['rebuildTable']);
    expect(fkList(db.file, 'posts')).toEqual([]);
    expect((await run(db, without)).plan.operations).toEqual([]);

    const restored = await run(db, blog());
    expect(restored.plan.operations.map((o) => o.kind)).toEqual(['rebuildTable']);
    expect(restored.plan.preflight.map((c) => c.kind)).toEqual(['foreignKey']);
    expect(fkList(db.file, 'posts')).toEqual([{ table: 'users', from: 'user_id', to: 'id', on_delete: 'CASCADE', on_update: 'CASCADE' }]);
    expect((await run(db, blog())).plan.operations).toEqual([]);
    expect(rowCounts(db.file, TABLES)).toEqual({ users: 2, posts: 3, comments: 3, tags: 2, post_tags: 3 });
  });

  it('refuses to add a foreign key over orphan rows, naming table, constraint and count, and changes nothing', async () => {
    await run(db, blog({ postsUserFk: null }));
    seedBlog(db.file);
    withRaw(db.file, (raw) => raw.exec("INSERT INTO posts (title, user_id) VALUES ('orphan 1', 41), ('orphan 2', 42)"));
    const sumBefore = checksum(db.file);
    const bytesBefore = fileHash(db.file);

    let caught: unknown;
    try {
      await run(db, blog());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PreflightError);
    const error = caught as PreflightError;
    expect(error.code).toBe('APPLY.PREFLIGHT_FAILED');
    expect(error.message).toContain('"posts"');
    expect(error.message).toContain('fk_posts_user_id');
    expect(error.message).toContain('2 rows');
    expect(error.failures).toEqual([expect.objectContaining({ count: 2 })]);
    expect(checksum(db.file)).toBe(sumBefore);
    expect(fileHash(db.file)).toBe(bytesBefore);
  });

  it('rolls back a statement that fails mid-plan (a CHECK the rows violate), leaving the file as it was', async () => {
    await run(db, blog());
    seedBlog(db.file);
    const sumBefore = checksum(db.file);
    const desired = blog();
    const withCheck: Schema = {
      tables: desired.tables.map((t) => (t.name === 'posts' ? { ...t, checks: [{ name: 'ck_title_short', expression: 'length(title) < 5' }] } : t)),
    };
    let caught: unknown;
    try {
      await run(db, withCheck);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApplyError);
    const error = caught as ApplyError;
    expect(error.code).toBe('APPLY.STATEMENT_FAILED');
    expect(error.rolledBack).toBe(true);
    expect(error.statement?.sql).toMatch(/^INSERT INTO "posts__odac_new"/);
    expect(error.message).toContain('CHECK constraint failed');
    expect(error.message).toContain('"posts"');
    expect(checksum(db.file)).toBe(sumBefore);
  });

  it('drops tables no longer described, including a self-referencing one and parents of others, when asked to', async () => {
    await run(db, blog());
    seedBlog(db.file);
    const kept: Schema = { tables: blog().tables.filter((t) => t.name === 'users' || t.name === 'tags') };
    const skipped = await run(db, kept);
    expect(skipped.plan.unmanagedTables).toEqual(['comments', 'post_tags', 'posts']);
    expect(rowCounts(db.file, TABLES)).toEqual({ users: 2, posts: 3, comments: 3, tags: 2, post_tags: 3 });

    const dropped = await migrate({ adapter, url: db.url, schema: kept, allowDestructive: true, dropUnmanagedTables: true });
    expect(dropped.plan.operations.map((o) => `${o.kind}:${o.table}`).sort()).toEqual(['dropTable:comments', 'dropTable:post_tags', 'dropTable:posts']);
    expect(dropped.remaining).toEqual([]);
    expect(withRaw(db.file, (raw) => raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name").all())).toEqual([
      { name: 'tags' },
      { name: 'users' },
    ]);
    expect(rowCounts(db.file, ['users', 'tags'])).toEqual({ users: 2, tags: 2 });
  });

  it('serializes two migrations started together: both succeed, the second finds nothing to do', async () => {
    const [a, b] = await Promise.all([run(db, blog()), run(db, blog())]);
    const applied = [a.applied.length, b.applied.length].sort((x, y) => x - y);
    expect(applied[0]).toBe(0);
    expect(applied[1]).toBeGreaterThan(0);
    expect(a.remaining).toEqual([]);
    expect(b.remaining).toEqual([]);
    expect((await run(db, blog())).plan.operations).toEqual([]);
  });

  it('waits for a migrator holding the lock on another connection in this process (a blocking busy wait would deadlock)', async () => {
    const holder = await adapter.connect(db.url);
    let release: () => void = () => undefined;
    const held = holder.withLock(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = run(db, blog());
    await new Promise((r) => setTimeout(r, 100));
    release();
    await held;
    await holder.close();
    const result = await waiting;
    expect(result.remaining).toEqual([]);
    expect(result.applied.length).toBeGreaterThan(0);
  });

  it('waits for a writer in another process', async () => {
    const script = `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(db.file)});
      db.exec('BEGIN IMMEDIATE');
      db.exec('CREATE TABLE held (x)');
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      child.on('exit', (code) => reject(new Error(`lock holder exited early (${String(code)})`)));
    });
    const result = await run(db, blog());
    expect(await exited).toBe(0);
    expect(result.remaining).toEqual([]);
    // The other process's table was committed before ours ran, and is left alone.
    expect(result.plan.unmanagedTables).toEqual(['held']);
  });

  it('gives up with APPLY.LOCK_TIMEOUT when the lock is held too long', async () => {
    const holder = await adapter.connect(db.url);
    let release: () => void = () => undefined;
    const held = holder.withLock(() => new Promise<void>((resolve) => (release = resolve)));
    let caught: unknown;
    try {
      await migrate({ adapter, url: db.url, schema: blog(), connectOptions: { migratorLockTimeoutMs: 50 } });
    } catch (error) {
      caught = error;
    } finally {
      release();
      await held;
      await holder.close();
    }
    expect(caught).toBeInstanceOf(OdacError);
    expect((caught as OdacError).code).toBe('APPLY.LOCK_TIMEOUT');
  });
});
