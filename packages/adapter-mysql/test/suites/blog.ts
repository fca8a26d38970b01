/**
 * What MySQL/MariaDB alone shows of the shared blog suite (`describeBlog`):
 * SHOW CREATE TABLE's text of posts' key, with exactly one index behind it
 * (the one odac created), before and after CASCADE → SET NULL.
 */
import * as path from 'node:path';
import type { BlogOptions } from '@odac/adapter-testkit';
import { query } from '../support/db.js';

async function showPosts(url: string): Promise<string> {
  const [row] = await query(url, 'SHOW CREATE TABLE `posts`');
  return String(row?.['Create Table']);
}

export const blogChecks: BlogOptions = {
  exampleDir: path.resolve(__dirname, '../../../../examples/blog/schema'),
  afterCreate: async (url) => {
    const ddl = await showPosts(url);
    expect(ddl).toMatch(/CONSTRAINT `fk_posts_user_id` FOREIGN KEY \(`user_id`\) REFERENCES `users` \(`id`\) ON DELETE CASCADE ON UPDATE CASCADE/);
    expect(ddl.match(/KEY `fk_posts_user_id`/g)).toHaveLength(1);
  },
  afterChange: async (url) => {
    const ddl = await showPosts(url);
    expect(ddl).toMatch(/CONSTRAINT `fk_posts_user_id` FOREIGN KEY \(`user_id`\) REFERENCES `users` \(`id`\) ON DELETE SET NULL ON UPDATE CASCADE/);
    expect(ddl.match(/KEY `fk_posts_user_id`/g)).toHaveLength(1);
  },
};
