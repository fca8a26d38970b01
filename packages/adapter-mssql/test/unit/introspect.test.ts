import { CURRENT_TIMESTAMP, planMigration, type Schema } from '@odac/core';
import { col, fk, now, schema, table, unique } from '@odac/adapter-testkit';
import adapter, {
  definitionHash,
  fromRows,
  normalize,
  type CatalogRows,
  type CheckRow,
  type ColumnRow,
  type ForeignKeyRow,
  type IndexRow,
  type PropertyRow,
} from '@odac/adapter-mssql';

const USERS = 901578250;
const POSTS = 933578364;
const POST_TAGS = 965578478;

/** A sys.columns row with SQL Server's byte lengths and precisions. */
function column(object_id: number, column_id: number, name: string, type: string, extra: Partial<ColumnRow> = {}): ColumnRow {
  const sizes: Record<string, [number, number, number]> = {
    int: [4, 10, 0],
    bit: [1, 1, 0],
    'nvarchar(255)': [510, 0, 0],
    'nvarchar(200)': [400, 0, 0],
    'nvarchar(max)': [-1, 0, 0],
    datetime2: [8, 27, 7],
    uniqueidentifier: [16, 0, 0],
    smallint: [2, 5, 0],
  };
  const [max_length, precision, scale] = sizes[type] ?? [0, 0, 0];
  return {
    object_id,
    column_id,
    name,
    type_name: type.replace(/\(.*\)$/, ''),
    is_user_defined: false,
    max_length,
    precision,
    scale,
    is_nullable: true,
    is_identity: false,
    is_computed: false,
    default_object_id: null,
    default_definition: null,
    ...extra,
  };
}

function indexRows(object_id: number, index_id: number, name: string, columns: string[], extra: Partial<IndexRow> = {}): IndexRow[] {
  return columns.map((column_name, i) => ({
    object_id,
    index_id,
    name,
    type_desc: 'NONCLUSTERED',
    is_primary_key: false,
    is_unique_constraint: false,
    is_unique: false,
    has_filter: false,
    filter_definition: null,
    key_ordinal: i + 1,
    is_descending_key: false,
    is_included_column: false,
    column_name,
    ...extra,
  }));
}

const pk = (object_id: number, name: string, columns: string[]): IndexRow[] =>
  indexRows(object_id, 1, name, columns, { type_desc: 'CLUSTERED', is_primary_key: true, is_unique: true });

function fkRows(parent_object_id: number, name: string, pairs: [string, string][], table: string, onDelete = 'NO_ACTION', onUpdate = 'NO_ACTION'): ForeignKeyRow[] {
  return pairs.map(([column_name, referenced_column], i) => ({
    parent_object_id,
    name,
    constraint_column_id: i + 1,
    column_name,
    referenced_schema: 'dbo',
    referenced_table: table,
    referenced_column,
    delete_referential_action_desc: onDelete,
    update_referential_action_desc: onUpdate,
  }));
}

const authored = (major_id: number, definition: string, text: string, cls = 1, minor_id = 0): PropertyRow => ({
  class: cls,
  major_id,
  minor_id,
  name: 'odac_authored',
  value: `${definitionHash(definition)}|${text}`,
});

/** The desired blog-like schema the fixture rows below describe. */
const desired: Schema = schema(
  table(
    'users',
    [
      col.increments('id'),
      col.string('email', 255, { nullable: false, comment: 'Login e-mail' }),
      col.enum('role', ['reader', 'author', 'admin'], { nullable: false, default: 'reader' }),
      col.boolean('active', { nullable: false, default: true }),
      col.json('prefs'),
      col.timestamp('created_at', { nullable: false, default: now }),
    ],
    { indexes: [unique('email')], comment: 'People' },
  ),
  table(
    'posts',
    [
      col.increments('id'),
      col.integer('user_id'),
      col.string('title', 200, { nullable: false }),
      col.timestamp('deleted_at'),
      col.uuid('external_id', { nullable: false, default: { kind: 'expression', sql: 'NEWID()' } }),
    ],
    {
      indexes: [{ columns: ['user_id'], unique: false, where: 'deleted_at IS NULL' }],
      foreignKeys: [fk('user_id', 'users', 'id', { onDelete: 'CASCADE' })],
      checks: [{ expression: 'len(title) > 0' }],
    },
  ),
  table(
    'post_tags',
    [col.integer('post_id', { nullable: false }), col.integer('tag_id', { nullable: false }), col.smallInteger('position', { nullable: false, default: 0 })],
    { primaryKey: ['post_id', 'tag_id'], foreignKeys: [fk('post_id', 'posts', 'id', { onDelete: 'CASCADE', onUpdate: 'CASCADE' })] },
  ),
);

/** What the sys.* views return after odac created `desired` on SQL Server 2019. */
function blogRows(): CatalogRows {
  const roleCheck = "([role]=N'admin' OR [role]=N'author' OR [role]=N'reader')";
  const titleCheck = '(len([title])>(0))';
  const filter = '([deleted_at] IS NULL)';
  const checks: CheckRow[] = [
    { object_id: 1013578649, parent_object_id: USERS, name: 'CK_users_role_enum', definition: roleCheck },
    { object_id: 1029578706, parent_object_id: USERS, name: 'CK_users_prefs_json', definition: '(isjson([prefs])=(1))' },
    { object_id: 1093578934, parent_object_id: POSTS, name: 'ck_posts_ff417007', definition: titleCheck },
  ];
  return {
    schema: 'dbo',
    tables: [
      { object_id: POST_TAGS, name: 'post_tags' },
      { object_id: POSTS, name: 'posts' },
      { object_id: USERS, name: 'users' },
    ],
    columns: [
      column(USERS, 1, 'id', 'int', { is_nullable: false, is_identity: true }),
      column(USERS, 2, 'email', 'nvarchar(255)', { is_nullable: false }),
      column(USERS, 3, 'role', 'nvarchar(255)', { is_nullable: false, default_object_id: 997578592, default_definition: "(N'reader')" }),
      column(USERS, 4, 'active', 'bit', { is_nullable: false, default_object_id: 1045578763, default_definition: '((1))' }),
      column(USERS, 5, 'prefs', 'nvarchar(max)'),
      column(USERS, 6, 'created_at', 'datetime2', { is_nullable: false, default_object_id: 1061578820, default_definition: '(getdate())' }),
      column(POSTS, 1, 'id', 'int', { is_nullable: false, is_identity: true }),
      column(POSTS, 2, 'user_id', 'int'),
      column(POSTS, 3, 'title', 'nvarchar(200)', { is_nullable: false }),
      column(POSTS, 4, 'deleted_at', 'datetime2'),
      column(POSTS, 5, 'external_id', 'uniqueidentifier', { is_nullable: false, default_object_id: 1077578877, default_definition: '(newid())' }),
      column(POST_TAGS, 1, 'post_id', 'int', { is_nullable: false }),
      column(POST_TAGS, 2, 'tag_id', 'int', { is_nullable: false }),
      column(POST_TAGS, 3, 'position', 'smallint', { is_nullable: false, default_object_id: 1109578991, default_definition: '((0))' }),
    ],
    indexes: [
      ...pk(USERS, 'PK_users', ['id']),
      ...indexRows(USERS, 2, 'uq_users_email', ['email'], { is_unique: true }),
      ...pk(POSTS, 'PK_posts', ['id']),
      ...indexRows(POSTS, 2, 'idx_posts_user_id', ['user_id'], { has_filter: true, filter_definition: filter }),
      ...pk(POST_TAGS, 'PK_post_tags', ['post_id', 'tag_id']),
    ],
    foreignKeys: [
      ...fkRows(POSTS, 'fk_posts_user_id', [['user_id', 'id']], 'users', 'CASCADE'),
      ...fkRows(POST_TAGS, 'fk_post_tags_post_id', [['post_id', 'id']], 'posts', 'CASCADE', 'CASCADE'),
    ],
    checks,
    properties: [
      { class: 1, major_id: USERS, minor_id: 0, name: 'MS_Description', value: 'People' },
      { class: 1, major_id: USERS, minor_id: 2, name: 'MS_Description', value: 'Login e-mail' },
      authored(1093578934, titleCheck, 'len(title) > 0'),
      authored(1077578877, '(newid())', 'NEWID()'),
      authored(POSTS, filter, 'deleted_at IS NULL', 7, 2),
    ],
  };
}

describe('fromRows', () => {
  it('reads the catalog of what odac created back to normalize(desired): the next plan is empty', () => {
    const current = fromRows(blogRows());
    const plan = planMigration(current, normalize(desired), { capabilities: adapter.capabilities });
    expect(plan.operations).toEqual([]);
    expect(plan.unmanagedTables).toEqual([]);
  });

  it('maps identity, enum and json checks, defaults and comments', () => {
    const users = fromRows(blogRows()).tables.find((t) => t.name === 'users');
    expect(users?.comment).toBe('People');
    expect(users?.primaryKey).toEqual({ name: 'PK_users', columns: ['id'] });
    expect(users?.checks).toBeUndefined();
    expect(users?.columns).toEqual([
      { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
      { name: 'email', type: { kind: 'string', length: 255 }, nullable: false, comment: 'Login e-mail' },
      { name: 'role', type: { kind: 'enum', values: ['admin', 'author', 'reader'] }, nullable: false, default: { kind: 'literal', value: 'reader' } },
      { name: 'active', type: { kind: 'boolean' }, nullable: false, default: { kind: 'literal', value: true } },
      { name: 'prefs', type: { kind: 'json' }, nullable: true },
      { name: 'created_at', type: { kind: 'timestamp', withTimeZone: false }, nullable: false, default: { kind: 'expression', sql: CURRENT_TIMESTAMP } },
    ]);
    expect(users?.indexes).toEqual([{ name: 'uq_users_email', columns: ['email'], unique: true }]);
  });

  it('reports authored text for checks, filters and expression defaults while the stored definition is unchanged', () => {
    const posts = fromRows(blogRows()).tables.find((t) => t.name === 'posts');
    expect(posts?.checks).toEqual([{ name: 'ck_posts_ff417007', expression: 'len(title) > 0' }]);
    expect(posts?.indexes).toEqual([{ name: 'idx_posts_user_id', columns: ['user_id'], unique: false, where: 'deleted_at IS NULL' }]);
    expect(posts?.columns.find((c) => c.name === 'external_id')?.default).toEqual({ kind: 'expression', sql: 'NEWID()' });
    expect(posts?.foreignKeys).toEqual([
      { name: 'fk_posts_user_id', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ]);
  });

  it("falls back to SQL Server's own text when a definition changed behind odac's back", () => {
    const rows = blogRows();
    const changed: CatalogRows = {
      ...rows,
      checks: rows.checks.map((c) => (c.name === 'ck_posts_ff417007' ? { ...c, definition: '(len([title])>(1))' } : c)),
    };
    const posts = fromRows(changed).tables.find((t) => t.name === 'posts');
    expect(posts?.checks).toEqual([{ name: 'ck_posts_ff417007', expression: 'len([title])>(1)' }]);
    // A plan then replaces it, and records the authored text again.
    const plan = planMigration(fromRows(changed), normalize(desired), { capabilities: adapter.capabilities });
    expect(plan.operations.map((o) => o.kind)).toEqual(['dropCheck', 'addCheck']);
  });

  it('orders composite keys by key_ordinal and maps every referential action', () => {
    const rows = blogRows();
    const shuffled: CatalogRows = {
      ...rows,
      indexes: [...rows.indexes].reverse(),
      foreignKeys: [
        ...fkRows(POST_TAGS, 'fk_a', [['tag_id', 'id']], 'tags', 'SET_NULL', 'SET_DEFAULT'),
        ...fkRows(POST_TAGS, 'fk_b', [['post_id', 'a'], ['tag_id', 'b']], 'pairs').reverse(),
      ],
    };
    const postTags = fromRows(shuffled).tables.find((t) => t.name === 'post_tags');
    expect(postTags?.primaryKey).toEqual({ name: 'PK_post_tags', columns: ['post_id', 'tag_id'] });
    expect(postTags?.foreignKeys).toEqual([
      { name: 'fk_b', columns: ['post_id', 'tag_id'], references: { table: 'pairs', columns: ['a', 'b'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
      { name: 'fk_a', columns: ['tag_id'], references: { table: 'tags', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'SET DEFAULT' },
    ]);
    expect(postTags?.columns.find((c) => c.name === 'position')?.default).toEqual({ kind: 'literal', value: 0 });
  });

  it('keeps indexes the model cannot express as native, and unique constraints as unique indexes', () => {
    const rows: CatalogRows = {
      schema: 'dbo',
      tables: [{ object_id: USERS, name: 'users' }],
      columns: [column(USERS, 1, 'id', 'int', { is_nullable: false }), column(USERS, 2, 'email', 'nvarchar(255)'), column(USERS, 3, 'prefs', 'nvarchar(max)')],
      indexes: [
        ...indexRows(USERS, 1, 'cx_users_email', ['email'], { type_desc: 'CLUSTERED' }),
        ...indexRows(USERS, 3, 'ix_users_desc', ['email', 'prefs'], { is_descending_key: true }).map((r) =>
          r.column_name === 'prefs' ? { ...r, is_descending_key: false, is_included_column: true, key_ordinal: 0 } : r,
        ),
        ...indexRows(USERS, 4, 'UQ__users__AB6E6164', ['id'], { is_unique: true, is_unique_constraint: true }),
      ],
      foreignKeys: [],
      checks: [],
      properties: [],
    };
    const users = fromRows(rows).tables[0];
    expect(users?.primaryKey).toBeUndefined();
    expect(users?.indexes).toEqual([
      { name: 'cx_users_email', columns: ['email'], unique: false, native: 'CLUSTERED ([email])' },
      { name: 'ix_users_desc', columns: ['email'], unique: false, native: 'NONCLUSTERED ([email] DESC) INCLUDE ([prefs])' },
      { name: 'UQ__users__AB6E6164', columns: ['id'], unique: true },
    ]);
  });

  it('names a referenced table in another schema with its schema', () => {
    const rows: CatalogRows = {
      schema: 'dbo',
      tables: [{ object_id: POSTS, name: 'posts' }],
      columns: [column(POSTS, 1, 'owner_id', 'int')],
      indexes: [],
      foreignKeys: fkRows(POSTS, 'fk_owner', [['owner_id', 'id']], 'people').map((r) => ({ ...r, referenced_schema: 'hr' })),
      checks: [],
      properties: [],
    };
    expect(fromRows(rows).tables[0]?.foreignKeys[0]?.references).toEqual({ table: 'hr.people', columns: ['id'] });
  });

  it('leaves a user check on a column that is not the enum/json shape as a check', () => {
    const rows: CatalogRows = {
      schema: 'dbo',
      tables: [{ object_id: USERS, name: 'users' }],
      columns: [column(USERS, 1, 'code', 'nvarchar(200)'), column(USERS, 2, 'doc', 'nvarchar(max)')],
      indexes: [],
      foreignKeys: [],
      checks: [
        { object_id: 11, parent_object_id: USERS, name: 'ck_code', definition: "([code]=N'a' OR [code]=N'b')" },
        { object_id: 12, parent_object_id: USERS, name: 'ck_doc', definition: '(len([doc])>(2))' },
      ],
      properties: [],
    };
    const users = fromRows(rows).tables[0];
    expect(users?.columns.map((c) => c.type)).toEqual([{ kind: 'string', length: 200 }, { kind: 'text' }]);
    expect(users?.checks).toEqual([
      { name: 'ck_code', expression: "[code]=N'a' OR [code]=N'b'" },
      { name: 'ck_doc', expression: 'len([doc])>(2)' },
    ]);
  });
});
