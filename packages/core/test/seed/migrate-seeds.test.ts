/**
 * `migrate()` with seeds: the rows are read again under the migrator lock
 * (another migrator may have seeded meanwhile), the seed statements go in
 * the same apply as the schema's, and an adapter that cannot seed refuses
 * before anything runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, plan, planSeeds, type Connection, type DriverAdapter, type RowQuery, type Schema, type Statement } from '../../src/index.js';
import { pgLike } from '../helpers.js';

const USERS = `module.exports = { columns: { id: { type: 'increments' }, email: { type: 'string' }, role: { type: 'string' } }, seed: [{ email: 'a@x.io', role: 'admin' }], seedKey: 'email' };\n`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-seeds-'));
  writeFileSync(path.join(dir, 'users.js'), USERS);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Fake {
  live: Schema;
  rows: string[][];
  reads: number;
  applied: string[][];
}

function fakeAdapter(db: Fake, options: { seeds: boolean }): DriverAdapter {
  const conn: Connection = {
    introspect: async () => db.live,
    preflight: async () => [],
    apply: async (statements: readonly Statement[]) => {
      db.applied.push(statements.map((s) => s.sql));
      return { executed: statements };
    },
    withLock: async (fn) => fn(),
    close: async () => undefined,
    ...(options.seeds
      ? {
          readRows: async (queries: readonly RowQuery[]) => {
            db.reads += 1;
            // Another migrator seeded the row between the plan and the lock.
            const rows = db.reads === 1 ? [] : db.rows;
            return queries.map(() => rows);
          },
        }
      : {}),
  };
  return {
    name: 'memory',
    capabilities: pgLike,
    connect: async () => conn,
    normalize: (s) => s,
    emit: (ops) => ops.map((op) => ({ sql: `${op.kind} ${op.table}`, transactional: true })),
    ...(options.seeds
      ? { emitSeeds: (p) => p.tables.flatMap((t) => [...t.inserts.map((r) => `insert ${t.table} ${String(r.keyValue)}`), ...t.updates.map((r) => `update ${t.table} ${String(r.keyValue)}`)]).map((sql) => ({ sql, transactional: true })) }
      : {}),
  };
}

test('the schema and the seed rows are applied together, and rows are read again under the lock', async () => {
  const db: Fake = { live: { tables: [] }, rows: [], reads: 0, applied: [] };
  const result = await migrate({ adapter: fakeAdapter(db, { seeds: true }), url: 'memory:', schemaDir: dir });
  expect(db.reads).toBe(0); // the table does not exist yet: nothing to read
  expect(db.applied).toEqual([['createTable users', 'insert users a@x.io']]);
  expect(result.seeds?.tables[0]?.inserts).toHaveLength(1);
});

test('rows seeded by another migrator meanwhile are not inserted again', async () => {
  const loaded = await (await import('../../src/index.js')).loadSchema(dir);
  const db: Fake = { live: loaded.schema, rows: [['a@x.io', 'admin']], reads: 0, applied: [] };
  const result = await migrate({ adapter: fakeAdapter(db, { seeds: true }), url: 'memory:', schemaDir: dir });
  expect(db.reads).toBe(2);
  expect(db.applied).toEqual([]);
  expect(result.seeds?.tables[0]).toMatchObject({ inserts: [], updates: [], unchanged: 1 });
  // planSeeds itself agrees on what it read.
  expect(planSeeds(loaded.seeds, loaded.schema, loaded.schema, new Map([['users', [['a@x.io', 'admin']]]])).tables[0]?.unchanged).toBe(1);
});

test('an adapter that cannot seed refuses before anything runs, naming the tables', async () => {
  const db: Fake = { live: { tables: [] }, rows: [], reads: 0, applied: [] };
  await expect(plan({ adapter: fakeAdapter(db, { seeds: false }), url: 'memory:', schemaDir: dir })).rejects.toMatchObject({
    code: 'PLAN.UNSUPPORTED',
    message: expect.stringContaining('The memory adapter cannot seed rows yet, and "users" declare seed rows'),
  });
  await expect(migrate({ adapter: fakeAdapter(db, { seeds: false }), url: 'memory:', schemaDir: dir })).rejects.toMatchObject({ code: 'PLAN.UNSUPPORTED' });
  expect(db.applied).toEqual([]);
  // seeds: false syncs the schema alone.
  await migrate({ adapter: fakeAdapter(db, { seeds: false }), url: 'memory:', schemaDir: dir, seeds: false });
  expect(db.applied).toEqual([['createTable users']]);
});

test('explicit values for the auto-increment key are flagged for the adapter', async () => {
  const loaded = await (await import('../../src/index.js')).loadSchema(dir);
  const seeds = [{ ...loaded.seeds[0]!, key: 'id', rows: [{ id: 1, email: 'a@x.io' }] }];
  expect(planSeeds(seeds, loaded.schema, { tables: [] }, new Map()).tables[0]?.autoIncrement).toBe('id');
  expect(planSeeds(loaded.seeds, loaded.schema, { tables: [] }, new Map()).tables[0]?.autoIncrement).toBeUndefined();
});
