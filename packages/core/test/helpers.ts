import { type Column, type ForeignKey, type Schema, type Table } from '../src/index.js';

export const int = (name: string, extra: Partial<Column> = {}): Column => ({
  name,
  type: { kind: 'integer', size: 'regular' },
  nullable: true,
  ...extra,
});
export const id = (name = 'id'): Column => ({ name, type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true });
export const str = (name: string, length = 255, extra: Partial<Column> = {}): Column => ({
  name,
  type: { kind: 'string', length },
  nullable: true,
  ...extra,
});

export function table(name: string, columns: readonly Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [], ...extra };
}

export const fk = (columns: string[], refTable: string, extra: Partial<ForeignKey> = {}): ForeignKey => ({
  columns,
  references: { table: refTable, columns: ['id'] },
  onDelete: 'NO ACTION',
  onUpdate: 'NO ACTION',
  ...extra,
});

export const schema = (...tables: Table[]): Schema => ({ tables: [...tables].sort((a, b) => (a.name < b.name ? -1 : 1)) });

/**
 * The built-in adapters' own capabilities (each `capabilities.ts` imports
 * only @odac/core), so planner tests plan exactly as the adapters do and a
 * change to an adapter's capabilities is seen here.
 */
export { capabilities as pgLike } from '../../adapter-postgres/src/capabilities.js';
export { capabilities as sqliteLike } from '../../adapter-sqlite/src/capabilities.js';
export { capabilities as mysqlLike } from '../../adapter-mysql/src/capabilities.js';
