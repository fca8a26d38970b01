import type { ColumnRow, ConstraintRow, IndexRow } from '../../src/introspect.js';
import { fromRows, indexFromRow } from '../../src/introspect.js';

const column = (table_name: string, position: number, name: string, type: string, extra: Partial<ColumnRow> = {}): ColumnRow => ({
  table_name,
  position,
  name,
  type,
  type_kind: 'b',
  enum_values: null,
  not_null: false,
  identity: '',
  generated: '',
  default_sql: null,
  comment: null,
  collation: null,
  owned_sequence: null,
  ...extra,
});

const constraint = (table_name: string, name: string, type: string, columns: string[], extra: Partial<ConstraintRow> = {}): ConstraintRow => ({
  table_name,
  name,
  type,
  columns,
  ref_table: null,
  ref_schema: null,
  ref_columns: [],
  on_update: ' ',
  on_delete: ' ',
  match_type: ' ',
  deferrable: false,
  deferred: false,
  validated: true,
  expression: null,
  ...extra,
});

const index = (table_name: string, name: string, columns: string[], definition: string, extra: Partial<IndexRow> = {}): IndexRow => ({
  table_name,
  name,
  is_unique: false,
  is_valid: true,
  columns,
  predicate: null,
  definition,
  ...extra,
});

describe('fromRows', () => {
  const schema = fromRows({
    tables: [
      { name: 'users', comment: 'People' },
      { name: 'posts', comment: null },
    ],
    columns: [
      column('posts', 2, 'user_id', 'integer'),
      column('posts', 1, 'id', 'bigint', { not_null: true, default_sql: "nextval('posts_id_seq'::regclass)", owned_sequence: 'posts_id_seq' }),
      column('posts', 3, 'status', 'posts_status_enum', { type_kind: 'e', enum_values: ['draft', 'published'], not_null: true, default_sql: "'draft'::posts_status_enum" }),
      column('posts', 4, 'price', 'numeric(10,2)', { default_sql: "'-1.5'::numeric" }),
      column('posts', 5, 'created_at', 'timestamp with time zone', { default_sql: 'now()' }),
      column('posts', 6, 'email', 'email_address', { type_kind: 'd' }),
      column('posts', 7, 'tags', 'text[]', { default_sql: "'{}'::text[]" }),
      column('posts', 8, 'note', 'character varying(20)', { default_sql: 'NULL::character varying' }),
      column('posts', 9, 'total', 'integer', { generated: 's', default_sql: '(user_id * 2)' }),
      column('users', 1, 'id', 'integer', { not_null: true, identity: 'd', comment: 'key' }),
      column('users', 2, 'email', 'character varying(255)', { not_null: true }),
      column('users', 3, 'active', 'boolean', { not_null: true, default_sql: 'true' }),
    ],
    constraints: [
      constraint('posts', 'posts_pkey', 'p', ['id']),
      constraint('posts', 'fk_posts_user_id', 'f', ['user_id'], { ref_table: 'users', ref_schema: 'public', ref_columns: ['id'], on_update: 'c', on_delete: 'n', match_type: 's' }),
      constraint('posts', 'posts_price_check', 'c', ['price'], { expression: '(price > (0)::numeric)' }),
      constraint('users', 'users_pkey', 'p', ['id']),
    ],
    indexes: [
      index('users', 'users_email_key', ['email'], 'CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)', { is_unique: true }),
      index('posts', 'idx_live', ['user_id'], 'CREATE INDEX idx_live ON public.posts USING btree (user_id) WHERE (status = \'draft\'::posts_status_enum)', {
        predicate: "(status = 'draft'::posts_status_enum)",
      }),
      index('posts', 'idx_broken', ['user_id'], 'CREATE INDEX idx_broken ON public.posts USING btree (user_id)', { is_valid: false }),
    ],
  });

  it('sorts tables and maps every part', () => {
    expect(schema.tables.map((t) => t.name)).toEqual(['posts', 'users']);
    const [posts, users] = schema.tables;
    expect(posts?.columns).toEqual([
      { name: 'id', type: { kind: 'integer', size: 'big' }, nullable: false, autoIncrement: true, identity: 'serial' },
      { name: 'user_id', type: { kind: 'integer', size: 'regular' }, nullable: true },
      { name: 'status', type: { kind: 'enum', values: ['draft', 'published'] }, nullable: false, default: { kind: 'literal', value: 'draft' } },
      { name: 'price', type: { kind: 'decimal', precision: 10, scale: 2 }, nullable: true, default: { kind: 'literal', value: -1.5 } },
      { name: 'created_at', type: { kind: 'timestamp', withTimeZone: true }, nullable: true, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
      { name: 'email', type: { kind: 'native', sql: 'email_address' }, nullable: true },
      { name: 'tags', type: { kind: 'native', sql: 'text[]' }, nullable: true, default: { kind: 'literal', value: '{}' } },
      { name: 'note', type: { kind: 'string', length: 20 }, nullable: true },
      { name: 'total', type: { kind: 'integer', size: 'regular' }, nullable: true, generated: { expression: '(user_id * 2)', stored: true } },
    ]);
    expect(posts?.primaryKey).toEqual({ name: 'posts_pkey', columns: ['id'] });
    expect(posts?.foreignKeys).toEqual([
      { name: 'fk_posts_user_id', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'CASCADE' },
    ]);
    expect(posts?.checks).toEqual([{ name: 'posts_price_check', expression: '(price > (0)::numeric)' }]);
    expect(posts?.indexes).toEqual([{ name: 'idx_live', columns: ['user_id'], unique: false, where: "(status = 'draft'::posts_status_enum)" }]);
    expect(users).toMatchObject({
      comment: 'People',
      columns: [
        { name: 'id', autoIncrement: true, identity: 'byDefault', nullable: false, comment: 'key' },
        { name: 'email', type: { kind: 'string', length: 255 } },
        { name: 'active', default: { kind: 'literal', value: true } },
      ],
      indexes: [{ name: 'users_email_key', columns: ['email'], unique: true }],
    });
    expect(users?.columns[0]?.default).toBeUndefined();
  });

  it('tells identity ALWAYS, BY DEFAULT and serial apart; a nextval() on a sequence the column does not own is a default', () => {
    const columns = fromRows({
      tables: [{ name: 't', comment: null }],
      columns: [
        column('t', 1, 'a', 'integer', { not_null: true, identity: 'a', owned_sequence: 't_a_seq' }),
        column('t', 2, 'b', 'bigint', { not_null: true, identity: 'd', owned_sequence: 't_b_seq' }),
        column('t', 3, 'c', 'integer', { not_null: true, default_sql: `nextval('"T c_seq"'::regclass)`, owned_sequence: '"T c_seq"' }),
        column('t', 4, 'd', 'integer', { not_null: true, default_sql: "nextval('shared_seq'::regclass)" }),
        column('t', 5, 'e', 'integer', { not_null: true, default_sql: "nextval('shared_seq'::regclass)", owned_sequence: 't_e_seq' }),
        column('t', 6, 'f', 'integer', { not_null: true, default_sql: "nextval('t_f_seq'::regclass) + 1", owned_sequence: 't_f_seq' }),
      ],
      constraints: [],
      indexes: [],
    }).tables[0]?.columns;
    expect(columns?.map((c) => [c.name, c.autoIncrement ?? false, c.identity ?? null, c.default ?? null])).toEqual([
      ['a', true, 'always', null],
      ['b', true, 'byDefault', null],
      ['c', true, 'serial', null],
      ['d', false, null, { kind: 'expression', sql: "nextval('shared_seq'::regclass)" }],
      ['e', false, null, { kind: 'expression', sql: "nextval('shared_seq'::regclass)" }],
      ['f', false, null, { kind: 'expression', sql: "nextval('t_f_seq'::regclass) + 1" }],
    ]);
  });

  it('maps every FK action code', () => {
    const actions = ['a', 'r', 'c', 'n', 'd'].map((code) =>
      fromRows({
        tables: [{ name: 't', comment: null }],
        columns: [column('t', 1, 'x', 'integer')],
        constraints: [constraint('t', 'f', 'f', ['x'], { ref_table: 't', ref_columns: ['x'], on_delete: code, on_update: code })],
        indexes: [],
      }).tables[0]?.foreignKeys[0]?.onDelete,
    );
    expect(actions).toEqual(['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT']);
  });
});

describe('indexFromRow', () => {
  it('keeps quoted column names plain', () => {
    expect(indexFromRow(index('t', 'i', ['Weird Col', 'select'], 'CREATE INDEX i ON public.t USING btree ("Weird Col", "select")'))).toEqual({
      name: 'i',
      columns: ['Weird Col', 'select'],
      unique: false,
    });
  });
  it.each([
    ['expression', [''], 'CREATE INDEX i ON public.t USING btree (lower((email)::text))', 'USING btree (lower((email)::text))'],
    ['DESC', ['n', 'm'], 'CREATE INDEX i ON public.t USING btree (n DESC, m)', 'USING btree (n DESC, m)'],
    ['gin', ['doc'], 'CREATE INDEX i ON public.t USING gin (doc)', 'USING gin (doc)'],
    ['opclass', ['email'], 'CREATE INDEX i ON public.t USING btree (email varchar_pattern_ops)', 'USING btree (email varchar_pattern_ops)'],
    ['INCLUDE', ['a'], 'CREATE UNIQUE INDEX i ON public.t USING btree (a) INCLUDE (b)', 'USING btree (a) INCLUDE (b)'],
    ['COLLATE', ['a', 'b'], 'CREATE INDEX i ON public.t USING btree (a, b COLLATE "C")', 'USING btree (a, b COLLATE "C")'],
    ['NULLS FIRST', ['a'], 'CREATE INDEX i ON public.t USING btree (a NULLS FIRST)', 'USING btree (a NULLS FIRST)'],
    ['expression with WHERE', [''], 'CREATE INDEX i ON public.t USING btree (lower(name)) WHERE (n > 0)', 'USING btree (lower(name)) WHERE (n > 0)'],
  ])('keeps a %s index as native', (_, columns, definition, native) => {
    const out = indexFromRow(index('t', 'i', columns, definition, { predicate: definition.includes('WHERE') ? '(n > 0)' : null }));
    expect(out.native).toBe(native);
    expect(out.where).toBeUndefined();
  });
});
