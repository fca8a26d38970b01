/**
 * A hazard worth telling: two indexes on one table that mean the same
 * (same columns in the same order, uniqueness, predicate and definition),
 * e.g. one left by another tool (knex's `<table>_<column>_unique` next to
 * one made by hand). Both cost writes and space; the planner matches the
 * desired index to one of them and leaves the other alone, so nothing in
 * the plan removes it. The warning names both and how to drop the spare.
 */
import { groupBy } from '../adapter-kit.js';
import { indexKey, type Index, type Schema } from '../model.js';

function label(index: Index): string {
  return index.name !== undefined ? `"${index.name}"` : '(unnamed)';
}

/** One warning per group of equivalent indexes on a table, in table order. */
export function duplicateIndexWarnings(current: Schema): string[] {
  const out: string[] = [];
  for (const table of current.tables) {
    // A plain UNIQUE constraint enforces what a unique index on the same columns does.
    const groups = groupBy(table.indexes, (index) => indexKey(index.deferrable === undefined ? { ...index, constraint: false } : index));
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const first = group[0] as Index;
      const what = first.native !== undefined ? first.native : `(${first.columns.join(', ')})${first.where !== undefined ? ` WHERE ${first.where}` : ''}`;
      out.push(
        `Table "${table.name}" has ${group.length} equivalent ${first.unique ? 'unique ' : ''}indexes on ${what}: ${group.map(label).join(', ')}. ` +
          `Each costs writes and space and one is enough; odac keeps them all (dropping one is your call): drop the spare one by hand, e.g. the one your schema files do not name.`,
      );
    }
  }
  return out;
}
