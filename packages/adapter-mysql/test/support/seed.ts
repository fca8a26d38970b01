/** The shared blog's rows (`blogRows`) seeded into this package's blog schema, and a snapshot of every table for "no row lost" checks. */
import { blogRows } from '@odac/adapter-testkit';
import { openTestClient } from './db.js';

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
