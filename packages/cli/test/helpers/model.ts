/** Small builders for canonical-model values in tests. */
import type { Column, ColumnType, ForeignKey, ForeignKeyAction, Schema, Table } from '@odac/core';

export const int: ColumnType = { kind: 'integer', size: 'regular' };
export const str: ColumnType = { kind: 'string', length: 255 };

export function col(name: string, type: ColumnType = int, extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, ...extra };
}

export function table(name: string, columns: readonly Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, indexes: [], foreignKeys: [], ...extra };
}

export function fk(columns: string[], refTable: string, refColumns: string[], onDelete: ForeignKeyAction = 'NO ACTION'): ForeignKey {
  return { columns, references: { table: refTable, columns: refColumns }, onDelete, onUpdate: 'NO ACTION' };
}

export function schema(...tables: Table[]): Schema {
  return { tables: [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

export const users = table('users', [col('id', int, { nullable: false, autoIncrement: true }), col('name', str)], {
  primaryKey: { columns: ['id'] },
});

export const posts = table('posts', [col('id', int, { nullable: false, autoIncrement: true }), col('user_id'), col('title', str)], {
  primaryKey: { columns: ['id'] },
  foreignKeys: [fk(['user_id'], 'users', ['id'], 'CASCADE')],
});
