/**
 * `@odac/adapter-sqlite`: the odac adapter for SQLite, on better-sqlite3.
 *
 * URLs: `sqlite:./app.db`, `sqlite:///abs/app.db`, `sqlite://./rel.db`,
 * `file:app.db`, `sqlite::memory:`, or a plain path.
 */
import { seedStatements, type Connection, type ConnectOptions, type DriverAdapter, type EmitOptions, type NormalizeOptions, type Operation, type Schema, type SeedPlan, type Statement } from '@odac/core';
import { capabilities } from './capabilities.js';
import { openSqlite } from './connection.js';
import { emit } from './emit.js';
import { normalize } from './normalize.js';
import { literal, quote } from './quote.js';

/** The SQLite `DriverAdapter`. */
export const adapter: DriverAdapter = Object.freeze({
  name: 'sqlite',
  capabilities,
  async connect(url: string, options?: ConnectOptions): Promise<Connection> {
    return openSqlite(url, options);
  },
  normalize(schema: Schema, options?: NormalizeOptions): Schema {
    return normalize(schema, options);
  },
  emit(operations: readonly Operation[], options?: EmitOptions): Statement[] {
    return emit(operations, options);
  },
  emitSeeds(plan: SeedPlan): Statement[] {
    return seedStatements(plan, { quote, literal });
  },
});

export default adapter;

export { capabilities } from './capabilities.js';
export { SqliteConnection, openSqlite, DEFAULT_LOCK_TIMEOUT_MS } from './connection.js';
export { emit } from './emit.js';
export { normalize, normalizeType } from './normalize.js';
export { fromRows, type IntrospectionRows, type TableRow, type ColumnRow, type IndexRow, type ForeignKeyRow } from './introspect.js';
export { quote, literal } from './quote.js';
export { parseSqliteUrl } from './url.js';
export { preflightSql } from './preflight.js';
export { REBUILD_SUFFIX } from './rebuild-sql.js';
