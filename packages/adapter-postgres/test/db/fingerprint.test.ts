/**
 * The schema fingerprint (one catalog query) and what `migrate()` sends:
 * the token moves with every kind of DDL introspection would see and stays
 * put for data changes; a no-op migrate is the introspection queries plus
 * one fingerprint, without the migrator lock; a migrate with changes
 * introspects twice (plan, verify), not three times.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { migrate } from '@odac/core';
import adapter, { PgConnection } from '../../src/index.js';
import { FINGERPRINT_QUERY, INTROSPECTION_QUERIES, LOCK_QUERY } from '../../src/queries.js';
import { col, increments, int, table, useDatabase } from '../helpers.js';

describeWithServer('postgres', 'postgres: schema fingerprint', (server) => {
  const pg = useDatabase(server, 'each');

  it('changes with every kind of DDL and not with data changes', async () => {
    await pg.client.exec(`
      CREATE TYPE mood AS ENUM ('ok');
      CREATE TABLE parent (id integer PRIMARY KEY);
      CREATE TABLE child (id integer PRIMARY KEY, parent_id integer, note text DEFAULT 'x', m mood);
    `);
    const conn = (await adapter.connect(pg.db.url)) as PgConnection;
    try {
      let last = await conn.fingerprint();
      const ddl = [
        'ALTER TABLE child ADD COLUMN extra integer',
        "ALTER TABLE child ALTER COLUMN note SET DEFAULT 'y'",
        'ALTER TABLE child ALTER COLUMN note SET NOT NULL',
        'ALTER TABLE child ALTER COLUMN extra TYPE bigint',
        'CREATE INDEX child_extra ON child (extra)',
        'ALTER TABLE child ADD CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) NOT VALID',
        'ALTER TABLE child VALIDATE CONSTRAINT child_parent',
        'ALTER TABLE child DROP CONSTRAINT child_parent',
        'DROP INDEX child_extra',
        "COMMENT ON TABLE child IS 'kids'",
        "COMMENT ON COLUMN child.note IS 'a note'",
        "ALTER TYPE mood ADD VALUE 'meh'",
        'ALTER TABLE child ADD CHECK (extra > 0)',
        'ALTER TABLE child DROP COLUMN extra',
        'ALTER TABLE parent RENAME TO mother',
        'CREATE TABLE other (id integer)',
      ];
      for (const sql of ddl) {
        await pg.client.exec(sql);
        const now = await conn.fingerprint();
        expect({ sql, changed: now !== last }).toEqual({ sql, changed: true });
        last = now;
      }
      // Back to the same schema is back to the same token: a plan made then still holds.
      const beforeOther = last;
      await pg.client.exec('CREATE TABLE another (id integer)');
      expect(await conn.fingerprint()).not.toBe(beforeOther);
      await pg.client.exec('DROP TABLE another');
      expect(await conn.fingerprint()).toBe(beforeOther);
      await pg.client.exec(`INSERT INTO mother VALUES (1); INSERT INTO child (id, parent_id, note) VALUES (1, 1, 'n'); UPDATE child SET note = 'm'; DELETE FROM child`);
      expect(await conn.fingerprint()).toBe(last);
    } finally {
      await conn.close();
    }
  });

  it('a no-op migrate sends the introspection queries and one fingerprint, and takes no lock; a migrate with changes introspects twice', async () => {
    const desired = { tables: [table('items', [increments(), col('qty', int())])] };
    const spy = jest.spyOn(PgConnection.prototype, 'query');
    const count = (sql: string): number => spy.mock.calls.filter(([text]) => text === sql).length;
    const introspections = (): number => Math.min(...INTROSPECTION_QUERIES.map(count));
    try {
      await migrate({ adapter, url: pg.db.url, schema: desired, confirm: () => true });
      expect({ introspections: introspections(), fingerprints: count(FINGERPRINT_QUERY), locks: count(LOCK_QUERY) }).toEqual({ introspections: 2, fingerprints: 2, locks: 1 });
      spy.mockClear();
      const again = await migrate({ adapter, url: pg.db.url, schema: desired, confirm: () => true });
      expect(again.plan.operations).toEqual([]);
      expect({ introspections: introspections(), fingerprints: count(FINGERPRINT_QUERY), locks: count(LOCK_QUERY) }).toEqual({ introspections: 1, fingerprints: 1, locks: 0 });
      expect(spy.mock.calls.filter(([text]) => INTROSPECTION_QUERIES.includes(text as (typeof INTROSPECTION_QUERIES)[number]))).toHaveLength(INTROSPECTION_QUERIES.length);
    } finally {
      spy.mockRestore();
    }
  });
});
