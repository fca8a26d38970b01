/**
 * Small helpers adapters share: introspection plumbing, and wrapping another
 * adapter's connection.
 */
import type { ConnectOptions, Connection, FleetLocation, ServerPoolOptions } from './adapter.js';
import { connectionError, OdacError, SchemaError, SchemaValidationError } from './errors.js';
import { coerceLiteral } from './compare.js';
import { globToRegExp } from './glob.js';
import type { ColumnType, DefaultValue, ForeignKey, ForeignKeyAction, Index, Schema } from './model.js';
import type { Operation, OperationKind, OperationOf, Statement } from './operations.js';

/** The results of an adapter's catalog queries, one row type per query: `{ tables: TableRow }` → `{ readonly tables: readonly TableRow[] }`. */
export type CatalogRowSets<T> = { readonly [K in keyof T]: readonly T[K][] };

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

/**
 * Refuses, at plan time, foreign keys whose `ON DELETE SET NULL (cols)` /
 * `SET DEFAULT (cols)` names only some of the key's columns, on a database
 * (`database`, for the message) that always sets all of them: dropping the
 * list would change what a delete does. A list of all the columns is the
 * plain action and is left to `normalize` to drop.
 */
export function refusePartialOnDeleteColumns(schema: Schema, database: string): void {
  const errors: SchemaError[] = [];
  for (const table of schema.tables) {
    for (const fk of table.foreignKeys) {
      const set = fk.onDeleteColumns;
      if (set === undefined || fk.columns.every((c) => set.includes(c))) continue;
      errors.push(
        new SchemaError(
          'SCHEMA.UNSUPPORTED',
          `Table "${table.name}": the foreign key (${fk.columns.join(', ')}) sets only (${set.join(', ')}) ON DELETE ${fk.onDelete}, which ${database} cannot do (it sets every key column, PostgreSQL 15+ can). Remove onDeleteColumns to set them all, or use another action.`,
          { ...(table.source ? { file: table.source } : {}), table: table.name },
        ),
      );
    }
  }
  if (errors.length > 0) throw new SchemaValidationError(errors);
}

/** A foreign key without what only PostgreSQL keeps (`onDeleteColumns`, `notValid`, `period`), for adapters that drop them. */
export function withoutPostgresKeyOptions<T extends ForeignKey>(fk: T): Omit<T, 'onDeleteColumns' | 'notValid' | 'period' | 'notEnforced'> {
  const { onDeleteColumns: _columns, notValid: _notValid, period: _period, notEnforced: _notEnforced, ...rest } = fk;
  return rest;
}

/**
 * An index without what only PostgreSQL keeps on it (`constraint`,
 * `deferrable`, `nullsNotDistinct`, `withoutOverlaps`), for adapters whose
 * database reports none of them: a schema pulled from PostgreSQL then
 * migrates there without planning the same index again on every run.
 */
export function withoutPostgresIndexOptions<T extends Index>(index: T): Omit<T, 'constraint' | 'deferrable' | 'nullsNotDistinct' | 'withoutOverlaps'> {
  const { constraint: _constraint, deferrable: _deferrable, nullsNotDistinct: _nnd, withoutOverlaps: _wo, ...rest } = index;
  return rest;
}

/** A server pool's options split into its size (checked: a positive whole number, or `API.INVALID_OPTION`) and the per-connection rest. */
export function poolOptions(options: ServerPoolOptions): { readonly poolSize: number; readonly connect: ConnectOptions } {
  const { poolSize, ...connect } = options;
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new OdacError('API.INVALID_OPTION', `The pool size must be a positive whole number, got ${String(poolSize)}.`, { details: { option: 'poolSize' } });
  }
  return { poolSize, connect };
}

/** A `FleetLocation` whose `urlFor` is `url` with the namespace put in its place by `place` (the path, a `?schema=`). */
export function fleetLocation(server: string, namespace: string, url: string, place: (url: URL, namespace: string) => void): FleetLocation {
  return {
    server,
    namespace,
    urlFor(other: string): string {
      const u = new URL(url);
      place(u, other);
      return u.toString();
    },
  };
}

/** A session from a server pool; failing to get one is the adapter's `CONNECT.FAILED` naming `url` (never its password). */
export async function pooledSession<S>(acquire: () => Promise<S>, adapter: string, url: string): Promise<S> {
  try {
    return await acquire();
  } catch (cause) {
    throw connectionError(adapter, url, cause);
  }
}

/** The column a fleet's widened catalog queries tag each row with: the namespace it belongs to. */
export const NAMESPACE_COLUMN = 'odac_schema';

/** The names matching a namespace glob (`ServerPool.listNamespaces`: `*` any run, `?` one character), in the order given. */
export function namespacesMatching(names: readonly string[], pattern: string): string[] {
  const re = globToRegExp(pattern, { single: true });
  return names.filter((n) => re.test(n));
}

/**
 * `ServerPool.introspectMany` from catalog rows read for many namespaces at
 * once, each row tagged with its namespace in {@link NAMESPACE_COLUMN}: every
 * set split by namespace and modelled by `fromRows` (as `introspect` models
 * one namespace's rows). A namespace without rows is an empty schema.
 */
export function schemasByNamespace<R extends { readonly [K in keyof R]: readonly object[] }>(
  namespaces: readonly string[],
  rows: R,
  fromRows: (rows: R, namespace: string) => Schema,
): Map<string, Schema> {
  const split = Object.entries<readonly object[]>(rows).map(([set, list]) => [set, groupBy(list, (r) => String((r as Record<string, unknown>)[NAMESPACE_COLUMN]))] as const);
  return new Map(namespaces.map((n) => [n, fromRows(Object.fromEntries(split.map(([set, groups]) => [set, groups.get(n) ?? []])) as unknown as R, n)] as const));
}

/**
 * A desired default as the database will report it: raw SQL parsed as the
 * adapter parses a catalog default (`parse`), a literal given the column's
 * type (`coerce`, by default {@link coerceLiteral}: `'0'` on an integer is
 * `0`), and a `NULL` default no default at all.
 */
export function coerceDefaultWith(
  parse: (sql: string) => DefaultValue,
  coerce: (type: ColumnType, value: string | number | boolean | null) => string | number | boolean | null = coerceLiteral,
): (type: ColumnType, value: DefaultValue | undefined) => DefaultValue | undefined {
  return (type, value) => {
    if (value === undefined) return undefined;
    const parsed = value.kind === 'expression' ? parse(value.sql) : value;
    if (parsed.kind === 'expression') return parsed;
    const v = coerce(type, parsed.value);
    return v === null ? undefined : { kind: 'literal', value: v };
  };
}

/**
 * Refuses, at plan time, auto-increment columns a database cannot have: more
 * than one per table (MySQL/MariaDB, SQL Server), and, with `rule` `'key'`,
 * one that no key starts with (MySQL's AUTO_INCREMENT). Such
 * columns come from `identity` on an integer column, which PostgreSQL keeps
 * as a serial or identity column that is not the key.
 */
export function refuseAutoIncrementColumns(schema: Schema, database: string, rule: 'key' | 'any'): void {
  const errors: SchemaError[] = [];
  for (const table of schema.tables) {
    const auto = table.columns.filter((c) => c.autoIncrement === true);
    const where = (column: string) => ({ ...(table.source ? { file: table.source } : {}), table: table.name, column });
    const pk = table.primaryKey?.columns ?? [];
    for (const column of auto) {
      const leadsKey = pk[0] === column.name || table.indexes.some((i) => i.native === undefined && i.columns[0] === column.name);
      const problem =
        auto.length > 1
          ? `is one of ${auto.length} columns that generate their values (${auto.map((c) => `"${c.name}"`).join(', ')}); ${database} allows one per table`
          : rule === 'key' && !leadsKey
            ? `generates its values but no key starts with it, which ${database} requires`
            : undefined;
      if (problem !== undefined) {
        errors.push(new SchemaError('SCHEMA.UNSUPPORTED', `Column "${table.name}"."${column.name}" ${problem}. Remove identity from the column (PostgreSQL keeps such columns as serial or identity columns).`, where(column.name)));
      }
    }
  }
  if (errors.length > 0) throw new SchemaValidationError(errors);
}

/** How a dialect writes a foreign key clause beyond its quoting (see {@link foreignKeyClause}). */
export interface ForeignKeyClauseOptions {
  /** An action as this database writes it (SQL Server has no RESTRICT; PostgreSQL's `SET NULL (cols)`). Default: as is. */
  readonly action?: (action: ForeignKeyAction, on: 'DELETE' | 'UPDATE') => string;
  /** Leave out an action written `NO ACTION` (the default everywhere). Default: both are written. */
  readonly omitNoAction?: boolean;
  /** `ON UPDATE` before `ON DELETE`, as PostgreSQL prints a key. Default: `ON DELETE` first. */
  readonly updateFirst?: boolean;
  /** What goes inside a column list's parentheses (PostgreSQL's `PERIOD`). Default: the quoted names. */
  readonly columns?: (columns: readonly string[]) => string;
  /** Written between `REFERENCES t (…)` and the actions (PostgreSQL's ` MATCH FULL`). */
  readonly match?: string;
}

/** `[CONSTRAINT name ]FOREIGN KEY (…) REFERENCES t (…)[ ON DELETE …][ ON UPDATE …]`, every identifier through the dialect's `quote`. */
export function foreignKeyClause(fk: ForeignKey, quote: (identifier: string) => string, options: ForeignKeyClauseOptions = {}): string {
  const list = options.columns ?? ((columns: readonly string[]) => columns.map(quote).join(', '));
  const on = (event: 'DELETE' | 'UPDATE'): string => {
    const action = options.action?.(event === 'DELETE' ? fk.onDelete : fk.onUpdate, event) ?? (event === 'DELETE' ? fk.onDelete : fk.onUpdate);
    return options.omitNoAction === true && action === 'NO ACTION' ? '' : ` ON ${event} ${action}`;
  };
  return (
    `${fk.name === undefined ? '' : `CONSTRAINT ${quote(fk.name)} `}FOREIGN KEY (${list(fk.columns)}) REFERENCES ${quote(fk.references.table)} (${list(fk.references.columns)})` +
    (options.match ?? '') +
    (options.updateFirst === true ? on('UPDATE') + on('DELETE') : on('DELETE') + on('UPDATE'))
  );
}

/** What an emitter writes for one operation, before its operation's index and table are attached. */
export type EmittedSql = Pick<Statement, 'sql'> & Partial<Pick<Statement, 'transactional' | 'lock' | 'referenced' | 'buildsIndex' | 'cleanup'>>;

/** An emitter per operation kind: a new kind is a compile error until the adapter writes it. */
export type EmitterTable = { readonly [K in OperationKind]: (op: OperationOf<K>) => readonly EmittedSql[] };

/**
 * A plan's statements in plan order, each operation written by its emitter:
 * every statement names its operation and table, runs in the transaction
 * unless it says otherwise, and takes no lock on a table this plan creates
 * (nothing can be waiting on it). `finish` adds what the dialect knows of a
 * statement in its operation's context.
 */
export function emitInPlanOrder(operations: readonly Operation[], emitters: EmitterTable, finish?: (statement: Statement, op: Operation) => Statement): Statement[] {
  const created = new Set(operations.filter((o) => o.kind === 'createTable').map((o) => o.table));
  return operations.flatMap((op, index) =>
    (emitters[op.kind] as (op: Operation) => readonly EmittedSql[])(op).map((s) => {
      const statement: Statement = {
        sql: s.sql,
        transactional: s.transactional ?? true,
        operation: index,
        table: op.table,
        ...(s.lock !== undefined && !created.has(op.table) ? { lock: s.lock } : {}),
        ...(s.referenced !== undefined && !created.has(op.table) && !created.has(s.referenced.table) ? { referenced: s.referenced } : {}),
        ...(s.buildsIndex !== undefined ? { buildsIndex: s.buildsIndex } : {}),
        ...(s.cleanup !== undefined ? { cleanup: s.cleanup } : {}),
      };
      return finish === undefined ? statement : finish(statement, op);
    }),
  );
}
