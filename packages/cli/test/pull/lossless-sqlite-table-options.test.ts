/**
 * SQLite `STRICT` and `WITHOUT ROWID` tables (issue 10): built with SQLite's
 * own SQL, pulled (`sqlite: { strict, withoutRowid }`), migrated into an
 * empty database, judged by the independent catalog dump (`pragma
 * table_list`'s `strict` and `wr`); the second plan is empty. Changing
 * either rebuilds the table, keeping its rows.
 */
import { sqliteKind } from '../support/databases.js';
import { runAgainst } from '../support/plan-against.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';
import { sqliteCatalogDump, sqliteRows, type SqliteCatalogDump } from '../support/sqlite-catalog.js';

const kind = sqliteKind();
const NOTHING = { code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' };

const flags = (dump: SqliteCatalogDump | undefined): unknown[] => (dump?.tables ?? []).map((t) => [t['name'], t['strict'], t['wr']]);

describe('SQLite STRICT and WITHOUT ROWID tables', () => {
  test('survive pull → migrate into an empty database, by the catalog dump', async () => {
    const t = await pullRoundTrip(
      kind,
      (url) =>
        kind.exec(url, `
          CREATE TABLE s (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, data BLOB, n INTEGER) STRICT;
          CREATE TABLE w (k TEXT NOT NULL PRIMARY KEY, v INTEGER) WITHOUT ROWID;
          CREATE TABLE sw (a INTEGER NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) STRICT, WITHOUT ROWID;
          CREATE TABLE plain (id INTEGER PRIMARY KEY, x TEXT);`),
      [],
      sqliteCatalogDump,
    );
    expectCleanRoundTrip(t, kind.adapter);
    expect(t.files['sw.js']).toContain('sqlite: { strict: true, withoutRowid: true }');
    expect(t.files['plain.js']).not.toContain('sqlite');
    expect(flags(t.dumps?.y as SqliteCatalogDump)).toEqual([
      ['plain', 0, 0],
      ['s', 1, 0],
      ['sw', 1, 1],
      ['w', 0, 1],
    ]);
  });

  test('a file without the options leaves a STRICT table alone; asking for them rebuilds the table, keeping rows, once', async () => {
    const sql = `CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER) STRICT; INSERT INTO t VALUES (1, 'a', 2), (2, 'b', 3);`;
    const columns = `columns: { id: { type: 'integer', primary: true }, name: { type: 'text' }, qty: { type: 'integer' } }`;
    expect(await runAgainst(kind, sql, { 't.js': `module.exports = { ${columns} };\n` })).toEqual(NOTHING);

    // STRICT off, WITHOUT ROWID on: one rebuild.
    const files = { 't.js': `module.exports = { sqlite: { strict: false, withoutRowid: true }, ${columns} };\n` };
    const plan = await runAgainst(kind, sql, files);
    expect(plan.stdout).toContain('rebuild table t (set strict false, withoutRowid true on t)');
    let dump: SqliteCatalogDump | undefined;
    let data: unknown;
    let second: unknown;
    const r = await runAgainst(kind, sql, files, 'migrate', [], async (url) => {
      dump = await sqliteCatalogDump(url);
      data = sqliteRows(url, 'SELECT id, name, qty FROM t ORDER BY id');
      second = await runAgainst({ ...kind, create: async () => ({ url, drop: async () => undefined }), exec: async () => undefined }, '', files);
    });
    expect(r.code).toBe(0);
    expect(flags(dump)).toEqual([['t', 0, 1]]);
    expect(data).toEqual([{ id: 1, name: 'a', qty: 2 }, { id: 2, name: 'b', qty: 3 }]);
    expect(second).toEqual(NOTHING);
  });

  test('a STRICT table from a file with everyday types stores them as STRICT types, and converges', async () => {
    const files = {
      'p.js': `module.exports = { sqlite: { strict: true }, columns: {
        id: { type: 'increments' }, name: { type: 'string', length: 40, nullable: false }, price: { type: 'decimal' },
        active: { type: 'boolean', default: true }, at: { type: 'timestamp' }, kind: { type: 'enum', values: ['a', 'b'] },
      } };\n`,
    };
    let dump: SqliteCatalogDump | undefined;
    let second: unknown;
    const r = await runAgainst(kind, '', files, 'migrate', [], async (url) => {
      dump = await sqliteCatalogDump(url);
      second = await runAgainst({ ...kind, create: async () => ({ url, drop: async () => undefined }), exec: async () => undefined }, '', files);
    });
    expect(r.code).toBe(0);
    expect(flags(dump)).toEqual([['p', 1, 0]]);
    expect(dump?.columns.map((c) => [c['name'], c['type']])).toEqual([
      ['id', 'INTEGER'],
      ['name', 'TEXT'],
      ['price', 'REAL'],
      ['active', 'INTEGER'],
      ['at', 'TEXT'],
      ['kind', 'TEXT'],
    ]);
    expect(second).toEqual(NOTHING);
  });
});
