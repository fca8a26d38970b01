/**
 * Acceptance 1 and 2 of issue #4 on a real server: the blog migrates onto
 * an empty database, a second run plans nothing, SHOW CREATE TABLE shows
 * both FK actions; CASCADE → SET NULL is one ALTER per table and phase,
 * rows untouched, next plan empty.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { migrate, plan } from '@odac/core';
import adapter from '@odac/adapter-mysql';
import { blogSchema } from '../support/blog.js';
import { query, withTestDatabase } from '../support/db.js';
import { seedBlog, seededSnapshot } from '../support/seed.js';

/** Registers the tests; `serverUrl` gives the server's URL inside tests. */
export function blogSuite(serverUrl: () => string): void {
  it('migrates onto an empty database, then plans zero operations', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      const first = await migrate({ adapter, url, schema: blogSchema() });
      expect(first.applied.length).toBeGreaterThan(0);
      expect(first.remaining).toEqual([]);

      const second = await migrate({ adapter, url, schema: blogSchema() });
      expect(second.plan.operations).toEqual([]);
      expect(second.applied).toEqual([]);

      const [row] = await query(url, 'SHOW CREATE TABLE `posts`');
      const ddl = String(row?.['Create Table']);
      expect(ddl).toMatch(/CONSTRAINT `fk_posts_user_id` FOREIGN KEY \(`user_id`\) REFERENCES `users` \(`id`\) ON DELETE CASCADE ON UPDATE CASCADE/);
      // The index that backs the key is the one odac created, not a second one.
      expect(ddl.match(/KEY `fk_posts_user_id`/g)).toHaveLength(1);
    });
  });

  it('changes onDelete CASCADE to SET NULL with one ALTER per table and phase, rows untouched, next plan empty', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema('CASCADE') });
      await seedBlog(url);
      const before = await seededSnapshot(url);

      const result = await migrate({ adapter, url, schema: blogSchema('SET NULL') });
      expect(result.applied.map((s) => s.sql)).toEqual([
        'ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_user_id`',
        'ALTER TABLE `posts` ADD CONSTRAINT `fk_posts_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL ON UPDATE CASCADE',
      ]);
      expect(result.remaining).toEqual([]);
      expect(await seededSnapshot(url)).toEqual(before);
      expect((await plan({ adapter, url, schema: blogSchema('SET NULL') })).plan.operations).toEqual([]);

      const [row] = await query(url, 'SHOW CREATE TABLE `posts`');
      expect(String(row?.['Create Table'])).toMatch(/ON DELETE SET NULL ON UPDATE CASCADE/);
      // SET NULL now applies: deleting a user keeps their posts.
      await query(url, 'DELETE FROM `users` WHERE `id` = 2');
      expect(await query(url, 'SELECT `id`, `user_id` FROM `posts` WHERE `id` = 2')).toEqual([{ id: 2, user_id: null }]);
    });
  });

  describe('the example schema files (examples/blog/schema)', () => {
    const exampleDir = path.resolve(__dirname, '../../../../examples/blog/schema');
    let work = '';
    beforeEach(() => {
      work = mkdtempSync(path.join(os.tmpdir(), 'odac-mysql-blog-'));
      cpSync(exampleDir, work, { recursive: true });
    });
    afterEach(() => rmSync(work, { recursive: true, force: true }));

    it('migrates onto an empty database; the second run plans nothing; an onDelete change is one ALTER per phase', async () => {
      await withTestDatabase(serverUrl(), async (url) => {
        const first = await migrate({ adapter, url, schemaDir: work });
        expect(first.remaining).toEqual([]);
        expect((await migrate({ adapter, url, schemaDir: work })).plan.operations).toEqual([]);
        const [row] = await query(url, 'SHOW CREATE TABLE `posts`');
        expect(String(row?.['Create Table'])).toMatch(/FOREIGN KEY \(`user_id`\) REFERENCES `users` \(`id`\) ON DELETE CASCADE ON UPDATE CASCADE/);

        await seedBlog(url);
        const before = await seededSnapshot(url);
        const posts = path.join(work, 'posts.js');
        const text = readFileSync(posts, 'utf8');
        writeFileSync(posts, text.replace("onDelete: 'CASCADE'", "onDelete: 'SET NULL'"));
        const change = await migrate({ adapter, url, schemaDir: work });
        expect(change.applied.map((s) => s.table)).toEqual(['posts', 'posts']);
        expect(change.applied.map((s) => s.sql.split(' ').slice(0, 4).join(' '))).toEqual(['ALTER TABLE `posts` DROP', 'ALTER TABLE `posts` ADD']);
        expect(change.remaining).toEqual([]);
        expect(await seededSnapshot(url)).toEqual(before);
        expect((await plan({ adapter, url, schemaDir: work })).plan.operations).toEqual([]);
      });
    });
  });
}
