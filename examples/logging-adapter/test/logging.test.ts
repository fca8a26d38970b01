import sqlite from '@odac/adapter-sqlite';
import { migrate, planMigration as plan, type Schema } from '@odac/core';
import { loggingAdapter, type StatementLogEntry } from '../src/index.js';
import { sqliteTarget } from './target.js';

const users: Schema = {
  tables: [
    {
      name: 'users',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
        { name: 'email', type: { kind: 'string', length: 255 }, nullable: false },
      ],
      primaryKey: { columns: ['id'] },
      indexes: [{ columns: ['email'], unique: true }],
      foreignKeys: [],
    },
  ],
};

describe('the logging adapter', () => {
  it('logs every statement it applies, in order, and nothing when there is nothing to do', async () => {
    const logged: StatementLogEntry[] = [];
    const adapter = loggingAdapter({ log: (e) => logged.push(e) });
    const db = await sqliteTarget(adapter).createDatabase();
    try {
      const seen: string[] = [];
      const first = await migrate({ adapter, url: db.url, schema: users, onStatement: (s) => seen.push(s.sql) });
      expect(first.applied.length).toBeGreaterThan(0);
      expect(logged.map((e) => e.sql)).toEqual(first.applied.map((s) => s.sql));
      expect(logged.map((e) => e.index)).toEqual(first.applied.map((_s, i) => i));
      expect(logged.some((e) => /CREATE TABLE/i.test(e.sql))).toBe(true);
      // The caller's own onStatement still fires.
      expect(seen).toEqual(logged.map((e) => e.sql));

      const second = await migrate({ adapter, url: db.url, schema: users });
      expect(second.applied).toEqual([]);
      expect(logged).toHaveLength(first.applied.length);
    } finally {
      await db.drop();
    }
  });

  it("keeps the wrapped adapter's optional parts: fingerprint and readRows on the connection, seeds, normalize options", async () => {
    const adapter = loggingAdapter({ log: () => undefined });
    expect(adapter.emitSeeds).toBe(sqlite.emitSeeds);
    const compat = adapter.normalize(users, { compat: 'odacjs' });
    expect(compat).toEqual(sqlite.normalize(users, { compat: 'odacjs' }));
    const db = await sqliteTarget(adapter).createDatabase();
    const conn = await adapter.connect(db.url);
    try {
      const before = await conn.fingerprint?.();
      await conn.apply(adapter.emit(plan(await conn.introspect(), adapter.normalize(users), { capabilities: adapter.capabilities }).operations));
      expect(await conn.fingerprint?.()).not.toBe(before);
      expect(await conn.readRows?.([{ table: 'users', columns: ['id'] }])).toEqual([[]]);
    } finally {
      await conn.close();
      await db.drop();
    }
  });
});

