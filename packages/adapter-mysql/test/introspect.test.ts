import { CURRENT_TIMESTAMP, withCanonicalExpressions, type Schema } from '@odac/core';
import { fromRows, normalize, resolveCollations } from '@odac/adapter-mysql';
import { mariadbRows, mysqlRows } from './support/rows.js';

/** What a user would declare for the fixture table. */
const desired: Schema = {
  tables: [
    {
      name: 'owners',
      columns: [{ name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true }],
      primaryKey: { columns: ['id'] },
      indexes: [],
      foreignKeys: [],
    },
    {
      name: 'shop',
      comment: 'the shop',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true },
        { name: 'name', type: { kind: 'string', length: 100 }, nullable: false, default: { kind: 'literal', value: "it's" } },
        { name: 'code', type: { kind: 'string', length: 20 }, nullable: true, default: { kind: 'literal', value: 'NULL' } },
        { name: 'note', type: { kind: 'string', length: 20 }, nullable: true, default: { kind: 'literal', value: null } },
        { name: 'active', type: { kind: 'boolean' }, nullable: false, default: { kind: 'literal', value: true } },
        { name: 'price', type: { kind: 'decimal', precision: 10, scale: 2 }, nullable: false, default: { kind: 'literal', value: 1.5 } },
        { name: 'stock', type: { kind: 'integer', size: 'regular' }, nullable: false, default: { kind: 'literal', value: -5 } },
        { name: 'status', type: { kind: 'enum', values: ['new', 'old'] }, nullable: false, default: { kind: 'literal', value: 'new' } },
        { name: 'meta', type: { kind: 'json', binary: true }, nullable: true },
        { name: 'body', type: { kind: 'text' }, nullable: true, default: { kind: 'literal', value: 'hello' } },
        { name: 'token', type: { kind: 'uuid' }, nullable: true, default: { kind: 'expression', sql: 'UUID()' } },
        { name: 'legacy', type: { kind: 'native', sql: 'VARCHAR(10) CHARACTER SET latin1' }, nullable: true },
        { name: 'created_at', type: { kind: 'timestamp', withTimeZone: true }, nullable: false, default: { kind: 'expression', sql: CURRENT_TIMESTAMP } },
        {
          name: 'updated_at',
          type: { kind: 'timestamp' },
          nullable: false,
          default: { kind: 'expression', sql: 'now()' },
          onUpdateCurrentTimestamp: true,
        },
        { name: 'owner_id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: true },
      ],
      primaryKey: { columns: ['id'] },
      indexes: [
        { name: 'ix_name_prefix', columns: ['name', 'stock'], unique: false, native: '(name(10), stock DESC)' },
        { name: 'ft_body', columns: ['body'], unique: false, native: 'FULLTEXT (body)' },
        { name: 'uq_code', columns: ['code'], unique: true },
      ],
      foreignKeys: [{ name: 'fk_shop_owner', columns: ['owner_id'], references: { table: 'owners', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION' }],
      checks: [{ name: 'price_positive', expression: "price >= 0 AND status IN ('new', 'old')" }],
    },
  ],
};

/** The schema without table options: the fixtures come from servers with other default collations. */
const withoutOptions = (schema: Schema): Schema => ({ tables: schema.tables.map(({ mysql: _mysql, ...t }) => t) });

describe('fromRows', () => {
  const maria = withoutOptions(fromRows(mariadbRows, 'mariadb'));
  const mysql = withoutOptions(fromRows(mysqlRows, 'mysql'));

  it('reads the engine, default charset and collation of each table', () => {
    const rows = { ...mariadbRows, tables: mariadbRows.tables.map((t) => ({ ...t, engine: 'MyISAM', table_charset: 'latin1', table_collation: 'latin1_bin' })) };
    expect(fromRows(rows, 'mariadb').tables.map((t) => t.mysql)).toEqual([
      { engine: 'MyISAM', charset: 'latin1', collation: 'latin1_bin' },
      { engine: 'MyISAM', charset: 'latin1', collation: 'latin1_bin' },
    ]);
  });

  it('maps MariaDB and MySQL 8 catalogs of the same table to the same model', () => {
    expect(mysql).toEqual(maria);
  });

  it('equals the normalized desired schema, its charsets resolved by the server (so the plan is empty)', () => {
    const normalized = normalize(desired);
    expect(normalized.tables[1]?.columns.find((c) => c.name === 'legacy')).toMatchObject({ type: { kind: 'string', length: 10 }, charset: 'latin1' });
    const server = [{ kind: 'charset', name: 'latin1', collation: 'latin1_swedish_ci' }];
    expect(maria).toEqual(withCanonicalExpressions(normalized, resolveCollations(normalized, server)));
  });

  it('reads the MariaDB spellings', () => {
    const shop = maria.tables.find((t) => t.name === 'shop');
    const col = (name: string) => shop?.columns.find((c) => c.name === name);
    expect(col('id')).toEqual({ name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true });
    expect(col('name')?.default).toEqual({ kind: 'literal', value: "it's" });
    // The string 'NULL' is a value, the bare NULL is no default.
    expect(col('code')?.default).toEqual({ kind: 'literal', value: 'NULL' });
    expect(col('note')?.default).toBeUndefined();
    expect(col('active')).toMatchObject({ type: { kind: 'boolean' }, default: { kind: 'literal', value: true } });
    expect(col('price')?.default).toEqual({ kind: 'literal', value: 1.5 });
    expect(col('stock')).toMatchObject({ type: { kind: 'integer', size: 'regular' }, default: { kind: 'literal', value: -5 } });
    expect(col('meta')?.type).toEqual({ kind: 'json' });
    expect(col('token')?.default).toEqual({ kind: 'expression', sql: 'uuid()' });
    expect(col('legacy')).toEqual({ name: 'legacy', type: { kind: 'string', length: 10 }, nullable: true, collation: 'latin1_swedish_ci' });
    expect(col('updated_at')).toMatchObject({ default: { kind: 'expression', sql: CURRENT_TIMESTAMP }, onUpdateCurrentTimestamp: true });
    // The json_valid CHECK MariaDB adds to a json column is part of the type, not a check.
    expect(shop?.checks).toEqual([{ name: 'price_positive', expression: "price >= 0 and status in ('new', 'old')" }]);
    // Sorted by meaning (columns first), as sortSchema orders them.
    expect(shop?.indexes).toEqual([
      { name: 'ft_body', columns: ['body'], unique: false, native: 'fulltext (`body`)' },
      { name: 'uq_code', columns: ['code'], unique: true },
      { name: 'ix_name_prefix', columns: ['name', 'stock'], unique: false, native: '(`name`(10), `stock` desc)' },
      { name: 'fk_shop_owner', columns: ['owner_id'], unique: false },
    ]);
    expect(shop?.foreignKeys).toEqual([
      { name: 'fk_shop_owner', columns: ['owner_id'], references: { table: 'owners', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'RESTRICT' },
    ]);
    expect(shop?.comment).toBe('the shop');
    expect(shop?.primaryKey).toEqual({ columns: ['id'] });
  });

  it("keeps a column's collation only where it is not its table's default", () => {
    const rows = {
      ...mariadbRows,
      columns: mariadbRows.columns.map((c) => (c.column_name === 'note' && c.table_name === 'shop' ? { ...c, collation: 'utf8mb4_bin' } : c)),
    };
    const shop = fromRows(rows, 'mariadb').tables.find((t) => t.name === 'shop');
    expect(shop?.columns.find((c) => c.name === 'note')).toMatchObject({ type: { kind: 'string', length: 20 }, collation: 'utf8mb4_bin' });
    expect(shop?.columns.find((c) => c.name === 'name')?.collation).toBeUndefined();
  });

  it('reads a MySQL 8 functional index part', () => {
    const schema = fromRows(
      {
        ...mysqlRows,
        indexes: [
          ...mysqlRows.indexes,
          { table_name: 'shop', index_name: 'ix_lower', non_unique: 1, seq: 1, column_name: null, sub_part: null, index_type: 'BTREE', collation: 'A', expression: 'lower(`name`)' },
        ],
      },
      'mysql',
    );
    const index = schema.tables.find((t) => t.name === 'shop')?.indexes.find((i) => i.name === 'ix_lower');
    expect(index).toEqual({ name: 'ix_lower', columns: [], unique: false, native: '((lower(name)))' });
  });
});
