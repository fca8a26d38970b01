/**
 * Acceptance: `odac pull` round trip on MariaDB, for the blog example
 * (built by migrate) and for a hand-written 23-table schema: the source and
 * the copy migrated from the pulled files introspect identically.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeWithServer } from '@odac/adapter-testkit';
import { importerWith } from '../helpers/importer.js';
import { runCli } from '../helpers/streams.js';
import { mysqlKind } from '../support/databases.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

const BLOG = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'blog', 'schema');
const WIDE = readFileSync(path.join(__dirname, '..', 'fixtures', 'wide-mariadb.sql'), 'utf8');

describeWithServer('mysql', 'pull round trip on MariaDB', (server) => {
  const kind = mysqlKind(() => server.url());
  const migrateBlog = async (url: string): Promise<void> => {
    const r = await runCli(['migrate', '--url', url, '--schema', BLOG], { importModule: importerWith({ [kind.module]: { default: kind.adapter } }) });
    expect(r.code).toBe(0);
  // A piped migrate prints one progress line per table on stderr; nothing else.
  expect(r.stderr.split('\n').filter((line) => line !== '' && !/^\[\d+\/\d+ [\d.]+s\] /.test(line))).toEqual([]);
  };

  test('the blog example, built by migrate', async () => {
    expectCleanRoundTrip(await pullRoundTrip(kind, migrateBlog), kind.adapter);
  });

  test('a hand-written schema of 23 tables with every type and foreign key action InnoDB accepts', async () => {
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, WIDE), ['--ts']);
    expectCleanRoundTrip(trip, kind.adapter);
    expect(trip.x.tables).toHaveLength(23);
    const actions = new Set(trip.x.tables.flatMap((t) => t.foreignKeys.flatMap((k) => [`delete ${k.onDelete}`, `update ${k.onUpdate}`])));
    // InnoDB rejects SET DEFAULT, and NO ACTION is RESTRICT there (MariaDB reports it so).
    for (const a of ['CASCADE', 'SET NULL', 'RESTRICT']) {
      expect(actions).toContain(`delete ${a}`);
      expect(actions).toContain(`update ${a}`);
    }
  });
});
