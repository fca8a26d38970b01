/**
 * Acceptance: `odac pull` round trip on PostgreSQL, for the blog example
 * (built by migrate) and for a hand-written 23-table schema: the source and
 * the copy migrated from the pulled files introspect identically.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeWithServer } from '@odac/adapter-testkit';
import { importerWith } from '../helpers/importer.js';
import { runCli } from '../helpers/streams.js';
import { postgresKind } from '../support/databases.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

const BLOG = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'blog', 'schema');
const WIDE = readFileSync(path.join(__dirname, '..', 'fixtures', 'wide-postgres.sql'), 'utf8');

describeWithServer('postgres', 'pull round trip on PostgreSQL', (server) => {
  const kind = postgresKind(() => server.url());
  const migrateBlog = async (url: string): Promise<void> => {
    const r = await runCli(['migrate', '--url', url, '--schema', BLOG], { importModule: importerWith({ [kind.module]: { default: kind.adapter } }) });
    expect(r.code).toBe(0);
  // A piped migrate prints one progress line per table on stderr; nothing else.
  expect(r.stderr.split('\n').filter((line) => line !== '' && !/^\[\d+\/\d+ [\d.]+s\] /.test(line))).toEqual([]);
  };

  test('the blog example, built by migrate', async () => {
    expectCleanRoundTrip(await pullRoundTrip(kind, migrateBlog), kind.adapter);
  });

  test('foreign keys that are DEFERRABLE, INITIALLY DEFERRED or MATCH FULL (issue #3)', async () => {
    const sql = `
      CREATE TABLE users (id integer PRIMARY KEY, org integer NOT NULL, team integer NOT NULL, UNIQUE (org, team));
      CREATE TABLE members (
        id integer PRIMARY KEY,
        user_id integer REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        mentor_id integer REFERENCES users (id) DEFERRABLE,
        org integer, team integer,
        CONSTRAINT members_team_fk FOREIGN KEY (org, team) REFERENCES users (org, team) MATCH FULL
      );`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql));
    expectCleanRoundTrip(trip, kind.adapter);
    const members = trip.y.tables.find((t) => t.name === 'members');
    expect(members?.foreignKeys.map((k) => [k.columns.join(','), k.deferrable ?? 'not deferrable', k.match ?? 'simple'])).toEqual([
      ['mentor_id', 'immediate', 'simple'],
      ['org,team', 'not deferrable', 'full'],
      ['user_id', 'deferred', 'simple'],
    ]);
    expect(trip.files['members.js']).toContain("deferrable: 'deferred'");
    expect(trip.files['members.js']).toContain("match: 'full'");
  });

  test('a hand-written schema of 23 tables with every type and foreign key action', async () => {
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, WIDE), ['--ts']);
    expectCleanRoundTrip(trip, kind.adapter);
    expect(trip.x.tables).toHaveLength(23);
    const actions = new Set(trip.x.tables.flatMap((t) => t.foreignKeys.flatMap((k) => [`delete ${k.onDelete}`, `update ${k.onUpdate}`])));
    for (const a of ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION']) {
      expect(actions).toContain(`delete ${a}`);
      expect(actions).toContain(`update ${a}`);
    }
  });
});
