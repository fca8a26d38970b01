/**
 * SQLite's fingerprint is `PRAGMA schema_version`: it moves with DDL (from
 * this connection or another process), not with data; through `migrate()`,
 * a no-op run introspects once without the write lock, a run with changes
 * introspects twice (plan, verify).
 */
import { migrate, type Schema } from '@odac/core';
import { adapter, SqliteConnection } from '../src/index.js';
import { tempDb, withRaw, type TempDb } from './support.js';

let db: TempDb;
beforeEach(() => {
  db = tempDb();
});
afterEach(() => db.remove());

const desired: Schema = {
  tables: [
    {
      name: 'items',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
        { name: 'qty', type: { kind: 'integer', size: 'regular' }, nullable: true },
      ],
      primaryKey: { columns: ['id'] },
      indexes: [],
      foreignKeys: [],
    },
  ],
};

test('the fingerprint moves with DDL from another connection and not with data', async () => {
  withRaw(db.file, (raw) => raw.exec('CREATE TABLE t (id integer PRIMARY KEY, v text)'));
  const conn = await adapter.connect(db.url);
  try {
    const first = await conn.fingerprint?.();
    expect(first).toMatch(/^\d+$/);
    withRaw(db.file, (raw) => raw.exec("INSERT INTO t (v) VALUES ('a'); UPDATE t SET v = 'b'"));
    expect(await conn.fingerprint?.()).toBe(first);
    withRaw(db.file, (raw) => raw.exec('CREATE INDEX t_v ON t (v)'));
    expect(await conn.fingerprint?.()).not.toBe(first);
  } finally {
    await conn.close();
  }
});

test('introspections, fingerprints and locks per migrate run', async () => {
  const calls = { introspect: 0, fingerprint: 0, lock: 0 };
  const spies = (['introspect', 'fingerprint', 'withLock'] as const).map((method) => {
    const original = SqliteConnection.prototype[method] as (...args: unknown[]) => unknown;
    return jest.spyOn(SqliteConnection.prototype, method).mockImplementation(function (this: SqliteConnection, ...args: unknown[]) {
      calls[method === 'withLock' ? 'lock' : method] += 1;
      return original.apply(this, args) as never;
    });
  });
  try {
    await migrate({ adapter, url: db.url, schema: desired, confirm: () => true });
    expect(calls).toEqual({ introspect: 2, fingerprint: 2, lock: 1 });
    Object.assign(calls, { introspect: 0, fingerprint: 0, lock: 0 });
    const again = await migrate({ adapter, url: db.url, schema: desired });
    expect(again.plan.operations).toEqual([]);
    expect(calls).toEqual({ introspect: 1, fingerprint: 1, lock: 0 });
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
});
