/**
 * Lossless round trips on MariaDB (issue 10): objects built with MariaDB's
 * own SQL, pulled, migrated from the pulled files into an empty database,
 * and compared with an independent catalog dump (`mysql-catalog.ts`:
 * information_schema and SHOW CREATE TABLE, not odac's introspection). The
 * second plan is empty on both databases.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { mysqlCatalogDump, type MysqlCatalogDump } from '../support/mysql-catalog.js';
import { runAgainst } from '../support/plan-against.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

describeWithServer('mysql', 'lossless pull round trip on MariaDB', (server) => {
  const kind = mysqlKind(() => server.url());
  const trip = (sql: string) => pullRoundTrip(kind, (url) => (sql.trim() === '' ? Promise.resolve() : kind.exec(url, sql)), [], mysqlCatalogDump);

  test('ON UPDATE CURRENT_TIMESTAMP on timestamp and datetime(3) columns', async () => {
    const t = await trip(`
      CREATE TABLE events (
        id int NOT NULL PRIMARY KEY,
        updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
        touched datetime(3) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(3)
      ) ENGINE=InnoDB`);
    expectCleanRoundTrip(t, kind.adapter);
    const dump = t.dumps?.y as MysqlCatalogDump;
    expect(dump.columns.map((c) => [c['column'], c['extra']])).toEqual([
      ['id', ''],
      ['updated_at', 'on update current_timestamp()'],
      ['touched', 'on update current_timestamp(3)'],
    ]);
  });

  test('auto-increment on signed and unsigned keys, int and bigint', async () => {
    const t = await trip(`
      CREATE TABLE s (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(20));
      CREATE TABLE sb (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY);
      CREATE TABLE u (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY);
      CREATE TABLE r (id int NOT NULL PRIMARY KEY, s_id int, CONSTRAINT r_s FOREIGN KEY (s_id) REFERENCES s (id));`);
    expectCleanRoundTrip(t, kind.adapter);
    const dump = t.dumps?.y as MysqlCatalogDump;
    expect(dump.columns.filter((c) => c['column'] === 'id').map((c) => [c['table'], c['type'], c['extra']])).toEqual([
      ['r', 'int(11)', ''],
      ['s', 'int(11)', 'auto_increment'],
      ['sb', 'bigint(20)', 'auto_increment'],
      ['u', 'int(10) unsigned', 'auto_increment'],
    ]);
  });

  test('a decimal(35,30) default keeps every digit (never through a JavaScript number), a bigint default past 2^53 too', async () => {
    const t = await trip(`
      CREATE TABLE prices (
        id int NOT NULL PRIMARY KEY,
        exact decimal(35,30) NOT NULL DEFAULT 0.123456789012345678901234567891,
        negative decimal(35,30) DEFAULT -98765.432109876543210987654321,
        plain decimal(10,2) DEFAULT 1.5,
        big bigint DEFAULT 9007199254740993
      )`);
    expectCleanRoundTrip(t, kind.adapter);
    const dump = t.dumps?.y as MysqlCatalogDump;
    expect(dump.columns.filter((c) => c['column'] !== 'id').map((c) => [c['column'], c['default']])).toEqual([
      ['exact', '0.123456789012345678901234567891'],
      ['negative', '-98765.432109876543210987654321000000'],
      ['plain', '1.50'],
      ['big', '9007199254740993'],
    ]);
    expect(t.files['prices.js']).toContain("default: '0.123456789012345678901234567891'");
    expect(t.files['prices.js']).toContain("default: '-98765.432109876543210987654321'");
  });

  test('FULLTEXT and SPATIAL indexes (the index kinds) are pulled verbatim and rebuilt', async () => {
    const t = await trip(`
      CREATE TABLE notes (id int NOT NULL PRIMARY KEY, title varchar(200), body text, FULLTEXT KEY ft_notes (title, body)) ENGINE=InnoDB;
      CREATE TABLE places (id int NOT NULL PRIMARY KEY, pt point NOT NULL, SPATIAL KEY sp_places (pt)) ENGINE=InnoDB;`);
    expectCleanRoundTrip(t, kind.adapter);
    const dump = t.dumps?.y as MysqlCatalogDump;
    expect(dump.indexes.filter((i) => i['name'] !== 'PRIMARY').map((i) => [i['name'], i['column'], i['type']])).toEqual([
      ['ft_notes', 'title', 'FULLTEXT'],
      ['ft_notes', 'body', 'FULLTEXT'],
      ['sp_places', 'pt', 'SPATIAL'],
    ]);
  });

  test('prefix lengths and DESC key parts', async () => {
    const t = await trip(`
      CREATE TABLE docs (
        id int NOT NULL PRIMARY KEY,
        title varchar(500) NOT NULL,
        body text,
        a int, b int,
        KEY ix_title (title(255)),
        UNIQUE KEY uq_body (body(100), a),
        KEY ix_desc (a DESC, b)
      )`);
    expectCleanRoundTrip(t, kind.adapter);
  });

  test('one index name on two tables (names are per table there) validates: a portability warning, never an error', async () => {
    const t = await trip(`
      CREATE TABLE a (id int NOT NULL PRIMARY KEY, x int, KEY ix_x (x));
      CREATE TABLE b (id int NOT NULL PRIMARY KEY, x int, KEY ix_x (x));`);
    expect(t.pull).toMatchObject({ code: 0, stderr: '' });
    expect(t.migrate.code).toBe(0);
    for (const plan of [t.planX, t.planY]) {
      expect(plan.code).toBe(0);
      expect(plan.stdout).toMatch(/^Nothing to do: the database matches the schema\.\n\nWarnings:\n {2}- .*uses index name 'ix_x', also used by table "a"/);
    }
    expect(t.dumps?.y).toEqual(t.dumps?.x);
    expect((t.dumps?.y as MysqlCatalogDump).indexes.filter((i) => i['name'] === 'ix_x').map((i) => i['table'])).toEqual(['a', 'b']);
  });

  test('column names are case-insensitive: a schema saying ID/Email against a live users(id, email) plans nothing', async () => {
    const sql = `CREATE TABLE users (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(255) NOT NULL, UNIQUE KEY uq_users_email (email))`;
    const files = { 'users.js': `module.exports = { table: 'users', columns: { ID: { type: 'increments' }, Email: { type: 'string', nullable: false, unique: true } } };\n` };
    expect(await runAgainst(kind, sql, files)).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });
  });

  test('table names are case-sensitive with lower_case_table_names=0: Users and users are two tables and survive the round trip', async () => {
    const t = await trip(`
      CREATE TABLE Users (id int NOT NULL PRIMARY KEY, name varchar(20));
      CREATE TABLE users (id int NOT NULL PRIMARY KEY, Users_id int, CONSTRAINT users_Users FOREIGN KEY (Users_id) REFERENCES Users (id));`);
    expectCleanRoundTrip(t, kind.adapter);
    expect((t.dumps?.y as MysqlCatalogDump).tables.map((r) => r['table'])).toEqual(['Users', 'users']);
    expect(Object.keys(t.files).sort()).toEqual(['Users.js', 'users_2.js']);
  });

  test('a schema without the unique index, check, foreign key and auto-increment of the live tables removes none of them without --allow-destructive', async () => {
    const sql = `
      CREATE TABLE users (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(100) NOT NULL, age int, UNIQUE KEY uq_users_email (email), CONSTRAINT ck_age CHECK (age >= 0));
      CREATE TABLE posts (id int unsigned NOT NULL PRIMARY KEY, user_id int unsigned, CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users (id));`;
    const files = {
      'users.js': `module.exports = { table: 'users', columns: { id: { type: 'integer', unsigned: true, primary: true }, email: { type: 'string', length: 100, nullable: false }, age: { type: 'integer' } } };\n`,
      'posts.js': `module.exports = { table: 'posts', columns: { id: { type: 'integer', unsigned: true, primary: true }, user_id: { type: 'integer', unsigned: true, index: true } } };\n`,
    };
    let before: MysqlCatalogDump | undefined;
    let after: MysqlCatalogDump | undefined;
    const build = async (url: string): Promise<void> => {
      await kind.exec(url, sql);
      before = await mysqlCatalogDump(url);
    };
    const r = await runAgainst({ ...kind, exec: (url) => build(url) }, sql, files, 'migrate', [], async (url) => {
      after = await mysqlCatalogDump(url);
    });
    expect(r.stdout + r.stderr).toMatch(/--allow-destructive/);
    expect(before?.create['users']).toMatch(/AUTO_INCREMENT[\s\S]*UNIQUE KEY `uq_users_email`[\s\S]*CONSTRAINT `ck_age` CHECK/);
    expect(before?.create['posts']).toContain('CONSTRAINT `fk_posts_user` FOREIGN KEY');
    expect(after).toEqual(before);
  });

  test('a database with no tables pulls to no files', async () => {
    const t = await trip('');
    expect(t.pull).toMatchObject({ code: 0, stderr: '' });
    expect(t.pull.stdout).toMatch(/^Nothing to pull: .* has no tables; no files written/);
    expect(t.files).toEqual({});
    expect(t.dumps?.y).toEqual(t.dumps?.x);
  });
});
