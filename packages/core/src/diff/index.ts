/**
 * The differ: what separates the live schema from the desired one, matched by
 * meaning. Both inputs are adapter-normalized. Renames (`renamedFrom`) are
 * resolved first and applied to a view of the current schema, because the
 * database carries indexes, keys and references along with a rename; then
 * everything else is compared by name (tables, columns) or by meaning
 * (indexes, foreign keys, checks), never by constraint name.
 */
import { columnChanges } from '../compare.js';
import {
  checkKey,
  foreignKeyBehaviour,
  indexKey,
  pairForeignKeys,
  type Check,
  type Column,
  type ForeignKey,
  type Index,
  type PrimaryKey,
  type Schema,
  type Table,
  type TableOption,
  tableOptionChanges,
} from '../model.js';
import type { ColumnChange } from '../operations.js';

export interface ColumnDiff {
  readonly from: Column;
  readonly to: Column;
  readonly changes: readonly ColumnChange[];
}

export interface TableDiff {
  /** Name after the plan (desired name). */
  readonly name: string;
  /** Name in the database before the plan. */
  readonly originalName: string;
  /** The current table as it looks after renames (names mapped, everything else as is). */
  readonly from: Table;
  readonly to: Table;
  readonly renameColumns: readonly { readonly from: string; readonly to: string }[];
  readonly addColumns: readonly Column[];
  readonly dropColumns: readonly Column[];
  readonly alterColumns: readonly ColumnDiff[];
  /**
   * Set by the planner (`plan/replace-columns.ts`), never by the differ:
   * column changes made by dropping the column and adding it again.
   */
  readonly replaceColumns?: readonly ColumnDiff[];
  /** Present when the primary key differs. */
  readonly primaryKey?: { readonly from?: PrimaryKey; readonly to?: PrimaryKey };
  readonly addIndexes: readonly Index[];
  readonly dropIndexes: readonly Index[];
  readonly addForeignKeys: readonly ForeignKey[];
  readonly dropForeignKeys: readonly ForeignKey[];
  readonly addChecks: readonly Check[];
  readonly dropChecks: readonly Check[];
  /** Kept keys the database holds `notValid` while the schema wants them valid. */
  readonly validateForeignKeys?: readonly ForeignKey[];
  /**
   * Kept checks the database holds `notValid` while the schema wants them
   * valid (`notValid` is not part of `checkKey`): validated in place. A
   * valid live check the schema calls `notValid` stays as it is.
   */
  readonly validateChecks?: readonly Check[];
  /** Present when the table comment differs. */
  readonly comment?: { readonly from?: string; readonly to?: string };
  /** Present when table options (`Table.mysql`, `Table.sqlite`) differ: which ones. */
  readonly options?: readonly TableOption[];
}

export interface SchemaDiff {
  readonly renameTables: readonly { readonly from: string; readonly to: string }[];
  readonly createTables: readonly Table[];
  readonly dropTables: readonly Table[];
  /** Tables present on both sides, whether or not anything changed. */
  readonly alterTables: readonly TableDiff[];
}

type Renames = ReadonlyMap<string, string>;

const rename = (map: Renames | undefined, name: string): string => map?.get(name) ?? name;

/** The current table with table and column renames applied, as the database will show it after them. */
function renamedTable(table: Table, tableRenames: Renames, columnRenames: ReadonlyMap<string, Renames>): Table {
  const cols = columnRenames.get(table.name);
  const mapCols = (names: readonly string[]): string[] => names.map((c) => rename(cols, c));
  return {
    ...table,
    name: rename(tableRenames, table.name),
    columns: table.columns.map((c) => ({ ...c, name: rename(cols, c.name) })),
    ...(table.primaryKey ? { primaryKey: { ...table.primaryKey, columns: mapCols(table.primaryKey.columns) } } : {}),
    indexes: table.indexes.map((i) => ({ ...i, columns: mapCols(i.columns) })),
    foreignKeys: table.foreignKeys.map((fk) => ({
      ...fk,
      columns: mapCols(fk.columns),
      references: {
        table: rename(tableRenames, fk.references.table),
        columns: fk.references.columns.map((c) => rename(columnRenames.get(fk.references.table), c)),
      },
    })),
  };
}

function diffByKey<T>(from: readonly T[], to: readonly T[], key: (x: T) => string): { add: T[]; drop: T[]; keep: [T, T][] } {
  const fromByKey = new Map(from.map((x) => [key(x), x] as const));
  const toKeys = new Set(to.map(key));
  const add: T[] = [];
  const keep: [T, T][] = [];
  for (const x of to) {
    const match = fromByKey.get(key(x));
    if (match) keep.push([match, x]);
    else add.push(x);
  }
  return { add, drop: from.filter((x) => !toKeys.has(key(x))), keep };
}

/**
 * True when two keys with the same columns and target also behave the same:
 * same actions, same deferral (absent = NOT DEFERRABLE) and same match
 * (absent = MATCH SIMPLE). Anything else replaces the key.
 */
export function sameForeignKeyBehaviour(a: ForeignKey, b: ForeignKey): boolean {
  return foreignKeyBehaviour(a) === foreignKeyBehaviour(b);
}

/**
 * A desired unique index that does not say it is a UNIQUE constraint takes
 * either form: it matches a live plain UNIQUE constraint on the same columns
 * (what knex's `unique()` and so ODAC.JS apps create on PostgreSQL), which is
 * then kept, never dropped and re-created as a bare index. Only a desired
 * `constraint: true` asks for the constraint form.
 */
function eitherUniqueForm(live: readonly Index[], desired: readonly Index[]): readonly Index[] {
  const liveKeys = new Set(live.map(indexKey));
  return desired.map((index) => {
    if (!index.unique || index.constraint || liveKeys.has(indexKey(index))) return index;
    const constraint = { ...index, constraint: true };
    return liveKeys.has(indexKey(constraint)) ? constraint : index;
  });
}

const samePrimaryKey = (a?: PrimaryKey, b?: PrimaryKey): boolean =>
  JSON.stringify(a?.columns ?? []) === JSON.stringify(b?.columns ?? []) &&
  (a?.deferrable ?? null) === (b?.deferrable ?? null) &&
  Boolean(a?.withoutOverlaps) === Boolean(b?.withoutOverlaps);

function diffTable(original: Table, from: Table, to: Table, renameColumns: TableDiff['renameColumns']): TableDiff {
  const fromCols = new Map(from.columns.map((c) => [c.name, c] as const));
  const toNames = new Set(to.columns.map((c) => c.name));
  const addColumns: Column[] = [];
  const alterColumns: ColumnDiff[] = [];
  for (const col of to.columns) {
    const existing = fromCols.get(col.name);
    if (!existing) {
      addColumns.push(col);
      continue;
    }
    const changes = columnChanges(existing, col);
    if (changes.length > 0) alterColumns.push({ from: existing, to: col, changes });
  }
  const indexes = diffByKey(from.indexes, eitherUniqueForm(from.indexes, to.indexes), indexKey);
  const paired = pairForeignKeys(from.foreignKeys, to.foreignKeys);
  const fks = { add: [...paired.added], drop: [...paired.dropped], keep: paired.pairs.filter(([a, b]) => sameForeignKeyBehaviour(a, b)) };
  // A twin with other actions, deferral or match: the key is replaced (drop + add).
  for (const [a, b] of paired.pairs) {
    if (!sameForeignKeyBehaviour(a, b)) {
      fks.drop.push(a);
      fks.add.push(b);
    }
  }
  const checks = diffByKey(from.checks ?? [], to.checks ?? [], checkKey);
  const replacedKeys = new Set(fks.drop);
  const options = tableOptionChanges(from, to);
  const validateForeignKeys = fks.keep.filter(([a, b]) => a.notValid === true && b.notValid !== true && !replacedKeys.has(a)).map(([a]) => a);
  const validateChecks = checks.keep.filter(([a, b]) => a.notValid === true && b.notValid !== true).map(([a]) => a);
  return {
    name: to.name,
    originalName: original.name,
    from,
    to,
    renameColumns,
    addColumns,
    dropColumns: from.columns.filter((c) => !toNames.has(c.name)),
    alterColumns,
    ...(samePrimaryKey(from.primaryKey, to.primaryKey) ? {} : { primaryKey: { from: from.primaryKey, to: to.primaryKey } }),
    addIndexes: indexes.add,
    dropIndexes: indexes.drop,
    addForeignKeys: fks.add,
    dropForeignKeys: fks.drop,
    addChecks: checks.add,
    dropChecks: checks.drop,
    ...(validateForeignKeys.length > 0 ? { validateForeignKeys } : {}),
    ...(validateChecks.length > 0 ? { validateChecks } : {}),
    ...((from.comment ?? '') === (to.comment ?? '') ? {} : { comment: { from: from.comment, to: to.comment } }),
    ...(options.length > 0 ? { options } : {}),
  };
}

/** Differences between `current` and `desired`; pure and deterministic. */
export function diffSchemas(current: Schema, desired: Schema): SchemaDiff {
  const currentByName = new Map(current.tables.map((t) => [t.name, t] as const));
  const desiredNames = new Set(desired.tables.map((t) => t.name));

  // Tables: same name, or renamedFrom an existing table that the schema no longer names.
  const tableRenames = new Map<string, string>();
  const pairs: { from: Table; to: Table }[] = [];
  const createTables: Table[] = [];
  for (const to of desired.tables) {
    const same = currentByName.get(to.name);
    const old = to.renamedFrom !== undefined && !same && !desiredNames.has(to.renamedFrom) ? currentByName.get(to.renamedFrom) : undefined;
    const from = same ?? old;
    if (!from) {
      createTables.push(to);
      continue;
    }
    if (old) tableRenames.set(old.name, to.name);
    pairs.push({ from, to });
  }
  const paired = new Set(pairs.map((p) => p.from.name));

  // Columns: same name, or renamedFrom an existing column that the table no longer names.
  const columnRenames = new Map<string, Map<string, string>>();
  const renameLists = new Map<string, { from: string; to: string }[]>();
  for (const { from, to } of pairs) {
    const fromNames = new Set(from.columns.map((c) => c.name));
    const toNames = new Set(to.columns.map((c) => c.name));
    const map = new Map<string, string>();
    const list: { from: string; to: string }[] = [];
    for (const col of to.columns) {
      const old = col.renamedFrom;
      if (!fromNames.has(col.name) && old !== undefined && fromNames.has(old) && !toNames.has(old) && !map.has(old)) {
        map.set(old, col.name);
        list.push({ from: old, to: col.name });
      }
    }
    columnRenames.set(from.name, map);
    renameLists.set(from.name, list);
  }

  const alterTables = pairs.map(({ from, to }) =>
    diffTable(from, renamedTable(from, tableRenames, columnRenames), to, renameLists.get(from.name) ?? []),
  );
  return {
    renameTables: [...tableRenames].map(([from, to]) => ({ from, to })),
    createTables,
    dropTables: current.tables.filter((t) => !paired.has(t.name) && !desiredNames.has(t.name)),
    alterTables,
  };
}

/** True when a table diff changes nothing. */
export function isEmptyTableDiff(d: TableDiff): boolean {
  return (
    d.name === d.originalName &&
    d.renameColumns.length === 0 &&
    d.addColumns.length === 0 &&
    d.dropColumns.length === 0 &&
    d.alterColumns.length === 0 &&
    !d.primaryKey &&
    d.addIndexes.length === 0 &&
    d.dropIndexes.length === 0 &&
    d.addForeignKeys.length === 0 &&
    d.dropForeignKeys.length === 0 &&
    d.addChecks.length === 0 &&
    d.dropChecks.length === 0 &&
    (d.validateForeignKeys ?? []).length === 0 &&
    (d.validateChecks ?? []).length === 0 &&
    !d.comment &&
    !d.options
  );
}
