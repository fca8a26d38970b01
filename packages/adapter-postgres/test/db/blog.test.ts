/**
 * Acceptance 1 and 2: the blog schema onto an empty database, a second plan
 * empty, and a CASCADE → SET NULL change as exactly one drop + one add.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { computePlan, migrate, plan } from '@odac/core';
import adapter from '../../src/index.js';
import { blogSchema, useDatabase } from '../helpers.js';

describeWithServer('postgres', 'postgres: blog schema', (server) => {
  const pg = useDatabase(server, 'all');

  const fkDefinition = async (table: string, name: string): Promise<string | undefined> => {
    const rows = await pg.client.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2`,
      [table, name],
    );
    return rows[0]?.def;
  };

  it('migrates onto an empty database and converges', async () => {
    const result = await migrate({ adapter, url: pg.db.url, schema: blogSchema() });
    expect(result.performed).toBe(true);
    expect(result.applied.length).toBeGreaterThan(0);
    expect(result.remaining).toEqual([]);
    const again = await plan({ adapter, url: pg.db.url, schema: blogSchema() });
    expect(again.plan.operations).toEqual([]);
    expect(again.statements).toEqual([]);
    // What `psql \d posts` prints under "Foreign-key constraints".
    expect(await fkDefinition('posts', 'fk_posts_user_id')).toBe('FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE');
  });

  it('changes onDelete to SET NULL as one drop and one add of that constraint, rows untouched', async () => {
    await pg.client.exec(`INSERT INTO users (email, name) VALUES ('a@x', 'A'), ('b@x', 'B')`);
    await pg.client.exec(`INSERT INTO posts (title, user_id) VALUES ('one', 1), ('two', 2), ('three', NULL)`);
    const before = await pg.client.select('posts', ['id']);

    const preview = await plan({ adapter, url: pg.db.url, schema: blogSchema('SET NULL') });
    expect(preview.plan.operations.map((o) => [o.kind, o.table, 'foreignKey' in o ? o.foreignKey.name : ''])).toEqual([
      ['dropForeignKey', 'posts', 'fk_posts_user_id'],
      ['addForeignKey', 'posts', 'fk_posts_user_id'],
    ]);
    // Both run inside the one migration transaction.
    expect(preview.statements.map((s) => [s.sql, s.transactional])).toEqual([
      ['ALTER TABLE "posts" DROP CONSTRAINT "fk_posts_user_id"', true],
      ['ALTER TABLE "posts" ADD CONSTRAINT "fk_posts_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE CASCADE ON DELETE SET NULL', true],
    ]);

    const result = await migrate({ adapter, url: pg.db.url, schema: blogSchema('SET NULL') });
    expect(result.applied).toHaveLength(2);
    expect(result.remaining).toEqual([]);
    expect(await pg.client.select('posts', ['id'])).toEqual(before);
    expect(await fkDefinition('posts', 'fk_posts_user_id')).toBe('FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE SET NULL');

    const conn = await adapter.connect(pg.db.url);
    try {
      expect(computePlan(adapter, await conn.introspect(), blogSchema('SET NULL')).plan.operations).toEqual([]);
    } finally {
      await conn.close();
    }
    // The new action is in force.
    await pg.client.exec('DELETE FROM users WHERE id = 1');
    expect((await pg.client.select('posts', ['id'])).map((r) => r['user_id'])).toEqual([null, 2, null]);
  });
});
