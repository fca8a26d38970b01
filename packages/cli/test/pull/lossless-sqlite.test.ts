/**
 * Lossless round trips on SQLite (issue 10): objects built with SQLite's own
 * SQL, pulled, migrated from the pulled files into an empty database, and
 * compared with an independent catalog dump (`sqlite-catalog.ts`: SQLite's
 * pragmas and sqlite_master, not odac's introspection). The second plan is
 * empty on both databases.
 */
import { sqliteKind } from '../support/databases.js';
import { sqliteCatalogDump, sqliteRows, type SqliteCatalogDump } from '../support/sqlite-catalog.js';
import { runAgainst } from '../support/plan-against.js';
import { expectCleanRoundTrip, expectSameIntrospection, pullRoundTrip } from '../support/round-trip.js';

const kind = sqliteKind();
const trip = (sql: string) => pullRoundTrip(kind, (url) => (sql.trim() === '' ? Promise.resolve() : kind.exec(url, sql)), [], sqliteCatalogDump);

const NOTHING = { code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' };

describe('case-insensitive names on SQLite', () => {
  test('a schema naming Users/Email/ID against a live users(id, email) plans nothing', async () => {
    const sql = `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE); CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));`;
    const files = {
      'Users.js': `module.exports = { table: 'Users', columns: { ID: { type: 'integer', primary: true }, Email: { type: 'text', nullable: false, unique: true } } };\n`,
      'POSTS.js': `module.exports = { table: 'POSTS', columns: { Id: { type: 'integer', primary: true }, User_Id: { type: 'integer', references: 'Users.ID' } } };\n`,
    };
    expect(await runAgainst(kind, sql, files)).toEqual(NOTHING);
  });
});

describe('column position on SQLite (docs/lossless-mysql-sqlite.md: the live order is kept)', () => {
  test('a file listing the columns in another order plans nothing; a new column in the middle is appended', async () => {
    const sql = `CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT);`;
    const reordered = { 't.js': `module.exports = { table: 't', columns: { id: { type: 'integer', primary: true }, b: { type: 'text' }, a: { type: 'text' } } };\n` };
    expect(await runAgainst(kind, sql, reordered)).toEqual(NOTHING);
    const inserted = { 't.js': `module.exports = { table: 't', columns: { id: { type: 'integer', primary: true }, a: { type: 'text' }, mid: { type: 'text' }, b: { type: 'text' } } };\n` };
    let order: unknown[] = [];
    const r = await runAgainst(kind, sql, inserted, 'migrate', [], async (url) => {
      order = (await sqliteCatalogDump(url)).columns.map((c) => c['name']);
    });
    expect(r.code).toBe(0);
    expect(order).toEqual(['id', 'a', 'b', 'mid']);
  });
});

describe('integrity-destructive changes on SQLite', () => {
  test('a schema without the unique index, check, foreign key and autoincrement of the live tables removes none of them without --allow-destructive', async () => {
    const sql = `
      CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, age INTEGER CHECK (age >= 0));
      CREATE UNIQUE INDEX uq_users_email ON users (email);
      CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));`;
    const files = {
      'users.js': `module.exports = { table: 'users', columns: { id: { type: 'integer', primary: true }, email: { type: 'text', nullable: false }, age: { type: 'integer' } } };\n`,
      'posts.js': `module.exports = { table: 'posts', columns: { id: { type: 'integer', primary: true }, user_id: { type: 'integer' } } };\n`,
    };
    let before: SqliteCatalogDump | undefined;
    let after: SqliteCatalogDump | undefined;
    const build = async (url: string): Promise<void> => {
      await kind.exec(url, sql);
      before = await sqliteCatalogDump(url);
    };
    const r = await runAgainst({ ...kind, exec: (url) => build(url) }, sql, files, 'migrate', [], async (url) => {
      after = await sqliteCatalogDump(url);
    });
    expect(r.stdout + r.stderr).toMatch(/--allow-destructive/);
    expect(before?.indexes.length).toBe(1);
    expect(before?.foreignKeys.length).toBe(1);
    expect(before?.tables.find((t) => t['name'] === 'users')).toMatchObject({ autoincrement: true, checks: ['age >= 0'] });
    expect(after).toEqual(before);
  });
});

describe('lossless pull round trip on SQLite', () => {
  test('AUTOINCREMENT keys stay AUTOINCREMENT, a plain INTEGER PRIMARY KEY (the rowid alias) stays plain', async () => {
    const t = await trip(`
      CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
      CREATE TABLE p (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));`);
    expectCleanRoundTrip(t, kind.adapter);
    expect((t.dumps?.y as SqliteCatalogDump).tables.map((r) => [r['name'], r['autoincrement']])).toEqual([
      ['a', true],
      ['p', false],
    ]);
  });

  test('expression and partial indexes, unique too', async () => {
    const t = await trip(`
      CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT, deleted_at TEXT, score INTEGER);
      CREATE UNIQUE INDEX uq_users_lower_email ON users (lower(email));
      CREATE INDEX ix_users_live ON users (name) WHERE deleted_at IS NULL;
      CREATE UNIQUE INDEX uq_users_live_email ON users (email) WHERE deleted_at IS NULL;`);
    expectCleanRoundTrip(t, kind.adapter);
    const dump = t.dumps?.y as SqliteCatalogDump;
    expect(dump.indexes.map((i) => [i['name'], i['unique'], i['partial']])).toEqual([
      ['ix_users_live', 0, 1],
      ['uq_users_live_email', 1, 1],
      ['uq_users_lower_email', 1, 0],
    ]);
  });

  test('DESC key parts (pulled verbatim as the index key list)', async () => {
    const t = await trip(`
      CREATE TABLE scores (id INTEGER PRIMARY KEY, score INTEGER, name TEXT);
      CREATE INDEX ix_scores_score ON scores (score DESC, name);
      CREATE UNIQUE INDEX uq_scores_name ON scores (name DESC);`);
    expectCleanRoundTrip(t, kind.adapter);
    const dump = t.dumps?.y as SqliteCatalogDump;
    expect(dump.indexes.map((i) => [i['name'], (i['parts'] as Record<string, unknown>[]).map((p) => [p['name'], p['desc']])])).toEqual([
      ['ix_scores_score', [['score', 1], ['name', 0]]],
      ['uq_scores_name', [['name', 1]]],
    ]);
  });

  test('column collations (NOCASE, RTRIM) and a key part COLLATE other than its column\'s are pulled and rebuilt', async () => {
    const t = await trip(`
      CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE, code varchar(20) collate rtrim NOT NULL, tag TEXT);
      CREATE INDEX ix_people_name ON people (name);
      CREATE INDEX ix_people_tag ON people (tag COLLATE NOCASE);
      CREATE UNIQUE INDEX uq_people_name_bin ON people (name COLLATE BINARY, code);`);
    expectCleanRoundTrip(t, kind.adapter);
    const dump = t.dumps?.y as SqliteCatalogDump;
    expect(dump.columns.map((c) => [c['name'], c['collation']])).toEqual([
      ['id', 'BINARY'],
      ['name', 'NOCASE'],
      ['code', 'RTRIM'],
      ['tag', 'BINARY'],
    ]);
    expect(dump.indexes.map((i) => [i['name'], (i['parts'] as Record<string, unknown>[]).map((p) => [p['name'], p['coll']])])).toEqual([
      ['ix_people_name', [['name', 'NOCASE']]],
      ['ix_people_tag', [['tag', 'NOCASE']]],
      ['uq_people_name_bin', [['name', 'BINARY'], ['code', 'RTRIM']]],
    ]);
    expect(t.files['people.js']).toContain("name: { type: 'text', collation: 'NOCASE' }");
  });

  test('a new column collation rebuilds the table keeping its rows; a MySQL or PostgreSQL collation name means nothing to SQLite and plans nothing', async () => {
    const sql = `CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO people (name) VALUES ('Ann'), ('ann');`;
    const nocase = { 'people.js': `module.exports = { columns: { id: { type: 'integer', primary: true }, name: { type: 'text', collation: 'nocase' } } };\n` };
    let after: SqliteCatalogDump | undefined;
    let rows: unknown[] = [];
    const migrate = await runAgainst(kind, sql, nocase, 'migrate', [], async (url) => {
      after = await sqliteCatalogDump(url);
      rows = sqliteRows(url, "SELECT name FROM people WHERE name = 'ANN' ORDER BY id");
    });
    expect(migrate.code).toBe(0);
    expect(after?.columns.map((c) => [c['name'], c['collation']])).toEqual([
      ['id', 'BINARY'],
      ['name', 'NOCASE'],
    ]);
    // Both rows kept, and compared case-insensitively now.
    expect(rows).toEqual([{ name: 'Ann' }, { name: 'ann' }]);
    const foreign = { 'people.js': `module.exports = { columns: { id: { type: 'integer', primary: true }, name: { type: 'text', collation: 'utf8mb4_bin' } } };\n` };
    expect(await runAgainst(kind, sql, foreign)).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });
  });

  test('a citext column pulled as specificType loads, validates and round-trips', async () => {
    const t = await trip(`CREATE TABLE tags (id INTEGER PRIMARY KEY, name citext NOT NULL);`);
    expectCleanRoundTrip(t, kind.adapter);
    expect(t.files['tags.js']).toContain("native: 'citext'");
  });

  test('a NUMERIC(35,30) default keeps every digit (never through a JavaScript number), an integer default past 2^53 too', async () => {
    const t = await trip(`
      CREATE TABLE prices (
        id INTEGER PRIMARY KEY,
        exact NUMERIC(35,30) NOT NULL DEFAULT 0.123456789012345678901234567891,
        negative decimal(35,30) DEFAULT -98765.432109876543210987654321,
        plain NUMERIC(10,2) DEFAULT 1.5,
        big INTEGER DEFAULT 9007199254740993
      );`);
    expectCleanRoundTrip(t, kind.adapter);
    const dump = t.dumps?.y as SqliteCatalogDump;
    expect(dump.columns.filter((c) => c['name'] !== 'id').map((c) => [c['name'], c['dflt_value']])).toEqual([
      ['exact', '0.123456789012345678901234567891'],
      ['negative', '-98765.432109876543210987654321'],
      ['plain', '1.5'],
      ['big', '9007199254740993'],
    ]);
    expect(t.files['prices.js']).toContain("default: { raw: '0.123456789012345678901234567891' }");
  });

  test('ON DELETE SET NULL on a NOT NULL column (SQLite accepts it) is a warning in plan, not an error; the round trip is clean', async () => {
    const t = await trip(`
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE SET NULL);`);
    expect(t.pull).toMatchObject({ code: 0, stderr: '' });
    expect(t.migrate.code).toBe(0);
    for (const plan of [t.planX, t.planY]) {
      expect(plan.code).toBe(0);
      expect(plan.stdout).toMatch(/^Nothing to do: the database matches the schema\.\n\nWarnings:\n {2}- .*onDelete: 'SET NULL', but 'parent_id' has nullable: false/);
    }
    expect(t.dumps?.y).toEqual(t.dumps?.x);
    expectSameIntrospection(t.x, t.y, kind.adapter);
    // pragma foreign_key_list's own `table` is the referenced table.
    expect((t.dumps?.y as SqliteCatalogDump).foreignKeys.map((k) => [k['from'], k['table'], k['on_delete']])).toEqual([['parent_id', 'parent', 'SET NULL']]);
  });

  test('a database with no tables pulls to no files', async () => {
    const t = await trip('');
    expect(t.pull).toMatchObject({ code: 0, stderr: '' });
    expect(t.pull.stdout).toMatch(/^Nothing to pull: .* has no tables; no files written/);
    expect(t.files).toEqual({});
    expect(t.dumps?.y).toEqual(t.dumps?.x);
  });
});
