/**
 * One migrator at a time on a real SQL Server: concurrent `migrate` calls
 * queue on sp_getapplock and then find nothing left to do; a migrator that
 * cannot get the lock in time fails with APPLY.LOCK_TIMEOUT.
 *
 * Runs only with ODAC_TEST_MSSQL_URL; never run in this repository's CI.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { migrate, OdacError, plan } from '@odac/core';
import adapter, { migratorLockResource } from '@odac/adapter-mssql';
import { blogSchema } from '../support/blog.js';
import { rawClient, withTestDatabase } from '../support/db.js';

describeWithServer('mssql', 'adapter-mssql: concurrent migrators', (server) => {
  it('serializes concurrent migrators: one applies, the others find nothing to do', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const results = await Promise.all(Array.from({ length: 4 }, () => migrate({ adapter, url, schema: blogSchema() })));
      expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
      expect(results.every((r) => r.remaining.length === 0)).toBe(true);
      expect((await plan({ adapter, url, schema: blogSchema() })).plan.operations).toEqual([]);
    });
  });

  it('fails with APPLY.LOCK_TIMEOUT while another session holds the lock, and changes nothing', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const holder = await rawClient(url);
      try {
        const database = decodeURIComponent(new URL(url).pathname.slice(1));
        const [row] = await holder.query<{ result: number }>(
          "DECLARE @r int; EXEC @r = sys.sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @r AS result",
          { resource: migratorLockResource(database) },
        );
        expect(row?.result).toBe(0);
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
        await holder.close();
      }
    });
  });
});
