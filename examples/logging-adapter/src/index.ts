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
import { observeStatements, type DriverAdapter } from '@odac/core';

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

/** A `DriverAdapter` that logs every statement it applies; everything else is the wrapped adapter's. */
export function loggingAdapter(options: LoggingAdapterOptions = {}): DriverAdapter {
  const inner = options.inner ?? sqlite;
  const log = options.log ?? stderrLogger;
  const { connectServer: _fleetsAreNotLogged, locate: _located, ...rest } = inner;
  return {
    ...rest,
    name: options.name ?? 'logging',
    connect: async (url, connectOptions) =>
      observeStatements(await inner.connect(url, connectOptions), ({ sql, table }, index, total) =>
        log({ sql, ...(table !== undefined ? { table } : {}), index, total }),
      ),
  };
}

/** The adapter with default options, as `odac migrate --driver logging` loads it. */
export const adapter: DriverAdapter = loggingAdapter();
export default adapter;
