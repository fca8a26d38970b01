/**
 * Tables odac itself keeps in a managed database. They are never listed as
 * unmanaged, never dropped and never pulled into schema files.
 */

/** Applied data migration files, with ODAC.JS's columns (`id`, `name`, `connection`, `type`, `batch`, `applied_at`). */
export const MIGRATIONS_TABLE = '_odac_migrations';

/** Whether `name` is one of odac's own tables. */
export function isOdacTable(name: string): boolean {
  return name === MIGRATIONS_TABLE;
}
