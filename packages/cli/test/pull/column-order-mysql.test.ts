/**
 * Column position on MariaDB (issue 10): the schema file's column order is
 * the table's. A column added in the middle goes there (`ADD … AFTER`/
 * `FIRST`), columns listed in another order are moved (`MODIFY … AFTER`,
 * which keeps the data), judged by the independent catalog dump
 * (information_schema ORDINAL_POSITION); the rows survive and the second
 * plan is empty.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { mysqlCatalogDump, mysqlRows, type MysqlCatalogDump } from '../support/mysql-catalog.js';
import { runAgainst } from '../support/plan-against.js';

const NOTHING = { code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' };

describeWithServer('mysql', 'column order on MariaDB', (server) => {
  const kind = mysqlKind(() => server.url());
  const againstUrl = (url: string, files: Readonly<Record<string, string>>, command: 'plan' | 'migrate' = 'plan') =>
    runAgainst({ ...kind, create: async () => ({ url, drop: async () => undefined }), exec: async () => undefined }, '', files, command);
  const order = (dump: MysqlCatalogDump | undefined, table: string): unknown[] =>
    (dump?.columns ?? []).filter((c) => c['table'] === table).map((c) => c['column']);

  const sql = `
    CREATE TABLE people (
      id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
      last varchar(20) NOT NULL,
      first varchar(20) NOT NULL,
      age int NULL,
      note text
    );
    INSERT INTO people (last, first, age, note) VALUES ('Lovelace', 'Ada', 36, 'n1'), ('Hopper', 'Grace', 85, NULL);`;
  const files = {
    'people.js': `module.exports = { columns: {
      id: { type: 'increments' },
      first: { type: 'string', length: 20, nullable: false },
      middle: { type: 'string', length: 20 },
      last: { type: 'string', length: 20, nullable: false },
      note: { type: 'text' },
      age: { type: 'integer', nullable: true, comment: 'years' },
    } };\n`,
  };

  test('a new column in the middle and moved columns take the file order; rows survive; the second plan is empty', async () => {
    let dump: MysqlCatalogDump | undefined;
    let rows: unknown;
    let second: unknown;
    const plan = await runAgainst(kind, sql, files);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('add column people.middle (string(20)) after first');
    expect(plan.stdout).toContain('~ change column people.last: after middle');
    const r = await runAgainst(kind, sql, files, 'migrate', [], async (url) => {
      dump = await mysqlCatalogDump(url);
      rows = await mysqlRows(url, 'SELECT id, first, middle, last, note, age FROM people ORDER BY id');
      second = await againstUrl(url, files);
    });
    expect(r).toMatchObject({ code: 0 });
    expect(order(dump, 'people')).toEqual(['id', 'first', 'middle', 'last', 'note', 'age']);
    expect(rows).toEqual([
      { id: 1, first: 'Ada', middle: null, last: 'Lovelace', note: 'n1', age: 36 },
      { id: 2, first: 'Grace', middle: null, last: 'Hopper', note: null, age: 85 },
    ]);
    expect(dump?.create['people']).toContain("`age` int(11) DEFAULT NULL COMMENT 'years'");
    expect(second).toEqual(NOTHING);
  });

  test('the same columns in the same order plan nothing; a column added last is appended without AFTER', async () => {
    const same = `CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b int)`;
    const keep = { 't.js': `module.exports = { columns: { id: { type: 'integer', primary: true }, a: { type: 'integer' }, b: { type: 'integer' } } };\n` };
    expect(await runAgainst(kind, same, keep)).toEqual(NOTHING);
    const grow = { 't.js': keep['t.js'].replace("b: { type: 'integer' } }", "b: { type: 'integer' }, c: { type: 'integer' } }") };
    const plan = await runAgainst(kind, same, grow, 'plan', ['--sql']);
    expect(plan.stdout).toContain('ALTER TABLE `t` ADD COLUMN `c` int NULL');
    expect(plan.stdout).not.toContain('AFTER');
  });

  test('a column moved first, a renamed column placed after a new one: one ALTER whose clauses run in file order', async () => {
    const before = `CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b int, c int); INSERT INTO t VALUES (1, 10, 20, 30);`;
    const after = {
      't.js': `module.exports = { columns: {
        c: { type: 'integer' },
        id: { type: 'integer', primary: true },
        n: { type: 'integer' },
        bb: { type: 'integer', renamedFrom: 'b' },
        a: { type: 'integer' },
      } };\n`,
    };
    let dump: MysqlCatalogDump | undefined;
    let rows: unknown;
    let second: unknown;
    const r = await runAgainst(kind, before, after, 'migrate', [], async (url) => {
      dump = await mysqlCatalogDump(url);
      rows = await mysqlRows(url, 'SELECT * FROM t');
      second = await againstUrl(url, after);
    });
    expect(r).toMatchObject({ code: 0 });
    expect(order(dump, 't')).toEqual(['c', 'id', 'n', 'bb', 'a']);
    expect(rows).toEqual([{ c: 30, id: 1, n: null, bb: 20, a: 10 }]);
    expect(second).toEqual(NOTHING);
  });
});
