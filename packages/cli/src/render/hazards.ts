/**
 * What deserves a second look before a plan runs: operations that lose
 * data, statements that take heavy locks or cannot run in the transaction,
 * and the data checks that run first. Shared by the human and JSON output.
 */
import type { Operation, PlanResult, PreflightCheck } from '@odac/core';
import { describeOperation, describePreflightCheck } from './describe.js';

/** One hazard. Indexes point into the plan's `operations` / `statements`. */
export type Hazard =
  | { readonly kind: 'destructive'; readonly operation: number; readonly table: string; readonly message: string }
  | { readonly kind: 'lock'; readonly statement: number; readonly table?: string; readonly lock: string; readonly message: string }
  | { readonly kind: 'nonTransactional'; readonly statement: number; readonly table?: string; readonly message: string }
  | { readonly kind: 'preflight'; readonly check: PreflightCheck; readonly message: string };

/** True when running `op` can lose data (a table rebuild counts when it stands for a drop or a narrowing). */
export function isDestructive(op: Operation): boolean {
  if (op.classification === 'destructive') return true;
  return op.kind === 'rebuildTable' && op.replaces.some(isDestructive);
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

/** The hazards of a plan, in this order: destructive, lock, nonTransactional, preflight. */
export function planHazards(result: PlanResult): Hazard[] {
  const out: Hazard[] = [];
  result.plan.operations.forEach((op, operation) => {
    if (isDestructive(op)) out.push({ kind: 'destructive', operation, table: op.table, message: destructiveText(op) });
  });
  result.statements.forEach((s, statement) => {
    if (s.lock === undefined) return;
    const where = s.table !== undefined ? `${s.table}: ` : '';
    out.push({ kind: 'lock', statement, ...(s.table !== undefined ? { table: s.table } : {}), lock: s.lock, message: `${where}${firstLine(s.sql)} takes ${s.lock} lock` });
  });
  result.statements.forEach((s, statement) => {
    if (s.transactional) return;
    const where = s.table !== undefined ? `${s.table}: ` : '';
    out.push({
      kind: 'nonTransactional',
      statement,
      ...(s.table !== undefined ? { table: s.table } : {}),
      message: `${where}${firstLine(s.sql)} runs outside the transaction (not rolled back if a later statement fails)`,
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
