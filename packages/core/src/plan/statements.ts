/**
 * What core knows of each statement an adapter emits: its kind and its
 * hazards, derived from the plan's operations in this one place, so every
 * adapter (a third-party one included) gets them without writing them, and
 * what renders a plan reads the statements, not the SQL.
 */
import type { Loss, Operation, PlannedStatement, Statement, StatementHazard, StatementKind } from '../operations.js';
import { destructiveColumnChanges } from './table-ops.js';

/**
 * What running `op` can lose, if anything: nothing unless it is destructive
 * (a `rebuildTable` loses what the operations it stands for lose).
 */
export function operationLosses(op: Operation): Loss[] {
  if (op.kind === 'rebuildTable') {
    const inner = [...new Set(op.replaces.flatMap(operationLosses))];
    return inner.length > 0 || op.classification !== 'destructive' ? inner : ['data'];
  }
  if (op.classification !== 'destructive') return [];
  switch (op.kind) {
    case 'dropIndex':
    case 'dropForeignKey':
    case 'dropCheck':
    case 'setPrimaryKey':
      return ['integrity'];
    case 'alterColumn': {
      const changes = destructiveColumnChanges(op);
      const losses: Loss[] = [];
      // A narrowed type truncates values; a column made generated has its values replaced by the expression's.
      if (changes.length === 0 || changes.includes('type') || changes.includes('generated')) losses.push('data');
      if (changes.includes('autoIncrement')) losses.push('integrity');
      return losses;
    }
    default:
      return ['data'];
  }
}

/**
 * For each statement, the operations it implements: the one it names, and
 * each following operation of the same table that has no statement of its
 * own (the emitter wrote it into this one, as MySQL's merged ALTER TABLE
 * and CREATE TABLE with its indexes do).
 */
function implemented(operations: readonly Operation[], statements: readonly Statement[]): number[][] {
  const out = statements.map((s) => (s.operation === undefined ? [] : [s.operation]));
  const owned = new Set(statements.flatMap((s) => (s.operation === undefined ? [] : [s.operation])));
  let host = -1;
  let next = 0;
  for (let op = 0; op < operations.length; op++) {
    // The last statement naming an earlier operation.
    while (next < statements.length && (statements[next]?.operation ?? -1) < op) {
      if (statements[next]?.operation !== undefined) host = next;
      next++;
    }
    if (owned.has(op) || host < 0) continue;
    const hostOp = operations[statements[host]?.operation ?? -1];
    if (hostOp !== undefined && hostOp.table === operations[op]?.table) out[host]?.push(op);
  }
  return out;
}

function kindOf(operations: readonly Operation[], ops: readonly number[]): StatementKind {
  const kinds = new Set(ops.map((i) => operations[i]?.kind));
  const first = operations[ops[0] ?? -1];
  if (first === undefined) return 'other';
  // A new table's indexes written into its CREATE TABLE are part of creating it.
  return kinds.size === 1 || first.kind === 'createTable' ? first.kind : 'alterTable';
}

function sameHazard(a: StatementHazard, b: StatementHazard): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `derived` after `own` (an adapter's), without repeats. */
function merged(own: readonly StatementHazard[], derived: readonly StatementHazard[]): StatementHazard[] {
  const out = [...own];
  for (const h of derived) if (!out.some((o) => sameHazard(o, h))) out.push(h);
  return out;
}

/** The hazards a statement's own fields tell: its lock, and running outside the transaction. */
function statementHazards(s: Statement): StatementHazard[] {
  return [...(s.lock !== undefined ? [{ kind: 'lock', lock: s.lock } as const] : []), ...(s.transactional ? [] : [{ kind: 'nonTransactional' } as const])];
}

/**
 * `statements` (an adapter's `emit(operations)`) with their kind and
 * hazards: the kind of the operations each implements, the data or
 * integrity each destructive one loses, the lock it takes, and whether it
 * runs outside the transaction. A kind or hazards the adapter set are kept.
 */
export function describeStatements(operations: readonly Operation[], statements: readonly Statement[]): PlannedStatement[] {
  const ops = implemented(operations, statements);
  return statements.map((s, i): PlannedStatement => {
    const mine = ops[i] ?? [];
    const losses = mine.flatMap((operation): StatementHazard[] => {
      const op = operations[operation];
      return op === undefined ? [] : operationLosses(op).map((loss) => ({ kind: loss === 'data' ? 'dataLoss' : 'integrityLoss', operation }));
    });
    return { ...s, kind: s.kind ?? kindOf(operations, mine), hazards: merged(s.hazards ?? [], [...losses, ...statementHazards(s)]) };
  });
}

/** Seed statements (an adapter's `emitSeeds`) with their kind and hazards. */
export function describeSeedStatements(statements: readonly Statement[]): PlannedStatement[] {
  return statements.map((s) => ({ ...s, kind: s.kind ?? 'seed', hazards: merged(s.hazards ?? [], statementHazards(s)) }));
}
