import { SchemaValidationError, type Schema, type Table } from '@odac/core';
import { normalize, normalizeTable } from '@odac/adapter-mysql';
import { blogSchema } from './support/blog.js';

const table = (schema: Schema, name: string): Table => {
  const t = schema.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

describe('normalize', () => {
  const blog = normalize(blogSchema());

  it('adds the index MySQL creates for a foreign key, named after the key', () => {
    expect(table(blog, 'posts').indexes).toEqual([{ name: 'fk_posts_user_id', columns: ['user_id'], unique: false }]);
    // The key itself stays unnamed: the planner names it (apart from a live twin or a sibling).
    expect(table(blog, 'posts').foreignKeys[0]?.name).toBeUndefined();
  });

  it('adds one index for two keys on the same columns (issue 10)', () => {
    const key = { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onUpdate: 'NO ACTION' } as const;
    const out = normalizeTable({
      name: 'posts',
      columns: [{ name: 'user_id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: true }],
      indexes: [],
      foreignKeys: [
        { ...key, onDelete: 'CASCADE' },
        { ...key, onDelete: 'SET NULL' },
      ],
    });
    // Named as MariaDB names it in CREATE TABLE: after the last key it serves.
    expect(out.indexes).toEqual([{ name: 'fk_posts_user_id_2', columns: ['user_id'], unique: false }]);
    expect(out.foreignKeys.map((fk) => [fk.name, fk.onDelete])).toEqual([
      [undefined, 'CASCADE'],
      [undefined, 'SET NULL'],
    ]);
  });

  it('adds none where an index or the primary key already leads with the key columns', () => {
    // comments.post_id leads (post_id, created_at); post_tags.post_id leads the primary key.
    expect(table(blog, 'comments').indexes.map((i) => i.columns)).toEqual([['parent_id'], ['post_id', 'created_at'], ['user_id']]);
    expect(table(blog, 'post_tags').indexes.map((i) => i.columns)).toEqual([['tag_id']]);
  });

  it('maps NO ACTION to RESTRICT (InnoDB treats them alike and reports either)', () => {
    expect(table(blog, 'comments').foreignKeys.map((f) => f.onUpdate)).toEqual(['RESTRICT', 'RESTRICT', 'RESTRICT']);
  });

  it('drops deferrable and match: InnoDB has no deferrable keys and ignores MATCH', () => {
    const s = blogSchema();
    const deferred: Schema = {
      tables: s.tables.map((t) => ({ ...t, foreignKeys: t.foreignKeys.map((f) => ({ ...f, deferrable: 'deferred' as const, match: 'full' as const })) })),
    };
    expect(deferred.tables.some((t) => t.foreignKeys.length > 0)).toBe(true);
    expect(normalize(deferred)).toEqual(blog);
  });

  it('is idempotent', () => {
    expect(normalize(blog)).toEqual(blog);
  });

  it('makes primary key columns NOT NULL and drops the primary key name', () => {
    const s = normalize({
      tables: [{ name: 't', columns: [{ name: 'k', type: { kind: 'string', length: 5 }, nullable: true }], primaryKey: { name: 't_pkey', columns: ['k'] }, indexes: [], foreignKeys: [] }],
    });
    expect(table(s, 't').columns[0]?.nullable).toBe(false);
    expect(table(s, 't').primaryKey).toEqual({ columns: ['k'] });
  });

  it('refuses a foreign key between int and int unsigned with a message naming both columns', () => {
    const schema = blogSchema();
    const broken: Schema = {
      tables: schema.tables.map((t) =>
        t.name === 'posts'
          ? { ...t, columns: t.columns.map((c) => (c.name === 'user_id' ? { ...c, type: { kind: 'integer', size: 'regular' } } : c)) }
          : t,
      ),
    };
    let error: unknown;
    try {
      normalize(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaValidationError);
    const e = error as SchemaValidationError;
    expect(e.code).toBe('SCHEMA.REFERENCE_TYPE_MISMATCH');
    expect(e.message).toContain('"posts"."user_id" is int');
    expect(e.message).toContain('"users"."id", is int unsigned');
    expect(e.message).toContain('errno 150');
    expect(e.message).toContain('MariaDB/MySQL reject');
    expect(e.message).toContain('add `unsigned: true` to "posts"."user_id"');
    expect(e.errors[0]?.location).toMatchObject({ table: 'posts', column: 'user_id' });
  });

  it("with compat: 'odacjs', writes a float as knex does: float(8,2) by default, scale 2 when only the precision is given", () => {
    const floats = {
      tables: [
        {
          name: 'm',
          columns: [
            { name: 'a', type: { kind: 'float' as const }, nullable: true },
            { name: 'b', type: { kind: 'float' as const, precision: 10 }, nullable: true },
            { name: 'c', type: { kind: 'float' as const, precision: 10, scale: 3 }, nullable: true },
          ],
          indexes: [],
          foreignKeys: [],
        },
      ],
    };
    expect(normalize(floats, { compat: 'odacjs' }).tables[0]?.columns.map((c) => c.type)).toEqual([
      { kind: 'float', precision: 8, scale: 2 },
      { kind: 'float', precision: 10, scale: 2 },
      { kind: 'float', precision: 10, scale: 3 },
    ]);
    expect(normalize(floats).tables[0]?.columns.map((c) => c.type)).toEqual([{ kind: 'float' }, { kind: 'float' }, { kind: 'float', precision: 10, scale: 3 }]);
  });

  it('refuses SET DEFAULT and unique partial indexes', () => {
    const schema = blogSchema();
    const broken: Schema = {
      tables: schema.tables.map((t) => {
        if (t.name === 'posts') return { ...t, foreignKeys: t.foreignKeys.map((f) => ({ ...f, onDelete: 'SET DEFAULT' as const })) };
        if (t.name === 'tags') return { ...t, indexes: [{ columns: ['slug'], unique: true, where: 'label is not null' }] };
        return t;
      }),
    };
    expect(() => normalize(broken)).toThrow(/SET DEFAULT[\s\S]*WHERE predicate|WHERE predicate[\s\S]*SET DEFAULT/);
  });

  it('drops the predicate of a non-unique partial index', () => {
    const s = normalize({
      tables: [{ name: 't', columns: [{ name: 'a', type: { kind: 'integer', size: 'regular' }, nullable: true }], indexes: [{ columns: ['a'], unique: false, where: 'a > 0' }], foreignKeys: [] }],
    });
    expect(table(s, 't').indexes).toEqual([{ columns: ['a'], unique: false }]);
  });
});

describe('normalize: what only PostgreSQL keeps (issue 10)', () => {
  const int = (name: string, extra: object = {}) => ({ name, type: { kind: 'integer' as const, size: 'regular' as const }, nullable: false, ...extra });
  const parent: Table = { name: 'p', columns: [int('a'), int('b')], primaryKey: { columns: ['a', 'b'] }, indexes: [], foreignKeys: [] };
  const refusal = (schema: Schema): string => {
    try {
      normalize(schema);
      return '';
    } catch (err) {
      return err instanceof SchemaValidationError ? err.message : String(err);
    }
  };

  it('refuses ON DELETE SET NULL (cols) that leaves key columns out, drops the rest of the PostgreSQL options', () => {
    const child = (onDeleteColumns: string[]): Table => ({
      name: 'c',
      columns: [int('id'), int('a', { nullable: true }), int('b', { nullable: true }), int('n', { nullable: true, notNullNotValid: true })],
      primaryKey: { columns: ['id'], deferrable: 'deferred' },
      indexes: [],
      foreignKeys: [{ columns: ['a', 'b'], references: { table: 'p', columns: ['a', 'b'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION', onDeleteColumns, notValid: true, notEnforced: true }],
      checks: [{ expression: 'a > 0', noInherit: true, notValid: true, notEnforced: true }],
    });
    expect(refusal({ tables: [parent, child(['b'])] })).toMatch(/sets only \(b\) ON DELETE SET NULL, which MySQL\/MariaDB cannot do/);
    const out = table(normalize({ tables: [parent, child(['a', 'b'])] }), 'c');
    expect(out.foreignKeys[0]).toEqual({ columns: ['a', 'b'], references: { table: 'p', columns: ['a', 'b'] }, onDelete: 'SET NULL', onUpdate: 'RESTRICT' });
    expect(out.primaryKey).toEqual({ columns: ['id'] });
    expect(out.checks).toEqual([{ expression: 'a > 0' }]);
    expect(out.columns[3]).toEqual({ name: 'n', type: { kind: 'integer', size: 'regular' }, nullable: true });
  });

  it('refuses a column that generates its values unless a key starts with it, and more than one', () => {
    const t = (columns: ReturnType<typeof int>[], indexes: Table['indexes'] = []): Schema => ({ tables: [{ name: 't', columns, primaryKey: { columns: ['id'] }, indexes, foreignKeys: [] }] });
    expect(refusal(t([int('id'), int('n', { autoIncrement: true })]))).toMatch(/"t"\."n" generates its values but no key starts with it/);
    expect(refusal(t([int('id'), int('n', { autoIncrement: true })], [{ columns: ['n'], unique: true }]))).toBe('');
    expect(refusal(t([int('id', { autoIncrement: true }), int('n', { autoIncrement: true })], [{ columns: ['n'], unique: true }]))).toMatch(/one of 2 columns that generate their values/);
  });
});
