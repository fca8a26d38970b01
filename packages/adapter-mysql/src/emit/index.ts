/**
 * The emitter: a plan's operations → statements, in plan order. Each
 * operation contributes pieces (`pieces.ts`); neighbouring pieces of one
 * table and phase are merged into one statement, so each table is copied at
 * most once per phase. The order is the planner's (`mergeTableChanges`,
 * `dropTablesFirst`): it keeps a table's changes together, a new table's
 * indexes right after its CREATE TABLE, and a replaced key's drop right
 * before its table's keys are added. Nothing is re-ordered here.
 *
 * A replaced key takes two statements: MariaDB cannot drop and re-create a
 * constraint name in one ALTER (errno 121). The FK's supporting index is
 * untouched by both.
 */
import type { EmitOptions, Index, Operation, OperationOf, Statement } from '@odac/core';
import { quote } from '../sql.js';
import { CLAUSE_RANK, createTablePiece, piecesOf, type Piece } from './pieces.js';

/** Appended to ALTER TABLE statements in online mode; `apply` retries without it when the server refuses. */
export const ONLINE_SUFFIX = ', ALGORITHM=INPLACE, LOCK=NONE';

interface Tagged<P extends Piece = Piece> {
  readonly piece: P;
  /** Index of the operation it comes from. */
  readonly op: number;
}

type AlterPiece = Extract<Piece, { phase: 'alter' }>;

/** Folds `RENAME COLUMN a TO b` + `MODIFY COLUMN b …` into `CHANGE COLUMN a b …`: MODIFY cannot see the new name. */
function foldRenames(items: readonly Tagged<AlterPiece>[]): Tagged<AlterPiece>[] {
  const out = [...items];
  for (let i = 0; i < out.length; i++) {
    const rename = out[i] as Tagged<AlterPiece>;
    if (rename.piece.kind !== 'renameColumn' || !rename.piece.column) continue;
    const target = rename.piece.column;
    const j = out.findIndex((t) => t.piece.kind === 'modifyColumn' && t.piece.column?.to === target.to);
    if (j < 0) continue;
    const modify = out[j] as Tagged<AlterPiece>;
    const definition = modify.piece.clause.replace(/^MODIFY COLUMN /, '');
    out[i] = {
      op: Math.min(rename.op, modify.op),
      piece: { ...rename.piece, clause: `CHANGE COLUMN ${quote(target.from)} ${definition}`, ...(modify.piece.placed ? { placed: true } : {}) },
    };
    out.splice(j, 1);
    if (j < i) i--;
  }
  return out;
}

/** A clause's place in the merged ALTER: placed columns go with the adds, in plan order. */
const rank = (piece: AlterPiece): number => (piece.placed ? CLAUSE_RANK.addColumn : CLAUSE_RANK[piece.kind]);

function statement(sql: string, op: number, table: string): Statement {
  return { sql, transactional: false, operation: op, table };
}

/** A run of neighbouring pieces that become one statement. */
interface Run {
  readonly phase: Piece['phase'];
  readonly table: string;
  readonly items: Tagged[];
}

/**
 * SQL for a plan's operations, in plan order. Pure. Every statement is
 * non-transactional (MySQL commits implicitly around DDL). With
 * `online`, ALTER TABLE statements ask for `ALGORITHM=INPLACE, LOCK=NONE`.
 */
export function emit(operations: readonly Operation[], options: EmitOptions = {}): Statement[] {
  const online = options.online === true;
  // Operations recorded under a table's old name act on it after its rename.
  const renamed = new Map<string, string>();
  for (const op of operations) if (op.kind === 'renameTable') renamed.set(op.from, op.table);
  const targets = new Set(operations.filter((o) => o.kind === 'renameTable' || o.kind === 'createTable').map((o) => o.table));
  const tableOf = (p: Piece): string => (p.phase !== 'alter' || targets.has(p.table) ? p.table : (renamed.get(p.table) ?? p.table));

  const runs: Run[] = [];
  // Indexes of a table this plan creates go inside its CREATE TABLE: one statement, no half-made table.
  let creating: { readonly op: number; readonly create: OperationOf<'createTable'>; readonly indexes: Index[] } | undefined;
  const flushCreate = (): void => {
    if (!creating) return;
    const piece = createTablePiece(creating.create, creating.indexes);
    runs.push({ phase: piece.phase, table: piece.table, items: [{ piece, op: creating.op }] });
    creating = undefined;
  };
  operations.forEach((op, i) => {
    if (op.kind === 'addIndex' && creating?.create.table === op.table) {
      creating.indexes.push(op.index);
      return;
    }
    flushCreate();
    if (op.kind === 'createTable') {
      creating = { op: i, create: op, indexes: [] };
      return;
    }
    for (const piece of piecesOf(op)) {
      const table = tableOf(piece);
      const last = runs[runs.length - 1];
      const mergeable = piece.phase === 'alter' || piece.phase === 'dropForeignKey' || piece.phase === 'addForeignKey';
      if (mergeable && last && last.phase === piece.phase && last.table === table) last.items.push({ piece, op: i });
      else runs.push({ phase: piece.phase, table, items: [{ piece, op: i }] });
    }
  });
  flushCreate();

  return runs.map((run): Statement => {
    const first = run.items[0] as Tagged;
    if (first.piece.phase === 'createTable' || first.piece.phase === 'dropTable' || first.piece.phase === 'renameTable' || first.piece.phase === 'tableOptions') {
      return statement(first.piece.sql, first.op, first.piece.table);
    }
    const items = run.phase === 'alter'
      ? foldRenames(run.items as Tagged<AlterPiece>[]).sort((a, b) => rank(a.piece) - rank(b.piece) || a.op - b.op)
      : (run.items as Tagged<Extract<Piece, { clause: string }>>[]);
    const op = Math.min(...items.map((t) => t.op));
    const sql = `ALTER TABLE ${quote(run.table)} ${items.map((t) => t.piece.clause).join(', ')}`;
    // Online: ask for in-place without locks; the plain form is the fallback when the server refuses.
    return online ? { ...statement(`${sql}${ONLINE_SUFFIX}`, op, run.table), fallback: sql } : statement(sql, op, run.table);
  });
}
