/**
 * Acceptance: `odac pull` round trip on SQLite, for the blog example (built
 * by migrate) and for a hand-written 23-table schema: the source and the copy
 * migrated from the pulled files introspect identically.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importerWith } from '../helpers/importer.js';
import { runCli } from '../helpers/streams.js';
import { sqliteKind } from '../support/databases.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

const kind = sqliteKind();
const BLOG = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'blog', 'schema');
const WIDE = readFileSync(path.join(__dirname, '..', 'fixtures', 'wide-sqlite.sql'), 'utf8');

async function migrateBlog(url: string): Promise<void> {
  const r = await runCli(['migrate', '--url', url, '--schema', BLOG], { importModule: importerWith({ [kind.module]: { default: kind.adapter } }) });
  expect(r.code).toBe(0);
  // A piped migrate prints one progress line per table on stderr; nothing else.
  expect(r.stderr.split('\n').filter((line) => line !== '' && !/^\[\d+\/\d+ [\d.]+s\] /.test(line))).toEqual([]);
}

describe('pull round trip on SQLite', () => {
  test('the blog example, built by migrate', async () => {
    const trip = await pullRoundTrip(kind, migrateBlog);
    expectCleanRoundTrip(trip, kind.adapter);
    expect(Object.keys(trip.files).sort()).toEqual(['comments.js', 'post_tags.js', 'posts.js', 'tags.js', 'users.js']);
  });

  test('the blog example as TypeScript files', async () => {
    const trip = await pullRoundTrip(kind, migrateBlog, ['--ts']);
    expectCleanRoundTrip(trip, kind.adapter);
    expect(trip.files['users.ts']).toMatch(/^import \{ defineTable \} from '@odac\/core';/);
  });

  test('a hand-written schema of 23 tables with every type and foreign key action', async () => {
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, WIDE));
    expectCleanRoundTrip(trip, kind.adapter);
    expect(trip.x.tables).toHaveLength(23);
    const actions = new Set(trip.x.tables.flatMap((t) => t.foreignKeys.flatMap((k) => [`delete ${k.onDelete}`, `update ${k.onUpdate}`])));
    for (const a of ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION']) {
      expect(actions).toContain(`delete ${a}`);
      expect(actions).toContain(`update ${a}`);
    }
    expect(trip.files['weird_table.js']).toContain("table: 'weird table',");
  });
});
