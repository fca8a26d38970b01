/**
 * Apply semantics: all or nothing, preflight before anything runs, lock
 * timeouts, the migrator lock, enum changes, the ?schema= option.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { ApplyError, computePlan, migrate, OdacError, PreflightError, type Schema, type Statement } from '@odac/core';
import adapter from '../../src/index.js';
import { col, databaseUrl, fk, increments, index, int, openClient, table, useDatabase } from '../helpers.js';

const lit = (value: string | number | boolean | null) => ({ kind: 'literal' as const, value });

describeWithServer('postgres', 'postgres: apply', (server) => {
  const pg = useDatabase(server, 'each');

  const base: Schema = {
    tables: [
      table('authors', [increments(), col('name', { kind: 'string', length: 50 }, { nullable: false })]),
      table('books', [increments(), col('title', { kind: 'string', length: 100 }), col('author_id', int())], {
        foreignKeys: [fk(['author_id'], 'authors', ['id'], 'CASCADE')],
      }),
    ],
  };

  async function introspect(url = pg.db.url) {
    const conn = await adapter.connect(url);
    try {
      return await conn.introspect();
    } finally {
      await conn.close();
    }
  }

  it('a statement failing mid-plan leaves the schema exactly as before', async () => {
    await migrate({ adapter, url: pg.db.url, schema: base });
    await pg.client.exec(`INSERT INTO authors (name) VALUES ('A'); INSERT INTO books (title, author_id) VALUES ('t', 1)`);
    const before = await introspect();

    const desired: Schema = {
      tables: [
        ...base.tables,
        table('reviews', [increments(), col('book_id', int(), { nullable: false }), col('stars', int('small'))], {
          foreignKeys: [fk(['book_id'], 'books', ['id'])],
          indexes: [index(['stars'])],
        }),
      ],
    };
    const { statements } = computePlan(adapter, before, {
      tables: desired.tables.map((t) => (t.name === 'books' ? { ...t, columns: [...t.columns, col('isbn', { kind: 'string', length: 13 })] } : t)),
    });
    expect(statements.length).toBeGreaterThan(3);
    const failing: Statement = { sql: 'ALTER TABLE "books" ADD CONSTRAINT "broken" CHECK (no_such_column > 0)', transactional: true, table: 'books' };
    const middle = Math.floor(statements.length / 2);
    const doomed = [...statements.slice(0, middle), failing, ...statements.slice(middle)];

    const conn = await adapter.connect(pg.db.url);
    let error: unknown;
    try {
      await conn.apply(doomed);
    } catch (e) {
      error = e;
    } finally {
      await conn.close();
    }
    expect(error).toBeInstanceOf(ApplyError);
    const applyError = error as ApplyError;
    expect(applyError.rolledBack).toBe(true);
    expect(applyError.statement).toBe(failing);
    expect(applyError.executed).toHaveLength(middle);
    expect(applyError.message).toContain('no_such_column');
    expect(applyError.message).toContain('rolled back');
    expect(await introspect()).toEqual(before);
    expect(await pg.client.select('books', ['id'])).toEqual([{ id: 1, title: 't', author_id: 1 }]);
    // Enum types, sequences… nothing new left behind either.
    const types = await pg.client.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`);
    expect(types).toEqual([]);
  });

  it('two concurrent migrations both succeed and the schema is applied once', async () => {
    const run = () => migrate({ adapter, url: pg.db.url, schema: base });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.remaining).toEqual([]);
    expect(b.remaining).toEqual([]);
    // One did the work; the other waited for the lock and found nothing to do.
    expect([a.applied.length > 0, b.applied.length > 0].sort()).toEqual([false, true]);
    expect(computePlan(adapter, await introspect(), base).plan.operations).toEqual([]);
  });

  it('gives up on a busy table after lock_timeout instead of queueing forever', async () => {
    await migrate({ adapter, url: pg.db.url, schema: base });
    const blocker = await openClient(pg.db.url);
    try {
      await blocker.exec('BEGIN');
      await blocker.exec('SELECT * FROM books');
      const desired: Schema = { tables: base.tables.map((t) => (t.name === 'books' ? { ...t, columns: [...t.columns, col('isbn', { kind: 'string', length: 13 })] } : t)) };
      let error: unknown;
      try {
        await migrate({ adapter, url: pg.db.url, schema: desired, connectOptions: { lockTimeoutMs: 200 } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ApplyError);
      expect((error as ApplyError).code).toBe('APPLY.LOCK_TIMEOUT');
      expect((error as ApplyError).rolledBack).toBe(true);
    } finally {
      await blocker.exec('ROLLBACK');
      await blocker.close();
    }
    expect((await introspect()).tables.find((t) => t.name === 'books')?.columns.map((c) => c.name)).toEqual(['id', 'title', 'author_id']);
  });

  it('gives up waiting for another migrator after migratorLockTimeoutMs', async () => {
    const holder = await adapter.connect(pg.db.url);
    let release: () => void = () => undefined;
    const held = holder.withLock(() => new Promise<void>((resolve) => (release = resolve)));
    try {
      let error: unknown;
      try {
        await migrate({ adapter, url: pg.db.url, schema: base, connectOptions: { migratorLockTimeoutMs: 200 } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OdacError);
      expect((error as OdacError).code).toBe('APPLY.LOCK_TIMEOUT');
      expect((error as OdacError).message).toContain('Another odac migrate');
    } finally {
      release();
      await held;
      await holder.close();
    }
    expect((await introspect()).tables).toEqual([]);
  });

  it('preflight names orphans, NULLs, duplicates and values that do not fit, before anything runs', async () => {
    await migrate({
      adapter,
      url: pg.db.url,
      schema: {
        tables: [
          table('owners', [increments()]),
          table('pets', [increments(), col('owner_id', int()), col('name', { kind: 'string', length: 50 }), col('code', { kind: 'string', length: 20 })]),
        ],
      },
    });
    await pg.client.exec(`INSERT INTO owners DEFAULT VALUES`);
    await pg.client.exec(`INSERT INTO pets (owner_id, name, code) VALUES (1, 'a', 'x'), (99, NULL, 'x'), (98, 'b', 'much-too-long'), (NULL, 'c', 'y')`);
    const before = await introspect();
    const desired: Schema = {
      tables: [
        table('owners', [increments()]),
        table(
          'pets',
          [increments(), col('owner_id', int()), col('name', { kind: 'string', length: 50 }, { nullable: false }), col('code', { kind: 'string', length: 5 })],
          { foreignKeys: [fk(['owner_id'], 'owners', ['id'])], indexes: [index(['code'], true)] },
        ),
      ],
    };
    let error: unknown;
    try {
      await migrate({ adapter, url: pg.db.url, schema: desired, allowDestructive: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PreflightError);
    const failures = (error as PreflightError).failures.map((f) => [f.check.kind, f.count]).sort();
    expect(failures).toEqual([
      ['fitsType', 1],
      ['foreignKey', 2],
      ['notNull', 1],
      ['unique', 2],
    ]);
    expect((error as PreflightError).message).toContain('Nothing was changed');
    expect(await introspect()).toEqual(before);
  });

  it('changes enum values: adds in place, removes by converting (allowed), converges each time', async () => {
    const withStatus = (values: string[], def?: string): Schema => ({
      tables: [table('posts', [increments(), col('status', { kind: 'enum', values }, { nullable: false, ...(def ? { default: lit(def) } : {}) })])],
    });
    await migrate({ adapter, url: pg.db.url, schema: withStatus(['draft', 'published'], 'draft') });
    await pg.client.exec(`INSERT INTO posts (status) VALUES ('draft'), ('published')`);

    const added = await migrate({ adapter, url: pg.db.url, schema: withStatus(['draft', 'review', 'published', 'archived'], 'draft') });
    expect(added.applied.map((s) => s.sql).join('\n')).toContain('ADD VALUE');
    expect(added.remaining).toEqual([]);

    // A new value used as the default at once: the type is replaced instead.
    const newDefault = await migrate({ adapter, url: pg.db.url, schema: withStatus(['draft', 'review', 'published', 'archived', 'new'], 'new') });
    expect(newDefault.remaining).toEqual([]);

    await pg.client.exec(`UPDATE posts SET status = 'review' WHERE status = 'published'`);
    const removed = await migrate({ adapter, url: pg.db.url, schema: withStatus(['new', 'draft', 'review'], 'new'), allowDestructive: true });
    expect(removed.remaining).toEqual([]);
    expect((await pg.client.select('posts', ['id'])).map((r) => r['status'])).toEqual(['draft', 'review']);
    const types = await pg.client.query<{ typname: string }>(`SELECT typname::text FROM pg_type WHERE typtype = 'e' ORDER BY 1`);
    expect(types.map((t) => t.typname)).toEqual(['posts_status_enum']);

    // Removing a value still in use is caught by preflight.
    let error: unknown;
    try {
      await migrate({ adapter, url: pg.db.url, schema: withStatus(['new', 'draft'], 'new'), allowDestructive: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as PreflightError).failures).toMatchObject([{ check: { kind: 'fitsType', column: 'status' }, count: 1 }]);

    // And dropping the column drops its type.
    await migrate({ adapter, url: pg.db.url, schema: { tables: [table('posts', [increments()])] }, allowDestructive: true });
    expect(await pg.client.query(`SELECT 1 FROM pg_type WHERE typtype = 'e'`)).toEqual([]);
  });

  it('renames a table and an enum column (the type keeps its name) and converges; later enum changes still find the type', async () => {
    const v1: Schema = { tables: [table('posts', [increments(), col('status', { kind: 'enum', values: ['a', 'b'] }, { default: lit('a') })])] };
    await migrate({ adapter, url: pg.db.url, schema: v1 });
    await pg.client.exec(`INSERT INTO posts (status) VALUES ('b')`);
    const v2: Schema = {
      tables: [table('articles', [increments(), col('state', { kind: 'enum', values: ['a', 'b'] }, { default: lit('a'), renamedFrom: 'status' })], { renamedFrom: 'posts' })],
    };
    const renamed = await migrate({ adapter, url: pg.db.url, schema: v2 });
    expect(renamed.plan.operations.map((o) => o.kind)).toEqual(['renameTable', 'renameColumn']);
    expect(renamed.remaining).toEqual([]);
    const v3: Schema = { tables: [table('articles', [increments(), col('state', { kind: 'enum', values: ['a', 'b', 'c'] }, { default: lit('a') })])] };
    const widened = await migrate({ adapter, url: pg.db.url, schema: v3 });
    expect(widened.remaining).toEqual([]);
    const v4: Schema = { tables: [table('articles', [increments(), col('state', { kind: 'enum', values: ['b', 'c'] })])] };
    const narrowed = await migrate({ adapter, url: pg.db.url, schema: v4, allowDestructive: true });
    expect(narrowed.remaining).toEqual([]);
    expect(await pg.client.select('articles', ['id'])).toEqual([{ id: 1, state: 'b' }]);
    const types = await pg.client.query<{ typname: string }>(`SELECT typname::text FROM pg_type WHERE typtype = 'e'`);
    expect(types).toEqual([{ typname: 'articles_state_enum' }]);
  });

  it('manages the schema given by ?schema= and leaves public alone', async () => {
    const url = databaseUrl(pg.db.url, new URL(pg.db.url).pathname.slice(1)) + '?schema=tenant_a';
    const first = await migrate({ adapter, url, schema: base });
    expect(first.remaining).toEqual([]);
    expect((await introspect(url)).tables.map((t) => t.name)).toEqual(['authors', 'books']);
    expect((await introspect()).tables).toEqual([]);
    const tables = await pg.client.query<{ schemaname: string }>(`SELECT DISTINCT schemaname::text FROM pg_tables WHERE tablename = 'books'`);
    expect(tables).toEqual([{ schemaname: 'tenant_a' }]);
    // The same files into public, then both converge independently.
    await migrate({ adapter, url: pg.db.url, schema: base });
    const conn = await adapter.connect(pg.db.url, { schemaName: 'tenant_a' });
    try {
      expect(computePlan(adapter, await conn.introspect(), base).plan.operations).toEqual([]);
    } finally {
      await conn.close();
    }
  });

  it('reports a connection failure with host, port and database but never the password', async () => {
    const bad = 'postgres://someone:s3cret-pw@127.0.0.1:1/nowhere';
    let error: unknown;
    try {
      await adapter.connect(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OdacError);
    expect((error as OdacError).code).toBe('CONNECT.FAILED');
    expect((error as OdacError).message).toContain('127.0.0.1:1');
    expect((error as OdacError).message).toContain('nowhere');
    expect((error as OdacError).message).not.toContain('s3cret-pw');
  });
});
