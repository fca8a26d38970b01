/**
 * Issue 10: two (or more) foreign keys on the same columns and target, with
 * other actions or only other names, which PostgreSQL, MariaDB and SQLite
 * all accept. Built with each database's own SQL, pulled (at most one of them
 * as the column's `references` shorthand, the others in `foreignKeys`),
 * migrated into an empty database, judged by the independent catalog dump;
 * the second plan is empty on both databases.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind, postgresKind, sqliteKind, type DatabaseKind } from '../support/databases.js';
import { mysqlCatalogDump, type MysqlCatalogDump } from '../support/mysql-catalog.js';
import { pgCatalogDump, type CatalogDump } from '../support/pg-catalog.js';
import { expectCleanRoundTrip, pullRoundTrip, type RoundTrip } from '../support/round-trip.js';
import { sqliteCatalogDump, type SqliteCatalogDump } from '../support/sqlite-catalog.js';

/**
 * `child`: a key named as odac would name it (pulled as shorthand), its
 * sibling with ON DELETE SET NULL and one with ON UPDATE CASCADE. `dup`: two
 * keys that differ only by name. In the order odac writes them, so SQLite's
 * key list (which has no names) compares in order.
 */
const key = (name: string, actions = ''): string => `CONSTRAINT ${name} FOREIGN KEY (parent_id) REFERENCES parent (id) ${actions}`;
const SQL = `
  CREATE TABLE parent (id integer PRIMARY KEY);
  CREATE TABLE child (id integer PRIMARY KEY, parent_id integer,
    ${key('fk_child_parent_id', 'ON DELETE CASCADE')}, ${key('child_upd', 'ON UPDATE CASCADE')}, ${key('fk_child_parent_id_2', 'ON DELETE SET NULL')});
  CREATE TABLE dup (id integer PRIMARY KEY, parent_id integer, ${key('dup_again')}, ${key('fk_dup_parent_id')});`;

/** The round trip, and what the pulled files say about the keys. */
async function roundTrip(kind: DatabaseKind, dump: (url: string) => Promise<unknown>): Promise<RoundTrip> {
  const t = await pullRoundTrip(kind, (url) => kind.exec(url, SQL), [], dump);
  expectCleanRoundTrip(t, kind.adapter);
  // One key on the column, the others in the table's list; a name only where odac would not make it up.
  expect(t.files['child.js']).toMatch(/parent_id: \{[^}]*references: 'parent\.id',\s*onDelete: 'CASCADE'/);
  expect(t.files['child.js']).toContain("name: 'fk_child_parent_id_2'");
  expect(t.files['child.js']).toContain("name: 'child_upd'");
  // Two keys of one meaning keep both names, or the file would load them back as one.
  expect(t.files['dup.js']).toContain("name: 'fk_dup_parent_id'");
  expect(t.files['dup.js']).toContain("name: 'dup_again'");
  expect(t.y.tables.find((x) => x.name === 'child')?.foreignKeys.map((k) => [k.name, k.onDelete, k.onUpdate])).toEqual([
    ['fk_child_parent_id', 'CASCADE', kind.adapter.name === 'mysql' ? 'RESTRICT' : 'NO ACTION'],
    ['child_upd', kind.adapter.name === 'mysql' ? 'RESTRICT' : 'NO ACTION', 'CASCADE'],
    ['fk_child_parent_id_2', 'SET NULL', kind.adapter.name === 'mysql' ? 'RESTRICT' : 'NO ACTION'],
  ]);
  return t;
}

const fkNames = (rows: readonly Record<string, unknown>[] | undefined, kindOf: (r: Record<string, unknown>) => boolean): unknown[] =>
  (rows ?? []).filter(kindOf).map((r) => [r['table'], r['name']]);
const NAMES = [
  ['child', 'child_upd'],
  ['child', 'fk_child_parent_id'],
  ['child', 'fk_child_parent_id_2'],
  ['dup', 'dup_again'],
  ['dup', 'fk_dup_parent_id'],
];

describeWithServer('postgres', 'foreign keys on the same columns on PostgreSQL', (server) => {
  const kind = postgresKind(() => server.url());
  test('survive pull → migrate into an empty database, each under its own name', async () => {
    const t = await roundTrip(kind, pgCatalogDump);
    expect(fkNames((t.dumps?.y as CatalogDump).constraints, (r) => r['type'] === 'f')).toEqual(NAMES);
  });
});

describeWithServer('mysql', 'foreign keys on the same columns on MariaDB', (server) => {
  const kind = mysqlKind(() => server.url());
  test('survive pull → migrate into an empty database, each under its own name', async () => {
    const t = await roundTrip(kind, mysqlCatalogDump);
    expect(fkNames((t.dumps?.y as MysqlCatalogDump).constraints, (r) => r['type'] === 'FOREIGN KEY')).toEqual(NAMES);
  });
});

describe('foreign keys on the same columns on SQLite', () => {
  test('survive pull → migrate into an empty database', async () => {
    const t = await roundTrip(sqliteKind(), sqliteCatalogDump);
    // The pragma has no names; its `table` is the referenced one.
    const keys = (t.dumps?.y as SqliteCatalogDump).foreignKeys.map((k) => [k['from'], k['on_delete'], k['on_update']]);
    expect(keys).toHaveLength(5);
    expect(keys).toEqual(expect.arrayContaining([['parent_id', 'SET NULL', 'NO ACTION'], ['parent_id', 'NO ACTION', 'CASCADE'], ['parent_id', 'CASCADE', 'NO ACTION']]));
  });
});
