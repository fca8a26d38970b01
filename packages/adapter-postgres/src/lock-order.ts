/**
 * The table locks a migration transaction takes up front, and their order.
 *
 * A key change drops and re-adds foreign keys table by table; each drop
 * takes ACCESS EXCLUSIVE on the referencing table and on the referenced
 * one. An application inserting into a referencing table holds that table
 * and then waits for the referenced one (the key check), so a migrator that
 * picks the locks up statement by statement meets it halfway and one of the
 * two dies with "deadlock detected". Taking every lock at the start, the
 * referencing tables before the tables they reference (the order writers
 * take them), lets in-flight inserts finish and queues the rest behind the
 * migration. Pure; the connection supplies which tables exist and their keys.
 */
import { dependencyOrder, type Statement } from '@odac/core';

/** PostgreSQL's table lock modes, weakest first. */
const MODES = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;

export interface TableLock {
  readonly table: string;
  readonly mode: string;
}

function stronger(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return MODES.indexOf(b as (typeof MODES)[number]) > MODES.indexOf(a as (typeof MODES)[number]) ? b : a;
}

/** The tables the statements lock, with the strongest mode each needs (tables this plan creates carry no `lock`). */
export function wantedLocks(statements: readonly Statement[]): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const s of statements) {
    if (s.table !== undefined && s.lock !== undefined) wanted.set(s.table, stronger(wanted.get(s.table), s.lock));
    if (s.referenced !== undefined) wanted.set(s.referenced.table, stronger(wanted.get(s.referenced.table), s.referenced.lock));
  }
  return wanted;
}

/**
 * Orders the wanted locks of existing tables so that every table comes
 * before the tables it references (`parents`: each existing table's
 * referenced tables, from the catalog and from the plan's keys). Ties and
 * cycles fall back to name order, so the order is deterministic.
 */
export function lockOrder(wanted: ReadonlyMap<string, string>, parents: ReadonlyMap<string, ReadonlySet<string>>): TableLock[] {
  const tables = [...wanted.keys()].filter((t) => parents.has(t));
  const referencing = (t: string): string[] => tables.filter((c) => parents.get(c)?.has(t));
  return dependencyOrder(tables, referencing).map((table) => ({ table, mode: wanted.get(table)! }));
}

/** `parents` for {@link lockOrder}: catalog keys of existing tables plus the keys the statements add or drop. */
export function referenceGraph(existing: readonly { readonly name: string; readonly parents: readonly string[] | null }[], statements: readonly Statement[]): Map<string, Set<string>> {
  const graph = new Map(existing.map((row) => [row.name, new Set(row.parents ?? [])] as const));
  for (const s of statements) {
    if (s.table !== undefined && s.referenced !== undefined) graph.get(s.table)?.add(s.referenced.table);
  }
  return graph;
}
