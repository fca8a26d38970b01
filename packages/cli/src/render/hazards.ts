/**
 * What deserves a second look before a plan runs: operations that lose
 * data, statements that take heavy locks or cannot run in the transaction,
 * and the data checks that run first. Read from each statement's hazards
 * (core derives them from the plan; an adapter may add its own), never
 * from the SQL. Shared by the human and JSON output.
 */
import { operationLosses, type Loss, type Operation, type PlanResult, type PreflightCheck } from '@odac/core';
import { describeOperation, describePreflightCheck } from './describe.js';

/** One hazard. Indexes point into the plan's `operations` / `statements`. */
export type Hazard =
  | { readonly kind: 'destructive'; readonly operation: number; readonly table: string; readonly loses: readonly Loss[]; readonly message: string }
  | { readonly kind: 'lock'; readonly statement: number; readonly table?: string; readonly lock: string; readonly message: string }
  | { readonly kind: 'nonTransactional'; readonly statement: number; readonly table?: string; readonly message: string }
  | { readonly kind: 'preflight'; readonly check: PreflightCheck; readonly message: string };

/** True when running `op` can lose data or integrity (a table rebuild counts when it stands for a drop or a narrowing). */
export function isDestructive(op: Operation): boolean {
  return operationLosses(op).length > 0;
}

/** What a destructive operation loses, as a phrase; for a rebuild, the drops and narrowings it stands for. */
export function destructiveText(op: Operation): string {
  const inner = op.kind === 'rebuildTable' ? op.replaces.filter(isDestructive) : [];
  return inner.length > 0 ? inner.map((r) => describeOperation(r).text).join('; ') : describeOperation(op).text;
}

function firstLine(sql: string): string {
  const line = sql.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** The hazards of a plan's statements, in this order: destructive (by operation), lock, nonTransactional; then the preflight checks. */
export function planHazards(result: PlanResult): Hazard[] {
  const { operations } = result.plan;
  const losses = new Map<number, Set<Loss>>();
  for (const s of result.statements) {
    for (const h of s.hazards) {
      if (h.kind !== 'dataLoss' && h.kind !== 'integrityLoss') continue;
      const set = losses.get(h.operation) ?? new Set<Loss>();
      set.add(h.kind === 'dataLoss' ? 'data' : 'integrity');
      losses.set(h.operation, set);
    }
  }
  const out: Hazard[] = [];
  for (const [operation, loses] of [...losses].sort(([a], [b]) => a - b)) {
    const op = operations[operation];
    if (op !== undefined) out.push({ kind: 'destructive', operation, table: op.table, loses: [...loses].sort(), message: destructiveText(op) });
  }
  const where = (table: string | undefined): string => (table !== undefined ? `${table}: ` : '');
  const at = (table: string | undefined): { table?: string } => (table !== undefined ? { table } : {});
  result.statements.forEach((s, statement) => {
    for (const h of s.hazards) {
      if (h.kind === 'lock') out.push({ kind: 'lock', statement, ...at(s.table), lock: h.lock, message: `${where(s.table)}${firstLine(s.sql)} takes ${h.lock} lock` });
    }
  });
  result.statements.forEach((s, statement) => {
    if (!s.hazards.some((h) => h.kind === 'nonTransactional')) return;
    out.push({
      kind: 'nonTransactional',
      statement,
      ...at(s.table),
      message: `${where(s.table)}${firstLine(s.sql)} runs outside the transaction (not rolled back if a later statement fails)`,
    });
  });
  for (const check of result.plan.preflight) out.push({ kind: 'preflight', check, message: describePreflightCheck(check) });
  return out;
}

/** Unmanaged tables the plan neither drops nor skips dropping: they are left alone. */
export function leftAlone(result: PlanResult): string[] {
  const dropping = new Set<string>();
  for (const op of result.plan.operations) if (op.kind === 'dropTable') dropping.add(op.table);
  for (const s of result.plan.skipped) if (s.operation.kind === 'dropTable') dropping.add(s.operation.table);
  return result.plan.unmanagedTables.filter((t) => !dropping.has(t));
}
