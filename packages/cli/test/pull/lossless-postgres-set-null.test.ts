/**
 * Issue 10 on PostgreSQL: `ON DELETE SET NULL` on a key whose column is NOT
 * NULL is accepted by PostgreSQL (a delete of a referenced row then fails),
 * so odac warns and never refuses the files: pull, migrate into an empty
 * database, and the independent catalog dumps of both are equal.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { pgCatalogDump, type CatalogDump } from '../support/pg-catalog.js';
import { expectSameIntrospection, pullRoundTrip } from '../support/round-trip.js';

describeWithServer('postgres', 'SET NULL on a NOT NULL column on PostgreSQL', (server) => {
  const kind = postgresKind(() => server.url());

  test('is a warning in plan, not a validation error; the round trip is clean', async () => {
    const sql = `
      CREATE TABLE parent (a int, b int, PRIMARY KEY (a, b));
      CREATE TABLE child (id int PRIMARY KEY, a int NOT NULL, b int, CONSTRAINT child_ab FOREIGN KEY (a, b) REFERENCES parent ON DELETE SET NULL);`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump);
    expect(trip.pull.code).toBe(0);
    expect(trip.migrate.code).toBe(0);
    // Planned nothing, with the warning (not an error) on both databases.
    for (const plan of [trip.migrate, trip.planX, trip.planY]) expect(plan.stdout).toMatch(/onDelete: 'SET NULL', but 'a' has nullable: false/);
    for (const plan of [trip.planX, trip.planY]) expect(plan.stdout).toMatch(/^Nothing to do: the database matches the schema\.\n/);
    expect(trip.dumps?.y).toEqual(trip.dumps?.x);
    expectSameIntrospection(trip.x, trip.y, kind.adapter);
    const dump = trip.dumps?.y as CatalogDump;
    expect(dump.constraints.find((c) => c['name'] === 'child_ab')?.['definition']).toBe('FOREIGN KEY (a, b) REFERENCES parent(a, b) ON DELETE SET NULL');
    expect(dump.columns.find((c) => c['table'] === 'child' && c['column'] === 'a')?.['not_null']).toBe(true);
  });
});
