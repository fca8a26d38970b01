import { fromRows, type ColumnRow, type ForeignKeyRow, type IndexRow, type IntrospectionRows } from '../src/introspect.js';

const column = (table: string, cid: number, name: string, type: string, extra: Partial<ColumnRow> = {}): ColumnRow => ({
  table_name: table,
  cid,
  name,
  type,
  not_null: 0,
  dflt_value: null,
  pk: 0,
  hidden: 0,
  ...extra,
});

const indexRow = (table: string, index: string, seqno: number, columnName: string | null, extra: Partial<IndexRow> = {}): IndexRow => ({
  table_name: table,
  index_name: index,
  is_unique: 0,
  origin: 'c',
  partial: 0,
  seqno,
  cid: 0,
  column_name: columnName,
  sql: null,
  ...extra,
});

const fkRow = (table: string, id: number, seq: number, ref: string, from: string, to: string | null, extra: Partial<ForeignKeyRow> = {}): ForeignKeyRow => ({
  table_name: table,
  id,
  seq,
  ref_table: ref,
  from_column: from,
  to_column: to,
  on_update: 'NO ACTION',
  on_delete: 'NO ACTION',
  ...extra,
});

const rows: IntrospectionRows = {
  tables: [
    {
      table_name: 'users',
      sql: `CREATE TABLE "users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "role" text NOT NULL DEFAULT 'reader' CHECK ("role" IN ('reader', 'admin')), "note" text CHECK (length(note) < 100), UNIQUE ("email"))`,
    },
    {
      table_name: 'post_tags',
      sql: `CREATE TABLE "post_tags" ("post_id" integer NOT NULL, "tag_id" integer NOT NULL, "pos" smallint NOT NULL DEFAULT 0, PRIMARY KEY ("post_id", "tag_id"), CONSTRAINT "fk_pt_post" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE CASCADE, FOREIGN KEY ("tag_id") REFERENCES "tags" ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "ck_pos" CHECK (pos >= 0))`,
    },
    { table_name: 'tags', sql: `CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT, flag boolean DEFAULT 1)` },
  ],
  columns: [
    column('users', 0, 'id', 'INTEGER', { not_null: 1, pk: 1 }),
    column('users', 1, 'email', 'varchar(255)', { not_null: 1 }),
    column('users', 2, 'role', 'TEXT', { not_null: 1, dflt_value: "'reader'" }),
    column('users', 3, 'note', 'TEXT'),
    column('post_tags', 0, 'post_id', 'INTEGER', { not_null: 1, pk: 1 }),
    column('post_tags', 2, 'pos', 'smallint', { not_null: 1, dflt_value: '0' }),
    column('post_tags', 1, 'tag_id', 'INTEGER', { not_null: 1, pk: 2 }),
    column('tags', 0, 'id', 'INTEGER', { pk: 1 }),
    column('tags', 1, 'label', 'TEXT'),
    column('tags', 2, 'flag', 'boolean', { dflt_value: '1' }),
  ],
  indexes: [
    indexRow('users', 'sqlite_autoindex_users_1', 0, 'email', { is_unique: 1, origin: 'u' }),
    indexRow('users', 'ix_lower', 0, null, { cid: -2, sql: 'CREATE INDEX ix_lower ON users (lower(email))' }),
    indexRow('users', 'ix_partial', 0, 'role', { partial: 1, sql: `CREATE INDEX "ix_partial" ON "users" ("role", "email") WHERE note IS NOT NULL` }),
    indexRow('users', 'ix_partial', 1, 'email', { partial: 1, sql: `CREATE INDEX "ix_partial" ON "users" ("role", "email") WHERE note IS NOT NULL` }),
    indexRow('post_tags', 'sqlite_autoindex_post_tags_1', 0, 'post_id', { is_unique: 1, origin: 'pk' }),
    indexRow('post_tags', 'sqlite_autoindex_post_tags_1', 1, 'tag_id', { is_unique: 1, origin: 'pk' }),
    indexRow('post_tags', 'uq_pos', 0, 'pos', { is_unique: 1, sql: 'CREATE UNIQUE INDEX uq_pos ON post_tags (pos)' }),
  ],
  foreignKeys: [
    fkRow('post_tags', 0, 0, 'tags', 'tag_id', null, { on_delete: 'SET NULL' }),
    fkRow('post_tags', 1, 0, 'posts', 'post_id', 'id', { on_delete: 'CASCADE', on_update: 'CASCADE' }),
  ],
};

describe('fromRows', () => {
  const schema = fromRows(rows);
  const table = (name: string) => schema.tables.find((t) => t.name === name);

  it('sorts tables by name and keeps column order by cid', () => {
    expect(schema.tables.map((t) => t.name)).toEqual(['post_tags', 'tags', 'users']);
    expect(table('post_tags')?.columns.map((c) => c.name)).toEqual(['post_id', 'tag_id', 'pos']);
  });

  it('maps users: AUTOINCREMENT key, enum from its column check, other column checks as table checks, indexes', () => {
    expect(table('users')).toEqual({
      name: 'users',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
        { name: 'email', type: { kind: 'string', length: 255 }, nullable: false },
        { name: 'role', type: { kind: 'enum', values: ['reader', 'admin'] }, nullable: false, default: { kind: 'literal', value: 'reader' } },
        { name: 'note', type: { kind: 'text' }, nullable: true },
      ],
      primaryKey: { columns: ['id'] },
      indexes: [
        { columns: ['email'], unique: true },
        { columns: ['role', 'email'], unique: false, name: 'ix_partial', where: 'note IS NOT NULL' },
        { columns: [], unique: false, name: 'ix_lower', native: 'lower(email)' },
      ],
      foreignKeys: [],
      checks: [{ expression: 'length(note) < 100' }],
    });
  });

  it('maps post_tags: composite key (not an index), named and implicit-target foreign keys, checks', () => {
    expect(table('post_tags')).toEqual({
      name: 'post_tags',
      columns: [
        { name: 'post_id', type: { kind: 'integer', size: 'regular' }, nullable: false },
        { name: 'tag_id', type: { kind: 'integer', size: 'regular' }, nullable: false },
        { name: 'pos', type: { kind: 'integer', size: 'small' }, nullable: false, default: { kind: 'literal', value: 0 } },
      ],
      primaryKey: { columns: ['post_id', 'tag_id'] },
      indexes: [{ columns: ['pos'], unique: true, name: 'uq_pos' }],
      foreignKeys: [
        { name: 'fk_pt_post', columns: ['post_id'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        // REFERENCES "tags" without columns: the parent's primary key.
        { columns: ['tag_id'], references: { table: 'tags', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION' },
      ],
      checks: [{ name: 'ck_pos', expression: 'pos >= 0' }],
    });
  });

  it('maps tags: INTEGER PRIMARY KEY without AUTOINCREMENT is not auto-increment (but is the never-NULL rowid); boolean 1 default is true', () => {
    expect(table('tags')?.columns).toEqual([
      { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false },
      { name: 'label', type: { kind: 'text' }, nullable: true },
      { name: 'flag', type: { kind: 'boolean' }, nullable: true, default: { kind: 'literal', value: true } },
    ]);
  });

  it('groups multi-column foreign keys by id, ordered by seq', () => {
    const s = fromRows({
      tables: [{ table_name: 'a', sql: 'CREATE TABLE a (x, y)' }],
      columns: [column('a', 0, 'x', ''), column('a', 1, 'y', '')],
      indexes: [],
      foreignKeys: [fkRow('a', 0, 1, 'b', 'y', 'q', { on_delete: 'restrict' }), fkRow('a', 0, 0, 'b', 'x', 'p', { on_delete: 'restrict' })],
    });
    expect(s.tables[0]?.foreignKeys).toEqual([
      { columns: ['x', 'y'], references: { table: 'b', columns: ['p', 'q'] }, onDelete: 'RESTRICT', onUpdate: 'NO ACTION' },
    ]);
    expect(s.tables[0]?.columns[0]?.type).toEqual({ kind: 'native', sql: '' });
  });

  it('is empty for no rows', () => {
    expect(fromRows({ tables: [], columns: [], indexes: [], foreignKeys: [] })).toEqual({ tables: [] });
  });
});

describe('rowid primary keys (rowid-alias-not-null regression)', () => {
  const oneTable = (type: string): IntrospectionRows => ({
    tables: [{ table_name: 'notes', sql: `CREATE TABLE "notes" ("id" ${type} PRIMARY KEY, "body" text)` }] as IntrospectionRows['tables'],
    columns: [column('notes', 0, 'id', type, { pk: 1 }), column('notes', 1, 'body', 'text')],
    indexes: [],
    foreignKeys: [],
  });

  it('reports an INTEGER PRIMARY KEY written without NOT NULL as not nullable: it is the rowid', () => {
    const [table] = fromRows(oneTable('INTEGER')).tables;
    expect(table?.columns[0]).toMatchObject({ name: 'id', nullable: false });
  });

  it('keeps other primary key types as declared (SQLite lets them hold NULL)', () => {
    const [table] = fromRows(oneTable('bigint')).tables;
    expect(table?.columns[0]).toMatchObject({ name: 'id', nullable: true });
  });
});
