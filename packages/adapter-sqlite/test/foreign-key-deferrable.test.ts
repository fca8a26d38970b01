/**
 * Deferred foreign keys on SQLite: `DEFERRABLE INITIALLY DEFERRED` is written,
 * read back from the table SQL (the pragma does not report it), and changed
 * by a rebuild; `'immediate'` and `match` are dropped by `normalize`, as
 * SQLite treats them as the defaults.
 */
import { migrate, plan, type ForeignKey, type Schema } from '@odac/core';
import { adapter } from '../src/index.js';
import { fromRows } from '../src/introspect.js';
import { normalize } from '../src/normalize.js';
import { fk, id, int, schema, str, table, tempDb, withRaw, type TempDb } from './support.js';

const library = (key: Partial<ForeignKey>): Schema =>
  schema(table('authors', [id(), str('name')]), table('books', [id(), int('author_id')], { foreignKeys: [fk(['author_id'], 'authors', key)] }));

const booksKey = (s: Schema): ForeignKey | undefined => s.tables.find((t) => t.name === 'books')?.foreignKeys[0];

describe('normalize', () => {
  it.each<[string, Partial<ForeignKey>, Partial<ForeignKey>]>([
    ['keeps deferred', { deferrable: 'deferred' }, { deferrable: 'deferred' }],
    ['drops immediate (the same as not deferrable in SQLite)', { deferrable: 'immediate' }, {}],
    ['drops MATCH FULL (parsed and ignored by SQLite)', { match: 'full' }, {}],
    ['keeps deferred, drops match', { deferrable: 'deferred', match: 'full', onDelete: 'CASCADE' }, { deferrable: 'deferred', onDelete: 'CASCADE' }],
  ])('%s', (_label, given, kept) => {
    expect(booksKey(normalize(library(given)))).toStrictEqual(fk(['author_id'], 'authors', kept));
  });
});

describe('emit and fromRows', () => {
  it('writes DEFERRABLE INITIALLY DEFERRED only for a deferred key', () => {
    const create = (key: Partial<ForeignKey>) => {
      const definition = table('books', [id(), int('author_id')], { foreignKeys: [{ ...fk(['author_id'], 'authors', key), name: 'fk_books' }] });
      return adapter
        .emit([{ kind: 'createTable', table: 'books', classification: 'additive', definition }])
        .map((s) => s.sql)
        .join('\n');
    };
    expect(create({ deferrable: 'deferred' })).toContain(
      'CONSTRAINT "fk_books" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED',
    );
    expect(create({})).not.toContain('DEFERRABLE');
  });

  it('reads the deferral from the table SQL, column-level or table-level', () => {
    const key = (sql: string): ForeignKey | undefined =>
      fromRows({
        tables: [{ table_name: 'books', sql }],
        columns: [{ table_name: 'books', cid: 0, name: 'author_id', type: 'integer', not_null: 0, dflt_value: null, pk: 0, hidden: 0 }],
        indexes: [],
        foreignKeys: [{ table_name: 'books', id: 0, seq: 0, ref_table: 'authors', from_column: 'author_id', to_column: 'id', on_update: 'NO ACTION', on_delete: 'CASCADE' }],
      }).tables[0]?.foreignKeys[0];
    const plain = { columns: ['author_id'], references: { table: 'authors', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' };
    expect(key('CREATE TABLE books (author_id integer REFERENCES authors (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)')).toStrictEqual({
      ...plain,
      deferrable: 'deferred',
    });
    expect(key('CREATE TABLE books (author_id integer, FOREIGN KEY (author_id) REFERENCES "authors" (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)')).toStrictEqual({
      ...plain,
      deferrable: 'deferred',
    });
    expect(key('CREATE TABLE books (author_id integer REFERENCES authors (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE)')).toStrictEqual(plain);
    expect(key('CREATE TABLE books (author_id integer REFERENCES authors (id) ON DELETE CASCADE MATCH FULL)')).toStrictEqual(plain);
  });

  it('gives each of two keys on the same column its own name and deferral, by its actions (issue 10)', () => {
    const row = (id: number, on_delete: string) =>
      ({ table_name: 'books', id, seq: 0, ref_table: 'authors', from_column: 'author_id', to_column: 'id', on_update: 'NO ACTION', on_delete }) as const;
    const keys = fromRows({
      tables: [
        {
          table_name: 'books',
          sql: `CREATE TABLE books (author_id integer,
            CONSTRAINT k_cascade FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            CONSTRAINT k_null FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE SET NULL)`,
        },
      ],
      columns: [{ table_name: 'books', cid: 0, name: 'author_id', type: 'integer', not_null: 0, dflt_value: null, pk: 0, hidden: 0 }],
      indexes: [],
      // The pragma numbers keys in reverse order of declaration.
      foreignKeys: [row(0, 'SET NULL'), row(1, 'CASCADE')],
    }).tables[0]?.foreignKeys;
    expect(keys?.map((k) => [k.name, k.onDelete, k.deferrable ?? null])).toEqual([
      ['k_cascade', 'CASCADE', 'deferred'],
      ['k_null', 'SET NULL', null],
    ]);
  });
});

describe('sqlite: deferred foreign keys in a real file', () => {
  let db: TempDb;
  beforeEach(() => {
    db = tempDb();
  });
  afterEach(() => db.remove());

  it('creates a deferred key, reads it back, plans nothing next, and checks it at commit', async () => {
    const result = await migrate({ adapter, url: db.url, schema: library({ deferrable: 'deferred' }) });
    expect(result.remaining).toEqual([]);
    const again = await plan({ adapter, url: db.url, schema: library({ deferrable: 'deferred' }) });
    expect(again.plan.operations).toEqual([]);
    expect(booksKey(again.current)?.deferrable).toBe('deferred');
    withRaw(db.file, (raw) => {
      // Child first, parent second, in one transaction: fine only because the key is deferred.
      raw.exec(`BEGIN; INSERT INTO books (id, author_id) VALUES (1, 7); INSERT INTO authors (id, name) VALUES (7, 'Le Guin'); COMMIT;`);
      expect(() => raw.exec(`BEGIN; INSERT INTO books (id, author_id) VALUES (2, 99); COMMIT;`)).toThrow(/FOREIGN KEY constraint failed/);
      raw.exec('ROLLBACK');
      expect(raw.prepare('SELECT count(*) AS n FROM books').get()).toEqual({ n: 1 });
    });
  });

  it('plans nothing for a not-deferrable key when the schema says immediate or match full', async () => {
    await migrate({ adapter, url: db.url, schema: library({}) });
    for (const key of [{ deferrable: 'immediate' as const }, { match: 'full' as const }]) {
      expect((await plan({ adapter, url: db.url, schema: library(key) })).plan.operations).toEqual([]);
    }
  });

  it.each<[string, Partial<ForeignKey>, Partial<ForeignKey>]>([
    ['make a key deferred', {}, { deferrable: 'deferred' }],
    ['deferred → immediate', { deferrable: 'deferred' }, { deferrable: 'immediate' }],
  ])('%s: one rebuild of the child table, rows kept, then nothing', async (_label, from, to) => {
    await migrate({ adapter, url: db.url, schema: library(from) });
    withRaw(db.file, (raw) => raw.exec(`INSERT INTO authors (id, name) VALUES (1, 'A'); INSERT INTO books (id, author_id) VALUES (1, 1), (2, NULL);`));
    const result = await migrate({ adapter, url: db.url, schema: library(to) });
    expect(result.plan.operations.map((o) => `${o.kind} ${o.table}`)).toEqual(['rebuildTable books']);
    expect(result.remaining).toEqual([]);
    const sql = withRaw(db.file, (raw) => (raw.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'books'`).get() as { sql: string }).sql);
    expect(sql.includes('DEFERRABLE INITIALLY DEFERRED')).toBe(to.deferrable === 'deferred');
    expect(withRaw(db.file, (raw) => raw.prepare('SELECT count(*) AS n FROM books').get())).toEqual({ n: 2 });
  });
});
