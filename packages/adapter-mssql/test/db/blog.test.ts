/**
 * The blog on a real SQL Server: migrates onto an empty database, the second
 * run plans nothing and introspection equals normalize(desired); CASCADE →
 * SET NULL replaces one key, keeps every row, and the next plan is empty.
 *
 * Runs only with ODAC_TEST_MSSQL_URL; never run in this repository's CI.
 */
import { describeWithServer, schemaDifferences } from '@odac/adapter-testkit';
import { migrate, plan } from '@odac/core';
import adapter from '@odac/adapter-mssql';
import { blogSchema, seedBlog, seededSnapshot } from '../support/blog.js';
import { query, withTestDatabase } from '../support/db.js';

describeWithServer('mssql', 'adapter-mssql: blog', (server) => {
  it('migrates onto an empty database, then plans zero operations and introspects as normalized', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const first = await migrate({ adapter, url, schema: blogSchema() });
      expect(first.applied.length).toBeGreaterThan(0);
      expect(first.remaining).toEqual([]);

      const second = await migrate({ adapter, url, schema: blogSchema() });
      expect(second.plan.operations).toEqual([]);
      expect(second.applied).toEqual([]);
      expect(schemaDifferences(second.desired, second.current)).toEqual([]);

      const keys = await query(
        url,
        "SELECT name, delete_referential_action_desc AS on_delete, update_referential_action_desc AS on_update FROM sys.foreign_keys WHERE parent_object_id = OBJECT_ID(N'[posts]')",
      );
      expect(keys).toEqual([{ name: 'fk_posts_user_id', on_delete: 'CASCADE', on_update: 'CASCADE' }]);
    });
  });

  it('changes onDelete CASCADE to SET NULL: one key replaced, rows untouched, next plan empty', async () => {
    await withTestDatabase(server.url(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema('CASCADE') });
      await seedBlog(url);
      const before = await seededSnapshot(url);

      const result = await migrate({ adapter, url, schema: blogSchema('SET NULL') });
      expect(result.applied.map((s) => s.sql)).toEqual([
        'ALTER TABLE [posts] DROP CONSTRAINT [fk_posts_user_id]',
        'ALTER TABLE [posts] ADD CONSTRAINT [fk_posts_user_id] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE SET NULL ON UPDATE CASCADE',
      ]);
      expect(result.remaining).toEqual([]);
      expect(await seededSnapshot(url)).toEqual(before);
      expect((await plan({ adapter, url, schema: blogSchema('SET NULL') })).plan.operations).toEqual([]);

      // SET NULL now applies: deleting a user keeps their posts (their comments go first: NO ACTION).
      await query(url, 'DELETE FROM [comments] WHERE [user_id] = 2; DELETE FROM [users] WHERE [id] = 2');
      expect(await query(url, 'SELECT [id], [user_id] FROM [posts] WHERE [id] IN (2, 3) ORDER BY [id]')).toEqual([
        { id: 2, user_id: null },
        { id: 3, user_id: null },
      ]);
    });
  });
});
