/**
 * Column order on databases that can reorder in place (MySQL's `AFTER` /
 * `FIRST`, capability `reorderColumns`): which columns a plan must place, and
 * after which column, so the table's columns end up in the schema's order.
 * Pure; the planner attaches the positions to `addColumn` and `alterColumn`.
 */

import type { ColumnPlacement } from '../operations.js';

/** Indexes (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1; i >= 0; i = prev[i] as number) out.add(i);
  return out;
}

/**
 * The layout after running `moves` one after another, as MySQL applies the
 * clauses of one `ALTER TABLE` (a column added without a placement goes last).
 */
export function applyPlacements(live: readonly string[], moves: readonly (readonly [string, ColumnPlacement | undefined])[]): string[] {
  const out = [...live];
  for (const [name, placement] of moves) {
    const at = out.indexOf(name);
    if (at >= 0) out.splice(at, 1);
    if (placement === undefined) out.push(name);
    else out.splice(placement.after === null ? 0 : out.indexOf(placement.after) + 1, 0, name);
  }
  return out;
}

/**
 * The placements that turn `live` (the table's columns, after renames) into
 * `desired`'s order, as few as possible: the live columns that already are
 * in the schema's order (a longest such run) stay where they are, every
 * other kept column is moved after its predecessor in the schema (or first),
 * in the schema's order. A new column gets a placement unless it only
 * extends the end of the table. Columns the schema does not have (about to
 * be dropped, or kept by the destructive-change policy) are not placed and
 * never named as a predecessor; only the order of the schema's columns
 * counts. Keys: column names; the map iterates in the schema's order.
 */
export function columnPlacements(live: readonly string[], desired: readonly string[]): Map<string, ColumnPlacement | undefined> {
  const wanted = new Map(desired.map((name, i) => [name, i] as const));
  const kept = live.filter((name) => wanted.has(name));
  const ranks = kept.map((name) => wanted.get(name) as number);
  const anchors = new Set([...longestIncreasing(ranks)].map((i) => kept[i] as string));
  const lastKept = Math.max(-1, ...ranks);
  const out = new Map<string, ColumnPlacement | undefined>();
  desired.forEach((name, i) => {
    if (anchors.has(name)) return;
    const isNew = !kept.includes(name);
    // A new column past every kept one: appending it is enough.
    if (isNew && i > lastKept) {
      out.set(name, undefined);
      return;
    }
    out.set(name, { after: i === 0 ? null : (desired[i - 1] as string) });
  });
  // The greedy run in the schema's order is right by construction; check the minimal one against it.
  const result = applyPlacements(live, [...out]).filter((name) => wanted.has(name));
  if (result.join('\u0000') === desired.join('\u0000')) return out;
  const all = new Map<string, ColumnPlacement | undefined>();
  desired.forEach((name, i) => all.set(name, { after: i === 0 ? null : (desired[i - 1] as string) }));
  return all;
}
