/**
 * Planning seeds as data (pure): which rows to read back, then per seed row
 * an insert (missing), an update of the seeded columns that differ, or
 * nothing. The adapter reads the rows (`Connection.readRows`) and writes the
 * statements (`DriverAdapter.emitSeeds`).
 */
import { dependencyOrder, findColumn, findTable, type ColumnType, type Schema, type Table } from '../model.js';
import { nanoid } from './nanoid.js';
import type { RowQuery, RowValue, SeedPlan, SeedRow, SeedRowChange, SeedTablePlan, SeedValue, SqlValue, TableSeed } from './types.js';
import { sameValue, writeValue } from './values.js';

/** Rows read for one seeded table, each aligned with its query's `columns`. */
export type SeedRows = ReadonlyMap<string, readonly (readonly RowValue[])[]>;

export interface SeedPlanOptions {
  /** Makes a generated id (default: a random ODAC.JS nanoid). Tests pass a deterministic one. */
  readonly generate?: (length: number) => string;
}

/** A generated column the row leaves to the engine: absent, null or empty, as ODAC.JS fills it. */
function leftToGenerate(row: SeedRow, column: string): boolean {
  const value = row[column];
  return value === undefined || value === null || value === '';
}

function seededColumns(seed: TableSeed, row: SeedRow): string[] {
  const generated = new Set(seed.generated.map((g) => g.column));
  return Object.keys(row).filter((c) => !(generated.has(c) && leftToGenerate(row, c)));
}

function typeOf(table: Table | undefined, column: string): ColumnType | undefined {
  return table ? findColumn(table, column)?.type : undefined;
}

/**
 * The query that reads back what seeding compares for `seed`: the key and
 * every seeded column the live table already has, for the seeded keys.
 * `undefined` when the table or its key column does not exist yet (then
 * every row is inserted).
 */
export function seedQuery(seed: TableSeed, desired: Schema, current: Schema): RowQuery | undefined {
  const live = findTable(current, seed.table);
  if (!live || !findColumn(live, seed.key)) return undefined;
  const columns = [seed.key];
  for (const row of seed.rows) {
    for (const c of seededColumns(seed, row)) if (!columns.includes(c) && findColumn(live, c)) columns.push(c);
  }
  const keyType = typeOf(findTable(desired, seed.table), seed.key);
  const values: SqlValue[] = [];
  for (const row of seed.rows) {
    const v = writeValue(row[seed.key] ?? null, keyType);
    if (!values.includes(v)) values.push(v);
  }
  return { table: seed.table, columns, where: { column: seed.key, values } };
}

/** The queries for every seed whose table exists, keyed by table. */
export function seedQueries(seeds: readonly TableSeed[], desired: Schema, current: Schema): Map<string, RowQuery> {
  const out = new Map<string, RowQuery>();
  for (const seed of seeds) {
    const query = seedQuery(seed, desired, current);
    if (query) out.set(seed.table, query);
  }
  return out;
}

/** The stored rows with this key: equal values first; for text keys, a case-insensitive match (MySQL's default collations) next. */
function matching(keyValue: SeedValue, rows: readonly (readonly RowValue[])[], type: ColumnType | undefined): (readonly RowValue[])[] {
  const exact = rows.filter((r) => sameValue(keyValue, r[0] ?? null, type));
  if (exact.length > 0 || typeof keyValue !== 'string') return exact;
  return rows.filter((r) => typeof r[0] === 'string' && r[0].toLowerCase() === keyValue.toLowerCase());
}

function planTable(seed: TableSeed, desired: Schema, current: Schema, rows: SeedRows, generate: (length: number) => string): SeedTablePlan {
  const table = findTable(desired, seed.table);
  const query = seedQuery(seed, desired, current);
  const stored = query ? (rows.get(seed.table) ?? []) : [];
  const keyType = typeOf(table, seed.key);
  const inserts: SeedRowChange[] = [];
  const updates: SeedRowChange[] = [];
  let unchanged = 0;
  for (const row of seed.rows) {
    const keyValue = writeValue(row[seed.key] ?? null, keyType);
    const columns = seededColumns(seed, row);
    const found = matching(row[seed.key] ?? null, stored, keyType);
    if (found.length === 0) {
      const values = columns.map((c) => writeValue(row[c] ?? null, typeOf(table, c)));
      const filled = seed.generated.filter((g) => leftToGenerate(row, g.column));
      inserts.push({ keyValue, columns: [...columns, ...filled.map((g) => g.column)], values: [...values, ...filled.map((g) => generate(g.length))] });
      continue;
    }
    const differs = columns.filter((c) => {
      if (c === seed.key) return false;
      const at = query?.columns.indexOf(c) ?? -1;
      // A column the schema sync adds in this run has no stored value yet: set it.
      if (at < 0) return true;
      return found.some((r) => !sameValue(row[c] ?? null, r[at] ?? null, typeOf(table, c)));
    });
    if (differs.length === 0) unchanged++;
    else updates.push({ keyValue, columns: differs, values: differs.map((c) => writeValue(row[c] ?? null, typeOf(table, c))) });
  }
  const auto = table?.columns.find((c) => c.autoIncrement === true)?.name;
  const setsAuto = auto !== undefined && inserts.some((r) => r.columns.includes(auto));
  return { table: seed.table, key: seed.key, inserts, updates, unchanged, ...(setsAuto ? { autoIncrement: auto } : {}) };
}

/**
 * Seeds in the order their rows can be written: a table after the seeded
 * tables its foreign keys reference (PostgreSQL and MySQL check a key at
 * each statement), by name otherwise; tables in a cycle keep name order.
 */
export function seedOrder(seeds: readonly TableSeed[], desired: Schema): TableSeed[] {
  const byName = new Map(seeds.map((s) => [s.table, s]));
  const parents = (table: string): string[] => (findTable(desired, table)?.foreignKeys ?? []).map((fk) => fk.references.table);
  return dependencyOrder(byName.keys(), parents).map((table) => byName.get(table) as TableSeed);
}

/**
 * Plans every seed: `desired` gives the column types, `current` the tables
 * and columns that exist now, `rows` what `seedQueries` read back. Tables
 * come in `seedOrder` (referenced tables first).
 */
export function planSeeds(seeds: readonly TableSeed[], desired: Schema, current: Schema, rows: SeedRows, options: SeedPlanOptions = {}): SeedPlan {
  const generate = options.generate ?? nanoid;
  return { tables: seedOrder(seeds, desired).map((seed) => planTable(seed, desired, current, rows, generate)) };
}
