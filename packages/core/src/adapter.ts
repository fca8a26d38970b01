/**
 * The contract between core and a database adapter. Core never imports a
 * driver; an adapter package exports a `DriverAdapter` (as `default` and as
 * `adapter`).
 */
import type { CanonicalExpressions } from './expressions.js';
import type { Schema } from './model.js';
import type { Operation, PreflightCheck, PreflightFailure, Statement } from './operations.js';
import type { RowQuery, RowValue, SeedPlan } from './seed/types.js';

/**
 * Things a database cannot do at all, each with what it means. An adapter
 * lists the ones that apply in `capabilities.limitations`; the conformance
 * kit skips the scenarios that need them, with the description as the
 * visible reason.
 */
export const LIMITATIONS = Object.freeze({
  /** SQL Server: a table may not be reached by two cascading paths, nor by a cascading cycle. */
  multipleCascadePaths: 'cannot have two ON DELETE/ON UPDATE CASCADE paths (or a cascading cycle) reaching one table',
  /** MySQL/MariaDB InnoDB: `SET DEFAULT` is parsed but rejected. */
  foreignKeySetDefault: 'cannot use SET DEFAULT as a foreign key action',
  /** SQL Server: a unique index allows a single NULL. */
  uniqueMultipleNulls: 'a unique index cannot hold more than one NULL',
  /** The database has no enum type and no way to emulate one that introspects back. */
  enumType: 'cannot store an enum column',
  /** Unicode letters in table and column names. */
  unicodeIdentifiers: 'cannot use non-ASCII identifiers',
  /** MySQL/MariaDB, SQL Server: no `DEFERRABLE` foreign keys (`normalize` drops `deferrable`). */
  foreignKeyDeferrable: 'has no deferrable foreign keys (DEFERRABLE INITIALLY IMMEDIATE / DEFERRED)',
  /** MySQL/MariaDB, SQL Server, SQLite: `MATCH FULL` is rejected or ignored (`normalize` drops `match`). */
  foreignKeyMatchFull: 'does not keep MATCH FULL on a foreign key',
  /** PostgreSQL before 18 (the adapter serves 13+): generated columns are STORED only. */
  virtualGeneratedColumns: 'has no VIRTUAL generated columns on every server version it supports (only STORED)',
} as const satisfies Record<string, string>);

/** A name from {@link LIMITATIONS}. */
export type Limitation = keyof typeof LIMITATIONS;

/** Whether `name` is a known {@link Limitation}. */
export const isLimitation = (name: string): name is Limitation => Object.prototype.hasOwnProperty.call(LIMITATIONS, name);

/**
 * What a database can do in place. The planner reads these and chooses, e.g.
 * a table rebuild when `alterForeignKey` is false. Start from
 * `defaultCapabilities` so a new flag never breaks an existing adapter.
 */
export interface Capabilities {
  /** DDL runs inside a transaction and rolls back (PostgreSQL, SQLite, SQL Server). */
  readonly transactionalDdl: boolean;
  /** Type, nullability and default of an existing column can be changed in place. */
  readonly alterColumn: boolean;
  /** Foreign keys can be added to and dropped from an existing table. */
  readonly alterForeignKey: boolean;
  /** The primary key of an existing table can be changed in place. */
  readonly alterPrimaryKey: boolean;
  /**
   * An existing column can become, or stop being, auto-increment in place
   * (SQL Server cannot change a column's IDENTITY property). Without it, and
   * without a rebuild, the planner refuses such a change with
   * `PLAN.UNSUPPORTED` before anything runs.
   */
  readonly alterIdentity: boolean;
  /** Check constraints can be added to and dropped from an existing table. */
  readonly alterCheck: boolean;
  /** `ALTER TABLE … DROP COLUMN` is available. */
  readonly dropColumn: boolean;
  /** `ADD COLUMN` accepts a non-constant default such as CURRENT_TIMESTAMP. */
  readonly addColumnExpressionDefault: boolean;
  /** `ADD COLUMN` accepts NOT NULL with a default on a table with rows. */
  readonly addColumnNotNull: boolean;
  /**
   * `ADD COLUMN` can add a STORED generated column (SQLite cannot: the
   * planner rebuilds the table instead). Default true.
   */
  readonly addStoredGeneratedColumn: boolean;
  /** Indexes can be built without blocking writes (`CONCURRENTLY`, `LOCK=NONE`). */
  readonly concurrentIndex: boolean;
  /**
   * A foreign key or check can be added `NOT VALID` and validated later
   * under a lock that lets writes through (PostgreSQL). In `online` plans the
   * planner then adds such constraints unvalidated and plans their
   * `validateConstraint` after the migration transaction.
   */
  readonly notValidConstraints: boolean;
  /**
   * Phase rule: each table's changes are written as one statement (MySQL's
   * merged `ALTER TABLE`, which copies the table once). The planner keeps a
   * table's changes adjacent, and a new table's indexes right after its
   * `createTable`, so the emitter merges neighbours without re-ordering.
   */
  readonly mergeTableChanges: boolean;
  /**
   * Phase rule: tables are dropped right after the foreign keys that go away,
   * before anything else (MySQL: a doomed table's keys would otherwise block
   * changing the columns they reference, and its name may be taken by a
   * rename).
   */
  readonly dropTablesFirst: boolean;
  /** Longest identifier the database keeps (generated names are shortened to fit). */
  readonly maxIdentifierLength: number;
  /**
   * What the database cannot do at all, by name (see {@link LIMITATIONS}):
   * the conformance kit skips the scenarios that need it, visibly.
   */
  readonly limitations: readonly Limitation[];
  /**
   * The database matches table names case-insensitively (SQLite always;
   * MySQL/MariaDB with `lower_case_table_names` set): a desired `Users` is the
   * live `users`. Default false.
   */
  readonly caseInsensitiveTables: boolean;
  /** The database matches column names case-insensitively (SQLite, MySQL/MariaDB). Default false. */
  readonly caseInsensitiveColumns: boolean;
  /**
   * Table options (`Table.mysql`, `Table.sqlite`) change in place (MySQL's
   * `ALTER TABLE … ENGINE=`). False: a change rebuilds the table (SQLite's
   * STRICT / WITHOUT ROWID). Default true.
   */
  readonly alterTableOptions: boolean;
  /**
   * A STORED generated column becomes a plain column in place, keeping the
   * values it holds (PostgreSQL `ALTER COLUMN … DROP EXPRESSION`): an
   * `alterColumn` with the `generated` change, not destructive. False (the
   * default): the column is re-created, which loses the values, so it is
   * skipped unless destructive changes are allowed.
   */
  readonly dropGeneratedExpression: boolean;
  /**
   * Columns can be placed and moved in place (MySQL's `ADD … AFTER`,
   * `MODIFY … AFTER`): the schema's column order is then the table's, and
   * the planner places new and moved columns. False: the live order is kept
   * and new columns are appended. Default false.
   */
  readonly reorderColumns: boolean;
}

export const defaultCapabilities: Capabilities = Object.freeze({
  transactionalDdl: false,
  alterColumn: true,
  alterForeignKey: true,
  alterPrimaryKey: true,
  alterIdentity: true,
  alterCheck: true,
  dropColumn: true,
  addColumnExpressionDefault: true,
  addColumnNotNull: true,
  addStoredGeneratedColumn: true,
  concurrentIndex: false,
  notValidConstraints: false,
  mergeTableChanges: false,
  dropTablesFirst: false,
  maxIdentifierLength: 63,
  limitations: Object.freeze([]) as readonly Limitation[],
  caseInsensitiveTables: false,
  caseInsensitiveColumns: false,
  alterTableOptions: true,
  dropGeneratedExpression: false,
  reorderColumns: false,
});

/**
 * An adapter's capabilities: {@link defaultCapabilities} with `overrides`,
 * frozen. List only what differs from the defaults, so a new flag never
 * breaks an adapter and the same list is not written out four times.
 */
export function defineCapabilities(overrides: Partial<Capabilities>): Capabilities {
  const limitations = Object.freeze([...(overrides.limitations ?? defaultCapabilities.limitations)]);
  return Object.freeze({ ...defaultCapabilities, ...overrides, limitations });
}

/** How long an adapter waits for a server to accept a connection, unless told otherwise. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** How long an adapter waits for one catalog query, unless told otherwise. */
export const DEFAULT_QUERY_TIMEOUT_MS = 120_000;

export interface ConnectOptions {
  /** PostgreSQL schema / SQL Server schema to manage (default `public` / `dbo`). */
  readonly schemaName?: string;
  /** Give up waiting for a table lock after this many milliseconds. */
  readonly lockTimeoutMs?: number;
  /** Give up waiting for the migrator lock after this many milliseconds. */
  readonly migratorLockTimeoutMs?: number;
  /**
   * Give up connecting (network and handshake) after this many milliseconds
   * (default {@link DEFAULT_CONNECT_TIMEOUT_MS}), with `CONNECT.TIMEOUT`.
   */
  readonly connectTimeoutMs?: number;
  /**
   * Give up on one catalog query (introspection, fingerprint, session setup)
   * after this many milliseconds (default {@link DEFAULT_QUERY_TIMEOUT_MS}),
   * with `CONNECT.TIMEOUT`. DDL is bounded by the lock timeout instead: an
   * index build may rightly take hours.
   */
  readonly queryTimeoutMs?: number;
  /**
   * The caller will only read (`plan`). Adapters must not create anything
   * then; e.g. SQLite does not create a missing database file but reports it
   * as an empty schema.
   */
  readonly readOnly?: boolean;
}

/**
 * Compatibility modes: `'odacjs'` takes schema files with the meaning
 * ODAC.JS (its knex-based engine) gave them, so a database it built adopts
 * with an empty plan and new tables are built the same way. On PostgreSQL
 * `timestamp`, `datetime` and `timestamps` are `timestamptz`, `enum` is
 * `text` with a CHECK, `increments` is `serial`; on MySQL/MariaDB a `float`
 * without precision is `float(8,2)`; on SQLite types are declared as knex
 * declares them (`decimal` → `float`, `timestamp` → `datetime`, `uuid` →
 * `char(36)`...). Options written explicitly (`withTimeZone: false`) win.
 */
export type Compat = 'odacjs';

export interface NormalizeOptions {
  /** Read the desired schema in this compatibility mode (absent: odac's own meaning). */
  readonly compat?: Compat;
}

export interface EmitOptions {
  /**
   * Prefer lock-light forms (NOT VALID + VALIDATE, CONCURRENTLY, LOCK=NONE).
   * Plan with the same `online` (the planner decides which operations run
   * outside the transaction, and where).
   */
  readonly online?: boolean;
}

export interface ApplyOptions {
  /** Called before each statement runs. */
  readonly onStatement?: (statement: Statement, index: number, total: number) => void;
}

export interface ApplyResult {
  /** The statements that ran, in order. */
  readonly executed: readonly Statement[];
  /** Things the user should know, e.g. an online form the server refused and the fallback used. */
  readonly warnings?: readonly string[];
}

export interface IntrospectOptions {
  /** Only these tables (all when absent). */
  readonly tables?: readonly string[];
}

/** A live connection. The only stateful piece of an adapter. */
export interface Connection {
  /**
   * Optional: this server's capabilities where a server setting changes the
   * adapter's (MySQL/MariaDB with `lower_case_table_names` 1 or 2 compare
   * table names case-insensitively). `migrate` and `plan` use them instead
   * of `DriverAdapter.capabilities`.
   */
  readonly capabilities?: Capabilities;
  /** The model of the live database, in a fixed number of catalog queries. */
  introspect(options?: IntrospectOptions): Promise<Schema>;
  /**
   * Optional: a token that changes whenever the schema `introspect` reads
   * changes, in one cheap query (SQLite's `schema_version`; PostgreSQL's
   * catalog row versions). `migrate` reads it before planning and again under
   * the migrator lock: equal tokens mean the plan made before the lock still
   * holds, so the database is not introspected a second time.
   */
  fingerprint?(): Promise<string>;
  /**
   * Optional: the expressions of a normalized desired schema (checks,
   * partial-index predicates, native indexes, generated columns) as the
   * database itself prints them, e.g. created in a transaction that is rolled
   * back and read back. Never changes the database; an expression it cannot
   * create is left out of the map (the migrate then reports its error).
   * Column collations too, where the server's defaults decide them (MySQL),
   * `live` giving the live tables' own.
   */
  canonicalExpressions?(desired: Schema, live?: Schema): Promise<CanonicalExpressions>;
  /**
   * Optional: rejects, with `SchemaValidationError`, what this server cannot
   * build although the adapter can on other versions (a VIRTUAL generated
   * column before PostgreSQL 18). Called with the normalized desired schema
   * when planning, before anything runs.
   */
  validateDesired?(desired: Schema): Promise<void>;
  /** Runs each check and returns those that fail (with offending row counts). */
  preflight(checks: readonly PreflightCheck[]): Promise<readonly PreflightFailure[]>;
  /** Runs statements; all-or-nothing where the database allows it. Throws `ApplyError`. */
  apply(statements: readonly Statement[], options?: ApplyOptions): Promise<ApplyResult>;
  /** Runs `fn` holding the database-wide migrator lock; other migrators wait. */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Optional (seeds): reads rows, one result per query, each row aligned
   * with its query's `columns`. Values come in the driver's text forms
   * (PostgreSQL and MySQL as text; SQLite as stored), which core compares
   * by column type. A fixed number of queries: one per query and chunk of
   * key values, never one per row. Values in the filter are written with the
   * adapter's `literal()`.
   */
  readRows?(queries: readonly RowQuery[]): Promise<readonly (readonly (readonly RowValue[])[])[]>;
  close(): Promise<void>;
}

/**
 * Where a URL points for a fleet: the server (one pool of sessions) and the
 * namespace on it (a PostgreSQL schema, a MySQL database). A namespace may be
 * a glob (`tenant_*`) that {@link ServerPool.listNamespaces} expands.
 */
export interface FleetLocation {
  /** Identifies the server and what a session is opened to; equal strings share one pool. Holds credentials: never print it. */
  readonly server: string;
  readonly namespace: string;
  /** The URL of one namespace on this server (as `odac migrate --url` would take it). */
  urlFor(namespace: string): string;
}

/**
 * Optional, for fleets: many namespaces of one server over one pool of
 * sessions (PostgreSQL schemas of a database, MySQL databases of a server).
 */
export interface ServerPool {
  /** Names of the namespaces matching a glob (`*` any run of characters, `?` one), sorted. */
  listNamespaces(pattern: string): Promise<string[]>;
  /**
   * Models of many namespaces in a fixed number of catalog queries, whatever
   * their number; a namespace that does not exist is an empty schema. Each
   * model equals what `introspect()` on a connection to that namespace returns.
   */
  introspectMany(namespaces: readonly string[]): Promise<ReadonlyMap<string, Schema>>;
  /**
   * Optional: for each namespace, a token that changes whenever its schema
   * changes, for many namespaces in one cheap query. Read before
   * `introspectMany` and again (for one namespace) under its migrator lock:
   * an equal token means the plan made from `introspectMany` still holds.
   * `via`, a connection this pool leased, runs the query on its session.
   */
  fingerprints?(namespaces: readonly string[], via?: Connection): Promise<ReadonlyMap<string, string>>;
  /** A connection to one namespace on a pooled session; its `close()` gives the session back. */
  lease(namespace: string): Promise<Connection>;
  close(): Promise<void>;
}

export interface ServerPoolOptions extends ConnectOptions {
  /** Most sessions open at once. */
  readonly poolSize: number;
}

export interface DriverAdapter {
  /** `sqlite`, `postgres`, `mysql`, `mssql`. */
  readonly name: string;
  readonly capabilities: Capabilities;
  connect(url: string, options?: ConnectOptions): Promise<Connection>;
  /** Lowers a desired schema to what this database reports back. Pure. An adapter may ignore `options.compat`. */
  normalize(schema: Schema, options?: NormalizeOptions): Schema;
  /** SQL for a plan's operations, in order. Pure. */
  emit(operations: readonly Operation[], options?: EmitOptions): Statement[];
  /** Optional (seeds): the INSERT and UPDATE statements of a seed plan, values through the adapter's `literal()`. Pure. */
  emitSeeds?(plan: SeedPlan): Statement[];
  /** Optional (fleets): the server and namespace a URL designates; `options.schemaName` may name the namespace. */
  locate?(url: string, options?: ConnectOptions): FleetLocation;
  /** Optional (fleets): a pool of sessions to the server of `url`, for many namespaces at once. */
  connectServer?(url: string, options: ServerPoolOptions): Promise<ServerPool>;
}
