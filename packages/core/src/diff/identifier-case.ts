/**
 * Case-insensitive identifiers. SQLite matches table and column names
 * case-insensitively, MySQL/MariaDB column names always (and table names
 * when `lower_case_table_names` is set): there `Users` in a schema file and
 * a live `users` are one table, never a drop and a create. Before the diff,
 * each desired table and column that matches exactly one live name when
 * case is ignored takes the live spelling, and every reference to it
 * (primary key, indexes, foreign keys) follows.
 * https://www.sqlite.org/lang_keywords.html ·
 * https://mariadb.com/kb/en/identifier-case-sensitivity/
 */
import type { Capabilities } from '../adapter.js';
import { SchemaError, SchemaValidationError } from '../errors.js';
import type { Schema, Table } from '../model.js';

type Spelling = ReadonlyMap<string, string>;

const fold = (name: string): string => name.toLowerCase();

/** desired name → live name, for names that differ only in case and match one live name alone. */
function spellings(live: readonly string[], desired: readonly string[]): Map<string, string> {
  const liveByFold = new Map<string, string[]>();
  for (const name of live) liveByFold.set(fold(name), [...(liveByFold.get(fold(name)) ?? []), name]);
  const exact = new Set(live);
  const taken = new Set(desired);
  const out = new Map<string, string>();
  for (const name of desired) {
    if (exact.has(name)) continue;
    const candidates = liveByFold.get(fold(name)) ?? [];
    const [only] = candidates;
    // Only when unambiguous, and when the schema does not also name the live spelling itself.
    if (candidates.length === 1 && only !== undefined && !taken.has(only)) out.set(name, only);
  }
  return out;
}

const spell = (map: Spelling | undefined, name: string): string => map?.get(name) ?? name;

function respellTable(table: Table, name: string, own: Spelling | undefined, tables: Spelling, columnsOf: (table: string) => Spelling | undefined): Table {
  const cols = (names: readonly string[]): string[] => names.map((c) => spell(own, c));
  return {
    ...table,
    name,
    columns: table.columns.map((c) => (own?.has(c.name) ? { ...c, name: spell(own, c.name) } : c)),
    ...(table.primaryKey ? { primaryKey: { ...table.primaryKey, columns: cols(table.primaryKey.columns) } } : {}),
    indexes: table.indexes.map((i) => ({ ...i, columns: cols(i.columns) })),
    foreignKeys: table.foreignKeys.map((fk) => {
      const target = spell(tables, fk.references.table);
      const targetColumns = columnsOf(fk.references.table);
      return { ...fk, columns: cols(fk.columns), references: { table: target, columns: fk.references.columns.map((c) => spell(targetColumns, c)) } };
    }),
  };
}

/**
 * `desired` with table and column names spelled as the live database spells
 * them, where the database ignores their case (`capabilities.caseInsensitiveTables`
 * / `caseInsensitiveColumns`). Unchanged otherwise. Pure.
 */
export function adoptLiveSpelling(live: Schema, desired: Schema, caps: Capabilities): Schema {
  if (!caps.caseInsensitiveTables && !caps.caseInsensitiveColumns) return desired;
  const tables: Spelling = caps.caseInsensitiveTables ? spellings(live.tables.map((t) => t.name), desired.tables.map((t) => t.name)) : new Map();
  const liveByName = new Map(live.tables.map((t) => [t.name, t] as const));
  const columns = new Map<string, Spelling>();
  if (caps.caseInsensitiveColumns) {
    for (const t of desired.tables) {
      const match = liveByName.get(spell(tables, t.name));
      if (match) columns.set(t.name, spellings(match.columns.map((c) => c.name), t.columns.map((c) => c.name)));
    }
  }
  // A key may spell the referenced columns otherwise than their table does: match them to the live table by themselves.
  const referenced = (name: string): Spelling | undefined => {
    const target = liveByName.get(spell(tables, name));
    if (!caps.caseInsensitiveColumns || !target) return undefined;
    const names = desired.tables.flatMap((t) => t.foreignKeys.filter((k) => k.references.table === name).flatMap((k) => k.references.columns));
    return spellings(target.columns.map((c) => c.name), [...new Set(names)]);
  };
  const changed = tables.size > 0 || [...columns.values()].some((m) => m.size > 0) || desired.tables.some((t) => t.foreignKeys.some((k) => (referenced(k.references.table)?.size ?? 0) > 0));
  if (!changed) return desired;
  return { ...desired, tables: desired.tables.map((t) => respellTable(t, spell(tables, t.name), columns.get(t.name), tables, referenced)) };
}

/**
 * Refuses, at plan time, two desired tables (or two columns of one table)
 * whose names differ only in case where the database ignores their case
 * (`caseInsensitiveTables` / `caseInsensitiveColumns`): there they would be
 * one object. On PostgreSQL they are two, and the files load as such.
 */
export function refuseCaseClashes(desired: Schema, caps: Capabilities, database = 'this database'): void {
  const errors: SchemaError[] = [];
  const where = (table: Table, column?: string) => ({ ...(table.source ? { file: table.source } : {}), table: table.name, ...(column !== undefined ? { column } : {}) });
  const clashes = <T>(items: readonly T[], name: (item: T) => string, found: (item: T, first: T) => void): void => {
    const seen = new Map<string, T>();
    for (const item of items) {
      const first = seen.get(fold(name(item)));
      if (first !== undefined) found(item, first);
      else seen.set(fold(name(item)), item);
    }
  };
  if (caps.caseInsensitiveTables) {
    clashes(desired.tables, (t) => t.name, (t, first) => {
      errors.push(new SchemaError('SCHEMA.DUPLICATE_TABLE', `Tables "${first.name}" and "${t.name}" differ only in case, which ${database} treats as one table; rename one of them (set table: '…' in its file).`, where(t)));
    });
  }
  if (caps.caseInsensitiveColumns) {
    for (const table of desired.tables) {
      clashes(table.columns, (c) => c.name, (c, first) => {
        errors.push(new SchemaError('SCHEMA.DUPLICATE_COLUMN', `Table "${table.name}": columns "${first.name}" and "${c.name}" differ only in case, which ${database} treats as one column; rename one of them.`, where(table, c.name)));
      });
    }
  }
  if (errors.length > 0) throw new SchemaValidationError(errors);
}
