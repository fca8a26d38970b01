/**
 * Lossless round trips of PostgreSQL column types (issue 10): columns of
 * named enum types (`CREATE TYPE mood AS ENUM …`, shared by several
 * columns) keep their type. Built with PostgreSQL's own SQL, pulled,
 * migrated from the pulled files into an empty database and compared with
 * the independent catalog dump (`pg-catalog.ts`); the second plan is empty.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { pgCatalogDump, type CatalogDump } from '../support/pg-catalog.js';
import { runAgainst } from '../support/plan-against.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

describeWithServer('postgres', 'lossless pull round trip of PostgreSQL types', (server) => {
  const kind = postgresKind(() => server.url());

  test('columns of named enum types, shared or not, keep their type; odac-named ones need no typeName', async () => {
    const sql = `
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      CREATE TYPE "Level" AS ENUM ('low', 'high');
      CREATE TABLE person (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'ok', other mood, lvl "Level",
        CONSTRAINT person_not_sad CHECK (mood <> 'sad'));
      CREATE TABLE pet (id int PRIMARY KEY, mood mood);
      CREATE TYPE t_status_enum AS ENUM ('draft', 'done');
      CREATE TABLE t (id int PRIMARY KEY, status t_status_enum);`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    const dump = trip.dumps?.y as CatalogDump;
    expect(dump.enums.map((e) => [e['name'], e['labels']])).toEqual([
      ['Level', ['low', 'high']],
      ['mood', ['sad', 'ok', 'happy']],
      ['t_status_enum', ['draft', 'done']],
    ]);
    expect(dump.columns.filter((c) => c['column'] !== 'id').map((c) => [c['table'], c['column'], c['type']])).toEqual([
      ['person', 'lvl', '"Level"'],
      ['person', 'mood', 'mood'],
      ['person', 'other', 'mood'],
      ['pet', 'mood', 'mood'],
      ['t', 'status', 't_status_enum'],
    ]);
    expect(trip.files['person.js']).toContain("typeName: 'mood'");
    expect(trip.files['person.js']).toContain("typeName: 'Level'");
    expect(trip.files['t.js']).not.toContain('typeName');
  });

  test('a column moved to another named enum type goes to that type, and the old one goes when unused', async () => {
    const sql = `
      CREATE TYPE mood AS ENUM ('sad', 'happy');
      CREATE TABLE person (id int PRIMARY KEY, mood mood);
      INSERT INTO person VALUES (1, 'happy');`;
    const file = `module.exports = { columns: { id: { type: 'integer', primary: true }, mood: { type: 'enum', values: ['sad', 'happy'], typeName: 'feeling' } } };`;
    let after: CatalogDump | undefined;
    const migrate = await runAgainst(kind, sql, { 'person.js': file }, 'migrate', [], async (url) => {
      after = await pgCatalogDump(url);
    });
    expect(migrate.code).toBe(0);
    expect(after?.enums.map((e) => e['name'])).toEqual(['feeling']);
    expect(after?.columns.find((c) => c['column'] === 'mood')?.['type']).toBe('feeling');
  });
});
