/**
 * One migrator at a time: concurrent `migrate` calls on one database wait
 * for GET_LOCK, then find nothing left to do; a migrator that cannot get
 * the lock in time fails with APPLY.LOCK_TIMEOUT.
 */
import { migrate, OdacError, plan } from '@odac/core';
import adapter, { migratorLockName } from '@odac/adapter-mysql';
import { blogSchema } from '../support/blog.js';
import { rawConnection, withTestDatabase } from '../support/db.js';
import { evolvedBlog } from '../support/evolve.js';
import { seedBlog, seededSnapshot } from '../support/seed.js';

/** Registers the tests; `serverUrl` gives the server's URL inside tests. */
export function concurrencySuite(serverUrl: () => string): void {
  it('serializes concurrent migrators: one applies, the others find nothing to do', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema() });
      await seedBlog(url);
      const before = await seededSnapshot(url);
      const results = await Promise.all(Array.from({ length: 4 }, () => migrate({ adapter, url, schema: evolvedBlog() })));
      expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
      expect(results.every((r) => r.remaining.length === 0)).toBe(true);
      expect((await plan({ adapter, url, schema: evolvedBlog() })).plan.operations).toEqual([]);
      expect(await seededSnapshot(url)).toEqual(before);
    });
  });

  it('fails with APPLY.LOCK_TIMEOUT when another session holds the lock, and changes nothing', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      const holder = await rawConnection(url);
      try {
        const database = new URL(url).pathname.slice(1);
        await holder.query('SELECT GET_LOCK(?, 0)', [migratorLockName(database)]);
        let error: unknown;
        try {
          await migrate({ adapter, url, schema: blogSchema(), connectOptions: { migratorLockTimeoutMs: 1000 } });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(OdacError);
        expect((error as OdacError).code).toBe('APPLY.LOCK_TIMEOUT');
        expect((error as OdacError).message).toContain(database);
        const conn = await adapter.connect(url);
        try {
          expect((await conn.introspect()).tables).toEqual([]);
        } finally {
          await conn.close();
        }
      } finally {
        await holder.end();
      }
    });
  });
}
