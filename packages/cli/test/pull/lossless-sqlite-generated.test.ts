/**
 * Generated columns survive pull on SQLite (issue 10): virtual (`AS (…)`,
 * SQLite's default form) and stored, NOT NULL, with an index on one. Built
 * with SQLite's own SQL, pulled, migrated from the pulled files into an
 * empty database and compared with the independent catalog dump (the
 * pragma's `hidden` 2/3 and the expression from the CREATE TABLE text); the
 * second plan is empty.
 */
import { sqliteKind } from '../support/databases.js';
import { sqliteCatalogDump, type SqliteCatalogDump } from '../support/sqlite-catalog.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

const kind = sqliteKind();

test('virtual and stored generated columns are pulled and rebuilt', async () => {
  const sql = `
    CREATE TABLE items (
      id INTEGER PRIMARY KEY,
      price INTEGER NOT NULL,
      qty INTEGER NOT NULL,
      name TEXT,
      total INTEGER AS (price * qty),
      label TEXT GENERATED ALWAYS AS (upper(name) || '#' || id) STORED,
      half REAL GENERATED ALWAYS AS (qty / 2.0) VIRTUAL NOT NULL
    );
    CREATE INDEX items_label ON items (label);`;
  const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], sqliteCatalogDump);
  expectCleanRoundTrip(trip, kind.adapter);
  const dump = trip.dumps?.y as SqliteCatalogDump;
  expect(dump.columns.filter((c) => c['generated'] !== null).map((c) => [c['name'], c['hidden'], c['generated'], c['notnull']])).toEqual([
    ['total', 2, 'price * qty', 0],
    ['label', 3, "upper(name) || '#' || id", 0],
    ['half', 2, 'qty / 2.0', 1],
  ]);
  expect(trip.files['items.js']).toContain("generated: { expression: 'price * qty', stored: false }");
  expect(trip.files['items.js']).toContain("generated: \"upper(name) || '#' || id\"");
});
