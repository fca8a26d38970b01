/**
 * MySQL/MariaDB table options through pull and migrate (issue 10): engine,
 * default charset and collation, and the table comment. Built with MariaDB's
 * own SQL, pulled, migrated into an empty database, judged by the
 * independent catalog dump (`mysql-catalog.ts`: information_schema.TABLES
 * ENGINE/TABLE_COLLATION and SHOW CREATE TABLE); the second plan is empty.
 * Then a schema that changes the options migrates a live table in place,
 * keeping its rows.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { mysqlCatalogDump, mysqlRows, type MysqlCatalogDump } from '../support/mysql-catalog.js';
import { runAgainst } from '../support/plan-against.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

const NOTHING = { code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' };

describeWithServer('mysql', 'MariaDB table options: engine, charset, collation, comment', (server) => {
  const kind = mysqlKind(() => server.url());

  test('engine, default charset/collation and comment survive pull → migrate into an empty database', async () => {
    const t = await pullRoundTrip(
      kind,
      (url) =>
        kind.exec(url, `
          CREATE TABLE m (id int NOT NULL PRIMARY KEY, name varchar(20)) ENGINE=MyISAM COMMENT='kept on MyISAM';
          CREATE TABLE a (id int NOT NULL PRIMARY KEY, note text) ENGINE=Aria DEFAULT CHARSET=utf8mb3;
          CREATE TABLE l (
            id int NOT NULL PRIMARY KEY,
            code varchar(10) NOT NULL,
            title varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
            kind enum('x','y')
          ) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_bin;`),
      [],
      mysqlCatalogDump,
    );
    expectCleanRoundTrip(t, kind.adapter);
    expect(t.files['l.js']).toContain("mysql: { engine: 'InnoDB', charset: 'latin1', collation: 'latin1_bin' }");
    const y = t.dumps?.y as MysqlCatalogDump;
    expect(y.tables.map((r) => [r['table'], r['engine'], r['collation'], r['comment']])).toEqual([
      ['a', 'Aria', 'utf8mb3_general_ci', ''],
      ['l', 'InnoDB', 'latin1_bin', ''],
      ['m', 'MyISAM', expect.any(String), 'kept on MyISAM'],
    ]);
    expect(y.columns.filter((c) => c['table'] === 'l' && c['charset'] !== null).map((c) => [c['column'], c['collation']])).toEqual([
      ['code', 'latin1_bin'],
      ['title', 'utf8mb4_bin'],
      ['kind', 'latin1_bin'],
    ]);
  });

  test('a schema without table options leaves the live engine and charset alone', async () => {
    const sql = `CREATE TABLE t (id int NOT NULL PRIMARY KEY, name varchar(20)) ENGINE=MyISAM DEFAULT CHARSET=latin1`;
    const files = { 't.js': `module.exports = { columns: { id: { type: 'integer', primary: true }, name: { type: 'string', length: 20 } } };\n` };
    expect(await runAgainst(kind, sql, files)).toEqual(NOTHING);
  });

  test('changing the engine and the collation alters the table in place, keeps its rows, and converges', async () => {
    const sql = `
      CREATE TABLE t (id int NOT NULL PRIMARY KEY, name varchar(20), own varchar(20) CHARACTER SET latin1) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
      INSERT INTO t VALUES (1, 'Zoë', 'a'), (2, 'b', 'B');`;
    const files = {
      't.js': `module.exports = {
        mysql: { engine: 'MyISAM', collation: 'utf8mb4_bin' },
        columns: { id: { type: 'integer', primary: true }, name: { type: 'string', length: 20 }, own: { type: 'specificType', native: 'varchar(20) character set latin1' }, added: { type: 'string', length: 5 } },
      };\n`,
    };
    let after: MysqlCatalogDump | undefined;
    let rows: unknown;
    let second: unknown;
    const plan = await runAgainst(kind, sql, files, 'plan');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('set engine "MyISAM", collation "utf8mb4_bin" on t');
    const r = await runAgainst(kind, sql, files, 'migrate', [], async (url) => {
      after = await mysqlCatalogDump(url);
      rows = await mysqlRows(url, 'SELECT id, name, own FROM t ORDER BY id');
      second = await runAgainstUrl(url, files);
    });
    expect(r.code).toBe(0);
    expect(after?.tables.map((t) => [t['engine'], t['collation']])).toEqual([['MyISAM', 'utf8mb4_bin']]);
    // The columns that follow the table's default take the new collation; the one with its own charset keeps it.
    expect(after?.columns.filter((c) => c['charset'] !== null).map((c) => [c['column'], c['collation']])).toEqual([
      ['name', 'utf8mb4_bin'],
      ['own', 'latin1_swedish_ci'],
      ['added', 'utf8mb4_bin'],
    ]);
    expect(rows).toEqual([{ id: 1, name: 'Zoë', own: 'a' }, { id: 2, name: 'b', own: 'B' }]);
    expect(second).toEqual(NOTHING);
  });

  test('a new default charset converts the text columns that follow it, only with --allow-destructive', async () => {
    const sql = `
      CREATE TABLE t (id int NOT NULL PRIMARY KEY, name varchar(20)) DEFAULT CHARSET=utf8mb4;
      INSERT INTO t VALUES (1, 'Zoë');`;
    const files = { 't.js': `module.exports = { mysql: { charset: 'latin1' }, columns: { id: { type: 'integer', primary: true }, name: { type: 'string', length: 20 } } };\n` };
    let kept: MysqlCatalogDump | undefined;
    const refused = await runAgainst(kind, sql, files, 'migrate', [], async (url) => {
      kept = await mysqlCatalogDump(url);
    });
    expect(refused.stdout + refused.stderr).toMatch(/--allow-destructive/);
    expect(kept?.tables.map((t) => t['collation'])).toEqual(['utf8mb4_general_ci']);
    let converted: MysqlCatalogDump | undefined;
    let second: unknown;
    const r = await runAgainst(kind, sql, files, 'migrate', ['--allow-destructive', '--yes'], async (url) => {
      converted = await mysqlCatalogDump(url);
      second = await runAgainstUrl(url, files);
    });
    expect(r.code).toBe(0);
    expect(converted?.tables.map((t) => t['collation'])).toEqual(['latin1_swedish_ci']);
    expect(converted?.columns.filter((c) => c['column'] === 'name').map((c) => c['collation'])).toEqual(['latin1_swedish_ci']);
    expect(second).toEqual(NOTHING);
  });

  /** `odac plan` of `files` against an existing database. */
  async function runAgainstUrl(url: string, files: Readonly<Record<string, string>>): Promise<unknown> {
    return runAgainst({ ...kind, create: async () => ({ url, drop: async () => undefined }), exec: async () => undefined }, '', files);
  }
});
