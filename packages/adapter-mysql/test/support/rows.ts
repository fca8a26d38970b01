/**
 * Fixture catalog rows for the same `shop` table as MariaDB 10.11 and
 * MySQL 8.0 report it, created by:
 *
 *   CREATE TABLE shop (
 *     id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
 *     name varchar(100) NOT NULL DEFAULT 'it''s',
 *     code varchar(20) NULL DEFAULT 'NULL',
 *     note varchar(20) NULL,
 *     active tinyint(1) NOT NULL DEFAULT 1,
 *     price decimal(10,2) NOT NULL DEFAULT 1.5,
 *     stock int NOT NULL DEFAULT -5,
 *     status enum('new','old') NOT NULL DEFAULT 'new',
 *     meta json NULL,
 *     body text NULL DEFAULT ('hello'),
 *     token char(36) NULL DEFAULT (uuid()),
 *     legacy varchar(10) CHARACTER SET latin1 NULL,
 *     created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
 *     updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
 *     owner_id int unsigned NULL,
 *     KEY ix_name_prefix (name(10), stock DESC),
 *     FULLTEXT KEY ft_body (body),
 *     UNIQUE KEY uq_code (code),
 *     CONSTRAINT fk_shop_owner FOREIGN KEY (owner_id) REFERENCES owners (id) ON DELETE SET NULL,
 *     CONSTRAINT price_positive CHECK (price >= 0 AND status IN ('new', 'old'))
 *   ) COMMENT 'the shop';
 */
import type { ColumnRow, IntrospectionRows } from '@odac/adapter-mysql';

const col = (position: number, name: string, over: Partial<ColumnRow>): ColumnRow => ({
  table_name: 'shop',
  column_name: name,
  position,
  column_type: 'int',
  is_nullable: 'NO',
  column_default: null,
  extra: '',
  column_comment: '',
  charset: null,
  collation: null,
  ...over,
});

const ownerRows = {
  table: { table_name: 'owners', table_comment: '', table_collation: 'x' },
  column: col(1, 'id', { table_name: 'owners', column_type: 'int unsigned', extra: 'auto_increment' }),
  index: { table_name: 'owners', index_name: 'PRIMARY', non_unique: 0, seq: 1, column_name: 'id', sub_part: null, index_type: 'BTREE', collation: 'A' },
};

const utf8 = (collation: string) => ({ charset: 'utf8mb4', collation });

export const mariadbRows: IntrospectionRows = {
  tables: [
    { table_name: 'shop', table_comment: 'the shop', table_collation: 'utf8mb4_general_ci' },
    { ...ownerRows.table, table_collation: 'utf8mb4_general_ci' },
  ],
  columns: [
    col(1, 'id', { column_type: 'int(10) unsigned', extra: 'auto_increment' }),
    col(2, 'name', { column_type: 'varchar(100)', column_default: "'it''s'", ...utf8('utf8mb4_general_ci') }),
    col(3, 'code', { column_type: 'varchar(20)', is_nullable: 'YES', column_default: "'NULL'", ...utf8('utf8mb4_general_ci') }),
    col(4, 'note', { column_type: 'varchar(20)', is_nullable: 'YES', column_default: 'NULL', ...utf8('utf8mb4_general_ci') }),
    col(5, 'active', { column_type: 'tinyint(1)', column_default: '1' }),
    col(6, 'price', { column_type: 'decimal(10,2)', column_default: '1.50' }),
    col(7, 'stock', { column_type: 'int(11)', column_default: '-5' }),
    col(8, 'status', { column_type: "enum('new','old')", column_default: "'new'", ...utf8('utf8mb4_general_ci') }),
    col(9, 'meta', { column_type: 'longtext', is_nullable: 'YES', column_default: 'NULL', charset: 'utf8mb4', collation: 'utf8mb4_bin' }),
    col(10, 'body', { column_type: 'text', is_nullable: 'YES', column_default: "'hello'", ...utf8('utf8mb4_general_ci') }),
    col(11, 'token', { column_type: 'char(36)', is_nullable: 'YES', column_default: 'uuid()', ...utf8('utf8mb4_general_ci') }),
    col(12, 'legacy', { column_type: 'varchar(10)', is_nullable: 'YES', column_default: 'NULL', charset: 'latin1', collation: 'latin1_swedish_ci' }),
    col(13, 'created_at', { column_type: 'timestamp', column_default: 'current_timestamp()' }),
    col(14, 'updated_at', { column_type: 'timestamp', column_default: 'current_timestamp()', extra: 'on update current_timestamp()' }),
    col(15, 'owner_id', { column_type: 'int(10) unsigned', is_nullable: 'YES', column_default: 'NULL' }),
    { ...ownerRows.column, column_type: 'int(10) unsigned' },
  ],
  indexes: [
    { table_name: 'shop', index_name: 'PRIMARY', non_unique: 0, seq: 1, column_name: 'id', sub_part: null, index_type: 'BTREE', collation: 'A' },
    { table_name: 'shop', index_name: 'fk_shop_owner', non_unique: 1, seq: 1, column_name: 'owner_id', sub_part: null, index_type: 'BTREE', collation: 'A' },
    { table_name: 'shop', index_name: 'ft_body', non_unique: 1, seq: 1, column_name: 'body', sub_part: null, index_type: 'FULLTEXT', collation: null },
    { table_name: 'shop', index_name: 'ix_name_prefix', non_unique: 1, seq: 2, column_name: 'stock', sub_part: null, index_type: 'BTREE', collation: 'D' },
    { table_name: 'shop', index_name: 'ix_name_prefix', non_unique: 1, seq: 1, column_name: 'name', sub_part: 10, index_type: 'BTREE', collation: 'A' },
    { table_name: 'shop', index_name: 'uq_code', non_unique: 0, seq: 1, column_name: 'code', sub_part: null, index_type: 'BTREE', collation: 'A' },
    ownerRows.index,
  ],
  foreignKeys: [
    {
      table_name: 'shop',
      constraint_name: 'fk_shop_owner',
      column_name: 'owner_id',
      position: 1,
      referenced_table: 'owners',
      referenced_column: 'id',
      update_rule: 'RESTRICT',
      delete_rule: 'SET NULL',
    },
  ],
  checks: [
    { table_name: 'shop', constraint_name: 'meta', check_clause: 'json_valid(`meta`)' },
    { table_name: 'shop', constraint_name: 'price_positive', check_clause: "`price` >= 0 and `status` in ('new','old')" },
  ],
};

export const mysqlRows: IntrospectionRows = {
  tables: [
    { table_name: 'owners', table_comment: '', table_collation: 'utf8mb4_0900_ai_ci' },
    { table_name: 'shop', table_comment: 'the shop', table_collation: 'utf8mb4_0900_ai_ci' },
  ],
  columns: [
    col(1, 'id', { column_type: 'int unsigned', extra: 'auto_increment' }),
    col(2, 'name', { column_type: 'varchar(100)', column_default: "it's", ...utf8('utf8mb4_0900_ai_ci') }),
    col(3, 'code', { column_type: 'varchar(20)', is_nullable: 'YES', column_default: 'NULL', ...utf8('utf8mb4_0900_ai_ci') }),
    col(4, 'note', { column_type: 'varchar(20)', is_nullable: 'YES', column_default: null, ...utf8('utf8mb4_0900_ai_ci') }),
    col(5, 'active', { column_type: 'tinyint(1)', column_default: '1' }),
    col(6, 'price', { column_type: 'decimal(10,2)', column_default: '1.50' }),
    col(7, 'stock', { column_type: 'int', column_default: '-5' }),
    col(8, 'status', { column_type: "enum('new','old')", column_default: 'new', ...utf8('utf8mb4_0900_ai_ci') }),
    col(9, 'meta', { column_type: 'json', is_nullable: 'YES' }),
    col(10, 'body', { column_type: 'text', is_nullable: 'YES', column_default: "_utf8mb4\\'hello\\'", extra: 'DEFAULT_GENERATED', ...utf8('utf8mb4_0900_ai_ci') }),
    col(11, 'token', { column_type: 'char(36)', is_nullable: 'YES', column_default: 'uuid()', extra: 'DEFAULT_GENERATED', ...utf8('utf8mb4_0900_ai_ci') }),
    col(12, 'legacy', { column_type: 'varchar(10)', is_nullable: 'YES', charset: 'latin1', collation: 'latin1_swedish_ci' }),
    col(13, 'created_at', { column_type: 'timestamp', column_default: 'CURRENT_TIMESTAMP', extra: 'DEFAULT_GENERATED' }),
    col(14, 'updated_at', { column_type: 'timestamp', column_default: 'CURRENT_TIMESTAMP', extra: 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP' }),
    col(15, 'owner_id', { column_type: 'int unsigned', is_nullable: 'YES' }),
    ownerRows.column,
  ],
  indexes: [
    ownerRows.index,
    { table_name: 'shop', index_name: 'PRIMARY', non_unique: 0, seq: 1, column_name: 'id', sub_part: null, index_type: 'BTREE', collation: 'A', expression: null },
    { table_name: 'shop', index_name: 'fk_shop_owner', non_unique: 1, seq: 1, column_name: 'owner_id', sub_part: null, index_type: 'BTREE', collation: 'A', expression: null },
    { table_name: 'shop', index_name: 'ft_body', non_unique: 1, seq: 1, column_name: 'body', sub_part: null, index_type: 'FULLTEXT', collation: null, expression: null },
    { table_name: 'shop', index_name: 'ix_name_prefix', non_unique: 1, seq: 1, column_name: 'name', sub_part: 10, index_type: 'BTREE', collation: 'A', expression: null },
    { table_name: 'shop', index_name: 'ix_name_prefix', non_unique: 1, seq: 2, column_name: 'stock', sub_part: null, index_type: 'BTREE', collation: 'D', expression: null },
    { table_name: 'shop', index_name: 'uq_code', non_unique: 0, seq: 1, column_name: 'code', sub_part: null, index_type: 'BTREE', collation: 'A', expression: null },
  ],
  foreignKeys: [
    {
      table_name: 'shop',
      constraint_name: 'fk_shop_owner',
      column_name: 'owner_id',
      position: 1,
      referenced_table: 'owners',
      referenced_column: 'id',
      update_rule: 'NO ACTION',
      delete_rule: 'SET NULL',
    },
  ],
  checks: [
    { table_name: 'shop', constraint_name: 'price_positive', check_clause: "((`price` >= 0) and (`status` in (_utf8mb4\\'new\\',_utf8mb4\\'old\\')))" },
  ],
};
