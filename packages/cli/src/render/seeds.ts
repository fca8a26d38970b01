/**
 * Seed rows in a plan, for people: per table the rows to insert and the
 * columns to update, each row named by its seed key.
 */
import type { PlanResult, SeedPlan, SqlValue } from '@odac/core';
import type { Colors } from './color.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function shown(value: SqlValue): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Rows inserted and updated by a seed plan. */
export function seedCounts(plan: SeedPlan | undefined): { inserts: number; updates: number } {
  const tables = plan?.tables ?? [];
  return { inserts: tables.reduce((n, t) => n + t.inserts.length, 0), updates: tables.reduce((n, t) => n + t.updates.length, 0) };
}

/** The seeds section ([] when seeding changes nothing). `sql` adds the statements. */
export function seedsSection(result: PlanResult, colors: Colors, options: { readonly sql: boolean; readonly mode: 'plan' | 'migrate' }): string[] {
  const { inserts, updates } = seedCounts(result.seeds);
  if (inserts + updates === 0) return [];
  const verb = options.mode === 'plan' ? 'Seeds' : 'Seeding';
  const out = ['', colors.bold(`${verb}: ${plural(inserts, 'row')} to insert, ${plural(updates, 'row')} to update.`)];
  for (const t of result.seeds?.tables ?? []) {
    if (t.inserts.length + t.updates.length === 0) continue;
    out.push('', colors.bold(t.table));
    for (const row of t.inserts) out.push(`  ${colors.green('+')} insert ${t.key} = ${shown(row.keyValue)}`);
    for (const row of t.updates) out.push(`  ${colors.yellow('~')} update ${t.key} = ${shown(row.keyValue)}: ${row.columns.join(', ')}`);
  }
  const statements = result.seedStatements ?? [];
  if (options.sql && statements.length > 0) {
    out.push('', colors.bold(`Seed SQL (${plural(statements.length, 'statement')}):`));
    for (const s of statements) out.push(`  ${s.sql};`);
  }
  return out;
}
