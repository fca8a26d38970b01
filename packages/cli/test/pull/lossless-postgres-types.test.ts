/**
 * Lossless round trips of PostgreSQL column types (issue 10): columns of
 * named enum types (`CREATE TYPE mood AS ENUM …`, shared by several
 * columns, or in another schema) keep their type; serial, smallserial and identity columns that
 * are not the lone primary key stay what they are. Built with PostgreSQL's own SQL, pulled,
 * migrated from the pulled files into an empty database and compared with
 * the independent catalog dump (`pg-catalog.ts`); the second plan is empty.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { pgCatalogDump, pgRows, type CatalogDump } from '../support/pg-catalog.js';
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

  test('a column of an enum type in another schema keeps its schema-qualified type', async () => {
    const sql = `
      CREATE SCHEMA other;
      CREATE TYPE other.mood AS ENUM ('sad', 'ok');
      CREATE TABLE t (id int PRIMARY KEY, m other.mood, n other.mood NOT NULL DEFAULT 'ok');`;
    // The other schema is outside the one odac manages: the target has it, empty.
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump, (url) => kind.exec(url, 'CREATE SCHEMA other'));
    expectCleanRoundTrip(trip, kind.adapter);
    const types = Object.fromEntries((trip.dumps?.y as CatalogDump).columns.map((c) => [c['column'], c['type']]));
    expect(types).toEqual({ id: 'integer', m: 'other.mood', n: 'other.mood' });
    expect(trip.files['t.js']).toContain("typeName: 'mood', typeSchema: 'other'");
  });

  test('an enum type in another schema takes new values there; a column moves to a new type there', async () => {
    const sql = `
      CREATE SCHEMA other;
      CREATE TYPE other.mood AS ENUM ('sad', 'ok');
      CREATE TYPE mood AS ENUM ('sad', 'ok');
      CREATE TABLE t (id int PRIMARY KEY, m other.mood, n mood);
      INSERT INTO t VALUES (1, 'ok', 'sad');`;
    const enumIn = (values: string, name: string) => `{ type: 'enum', values: [${values}], typeName: '${name}', typeSchema: 'other' }`;
    const file = { 't.js': `module.exports = { columns: { id: { type: 'integer', primary: true }, m: ${enumIn("'ok', 'happy'", 'mood')}, n: ${enumIn("'sad', 'ok'", 'feeling')} } };` };
    let after: unknown;
    let second: unknown;
    const migrate = await runAgainst(kind, sql, file, 'migrate', ['--allow-destructive', '--yes'], async (url) => {
      after = await pgRows(url, `SELECT m::text AS m, n::text AS n, pg_typeof(m)::text AS mt, pg_typeof(n)::text AS nt,
        (SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'other.mood'::regtype) AS labels FROM t`);
      second = (await runAgainst({ ...kind, create: async () => ({ url, drop: async () => undefined }), exec: async () => undefined }, '', file)).stdout;
    });
    expect(migrate.code).toBe(0);
    expect(after).toEqual([{ m: 'ok', n: 'sad', mt: 'other.mood', nt: 'other.feeling', labels: ['ok', 'happy'] }]);
    expect(second).toContain('Nothing to do');
  });

  test('serial columns beside the key, two serials, smallserial keys and identity columns beside the key', async () => {
    const sql = `
      CREATE TABLE a (id int PRIMARY KEY, n serial, m bigserial);
      CREATE TABLE b (id smallserial PRIMARY KEY, note text);
      CREATE TABLE c (code text PRIMARY KEY, seq smallserial UNIQUE, gen int GENERATED ALWAYS AS IDENTITY, gd bigint GENERATED BY DEFAULT AS IDENTITY);
      CREATE TABLE d (a int, b serial, PRIMARY KEY (a, b));`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    const dump = trip.dumps?.y as CatalogDump;
    const generating = dump.columns.filter((c) => c['identity'] !== '' || String(c['default']).startsWith('nextval('));
    expect(generating.map((c) => [c['table'], c['column'], c['type'], c['identity'], c['default']])).toEqual([
      ['a', 'm', 'bigint', '', "nextval('a_m_seq'::regclass)"],
      ['a', 'n', 'integer', '', "nextval('a_n_seq'::regclass)"],
      ['b', 'id', 'smallint', '', "nextval('b_id_seq'::regclass)"],
      ['c', 'gd', 'bigint', 'd', null],
      ['c', 'gen', 'integer', 'a', null],
      ['c', 'seq', 'smallint', '', "nextval('c_seq_seq'::regclass)"],
      ['d', 'b', 'integer', '', "nextval('d_b_seq'::regclass)"],
    ]);
    expect(dump.sequences.map((q) => [q['name'], q['type'], q['table'], q['column'], q['dependency']])).toEqual([
      ['a_m_seq', 'bigint', 'a', 'm', 'a'],
      ['a_n_seq', 'integer', 'a', 'n', 'a'],
      ['b_id_seq', 'smallint', 'b', 'id', 'a'],
      ['c_gd_seq', 'bigint', 'c', 'gd', 'i'],
      ['c_gen_seq', 'integer', 'c', 'gen', 'i'],
      ['c_seq_seq', 'smallint', 'c', 'seq', 'a'],
      ['d_b_seq', 'integer', 'd', 'b', 'a'],
    ]);
    expect(trip.files['b.js']).toContain("id: { type: 'smallInteger', primary: true, identity: 'serial' }");
    expect(trip.pull.stdout).not.toContain('auto-increment');
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
