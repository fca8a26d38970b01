/**
 * The schema file format (ODAC.JS compatible). One file per table; the file
 * name is the table name unless `table` overrides it.
 */
import type { ForeignKeyAction } from '../model.js';

/** `'CASCADE'`, `'cascade'`, `'set null'`... any case is accepted. */
export type ForeignKeyActionInput = ForeignKeyAction | Lowercase<ForeignKeyAction>;

export type ColumnTypeName =
  | 'increments'
  | 'bigIncrements'
  | 'integer'
  | 'bigInteger'
  | 'mediumInteger'
  | 'smallInteger'
  | 'tinyInteger'
  | 'string'
  | 'char'
  | 'text'
  | 'boolean'
  | 'decimal'
  | 'float'
  | 'double'
  | 'date'
  | 'time'
  | 'datetime'
  | 'timestamp'
  | 'json'
  | 'jsonb'
  | 'uuid'
  | 'nanoid'
  | 'binary'
  | 'enum'
  | 'specificType'
  | 'timestamps';

/** A default: a literal, or `{ raw: 'CURRENT_TIMESTAMP' }` for an SQL expression. */
export type DefaultInput = string | number | boolean | null | { readonly raw: string };

export interface ReferenceInput {
  readonly table: string;
  readonly column: string;
}

export interface ColumnDefinition {
  readonly type: ColumnTypeName;
  /** Columns are nullable unless `nullable: false` (primary keys never are). */
  readonly nullable?: boolean;
  readonly default?: DefaultInput;
  readonly unique?: boolean;
  readonly index?: boolean;
  readonly primary?: boolean;
  readonly unsigned?: boolean;
  /** `string` (default 255), `char` (default 255), `nanoid` (default 21), `binary`. */
  readonly length?: number;
  /** `decimal`: default 10. */
  readonly precision?: number;
  /** `decimal`: default 2. */
  readonly scale?: number;
  /** `enum`: the allowed values. */
  readonly values?: readonly string[];
  /** `text`: text (default), mediumtext or longtext. */
  readonly textType?: 'text' | 'mediumtext' | 'longtext';
  /**
   * `timestamp` only: store with time zone (PostgreSQL `timestamptz`). The
   * model's `datetime` has no time zone, so the loader rejects this option on
   * `datetime` and says to use `{ type: 'timestamp', withTimeZone: true }`.
   */
  readonly withTimeZone?: boolean;
  /** `specificType`: the database's own type, passed through verbatim (e.g. `'citext'`). */
  readonly native?: string;
  /** MySQL `ON UPDATE CURRENT_TIMESTAMP` (`timestamp` and `datetime`). */
  readonly onUpdateCurrentTimestamp?: boolean;
  readonly comment?: string;
  /**
   * `{ table, column }` or the shorthand `'users.id'`. The target must be the
   * referenced table's primary key or a unique column, of the same type
   * (`integer` + `unsigned: true` for an `increments` key).
   */
  readonly references?: ReferenceInput | string;
  readonly onDelete?: ForeignKeyActionInput;
  readonly onUpdate?: ForeignKeyActionInput;
  /**
   * With `references`: when the key is checked. `true` or `'immediate'`:
   * `DEFERRABLE INITIALLY IMMEDIATE`; `'deferred'`: `DEFERRABLE INITIALLY
   * DEFERRED` (checked at commit); `false` or absent: `NOT DEFERRABLE`.
   * PostgreSQL keeps both, SQLite only `'deferred'`; MySQL and SQL Server
   * have no deferrable keys and ignore it.
   */
  readonly deferrable?: boolean | 'immediate' | 'deferred';
  /**
   * With `references`: `'full'` for `MATCH FULL` (a multi-column key is
   * either entirely NULL or must match entirely); `'simple'` or absent for
   * `MATCH SIMPLE`, the default. Only PostgreSQL keeps it.
   */
  readonly match?: 'full' | 'simple';
  /** The column's previous name: rename it instead of dropping and adding. */
  readonly renamedFrom?: string;
}

export interface IndexDefinition {
  readonly columns: readonly string[];
  readonly unique?: boolean;
  readonly name?: string;
  /** Partial index predicate (PostgreSQL, SQLite). */
  readonly where?: string;
}

export interface ForeignKeyDefinition {
  readonly columns: readonly string[];
  readonly references: { readonly table: string; readonly columns: readonly string[] };
  readonly onDelete?: ForeignKeyActionInput;
  readonly onUpdate?: ForeignKeyActionInput;
  /** As on a column: `true` / `'immediate'`, `'deferred'`, or `false` / absent (NOT DEFERRABLE). */
  readonly deferrable?: boolean | 'immediate' | 'deferred';
  /** As on a column: `'full'`, or `'simple'` / absent (the default). */
  readonly match?: 'full' | 'simple';
  readonly name?: string;
}

export interface CheckDefinition {
  readonly name?: string;
  readonly expression: string;
}

export interface TableDefinition {
  /** Overrides the table name taken from the file name. */
  readonly table?: string;
  readonly columns: Readonly<Record<string, ColumnDefinition>>;
  /** Composite primary key. */
  readonly primary?: readonly string[];
  readonly indexes?: readonly IndexDefinition[];
  readonly foreignKeys?: readonly ForeignKeyDefinition[];
  readonly checks?: readonly CheckDefinition[];
  readonly comment?: string;
  /** The table's previous name: rename it instead of dropping and creating. */
  readonly renamedFrom?: string;
  /**
   * Rows `migrate` upserts after the schema sync (ODAC.JS): a missing row
   * (by `seedKey`) is inserted, generating `nanoid` columns it omits; a row
   * whose seeded values differ has those columns updated. Values are
   * scalars; `json`/`jsonb` columns also take objects and arrays.
   */
  readonly seed?: readonly Readonly<Record<string, unknown>>[];
  /** The column that identifies a seed row; required with `seed`. */
  readonly seedKey?: string;
}
