/**
 * `odac-adapter-logging`: an example third-party adapter. It wraps another
 * adapter (the SQLite one by default) and reports every statement it
 * applies to a logger you inject, before the statement runs. Everything
 * else (capabilities, normalize, emit, introspection, locking) is the
 * wrapped adapter's, so it passes the same conformance suite.
 *
 * ```ts
 * import { migrate } from '@odac/core';
 * import { loggingAdapter } from 'odac-adapter-logging';
 *
 * await migrate({ adapter: loggingAdapter({ log: (e) => console.log(e.sql) }), url: 'sqlite:app.db', schemaDir: 'schema' });
 * ```
 */
import sqlite from '@odac/adapter-sqlite';
import type { ApplyOptions, Connection, DriverAdapter } from '@odac/core';

/** One statement about to run. */
export interface StatementLogEntry {
  readonly sql: string;
  /** The table it acts on, when the adapter says. */
  readonly table?: string;
  /** 0-based position in this apply call, and the call's statement count. */
  readonly index: number;
  readonly total: number;
}

export type StatementLogger = (entry: StatementLogEntry) => void;

export interface LoggingAdapterOptions {
  /** The adapter to wrap. Default: `@odac/adapter-sqlite`. */
  readonly inner?: DriverAdapter;
  /** Where statements go. Default: one line each on stderr. */
  readonly log?: StatementLogger;
  /** The adapter's name. Default `logging`. */
  readonly name?: string;
}

const stderrLogger: StatementLogger = (e) => {
  process.stderr.write(`[odac:${e.index + 1}/${e.total}] ${e.sql}\n`);
};

function wrapConnection(conn: Connection, log: StatementLogger): Connection {
  return {
    introspect: (options) => conn.introspect(options),
    preflight: (checks) => conn.preflight(checks),
    apply: (statements, options: ApplyOptions = {}) =>
      conn.apply(statements, {
        ...options,
        onStatement: (statement, index, total) => {
          log({ sql: statement.sql, ...(statement.table !== undefined ? { table: statement.table } : {}), index, total });
          options.onStatement?.(statement, index, total);
        },
      }),
    withLock: (fn) => conn.withLock(fn),
    close: () => conn.close(),
  };
}

/** A `DriverAdapter` that logs every statement it applies. */
export function loggingAdapter(options: LoggingAdapterOptions = {}): DriverAdapter {
  const inner = options.inner ?? sqlite;
  const log = options.log ?? stderrLogger;
  return {
    name: options.name ?? 'logging',
    capabilities: inner.capabilities,
    connect: async (url, connectOptions) => wrapConnection(await inner.connect(url, connectOptions), log),
    normalize: (schema) => inner.normalize(schema),
    emit: (operations, emitOptions) => inner.emit(operations, emitOptions),
  };
}

/** The adapter with default options, as `odac migrate --driver logging` loads it. */
export const adapter: DriverAdapter = loggingAdapter();
export default adapter;
