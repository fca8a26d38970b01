/**
 * What an adapter's test file hands the conformance kit.
 */
import type { ConnectOptions, DriverAdapter } from '@odac/core';

/** A plain row: column name → value. Values are strings, numbers, booleans or null. */
export type Row = Readonly<Record<string, string | number | boolean | null>>;

/** A tiny driver-level client the kit uses to seed and read rows. */
export interface TestClient {
  /** Inserts rows, quoting identifiers and binding values as parameters. */
  insert(table: string, rows: readonly Row[]): Promise<void>;
  /** All rows of a table, ordered by the given columns (all columns when absent). */
  select(table: string, orderBy?: readonly string[]): Promise<Row[]>;
  /** Raw SQL for scenarios that need it (e.g. creating a view); no result. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh, empty database for one scenario. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export interface ConformanceTarget {
  readonly adapter: DriverAdapter;
  readonly connectOptions?: ConnectOptions;
  /** Creates an empty database (or file) and returns its URL. */
  createDatabase(): Promise<TestDatabase>;
  openClient(url: string): Promise<TestClient>;
}
