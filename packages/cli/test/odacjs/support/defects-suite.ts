/**
 * Issue 9, acceptance 3: the defects of ODAC.JS's engine (odacjs-facts.md,
 * "Known defects"), each shown absent from odac, on one database, with
 * ODAC.JS-format files and `compat: 'odacjs'` as an ODAC.JS project runs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, plan, type Schema } from '@odac/core';
import type { DatabaseKind, ThrowawayDatabase } from '../../support/databases.js';
import { knexFor, schemaFilePath, schemaFileText, type OdacjsTable } from './knex-odacjs.js';

const USERS: OdacjsTable = {
  columns: { id: { type: 'increments' }, email: { type: 'string', nullable: false, unique: true }, role: { type: 'enum', values: ['admin', 'member'], default: 'member' } },
};
/** Alphabetically before `users`, which it references: ODAC.JS creates it first and fails. */
const ORDERS: OdacjsTable = {
  columns: {
    id: { type: 'bigIncrements' },
    user_id: { type: 'integer', unsigned: true, nullable: false, references: { table: 'users', column: 'id' }, onDelete: 'CASCADE' },
    status: { type: 'enum', values: ['new', 'paid'], default: 'new', nullable: false },
    total: { type: 'decimal', precision: 10, scale: 2, default: 0 },
    stamps: { type: 'timestamps' },
  },
  indexes: [{ columns: ['user_id', 'status'] }],
};

export function defectsSuite(kind: DatabaseKind): void {
  let root: string;
  let schemaDir: string;
  let url: string;
  let db: ThrowawayDatabase;

  const write = (tables: Readonly<Record<string, OdacjsTable>>): void => {
    rmSync(schemaDir, { recursive: true, force: true });
    mkdirSync(schemaDir, { recursive: true });
    for (const [name, def] of Object.entries(tables)) writeFileSync(schemaFilePath(schemaDir, name), schemaFileText(def));
  };
  const run = (extra: { allowDestructive?: boolean } = {}) => migrate({ adapter: kind.adapter, url, schemaDir, compat: 'odacjs', ...extra });
  const planned = async () => (await plan({ adapter: kind.adapter, url, schemaDir, compat: 'odacjs' })).plan;
  const introspect = async (): Promise<Schema> => {
    const conn = await kind.adapter.connect(url);
    try {
      return await conn.introspect();
    } finally {
      await conn.close();
    }
  };
  const withKnex = async <T>(fn: (k: ReturnType<typeof knexFor>) => Promise<T>): Promise<T> => {
    const k = knexFor(kind.name, url);
    try {
      return await fn(k);
    } finally {
      await k.destroy();
    }
  };

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), `odac-defects-${kind.name}-`));
    schemaDir = path.join(root, 'schema');
    db = await kind.create();
    url = db.url;
  });
  afterEach(async () => {
    rmSync(root, { recursive: true, force: true });
    await db.drop();
  });

  test('files named alphabetically where orders references users work on a fresh database, and every later run', async () => {
    write({ orders: ORDERS, users: USERS });
    const first = await run();
    expect(first.remaining).toEqual([]);
    expect((await introspect()).tables.find((t) => t.name === 'orders')?.foreignKeys.map((k) => k.references.table)).toEqual(['users']);
    const second = await run();
    expect(second.applied).toEqual([]);
  });

  test('a second migrate plans nothing: enum, bigIncrements, a key without onUpdate, no table rebuilt', async () => {
    write({ orders: ORDERS, users: USERS });
    await run();
    const again = await planned();
    expect(again.operations).toEqual([]);
    expect(again.skipped).toEqual([]);
    expect((await run()).applied).toEqual([]);
  });

  test('an enum value added in the file is applied (no destructive skip), rows keep their values, and the next run plans nothing', async () => {
    write({ orders: ORDERS, users: USERS });
    await run();
    await withKnex((k) => k('users').insert({ email: 'a@x', role: 'admin' }));
    write({ orders: ORDERS, users: { columns: { ...USERS.columns, role: { type: 'enum', values: ['admin', 'member', 'guest'], default: 'member' } } } });
    const result = await run();
    expect(result.plan.skipped).toEqual([]);
    expect(result.remaining).toEqual([]);
    await withKnex((k) => k('users').insert({ email: 'b@x', role: 'guest' }));
    expect(await withKnex(async (k) => (await k('users').select('role').orderBy('id')).map((r: { role: string }) => r.role))).toEqual(['admin', 'guest']);
    expect((await planned()).operations).toEqual([]);
  });

  test('bigIncrements twice keeps the key generating values', async () => {
    write({ orders: ORDERS, users: USERS });
    await run();
    await run();
    const ids = await withKnex(async (k) => {
      await k('users').insert({ email: 'a@x' });
      const [user] = await k('users').select('id');
      await k('orders').insert({ user_id: user.id });
      await k('orders').insert({ user_id: user.id });
      return (await k('orders').select('id').orderBy('id')).map((r: { id: number | string }) => Number(r.id));
    });
    expect(ids).toEqual([1, 2]);
  });

  test('a foreign key over orphan rows is refused before any DDL; the orphans keep their values', async () => {
    const loose: OdacjsTable = { columns: { id: { type: 'increments' }, user_id: { type: 'integer', unsigned: true } } };
    write({ posts: loose, users: USERS });
    await run();
    await withKnex(async (k) => {
      await k('users').insert({ email: 'a@x' });
      await k('posts').insert([{ user_id: 1 }, { user_id: 99 }]);
    });
    write({ posts: { columns: { ...loose.columns, user_id: { type: 'integer', unsigned: true, references: { table: 'users', column: 'id' } } } }, users: USERS });
    await expect(run()).rejects.toMatchObject({ code: 'APPLY.PREFLIGHT_FAILED', message: expect.stringContaining('orphans') });
    const rows = await withKnex(async (k) => (await k('posts').select('user_id').orderBy('id')).map((r: { user_id: number | null }) => r.user_id));
    expect(rows).toEqual([1, 99]);
    expect((await introspect()).tables.find((t) => t.name === 'posts')?.foreignKeys).toEqual([]);
  });

  test('a column removed from a file is not dropped without allowDestructive; its data stays', async () => {
    write({ users: { columns: { ...USERS.columns, nickname: { type: 'string' } } } });
    await run();
    await withKnex((k) => k('users').insert({ email: 'a@x', nickname: 'ann' }));
    write({ users: USERS });
    const result = await run();
    expect(result.plan.skipped.map((s) => [s.operation.kind, s.operation.table])).toEqual([['dropColumn', 'users']]);
    expect(await withKnex(async (k) => (await k('users').select('nickname')).map((r: { nickname: string }) => r.nickname))).toEqual(['ann']);
  });

  const signed: Readonly<Record<string, OdacjsTable>> = {
    posts: { columns: { id: { type: 'increments' }, user_id: { type: 'integer', references: { table: 'users', column: 'id' } } } },
    users: USERS,
  };
  if (kind.name === 'mysql') {
    test('a signed integer key to an increments column is refused before any DDL, saying why (errno 150) and what to add', async () => {
      write(signed);
      const error = await run().then(
        () => undefined,
        (e: unknown) => e as { code?: string; message?: string },
      );
      expect(error?.code).toBe('SCHEMA.REFERENCE_TYPE_MISMATCH');
      for (const words of ['"posts"."user_id"', 'MariaDB/MySQL reject', 'errno 150', 'add `unsigned: true`']) expect(error?.message).toContain(words);
      expect((await introspect()).tables).toEqual([]);
    });
  } else {
    test('a signed integer key to an increments column works', async () => {
      write(signed);
      const result = await run();
      expect(result.remaining).toEqual([]);
      expect((await introspect()).tables.find((t) => t.name === 'posts')?.foreignKeys.map((k) => k.columns)).toEqual([['user_id']]);
      expect((await planned()).operations).toEqual([]);
    });
  }
}
