/**
 * The canonical schema model: plain, readonly, JSON-serializable data.
 *
 * Everything odac knows about a database, desired or live, is expressed in
 * these types. Adapters lower the desired model to what their database will
 * report back (`normalize`) and map their catalogs into the same shapes
 * (`introspect`); the differ then compares like with like.
 */

/** Integer widths. `medium` exists only on MySQL; other adapters widen it. */
export type IntegerSize = 'tiny' | 'small' | 'medium' | 'regular' | 'big';

/** Text capacities, as MySQL distinguishes them (text, mediumtext, longtext). */
export type TextSize = 'regular' | 'medium' | 'long';

/**
 * A logical column type. `native` is the escape hatch for a database-specific
 * type (`citext`, `tsvector`, `int[]`): its SQL is passed through verbatim and
 * compared case-insensitively with whitespace folded.
 */
export type ColumnType =
  | { readonly kind: 'integer'; readonly size: IntegerSize; readonly unsigned?: boolean }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number; readonly unsigned?: boolean }
  | { readonly kind: 'float' }
  | { readonly kind: 'double' }
  | { readonly kind: 'string'; readonly length: number }
  | { readonly kind: 'char'; readonly length: number }
  | { readonly kind: 'text'; readonly size?: TextSize }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'time' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'timestamp'; readonly withTimeZone?: boolean }
  | { readonly kind: 'json'; readonly binary?: boolean }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'binary'; readonly length?: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'native'; readonly sql: string };

export type ColumnTypeKind = ColumnType['kind'];

/**
 * A column default.
 * - `literal`: a value the adapter escapes (`'draft'`, `0`, `true`, `null`).
 * - `expression`: SQL kept verbatim. `CURRENT_TIMESTAMP` is the one known
 *   token: adapters map `now()`, `current_timestamp()`, `datetime('now')`...
 *   to exactly `CURRENT_TIMESTAMP` so it never causes a false diff.
 */
export type DefaultValue =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'expression'; readonly sql: string };

export const CURRENT_TIMESTAMP = 'CURRENT_TIMESTAMP';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly default?: DefaultValue;
  /** serial / identity / AUTO_INCREMENT / INTEGER PRIMARY KEY AUTOINCREMENT. */
  readonly autoIncrement?: boolean;
  /** MySQL `ON UPDATE CURRENT_TIMESTAMP`. */
  readonly onUpdateCurrentTimestamp?: boolean;
  readonly comment?: string;
  /** Desired-only hint: this column used to be called so; rename instead of drop + add. */
  readonly renamedFrom?: string;
}

export interface PrimaryKey {
  readonly name?: string;
  readonly columns: readonly string[];
}

export interface Index {
  /** Generated deterministically when the user gave none; never used for matching. */
  readonly name?: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** Partial index predicate, adapter-normalized SQL. */
  readonly where?: string;
  /** Expression / full-text / method-specific indexes the model cannot express, verbatim. */
  readonly native?: string;
}

export type ForeignKeyAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

export const FOREIGN_KEY_ACTIONS: readonly ForeignKeyAction[] = [
  'CASCADE',
  'SET NULL',
  'SET DEFAULT',
  'RESTRICT',
  'NO ACTION',
];

export interface ForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly references: { readonly table: string; readonly columns: readonly string[] };
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  /**
   * When the key is checked. Absent: `NOT DEFERRABLE` (checked after each
   * statement, the default everywhere). `'immediate'`: `DEFERRABLE INITIALLY
   * IMMEDIATE` (checked after each statement unless a transaction says `SET
   * CONSTRAINTS … DEFERRED`). `'deferred'`: `DEFERRABLE INITIALLY DEFERRED`
   * (checked at commit). A change replaces the key (drop + add). Adapters
   * whose database has no deferrable keys drop it in `normalize`.
   */
  readonly deferrable?: 'immediate' | 'deferred';
  /**
   * `'full'`: `MATCH FULL`, a multi-column key is either entirely NULL or
   * must match entirely. Absent: `MATCH SIMPLE`, the default (a row with any
   * NULL key column is not checked). Identical for single-column keys. A
   * change replaces the key (drop + add). Adapters whose database ignores
   * `MATCH` drop it in `normalize`.
   */
  readonly match?: 'full';
}

export interface Check {
  readonly name?: string;
  readonly expression: string;
}

export interface Table {
  readonly name: string;
  /** Declaration order, which is also creation order. */
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  /** Sorted by `indexKey` for determinism. */
  readonly indexes: readonly Index[];
  /** Sorted by `foreignKeyKey` for determinism. */
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks?: readonly Check[];
  readonly comment?: string;
  /** Desired-only hint: this table used to be called so. */
  readonly renamedFrom?: string;
  /** Where the desired table was declared (schema file path), for messages. */
  readonly source?: string;
}

export interface Schema {
  /** Sorted by name. */
  readonly tables: readonly Table[];
}

export const emptySchema: Schema = Object.freeze({ tables: Object.freeze([]) as readonly Table[] });

/** Identity of a foreign key by meaning: its columns and what they reference. */
export function foreignKeyKey(fk: ForeignKey): string {
  return JSON.stringify([fk.columns, fk.references.table, fk.references.columns]);
}

/** Identity of an index by meaning: columns, uniqueness, predicate, native definition. */
export function indexKey(index: Index): string {
  return JSON.stringify([index.columns, index.unique, index.where ?? null, index.native ?? null]);
}

export function findTable(schema: Schema, name: string): Table | undefined {
  return schema.tables.find((t) => t.name === name);
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

function byString<T>(key: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/**
 * Sorts tables by name and each table's indexes and foreign keys by meaning,
 * so equal schemas serialize to equal JSON. Returns a new object.
 */
export function sortSchema(schema: Schema): Schema {
  return {
    tables: [...schema.tables].sort(byString((t) => t.name)).map(sortTable),
  };
}

export function sortTable(table: Table): Table {
  const out: Table = {
    ...table,
    indexes: [...table.indexes].sort(byString(indexKey)),
    foreignKeys: [...table.foreignKeys].sort(byString(foreignKeyKey)),
  };
  if (table.checks) {
    return { ...out, checks: [...table.checks].sort(byString((c) => c.expression)) };
  }
  return out;
}

/** Deep-freezes a value in place and returns it (models are immutable). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
