/** Rows for the blog schema, and a snapshot of every table for "no row lost" checks. */
import type { Row } from '@odac/adapter-testkit';
import { openTestClient } from './db.js';

export const blogRows: Readonly<Record<string, readonly Row[]>> = {
  users: [
    { id: 1, email: 'ada@example.com', name: 'Ada', role: 'admin' },
    { id: 2, email: 'bob@example.com', name: 'Bob', role: 'author' },
  ],
  posts: [
    { id: 1, title: 'Hello', content: 'First post', user_id: 1 },
    { id: 2, title: 'Again', content: 'Second post', user_id: 2 },
    { id: 3, title: 'Orphan-free', content: null, user_id: null },
  ],
  comments: [
    { id: 1, post_id: 1, user_id: 2, parent_id: null, body: 'Nice' },
    { id: 2, post_id: 1, user_id: 1, parent_id: 1, body: 'Thanks' },
    { id: 3, post_id: 2, user_id: null, parent_id: null, body: 'Anonymous' },
  ],
  tags: [
    { id: 1, slug: 'intro', label: 'Intro' },
    { id: 2, slug: 'meta', label: 'Meta' },
  ],
  post_tags: [
    { post_id: 1, tag_id: 1, position: 0 },
    { post_id: 1, tag_id: 2, position: 1 },
    { post_id: 2, tag_id: 2, position: 0 },
  ],
};

/** Parents first. */
export const BLOG_TABLES = ['users', 'posts', 'comments', 'tags', 'post_tags'] as const;

export async function seedBlog(url: string): Promise<void> {
  const client = await openTestClient(url);
  try {
    for (const t of BLOG_TABLES) await client.insert(t, blogRows[t] ?? []);
  } finally {
    await client.close();
  }
}

/** Every row of the given tables, restricted to the columns the seed set, as sorted JSON lines. */
export async function seededSnapshot(url: string): Promise<Record<string, string[]>> {
  const client = await openTestClient(url);
  try {
    const out: Record<string, string[]> = {};
    for (const t of BLOG_TABLES) {
      const columns = Object.keys(blogRows[t]?.[0] ?? {});
      const rows = await client.select(t);
      // A widened integer column may come back as text (bigint): compare values, not spellings.
      const value = (v: unknown): unknown => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : (v ?? null));
      out[t] = rows.map((r) => JSON.stringify(columns.map((c) => value(r[c])))).sort();
    }
    return out;
  } finally {
    await client.close();
  }
}
