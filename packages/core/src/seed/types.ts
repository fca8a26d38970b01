/**
 * Seeds: rows a schema file declares (`seed` + `seedKey`, ODAC.JS's keys)
 * that `migrate` upserts after the schema sync. They are data, not schema:
 * the loader returns them beside the model (`LoadedSchema.seeds`), so a
 * pulled schema never differs from an authored one because of them.
 */

/** A value as written into SQL, escaped by the adapter's `literal()`. */
export type SqlValue = string | number | boolean | null;

/** A value a seed row may hold: a scalar, or (for `json` columns) any JSON value. */
export type SeedValue = SqlValue | readonly SeedValue[] | { readonly [key: string]: SeedValue };

/** One seed row: column name → value. */
export type SeedRow = Readonly<Record<string, SeedValue>>;

/** A column whose value is generated on insert when a seed row omits it (ODAC.JS `nanoid`). */
export interface GeneratedColumn {
  readonly column: string;
  /** Length of the generated id (the column's `length`, default 21). */
  readonly length: number;
}

/** The seed rows of one table, as validated by the loader. */
export interface TableSeed {
  readonly table: string;
  /** The column that identifies a row (`seedKey`). */
  readonly key: string;
  readonly rows: readonly SeedRow[];
  readonly generated: readonly GeneratedColumn[];
  /** The schema file, for messages. */
  readonly source?: string;
}

/** A value as a driver returns it when rows are read back (text forms mostly). */
export type RowValue = string | number | bigint | boolean | null | Uint8Array;

/**
 * Rows to read: `columns` of `table`, only those whose `where.column` is one
 * of `where.values` (all rows when `where` is absent). Values are written with
 * the adapter's `literal()`.
 */
export interface RowQuery {
  readonly table: string;
  readonly columns: readonly string[];
  readonly where?: { readonly column: string; readonly values: readonly SqlValue[] };
}

/** One row to insert, or the changed columns of the rows to update (`WHERE key = keyValue`). */
export interface SeedRowChange {
  readonly keyValue: SqlValue;
  readonly columns: readonly string[];
  readonly values: readonly SqlValue[];
}

/** What seeding does to one table. */
export interface SeedTablePlan {
  readonly table: string;
  readonly key: string;
  readonly inserts: readonly SeedRowChange[];
  readonly updates: readonly SeedRowChange[];
  /** Seed rows already as declared. */
  readonly unchanged: number;
  /**
   * The auto-increment column, when some insert sets it explicitly: where
   * the counter does not follow such values by itself (a PostgreSQL
   * sequence), the adapter moves it past the largest value so the app's next
   * insert does not collide with a seeded row.
   */
  readonly autoIncrement?: string;
}

/** What seeding does: one entry per seeded table (tables with nothing to do included, with counts). */
export interface SeedPlan {
  readonly tables: readonly SeedTablePlan[];
}

export const emptySeedPlan: SeedPlan = Object.freeze({ tables: Object.freeze([]) as readonly SeedTablePlan[] });

/** True when the plan inserts or updates nothing. */
export function seedPlanIsEmpty(plan: SeedPlan): boolean {
  return plan.tables.every((t) => t.inserts.length === 0 && t.updates.length === 0);
}
