/**
 * The index MySQL requires on foreign key columns: odac's desired schema
 * includes it (no churn), drops it with the key it was made for, and keeps
 * it through an action change. Also: a key made by hand (MySQL creates the
 * index itself) matches without churn, and an int vs int unsigned key is
 * refused before anything runs.
 */
import { migrate, plan, SchemaValidationError, type Schema } from '@odac/core';
import adapter from '@odac/adapter-mysql';
import { blogSchema } from '../support/blog.js';
import { query, withTestDatabase } from '../support/db.js';

const indexesOf = async (url: string, table: string): Promise<string[]> =>
  (await query(url, 'SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [table]))
    .map((r) => String(r['name']))
    .sort();

const withoutPostsKey = (schema: Schema): Schema => ({
  tables: schema.tables.map((t) => (t.name === 'posts' ? { ...t, foreignKeys: [] } : t)),
});

/** Registers the tests; `serverUrl` gives the server's URL inside tests. */
export function foreignKeyIndexSuite(serverUrl: () => string): void {
  it('creates the key index once, keeps it through an action change, drops it with the key', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema() });
      expect(await indexesOf(url, 'posts')).toEqual(['PRIMARY', 'fk_posts_user_id'].sort());
      expect((await plan({ adapter, url, schema: blogSchema() })).plan.operations).toEqual([]);

      const change = await migrate({ adapter, url, schema: blogSchema('SET NULL') });
      expect(change.plan.operations.map((o) => o.kind)).toEqual(['dropForeignKey', 'addForeignKey']);
      expect(await indexesOf(url, 'posts')).toEqual(['PRIMARY', 'fk_posts_user_id'].sort());

      const drop = await migrate({ adapter, url, schema: withoutPostsKey(blogSchema()), allowDestructive: true });
      expect(drop.applied.map((s) => s.sql)).toEqual(['ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_user_id`', 'ALTER TABLE `posts` DROP INDEX `fk_posts_user_id`']);
      expect(await indexesOf(url, 'posts')).toEqual(['PRIMARY']);
      expect((await plan({ adapter, url, schema: withoutPostsKey(blogSchema()), allowDestructive: true })).plan.operations).toEqual([]);
    });
  });

  it('replaces the key index by a wider user index in one ALTER (MySQL would refuse to drop it alone)', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema() });
      const wider: Schema = {
        tables: blogSchema().tables.map((t) => (t.name === 'posts' ? { ...t, indexes: [{ columns: ['user_id', 'created_at'], unique: false }] } : t)),
      };
      const result = await migrate({ adapter, url, schema: wider });
      expect(result.applied.map((s) => s.sql)).toEqual([
        'ALTER TABLE `posts` DROP INDEX `fk_posts_user_id`, ADD INDEX `idx_posts_user_id_created_at` (`user_id`, `created_at`)',
      ]);
      expect(result.remaining).toEqual([]);
      expect(await indexesOf(url, 'posts')).toEqual(['PRIMARY', 'idx_posts_user_id_created_at'].sort());
    });
  });

  it('matches a key made by hand, whose index MySQL created, without churn', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: withoutPostsKey(blogSchema()), allowDestructive: true });
      await query(url, 'ALTER TABLE `posts` ADD CONSTRAINT `posts_author` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE');
      expect(await indexesOf(url, 'posts')).toEqual(['PRIMARY', 'posts_author'].sort());
      expect((await plan({ adapter, url, schema: blogSchema() })).plan.operations).toEqual([]);
    });
  });

  it('refuses int → int unsigned before running anything, naming both columns', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      const broken: Schema = {
        tables: blogSchema().tables.map((t) =>
          t.name === 'posts' ? { ...t, columns: t.columns.map((c) => (c.name === 'user_id' ? { ...c, type: { kind: 'integer' as const, size: 'regular' as const } } : c)) } : t,
        ),
      };
      await expect(migrate({ adapter, url, schema: broken })).rejects.toThrow(SchemaValidationError);
      await expect(migrate({ adapter, url, schema: broken })).rejects.toThrow(/"posts"\."user_id" is int but .*"users"\."id", is int unsigned/);
      expect(await query(url, 'SHOW TABLES')).toEqual([]);
    });
  });
}
