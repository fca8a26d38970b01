/**
 * What a plan is made of. `Operation` is a discriminated union on `kind`;
 * every adapter's emitter is a mapped object over `OperationKind`, so a new
 * operation kind is a compile error in each adapter until it is handled.
 */
import type { Check, Column, ColumnType, ForeignKey, Index, PrimaryKey, Table, TableOption } from './model.js';

/**
 * - `additive`: creates something, cannot lose data (add column, create index).
 * - `changing`: alters something in place without losing data (widen a type,
 *   change a default, change FK actions, rebuild a SQLite table).
 * - `destructive`: can lose data (drop table/column, narrowing type change)
 *   or integrity (drop a unique index or constraint, a check, a foreign key
 *   or the primary key without replacing it; remove auto-increment/identity);
 *   skipped unless explicitly allowed.
 */
export type OperationClass = 'additive' | 'changing' | 'destructive';

/** Which aspects of a column an `alterColumn` changes. */
export type ColumnChange = 'type' | 'nullable' | 'default' | 'autoIncrement' | 'identity' | 'onUpdate' | 'collation' | 'generated' | 'comment' | 'position';

/**
 * Where a column is placed (capability `reorderColumns`): right after the
 * named column, or first (`after: null`).
 */
export interface ColumnPlacement {
  readonly after: string | null;
}

interface OperationBase {
  /** The table the operation acts on (its new name when renamed). */
  readonly table: string;
  readonly classification: OperationClass;
}

export interface CreateTableOperation extends OperationBase {
  readonly kind: 'createTable';
  /**
   * The table to create: columns, primary key, checks, comment. Its `indexes`
   * are always empty (each index is a separate `addIndex` operation). Its
   * `foreignKeys` are set (all named) only when the adapter lacks
   * `alterForeignKey` (keys exist only in `CREATE TABLE`); otherwise they are
   * empty here and the planner adds `addForeignKey` operations at the end.
   */
  readonly definition: Table;
}

export interface DropTableOperation extends OperationBase {
  readonly kind: 'dropTable';
  readonly definition: Table;
}

export interface RenameTableOperation extends OperationBase {
  readonly kind: 'renameTable';
  readonly from: string;
}

export interface AddColumnOperation extends OperationBase {
  readonly kind: 'addColumn';
  readonly column: Column;
  /** The second half of a column re-created under its name (see `DropColumnOperation.replace`). */
  readonly replace?: true;
  /** Where it goes, when not last (`reorderColumns`). */
  readonly position?: ColumnPlacement;
}

export interface DropColumnOperation extends OperationBase {
  readonly kind: 'dropColumn';
  readonly column: Column;
  /**
   * The column is dropped to be added again right after, under the same
   * name, by the `addColumn` with `replace` that follows: its definition
   * changes in a way no database alters in place (a generated column's
   * expression or storage, or a column becoming generated or plain). Runs
   * with the column changes, not with the drops at the end.
   */
  readonly replace?: true;
}

export interface RenameColumnOperation extends OperationBase {
  readonly kind: 'renameColumn';
  readonly from: string;
  readonly to: string;
}

export interface AlterColumnOperation extends OperationBase {
  readonly kind: 'alterColumn';
  readonly from: Column;
  readonly to: Column;
  readonly changes: readonly ColumnChange[];
  /** With the `position` change: where the column moves (`reorderColumns`). */
  readonly position?: ColumnPlacement;
}

export interface SetPrimaryKeyOperation extends OperationBase {
  readonly kind: 'setPrimaryKey';
  readonly from?: PrimaryKey;
  readonly to?: PrimaryKey;
}

export interface AddIndexOperation extends OperationBase {
  readonly kind: 'addIndex';
  /** Always named (a generated name when the user gave none). */
  readonly index: Index & { readonly name: string };
  /**
   * Built without blocking writes, after the migration transaction
   * (`CREATE INDEX CONCURRENTLY`). Set by the planner in `online` plans where
   * the adapter has `concurrentIndex` and transactional DDL.
   */
  readonly online?: boolean;
}

export interface DropIndexOperation extends OperationBase {
  readonly kind: 'dropIndex';
  readonly index: Index & { readonly name: string };
}

export interface AddForeignKeyOperation extends OperationBase {
  readonly kind: 'addForeignKey';
  readonly foreignKey: ForeignKey & { readonly name: string };
  /** Added `NOT VALID`; a later `validateConstraint` (with `added`) checks the rows. Set by the planner in `online` plans. */
  readonly notValid?: boolean;
}

export interface DropForeignKeyOperation extends OperationBase {
  readonly kind: 'dropForeignKey';
  readonly foreignKey: ForeignKey & { readonly name: string };
}

export interface AddCheckOperation extends OperationBase {
  readonly kind: 'addCheck';
  readonly check: Check & { readonly name: string };
  /** Added `NOT VALID`; a later `validateConstraint` (with `added`) checks the rows. Set by the planner in `online` plans. */
  readonly notValid?: boolean;
}

export interface DropCheckOperation extends OperationBase {
  readonly kind: 'dropCheck';
  readonly check: Check & { readonly name: string };
}

/**
 * Check the existing rows against a constraint the database holds but has
 * not validated (PostgreSQL `VALIDATE CONSTRAINT`). Planned when the live
 * constraint is `notValid` and the schema wants it, so an online migration
 * interrupted between adding and validating a key finishes on the next run.
 */
export interface ValidateConstraintOperation extends OperationBase {
  readonly kind: 'validateConstraint';
  readonly constraint: 'foreignKey' | 'check';
  /** The constraint's name in the database. */
  readonly name: string;
  /** Runs after the migration transaction, under a lock that lets writes through (`online` plans). */
  readonly online?: boolean;
  /**
   * This plan added the constraint `NOT VALID`: when validation fails it is
   * dropped again, so the next run adds it anew through the preflight that
   * names the offending rows.
   */
  readonly added?: boolean;
}

export interface SetTableCommentOperation extends OperationBase {
  readonly kind: 'setTableComment';
  readonly comment?: string;
}

/**
 * Change table options (`Table.mysql`, `Table.sqlite`): `changes` names the
 * options that differ; `from` is the live table (after renames), `to` the
 * desired one. Planned before the table's other changes, so columns added
 * or changed by the same plan take the new defaults. A charset change is
 * destructive: it re-encodes every text column that follows the table's
 * default.
 */
export interface SetTableOptionsOperation extends OperationBase {
  readonly kind: 'setTableOptions';
  readonly changes: readonly TableOption[];
  readonly from: Table;
  readonly to: Table;
}

/**
 * Recreate a table with a new definition and copy its rows (SQLite's way to
 * change constraints). Chosen by the planner when the adapter cannot do a
 * change in place. `columnMap` pairs each column of `to` that takes data with
 * the column of `from` it is copied from; columns of `to` absent from the map
 * get their default.
 */
export interface RebuildTableOperation extends OperationBase {
  readonly kind: 'rebuildTable';
  readonly from: Table;
  readonly to: Table;
  readonly columnMap: readonly { readonly from: string; readonly to: string }[];
  /** The finer-grained operations this rebuild stands for (for people reading the plan). */
  readonly replaces: readonly Operation[];
}

export type Operation =
  | CreateTableOperation
  | DropTableOperation
  | RenameTableOperation
  | AddColumnOperation
  | DropColumnOperation
  | RenameColumnOperation
  | AlterColumnOperation
  | SetPrimaryKeyOperation
  | AddIndexOperation
  | DropIndexOperation
  | AddForeignKeyOperation
  | DropForeignKeyOperation
  | AddCheckOperation
  | DropCheckOperation
  | ValidateConstraintOperation
  | SetTableCommentOperation
  | SetTableOptionsOperation
  | RebuildTableOperation;

export type OperationKind = Operation['kind'];

export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;

/**
 * A data check that must hold before any DDL runs. Table and column names are
 * those in the database *before* the plan runs.
 */
export type PreflightCheck =
  | { readonly kind: 'notNull'; readonly table: string; readonly column: string }
  | {
      readonly kind: 'foreignKey';
      readonly table: string;
      readonly constraint: string;
      readonly columns: readonly string[];
      readonly references: { readonly table: string; readonly columns: readonly string[] };
      /** The referenced table does not exist yet: every non-null child row is an orphan. */
      readonly targetIsNew: boolean;
    }
  | { readonly kind: 'unique'; readonly table: string; readonly constraint: string; readonly columns: readonly string[] }
  | { readonly kind: 'fitsType'; readonly table: string; readonly column: string; readonly from: ColumnType; readonly to: ColumnType }
  /** A NOT NULL column without default is being added: the table must be empty. */
  | { readonly kind: 'emptyTable'; readonly table: string; readonly column: string };

export interface PreflightFailure {
  readonly check: PreflightCheck;
  /** How many rows violate it. */
  readonly count: number;
}

export interface SkippedOperation {
  readonly operation: Operation;
  readonly reason: string;
  /** The engine option that would let it run (`allowDestructive`); the CLI names its flag. */
  readonly allowWith: string;
}

export interface Plan {
  /**
   * In execution order: the emitter writes each operation's statements in
   * this order (merging neighbours where the dialect writes a table's changes
   * as one statement) and apply runs them in that order.
   */
  readonly operations: readonly Operation[];
  /** Destructive operations not allowed by policy, in the order they would have run. */
  readonly skipped: readonly SkippedOperation[];
  /** Data checks to run before the first statement. */
  readonly preflight: readonly PreflightCheck[];
  /**
   * Tables in the database that no schema file describes. Left alone unless
   * the plan was made with `dropUnmanagedTables` (then they are `dropTable`
   * operations, destructive like any drop).
   */
  readonly unmanagedTables: readonly string[];
  /** Advice for people, e.g. "did you mean renamedFrom?". */
  readonly warnings: readonly string[];
}

/**
 * What a statement does: the kind of the operation it implements, or
 * - `alterTable`: several operations of different kinds on one table,
 *   written as one statement (MySQL writes a table's changes as one ALTER);
 * - `seed`: writes seed rows (or what seeding needs, e.g. a sequence moved
 *   past the seeded keys);
 * - `other`: a plan statement that names no operation.
 */
export type StatementKind = OperationKind | 'alterTable' | 'seed' | 'other';

/** What an operation can lose when it runs: rows or values (`data`), or a guarantee the database enforced (`integrity`). */
export type Loss = 'data' | 'integrity';

/**
 * Something about a statement that deserves a look before it runs. Core
 * derives them from the plan (see {@link describeStatements}); an adapter
 * may add its own to the statements it emits.
 *
 * - `dataLoss` / `integrityLoss`: the statement implements (part of)
 *   operation `operation` (index into `Plan.operations`), a destructive one
 *   that loses data (drop table or column, narrowing type) or integrity
 *   (drop a unique index, check, foreign key or the primary key without
 *   replacing it; stop generating values).
 * - `lock`: it takes this lock; other sessions wait on the table meanwhile.
 * - `nonTransactional`: it runs outside the transaction and is not rolled
 *   back when a later statement fails.
 */
export type StatementHazard =
  | { readonly kind: 'dataLoss'; readonly operation: number }
  | { readonly kind: 'integrityLoss'; readonly operation: number }
  | { readonly kind: 'lock'; readonly lock: string }
  | { readonly kind: 'nonTransactional' };

/** One SQL statement produced by an adapter's emitter. */
export interface Statement {
  readonly sql: string;
  /**
   * What it does. Adapters leave it unset: core sets it on every statement
   * of a plan ({@link PlannedStatement}) from the operations it implements.
   */
  readonly kind?: StatementKind;
  /**
   * What deserves a look before it runs. Core sets them on every statement
   * of a plan ({@link PlannedStatement}), keeping any an adapter set.
   */
  readonly hazards?: readonly StatementHazard[];
  /** False for statements that cannot run inside a transaction (CREATE INDEX CONCURRENTLY). */
  readonly transactional: boolean;
  /** Index into `Plan.operations` of the operation this statement implements. */
  readonly operation?: number;
  /** The table it acts on, for progress output. */
  readonly table?: string;
  /** The lock this statement takes, when it is worth telling (e.g. `ACCESS EXCLUSIVE`). */
  readonly lock?: string;
  /**
   * Another existing table the statement locks, and how: a foreign key's
   * referenced table. Lets an adapter take every lock of a transaction up
   * front, referencing tables before referenced ones (the order writers
   * take them), instead of meeting a writer halfway and deadlocking.
   */
  readonly referenced?: { readonly table: string; readonly lock: string };
  /**
   * The statement is a step of a table rebuild (SQLite): `start` is its first
   * statement, `end` the one that completes it. Apply saves and restores
   * what lives only in the database (triggers, views) around these.
   */
  readonly rebuild?: 'start' | 'end';
  /** The form to run instead when the server refuses this one (MySQL's online ALTER without ALGORITHM/LOCK). */
  readonly fallback?: string;
  /** The name of the index this statement builds: an invalid leftover of an earlier failed build is dropped first. */
  readonly buildsIndex?: string;
  /** Statements that undo what this one leaves half done when it fails outside the transaction, so a re-run starts clean. */
  readonly cleanup?: readonly string[];
  /**
   * The statement may share one round trip with other statements (several
   * statements in one PostgreSQL simple query): the emitter wrote all of it
   * and proved, under the dialect's lexical rules, that every raw fragment
   * of the user's it pastes (an expression default, a check, an index
   * predicate or definition, a generated expression, a native type, a
   * collation) is one expression that closes everything it opens and holds
   * no `;`, so it can never end the statement and start another. Absent:
   * the statement runs alone, through an interface that refuses a second
   * statement. Never set on statements that cannot run in a transaction.
   */
  readonly batchable?: boolean;
}

/** A statement of a plan, with what core knows of it: its kind and hazards (see `describeStatements`). */
export interface PlannedStatement extends Statement {
  readonly kind: StatementKind;
  readonly hazards: readonly StatementHazard[];
}
