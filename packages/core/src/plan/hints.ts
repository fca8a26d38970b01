/**
 * Advice for people reading a plan: a drop and an add that look like a rename.
 */
import { typesEqual } from '../compare.js';
import type { SchemaDiff } from '../diff/index.js';

export function renameHints(diff: SchemaDiff): string[] {
  const hints: string[] = [];
  for (const d of diff.alterTables) {
    for (const dropped of d.dropColumns) {
      const twin = d.addColumns.find((c) => typesEqual(c.type, dropped.type));
      if (twin) {
        hints.push(
          `Column "${d.name}"."${dropped.name}" is dropped and "${twin.name}" of the same type is added: if it was renamed, add renamedFrom: '${dropped.name}' to column ${twin.name} to keep its data.`,
        );
      }
    }
  }
  for (const dropped of diff.dropTables) {
    const names = dropped.columns.map((c) => c.name).sort().join(',');
    const twin = diff.createTables.find((t) => t.columns.map((c) => c.name).sort().join(',') === names);
    if (twin) {
      hints.push(
        `Table "${dropped.name}" has no schema file and "${twin.name}" with the same columns is created: if it was renamed, add renamedFrom: '${dropped.name}' to table ${twin.name} to keep its rows.`,
      );
    }
  }
  return hints;
}
