/**
 * `--online`: ALTER TABLE asks for ALGORITHM=INPLACE, LOCK=NONE; where the
 * server cannot (a column type change), the statement runs again without
 * them and a warning says so.
 */
import { computePlan, migrate, plan, type Schema } from '@odac/core';
import adapter, { ONLINE_SUFFIX, type MysqlConnection } from '@odac/adapter-mysql';
import { blogSchema } from '../support/blog.js';
import { withTestDatabase } from '../support/db.js';
import { seedBlog, seededSnapshot } from '../support/seed.js';

const edit = (fn: (name: string) => ((t: Schema['tables'][number]) => Schema['tables'][number]) | undefined): Schema => ({
  tables: blogSchema().tables.map((t) => fn(t.name)?.(t) ?? t),
});

/** Registers the tests; `serverUrl` gives the server's URL inside tests. */
export function onlineSuite(serverUrl: () => string): void {
  it('adds an index in place without locking, and falls back with a warning for a type change', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema() });
      await seedBlog(url);
      const before = await seededSnapshot(url);
      const target = edit((name) => {
        if (name === 'tags') return (t) => ({ ...t, indexes: [...t.indexes, { columns: ['label'], unique: false }] });
        if (name === 'post_tags') return (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'position' ? { ...c, type: { kind: 'integer' as const, size: 'big' as const } } : c)) });
        return undefined;
      });
      const conn = (await adapter.connect(url)) as MysqlConnection;
      try {
        const { statements } = computePlan(adapter, await conn.introspect(), target, { emit: { online: true } });
        expect(statements.map((s) => s.sql)).toEqual([
          'ALTER TABLE `post_tags` MODIFY COLUMN `position` bigint NOT NULL DEFAULT 0' + ONLINE_SUFFIX,
          'ALTER TABLE `tags` ADD INDEX `idx_tags_label` (`label`)' + ONLINE_SUFFIX,
        ]);
        const result = await conn.apply(statements);
        expect(result.executed.map((s) => s.sql)).toEqual([
          'ALTER TABLE `post_tags` MODIFY COLUMN `position` bigint NOT NULL DEFAULT 0',
          'ALTER TABLE `tags` ADD INDEX `idx_tags_label` (`label`)' + ONLINE_SUFFIX,
        ]);
        expect(result.warnings).toHaveLength(1);
        expect(result.warnings[0]).toMatch(/^ALTER TABLE `post_tags` MODIFY COLUMN .*: the server cannot do this change in place/);
      } finally {
        await conn.close();
      }
      expect((await plan({ adapter, url, schema: target })).plan.operations).toEqual([]);
      expect(await seededSnapshot(url)).toEqual(before);
    });
  });
}
