/**
 * Lossless round trips of PostgreSQL keys and constraints (issue 10):
 * DEFERRABLE primary keys, CHECK NO INHERIT and NOT VALID, foreign keys
 * left NOT VALID and `ON DELETE SET NULL (cols)`; on PostgreSQL 18,
 * `WITHOUT OVERLAPS` keys, `PERIOD` foreign keys, `NOT ENFORCED` checks and
 * `NOT NULL … NOT VALID`. Built with PostgreSQL's
 * own SQL, pulled, migrated from the pulled files into an empty database and
 * compared with the independent catalog dump (`pg-catalog.ts`); the second
 * plan is empty on both databases.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { runAgainst } from '../support/plan-against.js';
import { pgAtLeast, pgCatalogDump, type CatalogDump } from '../support/pg-catalog.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

const definitions = (dump: CatalogDump, type: string): unknown[][] =>
  dump.constraints.filter((c) => c['type'] === type).map((c) => [c['table'], c['name'], c['definition']]);

describeWithServer('postgres', 'lossless pull round trip of PostgreSQL keys and constraints', (server) => {
  const kind = postgresKind(() => server.url());

  test('DEFERRABLE primary keys (composite, and on a serial column) stay deferrable', async () => {
    const sql = `
      CREATE TABLE d (a int, b int, CONSTRAINT d_pkey PRIMARY KEY (a, b) DEFERRABLE INITIALLY DEFERRED);
      CREATE TABLE s (id serial, name text, CONSTRAINT s_pkey PRIMARY KEY (id) DEFERRABLE);
      CREATE TABLE k (code text, CONSTRAINT k_pkey PRIMARY KEY (code) DEFERRABLE INITIALLY IMMEDIATE);
      CREATE TABLE plain (id int PRIMARY KEY);`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    expect(definitions(trip.dumps?.y as CatalogDump, 'p')).toEqual([
      ['d', 'd_pkey', 'PRIMARY KEY (a, b) DEFERRABLE INITIALLY DEFERRED'],
      ['k', 'k_pkey', 'PRIMARY KEY (code) DEFERRABLE'],
      ['plain', 'plain_pkey', 'PRIMARY KEY (id)'],
      ['s', 's_pkey', 'PRIMARY KEY (id) DEFERRABLE'],
    ]);
    expect(trip.files['d.js']).toContain("primary: { columns: ['a', 'b'], deferrable: 'deferred' }");
    expect(trip.files['s.js']).toContain("primary: { columns: ['id'], deferrable: 'immediate' }");
    expect(trip.files['plain.js']).not.toContain('deferrable');
  });

  test('CHECK NO INHERIT and NOT VALID, and a foreign key left NOT VALID, come back as they were', async () => {
    const sql = `
      CREATE TABLE parent (id int PRIMARY KEY);
      CREATE TABLE c (id int PRIMARY KEY, x int, p int,
        CONSTRAINT c_x_floor CHECK (x > -5) NO INHERIT);
      INSERT INTO c VALUES (1, -1, 7);
      ALTER TABLE c ADD CONSTRAINT c_x_positive CHECK (x > 0) NOT VALID;
      ALTER TABLE c ADD CONSTRAINT c_x_small CHECK (x < 100) NO INHERIT NOT VALID;
      ALTER TABLE c ADD CONSTRAINT c_p_fkey FOREIGN KEY (p) REFERENCES parent NOT VALID;`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    const dump = trip.dumps?.y as CatalogDump;
    expect(definitions(dump, 'c')).toEqual([
      ['c', 'c_x_floor', "CHECK ((x > '-5'::integer)) NO INHERIT"],
      ['c', 'c_x_positive', 'CHECK ((x > 0)) NOT VALID'],
      ['c', 'c_x_small', 'CHECK ((x < 100)) NO INHERIT NOT VALID'],
    ]);
    expect(definitions(dump, 'f')).toEqual([['c', 'c_p_fkey', 'FOREIGN KEY (p) REFERENCES parent(id) NOT VALID']]);
    expect(trip.files['c.js']).toContain("{ name: 'c_x_positive', expression: '(x > 0)', notValid: true }");
    expect(trip.files['c.js']).toContain('noInherit: true');
  });

  test('a check the file no longer calls NOT VALID is validated in place, never dropped', async () => {
    const sql = `
      CREATE TABLE c (id int PRIMARY KEY, x int);
      INSERT INTO c VALUES (1, 5);
      ALTER TABLE c ADD CONSTRAINT c_x_positive CHECK (x > 0) NOT VALID;`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    const edited = (trip.files['c.js'] ?? '').replace(', notValid: true', '');
    expect(edited).not.toBe(trip.files['c.js']);
    const plan = await runAgainst(kind, sql, { 'c.js': edited }, 'plan', ['--sql']);
    expect(plan.stdout).toBe('ALTER TABLE "c" VALIDATE CONSTRAINT "c_x_positive";\n');
    let after: CatalogDump | undefined;
    const migrate = await runAgainst(kind, sql, { 'c.js': edited }, 'migrate', [], async (url) => {
      after = await pgCatalogDump(url);
    });
    expect(migrate.code).toBe(0);
    expect(definitions(after as CatalogDump, 'c')).toEqual([['c', 'c_x_positive', 'CHECK ((x > 0))']]);
  });

  test('ON DELETE SET NULL (cols) and SET DEFAULT (cols) keep their column lists (PostgreSQL 15+)', async () => {
    if (!(await pgAtLeast(server.url(), 150000, 'ON DELETE SET NULL (cols)'))) return;
    const sql = `
      CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
      CREATE TABLE c (id int PRIMARY KEY, a int NOT NULL, b int, CONSTRAINT c_ab FOREIGN KEY (a, b) REFERENCES p ON DELETE SET NULL (b));
      CREATE TABLE d (id int PRIMARY KEY, a int NOT NULL, b int DEFAULT 0,
        CONSTRAINT d_ab FOREIGN KEY (a, b) REFERENCES p ON UPDATE CASCADE ON DELETE SET DEFAULT (b));
      CREATE TABLE one (id int PRIMARY KEY, a int, b int, CONSTRAINT one_ab FOREIGN KEY (a, b) REFERENCES p ON DELETE SET NULL (a, b));`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    expect(definitions(trip.dumps?.y as CatalogDump, 'f')).toEqual([
      ['c', 'c_ab', 'FOREIGN KEY (a, b) REFERENCES p(a, b) ON DELETE SET NULL (b)'],
      ['d', 'd_ab', 'FOREIGN KEY (a, b) REFERENCES p(a, b) ON UPDATE CASCADE ON DELETE SET DEFAULT (b)'],
      ['one', 'one_ab', 'FOREIGN KEY (a, b) REFERENCES p(a, b) ON DELETE SET NULL (a, b)'],
    ]);
    expect(trip.files['c.js']).toContain("onDeleteColumns: ['b']");
  });

  test('WITHOUT OVERLAPS keys, PERIOD foreign keys, NOT ENFORCED checks and keys, NOT NULL … NOT VALID (PostgreSQL 18)', async () => {
    if (!(await pgAtLeast(server.url(), 180000, 'PostgreSQL 18 temporal keys and NOT ENFORCED'))) return;
    const extension = (url: string) => kind.exec(url, 'CREATE EXTENSION IF NOT EXISTS btree_gist');
    const sql = `
      CREATE EXTENSION btree_gist;
      CREATE TABLE r (id int, valid_at daterange, name text, CONSTRAINT r_pkey PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
      CREATE TABLE u (id int PRIMARY KEY, rid int, during daterange, CONSTRAINT u_rid_during_key UNIQUE (rid, during WITHOUT OVERLAPS),
        CONSTRAINT u_r_fkey FOREIGN KEY (rid, PERIOD during) REFERENCES r (id, PERIOD valid_at));
      CREATE TABLE c (id int PRIMARY KEY, x int, y int NOT NULL, z text, CONSTRAINT c_x_positive CHECK (x > 0) NOT ENFORCED,
        CONSTRAINT c_y_fkey FOREIGN KEY (y) REFERENCES u (id) NOT ENFORCED);
      INSERT INTO c VALUES (1, NULL, 1);
      ALTER TABLE c ADD CONSTRAINT c_x_not_null NOT NULL x NOT VALID;
      ALTER TABLE c ADD CONSTRAINT z_is_set NOT NULL z NOT VALID;`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump, extension);
    expectCleanRoundTrip(trip, kind.adapter);
    const dump = trip.dumps?.y as CatalogDump;
    const shown = (table: string, name: string) => dump.constraints.find((k) => k['table'] === table && k['name'] === name)?.['definition'];
    expect(shown('r', 'r_pkey')).toBe('PRIMARY KEY (id, valid_at WITHOUT OVERLAPS)');
    expect(shown('u', 'u_rid_during_key')).toBe('UNIQUE (rid, during WITHOUT OVERLAPS)');
    expect(shown('u', 'u_r_fkey')).toBe('FOREIGN KEY (rid, PERIOD during) REFERENCES r(id, PERIOD valid_at)');
    expect(shown('c', 'c_x_positive')).toBe('CHECK ((x > 0)) NOT ENFORCED');
    expect(shown('c', 'c_x_not_null')).toBe('NOT NULL x NOT VALID');
    // A name of its own is kept; PostgreSQL's own name is not written.
    expect(shown('c', 'z_is_set')).toBe('NOT NULL z NOT VALID');
    expect(trip.files['c.js']).toContain("z: { type: 'text', notNullNotValid: true, notNullName: 'z_is_set' }");
    expect(shown('c', 'c_y_not_null')).toBe('NOT NULL y');
    expect(shown('c', 'c_y_fkey')).toBe('FOREIGN KEY (y) REFERENCES u(id) NOT ENFORCED');
    expect(trip.files['c.js']).toContain('x: { type: \'integer\', notNullNotValid: true }');
  });

  test("NOT NULL … NOT VALID takes the file's notNullName in place; a file that names none leaves the live name alone (PostgreSQL 18)", async () => {
    if (!(await pgAtLeast(server.url(), 180000, 'NOT NULL … NOT VALID'))) return;
    const sql = `
      CREATE TABLE c (id int PRIMARY KEY, z text);
      INSERT INTO c VALUES (1, NULL);
      ALTER TABLE c ADD CONSTRAINT c_z_not_null NOT NULL z NOT VALID;`;
    const file = (extra: string) => ({ 'c.js': `module.exports = { columns: { id: { type: 'integer', primary: true }, z: { type: 'text', notNullNotValid: true${extra} } } };\n` });
    const plan = await runAgainst(kind, sql, file(", notNullName: 'z_is_set'"), 'plan', ['--sql']);
    expect(plan.stdout).toBe('ALTER TABLE "c" RENAME CONSTRAINT "c_z_not_null" TO "z_is_set";\n');
    let after: CatalogDump | undefined;
    const migrate = await runAgainst(kind, sql, file(", notNullName: 'z_is_set'"), 'migrate', [], async (url) => {
      after = await pgCatalogDump(url);
    });
    expect(migrate.code).toBe(0);
    expect(after?.constraints.filter((k) => k['table'] === 'c' && String(k['definition']).endsWith('NOT VALID')).map((k) => [k['name'], k['definition']])).toEqual([['z_is_set', 'NOT NULL z NOT VALID']]);
    const renamed = sql.replace('c_z_not_null', 'z_is_set');
    expect((await runAgainst(kind, renamed, file(''), 'plan', ['--sql'])).stdout).toBe('');
  });
});
