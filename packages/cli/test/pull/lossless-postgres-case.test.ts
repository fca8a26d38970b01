/**
 * Quoted names that differ only in case on PostgreSQL (issue 10): `"Users"`
 * and `users` are two tables, `"Email"` and `email` two columns. They load,
 * validate, migrate and pull; pull never writes two files whose names
 * differ only in case (a case-insensitive file system would make them one),
 * the second one says its table with `table`. Compared with the independent
 * catalog dump (`pg-catalog.ts`); the second plan is empty.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { pgCatalogDump, type CatalogDump } from '../support/pg-catalog.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

describeWithServer('postgres', 'names differing only in case on PostgreSQL', (server) => {
  const kind = postgresKind(() => server.url());

  test('"Users" and users, "Email" and email are distinct and survive the round trip', async () => {
    const sql = `
      CREATE TABLE "Users" (id serial PRIMARY KEY, "Email" text, email text UNIQUE, "E" int NOT NULL, e int DEFAULT 1);
      CREATE TABLE users (id int PRIMARY KEY, "userId" int REFERENCES "Users" (id), userid int REFERENCES users (id));
      CREATE INDEX "Users_Email_idx" ON "Users" ("Email");
      CREATE INDEX users_email_idx ON "Users" (email);`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], pgCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    const dump = trip.dumps?.y as CatalogDump;
    expect(dump.columns.map((c) => [c['table'], c['column'], c['not_null']])).toEqual([
      ['Users', 'E', true],
      ['Users', 'Email', false],
      ['Users', 'e', false],
      ['Users', 'email', false],
      ['Users', 'id', true],
      ['users', 'id', true],
      ['users', 'userId', false],
      ['users', 'userid', false],
    ]);
    expect(dump.constraints.filter((c) => c['type'] === 'f').map((c) => c['definition'])).toEqual([
      'FOREIGN KEY ("userId") REFERENCES "Users"(id)',
      'FOREIGN KEY (userid) REFERENCES users(id)',
    ]);
    // Two files whose names differ in more than case; the second names its table.
    expect(Object.keys(trip.files).sort()).toEqual(['Users.js', 'users_2.js']);
    expect(trip.files['users_2.js']).toContain("table: 'users'");
  });
});
