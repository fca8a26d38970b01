/**
 * Small helpers every adapter's introspection needs, kept here once.
 */
import type { Schema } from './model.js';

/** Rows grouped by `key`, each group in input order. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** `schema` with only the named tables (`IntrospectOptions.tables`); all of them when `tables` is undefined. */
export function onlyTables(schema: Schema, tables: readonly string[] | undefined): Schema {
  if (tables === undefined) return schema;
  const wanted = new Set(tables);
  return { ...schema, tables: schema.tables.filter((t) => wanted.has(t.name)) };
}
