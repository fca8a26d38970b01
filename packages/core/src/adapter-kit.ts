/**
 * Small helpers adapters share: introspection plumbing, and wrapping another
 * adapter's connection.
 */
import type { Connection } from './adapter.js';
import type { Schema } from './model.js';
import type { Statement } from './operations.js';

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

/** Called before each statement a connection applies (0-based `index` of `total` in that apply call). */
export type StatementObserver = (statement: Statement, index: number, total: number) => void;

/**
 * `connection` with `observer` told of each statement before it runs (after
 * any `onStatement` of the caller's); every other method, optional ones
 * included, is the connection's own. For adapters that wrap another one
 * (logging, auditing).
 */
export function observeStatements(connection: Connection, observer: StatementObserver): Connection {
  const apply: Connection['apply'] = (statements, options = {}) =>
    connection.apply(statements, {
      ...options,
      onStatement: (statement, index, total) => {
        options.onStatement?.(statement, index, total);
        observer(statement, index, total);
      },
    });
  return new Proxy(connection, {
    get(target, property) {
      if (property === 'apply') return apply;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
