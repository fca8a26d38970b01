/**
 * Generated columns survive pull on MariaDB/MySQL (issue 10): STORED,
 * VIRTUAL and MariaDB's PERSISTED spelling, with functions MariaDB prints
 * under other names (`lower` → `lcase`), a comment, and an index on one.
 * Built with the server's own SQL, pulled, migrated from the pulled files
 * into an empty database and compared with the independent catalog dump
 * (information_schema's EXTRA and GENERATION_EXPRESSION, SHOW CREATE
 * TABLE); the second plan is empty. A schema written by hand with `lower()`
 * plans nothing once created, though MariaDB prints `lcase()`.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { mysqlCatalogDump, type MysqlCatalogDump } from '../support/mysql-catalog.js';
import { runAgainst } from '../support/plan-against.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

describeWithServer('mysql', 'generated columns on MariaDB/MySQL: pull round trip', (server) => {
  const kind = mysqlKind(() => server.url());

  test('stored and virtual generated columns are pulled and rebuilt', async () => {
    const sql = `
      CREATE TABLE items (
        id int NOT NULL PRIMARY KEY,
        price int NOT NULL,
        qty int NOT NULL,
        name varchar(40),
        total int AS (price * qty) STORED,
        label varchar(60) GENERATED ALWAYS AS (concat(lower(name), '-', id)) VIRTUAL COMMENT 'shown in lists',
        half decimal(10,2) AS (qty / 2) PERSISTENT,
        KEY items_total (total)
      ) ENGINE=InnoDB`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], mysqlCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    const dump = trip.dumps?.y as MysqlCatalogDump;
    const generated = dump.columns.filter((c) => String(c['extra']).includes('GENERATED')).map((c) => [c['column'], c['extra']]);
    expect(generated).toEqual([
      ['total', 'STORED GENERATED'],
      ['label', 'VIRTUAL GENERATED'],
      ['half', 'STORED GENERATED'],
    ]);
    expect(trip.files['items.js']).toContain("stored: false");
    expect(trip.files['items.js']).toContain("generated: 'price * qty'");
  });

  test('an expression written with lower() plans nothing against the column MariaDB created and prints with lcase()', async () => {
    const sql = `CREATE TABLE p (id int NOT NULL PRIMARY KEY, name varchar(40), slug varchar(40) AS (lower(name)) STORED) ENGINE=InnoDB`;
    const files = {
      'p.js': `module.exports = { columns: { id: { type: 'integer', primary: true }, name: { type: 'string', length: 40 }, slug: { type: 'string', length: 40, generated: 'lower(name)' } } };\n`,
    };
    expect(await runAgainst(kind, sql, files)).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });
  });

  test('a new expression for a generated column in the middle re-creates it in its place (column position), with its index', async () => {
    const sql = `CREATE TABLE l (id int NOT NULL PRIMARY KEY, price int NOT NULL, total int AS (price * 2) STORED, note varchar(20), KEY l_total (total)) ENGINE=InnoDB;
      INSERT INTO l (id, price, note) VALUES (1, 5, 'a'), (2, 7, NULL)`;
    const files = {
      'l.js': `module.exports = { columns: { id: { type: 'integer', primary: true }, price: { type: 'integer', nullable: false }, total: { type: 'integer', generated: 'price * 3' }, note: { type: 'string', length: 20 } }, indexes: [{ name: 'l_total', columns: ['total'] }] };\n`,
    };
    let after: MysqlCatalogDump | undefined;
    const result = await runAgainst(kind, sql, files, 'migrate', [], async (url) => {
      after = await mysqlCatalogDump(url);
    });
    expect(result.code).toBe(0);
    expect(after?.columns.map((c) => [c['column'], c['extra']])).toEqual([
      ['id', ''],
      ['price', ''],
      ['total', 'STORED GENERATED'],
      ['note', ''],
    ]);
    expect(after?.indexes.map((i) => [i['name'], i['column']])).toEqual(expect.arrayContaining([['l_total', 'total']]));
    expect(after?.create['l']).toContain('GENERATED ALWAYS AS (`price` * 3) STORED');
    // The same table built by hand in its new form plans nothing against the file.
    const again = await runAgainst(kind, `${sql};\n${'ALTER TABLE l DROP KEY l_total, DROP COLUMN total, ADD COLUMN total int AS (price * 3) STORED AFTER price, ADD KEY l_total (total)'}`, files);
    expect(again).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });
  });
});
