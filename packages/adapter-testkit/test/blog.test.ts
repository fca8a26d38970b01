/**
 * The shared blog's data is valid, and its change check tells one drop and
 * one add of posts' key (or one rebuild of posts) from anything else.
 */
import { computePlan, defaultCapabilities, type DriverAdapter, type MigrateResult } from '@odac/core';
import { blogCreate, blogPostsUserSetNull, schemaProblems, seedProblems, setNullChangeProblems } from '../src/index.js';
import { memoryAdapter, sqliteLikeCapabilities } from './support/memory-adapter.js';

const change = (adapter: DriverAdapter): MigrateResult => {
  const planned = computePlan(adapter, adapter.normalize(blogPostsUserSetNull.from), blogPostsUserSetNull.to);
  return { ...planned, applied: planned.statements, performed: true, remaining: [], warnings: [] };
};

describe('the shared blog', () => {
  it('is valid data, seeded parents first', () => {
    for (const s of [blogCreate, blogPostsUserSetNull]) {
      expect(schemaProblems(s.to)).toEqual([]);
      expect(seedProblems(s.from, s.seed ?? {})).toEqual([]);
    }
    expect(Object.keys(blogPostsUserSetNull.seed ?? {})).toEqual(['users', 'posts', 'comments', 'tags', 'post_tags']);
  });

  it('accepts one drop and one add of the key, or one rebuild of posts where keys cannot be altered', () => {
    const inPlace = memoryAdapter('memory');
    const rebuild = memoryAdapter('memory-rebuild', sqliteLikeCapabilities);
    expect(defaultCapabilities.alterForeignKey && !sqliteLikeCapabilities.alterForeignKey).toBe(true);
    expect(setNullChangeProblems({ adapter: inPlace }, change(inPlace))).toEqual([]);
    expect(setNullChangeProblems({ adapter: rebuild }, change(rebuild))).toEqual([]);
    // A rebuild where the key could be altered in place, and a statement on another table, are both reported.
    const rebuilt = change(rebuild);
    const problems = setNullChangeProblems({ adapter: inPlace }, { ...rebuilt, statements: [...rebuilt.statements, { sql: 'x', kind: 'other', hazards: [], transactional: true, table: 'users' }] });
    expect(problems).toEqual([
      'expected the plan [dropForeignKey posts user_id; addForeignKey posts user_id], got [rebuildTable posts]',
      'a statement acts on "users", not posts: x',
    ]);
  });
});
