/**
 * Apply on a real SQL Server: one transaction, a failing statement leaves
 * the schema exactly as it was, introspection runs a fixed number of
 * queries, defaults and enum values change in place.
 *
 * Runs only with ODAC_TEST_MSSQL_URL; never run in this repository's CI.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { col, schema, table } from '@odac/adapter-testkit';
import { ApplyError, migrate, type Statement } from '@odac/core';
import adapter, { MssqlConnection } from '@odac/adapter-mssql';
import { blogSchema } from '../support/blog.js';
import { query, withTestDatabase } from '../support/db.js';

const statement = (sql: string, table?: string): Statement => ({ sql, transactional: true, ...(table ? { table } : {}) });

describeWithServer('mssql', 'adapter-mssql: apply', (server) => {
  it('rolls back every statement when one fails, and names it with the server message', async () => {
    await withTestDatabase(server.url(), async (url) => {
      await migrate({ adapter, url, schema: schema(table('kept', [col.increments('id')])) });
      const conn = await adapter.connect(url);
      try {
        const before = await conn.introspect();
        let error: unknown;
        try {
          await conn.apply([
            statement('CREATE TABLE [fresh] ([id] int NOT NULL)', 'fresh'),
            statement('ALTER TABLE [kept] ADD [extra] int NULL', 'kept'),
            statement('ALTER TABLE [missing] ADD [x] int NULL', 'missing'),
          ]);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ApplyError);
        const applyError = error as ApplyError;
        expect(applyError.rolledBack).toBe(true);
        expect(applyError.statement?.sql).toBe('ALTER TABLE [missing] ADD [x] int NULL');
        expect(applyError.message).toContain('Statement 3 of 3 on table "missing"');
        expect(applyError.message).toMatch(/missing/);
        expect(await conn.introspect()).toEqual(before);
      } finally {
        await conn.close();
      }
    });
  });

  it('introspects in six queries whatever the number of tables', async () => {
    await withTestDatabase(server.url(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema() });
      const conn = (await adapter.connect(url)) as MssqlConnection;
      try {
        const spy = jest.spyOn(conn, 'query');
        const schemaRead = await conn.introspect();
        expect(schemaRead.tables.map((t) => t.name)).toEqual(['comments', 'post_tags', 'posts', 'tags', 'users']);
        expect(spy).toHaveBeenCalledTimes(6);
      } finally {
        await conn.close();
      }
    });
  });

  it('changes a default, adds an enum value and widens an indexed key column in place, keeping rows', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const orders = (values: string[], stockDefault: number, big: boolean) =>
        schema(
          table('orders', [
            big ? col.bigIncrements('id') : col.increments('id'),
            col.enum('status', values, { nullable: false, default: 'pending' }),
            col.integer('stock', { nullable: false, default: stockDefault }),
          ]),
        );
      await migrate({ adapter, url, schema: orders(['pending', 'paid'], 0, false) });
      await query(url, "INSERT INTO [orders] ([status], [stock]) VALUES (N'paid', 3), (N'pending', 4)");
      const result = await migrate({ adapter, url, schema: orders(['pending', 'paid', 'refunded'], 10, true) });
      expect(result.remaining).toEqual([]);
      await query(url, "INSERT INTO [orders] ([status]) VALUES (N'refunded')");
      expect(await query(url, 'SELECT [id], [status], [stock] FROM [orders] ORDER BY [id]')).toEqual([
        { id: '1', status: 'paid', stock: 3 },
        { id: '2', status: 'pending', stock: 4 },
        { id: '3', status: 'refunded', stock: 10 },
      ]);
      await expect(query(url, "INSERT INTO [orders] ([status]) VALUES (N'lost')")).rejects.toThrow(/CHECK/);
    });
  });
});
