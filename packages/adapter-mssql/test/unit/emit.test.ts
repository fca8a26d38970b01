/**
 * Golden SQL for every operation kind. SQL Server itself never saw these in
 * this repository's CI (no server here): they are checked against the T-SQL
 * grammar by reading, and by the database-tier tests where a server exists.
 */
import { CURRENT_TIMESTAMP, OdacError, type Column, type Operation, type Table } from '@odac/core';
import { emit } from '@odac/adapter-mssql';

const sql = (...ops: Operation[]): string[] => emit(ops).map((s) => s.sql);
const int = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: { kind: 'integer', size: 'regular' }, nullable: true, ...extra });
const str = (name: string, length: number, extra: Partial<Column> = {}): Column => ({ name, type: { kind: 'string', length }, nullable: true, ...extra });

const DROP_DEFAULT = (table: string, column: string): string =>
  [
    `DECLARE @name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'[${table}]') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[${table}]'), N'${column}', 'ColumnId'));`,
    `DECLARE @sql nvarchar(max) = N'ALTER TABLE [${table}] DROP CONSTRAINT ' + QUOTENAME(@name);`,
    'IF @sql IS NOT NULL EXEC sys.sp_executesql @sql;',
  ].join('\n');

describe('createTable', () => {
  const users: Table = {
    name: 'users',
    columns: [
      { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
      str('email', 255, { nullable: false }),
      { name: 'role', type: { kind: 'enum', values: ['admin', 'reader'] }, nullable: false, default: { kind: 'literal', value: 'reader' } },
      { name: 'prefs', type: { kind: 'json' }, nullable: true },
      { name: 'active', type: { kind: 'boolean' }, nullable: false, default: { kind: 'literal', value: true } },
      { name: 'created_at', type: { kind: 'timestamp', withTimeZone: false }, nullable: false, default: { kind: 'expression', sql: CURRENT_TIMESTAMP } },
    ],
    primaryKey: { columns: ['id'] },
    indexes: [],
    foreignKeys: [],
  };

  it('writes types, identity, explicit nullability, named defaults and the enum/json checks', () => {
    expect(sql({ kind: 'createTable', table: 'users', classification: 'additive', definition: users })).toEqual([
      [
        'CREATE TABLE [users] (',
        '  [id] int IDENTITY(1,1) NOT NULL,',
        '  [email] nvarchar(255) NOT NULL,',
        "  [role] nvarchar(255) NOT NULL CONSTRAINT [DF_users_role] DEFAULT N'reader' CONSTRAINT [CK_users_role_enum] CHECK ([role] IN (N'admin', N'reader')),",
        '  [prefs] nvarchar(max) NULL CONSTRAINT [CK_users_prefs_json] CHECK (ISJSON([prefs]) = 1),',
        '  [active] bit NOT NULL CONSTRAINT [DF_users_active] DEFAULT 1,',
        '  [created_at] datetime2 NOT NULL CONSTRAINT [DF_users_created_at] DEFAULT CURRENT_TIMESTAMP,',
        '  CONSTRAINT [PK_users] PRIMARY KEY ([id])',
        ')',
      ].join('\n'),
    ]);
  });

  it('names checks, records their authored text, and adds table and column comments', () => {
    const t: Table = {
      name: 'posts',
      columns: [str('title', 200, { comment: 'Shown on the page' }), { name: 'guid', type: { kind: 'uuid' }, nullable: false, default: { kind: 'expression', sql: 'NEWID()' } }],
      primaryKey: { name: 'posts_pk', columns: ['guid'] },
      indexes: [],
      foreignKeys: [],
      checks: [{ expression: 'len(title) > 0' }],
      comment: "Editors' posts",
    };
    expect(sql({ kind: 'createTable', table: 'posts', classification: 'additive', definition: t })).toEqual([
      [
        'CREATE TABLE [posts] (',
        '  [title] nvarchar(200) NULL,',
        '  [guid] uniqueidentifier NOT NULL CONSTRAINT [DF_posts_guid] DEFAULT NEWID(),',
        '  CONSTRAINT [posts_pk] PRIMARY KEY ([guid]),',
        '  CONSTRAINT [ck_posts_ff417007] CHECK (len(title) > 0)',
        ')',
      ].join('\n'),
      [
        "DECLARE @schema sysname = OBJECT_SCHEMA_NAME(OBJECT_ID(N'[posts]'));",
        "DECLARE @value nvarchar(4000) = CONCAT((SELECT CONVERT(nvarchar(64), HASHBYTES('SHA2_256', definition), 2) FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(N'[posts]') AND name = N'ck_posts_ff417007'), N'|', N'len(title) > 0');",
        "EXEC sys.sp_addextendedproperty @name = N'odac_authored', @value = @value, @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = N'posts', @level2type = N'CONSTRAINT', @level2name = N'ck_posts_ff417007';",
      ].join('\n'),
      [
        "DECLARE @schema sysname = OBJECT_SCHEMA_NAME(OBJECT_ID(N'[posts]'));",
        "EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Editors'' posts', @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = N'posts';",
      ].join('\n'),
      [
        "DECLARE @schema sysname = OBJECT_SCHEMA_NAME(OBJECT_ID(N'[posts]'));",
        "EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Shown on the page', @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = N'posts', @level2type = N'COLUMN', @level2name = N'title';",
      ].join('\n'),
      [
        "DECLARE @schema sysname = OBJECT_SCHEMA_NAME(OBJECT_ID(N'[posts]'));",
        'DECLARE @name sysname, @definition nvarchar(max);',
        "SELECT @name = name, @definition = definition FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'[posts]') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[posts]'), N'guid', 'ColumnId');",
        "DECLARE @value nvarchar(4000) = CONCAT(CONVERT(nvarchar(64), HASHBYTES('SHA2_256', @definition), 2), N'|', N'NEWID()');",
        "EXEC sys.sp_addextendedproperty @name = N'odac_authored', @value = @value, @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = N'posts', @level2type = N'CONSTRAINT', @level2name = @name;",
      ].join('\n'),
    ]);
  });

  it('quotes identifiers with brackets, spaces and quotes everywhere', () => {
    const t: Table = { name: 'order]items', columns: [str("it's", 10, { default: { kind: 'literal', value: "a'b" } })], indexes: [], foreignKeys: [] };
    expect(sql({ kind: 'createTable', table: t.name, classification: 'additive', definition: t })).toEqual([
      "CREATE TABLE [order]]items] (\n  [it's] nvarchar(10) NULL CONSTRAINT [DF_order]]items_it's] DEFAULT N'a''b'\n)",
    ]);
  });

  it('refuses an identity column that is not an integer', () => {
    const t: Table = { name: 't', columns: [{ name: 'id', type: { kind: 'uuid' }, nullable: false, autoIncrement: true }], indexes: [], foreignKeys: [] };
    expect(() => emit([{ kind: 'createTable', table: 't', classification: 'additive', definition: t }])).toThrow(OdacError);
  });
});

describe('tables', () => {
  it('drops and renames', () => {
    const def: Table = { name: 'old', columns: [int('id')], indexes: [], foreignKeys: [] };
    expect(sql({ kind: 'dropTable', table: 'old', classification: 'destructive', definition: def })).toEqual(['DROP TABLE [old]']);
    expect(sql({ kind: 'renameTable', table: 'new name', classification: 'changing', from: "o'ld" })).toEqual([
      "EXEC sys.sp_rename N'[o''ld]', N'new name', N'OBJECT'",
    ]);
  });

  it('sets and removes the table comment', () => {
    expect(sql({ kind: 'setTableComment', table: 'users', classification: 'changing', comment: 'People' })).toEqual([
      [
        "DECLARE @schema sysname = OBJECT_SCHEMA_NAME(OBJECT_ID(N'[users]'));",
        "IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[users]') AND minor_id = 0 AND name = N'MS_Description') EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = N'People', @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = N'users'",
        "ELSE EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'People', @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = N'users';",
      ].join('\n'),
    ]);
    expect(sql({ kind: 'setTableComment', table: 'users', classification: 'changing' })).toEqual([
      [
        "DECLARE @schema sysname = OBJECT_SCHEMA_NAME(OBJECT_ID(N'[users]'));",
        "IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[users]') AND minor_id = 0 AND name = N'MS_Description') EXEC sys.sp_dropextendedproperty @name = N'MS_Description', @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = N'users';",
      ].join('\n'),
    ]);
  });

  it('refuses rebuildTable (SQL Server changes tables in place)', () => {
    const t: Table = { name: 't', columns: [int('id')], indexes: [], foreignKeys: [] };
    expect(() => emit([{ kind: 'rebuildTable', table: 't', classification: 'changing', from: t, to: t, columnMap: [], replaces: [] }])).toThrow(/planner/);
  });
});

describe('columns', () => {
  it('adds a column, filling existing rows of a nullable one with its default', () => {
    expect(sql({ kind: 'addColumn', table: 'order items', classification: 'additive', column: str('gift note', 200, { default: { kind: 'literal', value: 'with love' } }) })).toEqual([
      "ALTER TABLE [order items] ADD [gift note] nvarchar(200) NULL CONSTRAINT [DF_order items_gift note] DEFAULT N'with love' WITH VALUES",
    ]);
    expect(sql({ kind: 'addColumn', table: 'users', classification: 'additive', column: int('karma', { nullable: false, default: { kind: 'literal', value: 0 } }) })).toEqual([
      'ALTER TABLE [users] ADD [karma] int NOT NULL CONSTRAINT [DF_users_karma] DEFAULT 0',
    ]);
    expect(sql({ kind: 'addColumn', table: 'users', classification: 'additive', column: { name: 'kind', type: { kind: 'enum', values: ['a', 'b'] }, nullable: true } })).toEqual([
      "ALTER TABLE [users] ADD [kind] nvarchar(255) NULL CONSTRAINT [CK_users_kind_enum] CHECK ([kind] IN (N'a', N'b'))",
    ]);
  });

  it('drops a column after its default and its enum check', () => {
    expect(sql({ kind: 'dropColumn', table: 'users', classification: 'destructive', column: int('legacy') })).toEqual(['ALTER TABLE [users] DROP COLUMN [legacy]']);
    expect(
      sql({
        kind: 'dropColumn',
        table: 'users',
        classification: 'destructive',
        column: { name: 'role', type: { kind: 'enum', values: ['a'] }, nullable: false, default: { kind: 'literal', value: 'a' } },
      }),
    ).toEqual([
      DROP_DEFAULT('users', 'role'),
      [
        "DECLARE @sql nvarchar(max) = (SELECT STRING_AGG(CONVERT(nvarchar(max), N'ALTER TABLE [users] DROP CONSTRAINT ' + QUOTENAME(name)), N'; ')",
        "  FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(N'[users]') AND LOWER(definition) LIKE N'(\\[role]=%' ESCAPE N'\\');",
        'IF @sql IS NOT NULL EXEC sys.sp_executesql @sql;',
      ].join('\n'),
      'ALTER TABLE [users] DROP COLUMN [role]',
    ]);
  });

  it('drops the json check by its stored shape', () => {
    const [check] = sql({ kind: 'dropColumn', table: 'users', classification: 'destructive', column: { name: 'Prefs_%', type: { kind: 'json' }, nullable: true } });
    expect(check).toContain("LOWER(definition) LIKE N'(isjson(\\[prefs\\_\\%])%' ESCAPE N'\\'");
  });

  it('renames a column with sp_rename, and its default constraint after it', () => {
    expect(sql({ kind: 'renameColumn', table: 'users', classification: 'changing', from: 'name', to: 'full name' })).toEqual([
      "EXEC sys.sp_rename N'[users].[name]', N'full name', N'COLUMN'",
      [
        "DECLARE @name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'[users]') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[users]'), N'full name', 'ColumnId'));",
        "DECLARE @qualified nvarchar(300) = QUOTENAME(OBJECT_SCHEMA_NAME(OBJECT_ID(N'[users]'))) + N'.' + QUOTENAME(@name);",
        "IF @name IS NOT NULL AND @name <> N'DF_users_full name' AND OBJECT_ID(QUOTENAME(OBJECT_SCHEMA_NAME(OBJECT_ID(N'[users]'))) + N'.' + QUOTENAME(N'DF_users_full name')) IS NULL",
        "  EXEC sys.sp_rename @qualified, N'DF_users_full name', N'OBJECT';",
      ].join('\n'),
    ]);
  });
});

describe('alterColumn', () => {
  const alter = (from: Column, to: Column, changes: Extract<Operation, { kind: 'alterColumn' }>['changes']): string[] =>
    sql({ kind: 'alterColumn', table: 'products', classification: 'changing', from, to, changes });

  it('widens a string in place, restating nullability', () => {
    expect(alter(str('name', 80, { nullable: false }), str('name', 200, { nullable: false }), ['type'])).toEqual([
      'ALTER TABLE [products] ALTER COLUMN [name] nvarchar(200) NOT NULL',
    ]);
  });

  it('rebuilds the indexes on the column around any other type or nullability change', () => {
    const [statement] = alter(int('stock', { nullable: false }), { ...int('stock'), type: { kind: 'integer', size: 'big' } }, ['type', 'nullable']);
    const lines = statement?.split('\n') ?? [];
    expect(lines.slice(0, 3)).toEqual([
      "DECLARE @table int = OBJECT_ID(N'[products]');",
      "DECLARE @column int = COLUMNPROPERTY(OBJECT_ID(N'[products]'), N'stock', 'ColumnId');",
      'DECLARE @drop nvarchar(max), @create nvarchar(max);',
    ]);
    expect(lines.slice(-3)).toEqual([
      'IF @drop IS NOT NULL EXEC sys.sp_executesql @drop;',
      'ALTER TABLE [products] ALTER COLUMN [stock] bigint NULL;',
      'IF @create IS NOT NULL EXEC sys.sp_executesql @create;',
    ]);
    expect(statement).toContain("N' PRIMARY KEY ' + i.type_desc");
    expect(statement).toContain('WHERE i.object_id = @table AND i.type IN (1, 2)');
  });

  it('drops the default around a type change and puts the new one back', () => {
    const out = alter(int('stock', { nullable: false, default: { kind: 'literal', value: 0 } }), { ...int('stock'), type: { kind: 'integer', size: 'big' }, default: { kind: 'literal', value: 5 } }, [
      'type',
      'nullable',
      'default',
    ]);
    expect(out).toHaveLength(3);
    expect(out[0]).toBe(DROP_DEFAULT('products', 'stock'));
    expect(out[1]).toContain('ALTER TABLE [products] ALTER COLUMN [stock] bigint NULL;');
    expect(out[2]).toBe('ALTER TABLE [products] ADD CONSTRAINT [DF_products_stock] DEFAULT 5 FOR [stock]');
  });

  it('changes only a default with the lookup block and ADD CONSTRAINT … FOR', () => {
    const from = str('status', 20, { nullable: false, default: { kind: 'literal', value: 'draft' } });
    expect(alter(from, { ...from, default: { kind: 'literal', value: 'published' } }, ['default'])).toEqual([
      DROP_DEFAULT('products', 'status'),
      "ALTER TABLE [products] ADD CONSTRAINT [DF_products_status] DEFAULT N'published' FOR [status]",
    ]);
    expect(alter(from, { ...from, default: undefined }, ['default'])).toEqual([DROP_DEFAULT('products', 'status')]);
    expect(alter({ ...from, default: undefined }, from, ['default'])).toEqual([
      "ALTER TABLE [products] ADD CONSTRAINT [DF_products_status] DEFAULT N'draft' FOR [status]",
    ]);
  });

  it('replaces the enum check when the values change', () => {
    const from: Column = { name: 'status', type: { kind: 'enum', values: ['paid', 'pending'] }, nullable: false };
    const to: Column = { ...from, type: { kind: 'enum', values: ['paid', 'pending', 'refunded'] } };
    const out = alter(from, to, ['type']);
    expect(out).toHaveLength(3);
    expect(out[0]).toContain("LOWER(definition) LIKE N'(\\[status]=%'");
    expect(out[1]).toBe('ALTER TABLE [products] ALTER COLUMN [status] nvarchar(255) NOT NULL');
    expect(out[2]).toBe("ALTER TABLE [products] ADD CONSTRAINT [CK_products_status_enum] CHECK ([status] IN (N'paid', N'pending', N'refunded'))");
  });

  it('sets a column comment', () => {
    expect(alter(int('a'), int('a', { comment: 'x' }), ['comment'])[0]).toContain("sp_addextendedproperty @name = N'MS_Description', @value = N'x'");
  });

  it('refuses to add or remove IDENTITY', () => {
    expect(() => alter(int('id', { nullable: false }), int('id', { nullable: false, autoIncrement: true }), ['autoIncrement'])).toThrow(/IDENTITY/);
  });
});

describe('keys, indexes and checks', () => {
  it('changes the primary key', () => {
    expect(sql({ kind: 'setPrimaryKey', table: 'countries', classification: 'changing', from: { name: 'PK_countries', columns: ['id'] }, to: { columns: ['code'] } })).toEqual([
      'ALTER TABLE [countries] DROP CONSTRAINT [PK_countries]',
      'ALTER TABLE [countries] ADD CONSTRAINT [PK_countries] PRIMARY KEY ([code])',
    ]);
    expect(sql({ kind: 'setPrimaryKey', table: 'tags', classification: 'changing', from: { columns: ['id'] } })).toEqual([
      [
        "DECLARE @name sysname = (SELECT name FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID(N'[tags]') AND type = 'PK');",
        "DECLARE @sql nvarchar(max) = N'ALTER TABLE [tags] DROP CONSTRAINT ' + QUOTENAME(@name);",
        'IF @sql IS NOT NULL EXEC sys.sp_executesql @sql;',
      ].join('\n'),
    ]);
  });

  it('creates and drops indexes, unique ones possibly being constraints', () => {
    expect(sql({ kind: 'addIndex', table: 'customers', classification: 'additive', index: { name: 'idx_customers_last_name_first_name', columns: ['last_name', 'first_name'], unique: false } })).toEqual([
      'CREATE INDEX [idx_customers_last_name_first_name] ON [customers] ([last_name], [first_name])',
    ]);
    expect(sql({ kind: 'dropIndex', table: 'customers', classification: 'changing', index: { name: 'idx_c', columns: ['city'], unique: false } })).toEqual([
      'DROP INDEX [idx_c] ON [customers]',
    ]);
    expect(sql({ kind: 'dropIndex', table: 'customers', classification: 'changing', index: { name: 'uq_c', columns: ['email'], unique: true } })).toEqual([
      [
        "IF EXISTS (SELECT 1 FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID(N'[customers]') AND name = N'uq_c')",
        '  ALTER TABLE [customers] DROP CONSTRAINT [uq_c]',
        'ELSE',
        '  DROP INDEX [uq_c] ON [customers];',
      ].join('\n'),
    ]);
  });

  it('creates a filtered index and records its authored predicate', () => {
    expect(sql({ kind: 'addIndex', table: 'posts', classification: 'additive', index: { name: 'uq_posts_slug', columns: ['slug'], unique: true, where: 'deleted_at IS NULL' } })).toEqual([
      'CREATE UNIQUE INDEX [uq_posts_slug] ON [posts] ([slug]) WHERE deleted_at IS NULL',
      [
        "DECLARE @schema sysname = OBJECT_SCHEMA_NAME(OBJECT_ID(N'[posts]'));",
        "DECLARE @value nvarchar(4000) = CONCAT((SELECT CONVERT(nvarchar(64), HASHBYTES('SHA2_256', filter_definition), 2) FROM sys.indexes WHERE object_id = OBJECT_ID(N'[posts]') AND name = N'uq_posts_slug'), N'|', N'deleted_at IS NULL');",
        "EXEC sys.sp_addextendedproperty @name = N'odac_authored', @value = @value, @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = N'posts', @level2type = N'INDEX', @level2name = N'uq_posts_slug';",
      ].join('\n'),
    ]);
  });

  it('recreates an introspected native index', () => {
    expect(sql({ kind: 'addIndex', table: 'users', classification: 'additive', index: { name: 'ix', columns: ['email'], unique: false, native: 'NONCLUSTERED ([email] DESC) INCLUDE ([prefs])' } })).toEqual([
      'CREATE NONCLUSTERED INDEX [ix] ON [users] ([email] DESC) INCLUDE ([prefs])',
    ]);
  });

  it('adds foreign keys with actions (NO ACTION and RESTRICT left implicit) and drops them', () => {
    expect(
      sql({
        kind: 'addForeignKey',
        table: 'posts',
        classification: 'additive',
        foreignKey: { name: 'fk_posts_user_id', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'CASCADE' },
      }),
    ).toEqual(['ALTER TABLE [posts] ADD CONSTRAINT [fk_posts_user_id] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE SET NULL ON UPDATE CASCADE']);
    expect(
      sql({
        kind: 'addForeignKey',
        table: 'shipments',
        classification: 'additive',
        foreignKey: { name: 'fk_s', columns: ['order_id', 'line_no'], references: { table: 'order_lines', columns: ['order_id', 'line_no'] }, onDelete: 'RESTRICT', onUpdate: 'NO ACTION' },
      }),
    ).toEqual(['ALTER TABLE [shipments] ADD CONSTRAINT [fk_s] FOREIGN KEY ([order_id], [line_no]) REFERENCES [order_lines] ([order_id], [line_no])']);
    expect(
      sql({
        kind: 'dropForeignKey',
        table: 'posts',
        classification: 'changing',
        foreignKey: { name: 'fk_posts_user_id', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
      }),
    ).toEqual(['ALTER TABLE [posts] DROP CONSTRAINT [fk_posts_user_id]']);
  });

  it('adds a check with its authored text and drops one by name', () => {
    const out = sql({ kind: 'addCheck', table: 'products', classification: 'additive', check: { name: 'ck_price', expression: 'price >= 0' } });
    expect(out[0]).toBe('ALTER TABLE [products] ADD CONSTRAINT [ck_price] CHECK (price >= 0)');
    expect(out[1]).toContain("name = N'ck_price'), N'|', N'price >= 0');");
    expect(sql({ kind: 'dropCheck', table: 'products', classification: 'changing', check: { name: 'ck_price', expression: 'price >= 0' } })).toEqual([
      'ALTER TABLE [products] DROP CONSTRAINT [ck_price]',
    ]);
  });
});

describe('statements', () => {
  it('are all transactional, carry their operation and table, and name the SCH-M lock on existing tables', () => {
    const def: Table = { name: 'new_t', columns: [int('id')], indexes: [], foreignKeys: [] };
    const out = emit([
      { kind: 'createTable', table: 'new_t', classification: 'additive', definition: def },
      { kind: 'addIndex', table: 'new_t', classification: 'additive', index: { name: 'i', columns: ['id'], unique: false } },
      { kind: 'addColumn', table: 'old_t', classification: 'additive', column: int('x') },
    ]);
    expect(out.map((s) => [s.transactional, s.operation, s.table, s.lock])).toEqual([
      [true, 0, 'new_t', undefined],
      [true, 1, 'new_t', undefined],
      [true, 2, 'old_t', 'SCH-M'],
    ]);
  });
});
