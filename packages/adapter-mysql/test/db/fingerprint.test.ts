/**
 * Issue 11: MariaDB's schema fingerprint (one catalog query) moves with
 * every kind of DDL introspection would see, stays put for data changes,
 * and is never the same token while a change could still land in the same
 * second; with it, a migrate with changes introspects twice (plan, verify)
 * instead of three times. On MySQL 8 the token never repeats (plan again).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describeWithServer } from '@odac/adapter-testkit';
import { migrate } from '@odac/core';
import adapter, { MysqlConnection } from '@odac/adapter-mysql';
import { FINGERPRINT_SQL, TABLES_SQL } from '../../src/queries.js';
import { rawConnection, withTestDatabase } from '../support/db.js';

/** Past the two seconds during which a fresh change makes the token one that never repeats. */
const settle = () => sleep(3100);

describeWithServer('mysql', 'adapter-mysql: schema fingerprint', (server) => {
  it('changes with every kind of DDL, not with data changes, and never repeats right after a change', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const raw = await rawConnection(url);
      const conn = (await adapter.connect(url)) as MysqlConnection;
      try {
        await raw.query('CREATE TABLE parent (id int PRIMARY KEY)');
        await raw.query('CREATE TABLE child (id int PRIMARY KEY, parent_id int, v int, note varchar(10))');
        if (conn.server.flavor !== 'mariadb') {
          expect(await conn.fingerprint()).not.toBe(await conn.fingerprint());
          return;
        }
        expect(await conn.fingerprint()).toMatch(/^changing /);
        await settle();
        let last = await conn.fingerprint();
        expect(await conn.fingerprint()).toBe(last);
        const ddl = [
          'ALTER TABLE child ALTER COLUMN v SET DEFAULT 3',
          'ALTER TABLE child ADD CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id)',
          'CREATE INDEX child_v ON child (v)',
          "ALTER TABLE child MODIFY note varchar(10) COMMENT 'n'",
          'RENAME TABLE parent TO mother',
          'DROP TABLE child',
        ];
        for (const sql of ddl) {
          await raw.query(sql);
          const right = await conn.fingerprint();
          await settle();
          const now = await conn.fingerprint();
          expect({ sql, right: right !== last, settled: now !== last, stable: now === (await conn.fingerprint()) }).toEqual({ sql, right: true, settled: true, stable: true });
          last = now;
        }
        await raw.query('INSERT INTO mother VALUES (1), (2)');
        await raw.query('UPDATE mother SET id = 3 WHERE id = 2');
        await raw.query('DELETE FROM mother WHERE id = 1');
        expect(await conn.fingerprint()).toBe(last);
      } finally {
        await conn.close();
        await raw.end();
      }
    });
  }, 90_000);

  it('a migrate with changes on a settled database introspects twice (plan, verify), not three times; a no-op once', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const schema = (n: number) => ({
        tables: Array.from({ length: n }, (_, i) => ({
          name: `t${i}`,
          columns: [{ name: 'id', type: { kind: 'integer' as const, size: 'regular' as const }, nullable: false, autoIncrement: true }],
          primaryKey: { columns: ['id'] },
          indexes: [],
          foreignKeys: [],
        })),
      });
      await migrate({ adapter, url, schema: schema(1) });
      const probe = (await adapter.connect(url)) as MysqlConnection;
      const mariadb = probe.server.flavor === 'mariadb';
      await probe.close();
      await settle();
      const spy = jest.spyOn(MysqlConnection.prototype as unknown as { catalog: (sql: string) => Promise<unknown[]> }, 'catalog');
      const count = (sql: string): number => spy.mock.calls.filter(([text]) => text === sql).length;
      try {
        const result = await migrate({ adapter, url, schema: schema(2), confirm: () => true });
        expect(result.remaining).toEqual([]);
        expect({ introspections: count(TABLES_SQL), fingerprints: count(FINGERPRINT_SQL) }).toEqual(
          mariadb ? { introspections: 2, fingerprints: 2 } : { introspections: 3, fingerprints: 0 },
        );
        await settle();
        spy.mockClear();
        expect((await migrate({ adapter, url, schema: schema(2) })).plan.operations).toEqual([]);
        expect(count(TABLES_SQL)).toBe(1);
      } finally {
        spy.mockRestore();
      }
    });
  }, 60_000);
});
