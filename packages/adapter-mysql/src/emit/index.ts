/**
 * The emitter: a plan's operations → statements, merged so each table is
 * copied at most once per phase.
 *
 * 1. `ALTER TABLE t DROP FOREIGN KEY a, DROP FOREIGN KEY b` per table;
 * 2. `DROP TABLE`s: a dropped table's keys would otherwise block changing
 *    the columns they reference ("Cannot change column used in a foreign
 *    key constraint"), and its name may be taken by a rename;
 * 3. `RENAME TABLE`s, then `CREATE TABLE`s (with the new table's indexes);
 * 4. one `ALTER TABLE` per table with every other change (indexes, columns,
 *    primary key, checks, comment);
 * 5. `ALTER TABLE t ADD CONSTRAINT … FOREIGN KEY …` per table.
 *
 * A key that is only replaced (its actions, deferral or match change; no
 * column it spans changes type, its table is not renamed) is not dropped in
 * phase 1 but right before its table's phase-5 statement: the table is
 * without that key for one statement, not for the whole plan, so a crash
 * mid-plan leaves at most one table's keys missing. It still takes two
 * statements: MariaDB cannot drop and re-create a constraint name in one
 * ALTER (errno 121). The FK's supporting index is untouched by both.
 */
import { foreignKeyKey, type EmitOptions, type Index, type Operation, type Statement } from '@odac/core';
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

function groupInOrder<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

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
      piece: { ...rename.piece, clause: `CHANGE COLUMN ${quote(target.from)} ${definition}` },
    };
    out.splice(j, 1);
    if (j < i) i--;
  }
  return out;
}

function statement(sql: string, op: number, table: string): Statement {
  return { sql, transactional: false, operation: op, table };
}

/**
 * SQL for a plan's operations, in order. Pure. Every statement is
 * non-transactional (MySQL commits implicitly around DDL). With
 * `online`, ALTER TABLE statements ask for `ALGORITHM=INPLACE, LOCK=NONE`.
 */
export function emit(operations: readonly Operation[], options: EmitOptions = {}): Statement[] {
  const online = options.online === true;
  // Indexes of a table this plan creates go inside its CREATE TABLE: one statement, no half-made table.
  const created = new Set(operations.filter((o) => o.kind === 'createTable').map((o) => o.table));
  const inline = new Map<string, Index[]>();
  const folded = new Set<number>();
  operations.forEach((op, i) => {
    if (op.kind !== 'addIndex' || !created.has(op.table)) return;
    inline.set(op.table, [...(inline.get(op.table) ?? []), op.index]);
    folded.add(i);
  });
  const tagged: Tagged[] = operations.flatMap((op, i) => {
    if (folded.has(i)) return [];
    const pieces = op.kind === 'createTable' ? [createTablePiece(op, inline.get(op.table))] : piecesOf(op);
    return pieces.map((piece) => ({ piece, op: i }));
  });
  // Operations recorded under a table's old name act on it after its rename.
  const renamed = new Map<string, string>();
  for (const op of operations) if (op.kind === 'renameTable') renamed.set(op.from, op.table);
  const targets = new Set(operations.filter((o) => o.kind === 'renameTable' || o.kind === 'createTable').map((o) => o.table));
  const tableOf = (p: Piece): string => (targets.has(p.table) ? p.table : (renamed.get(p.table) ?? p.table));

  const of = <Ph extends Piece['phase']>(phase: Ph): Tagged<Extract<Piece, { phase: Ph }>>[] =>
    tagged.filter((t): t is Tagged<Extract<Piece, { phase: Ph }>> => t.piece.phase === phase);

  const out: Statement[] = [];
  const merged = (items: readonly Tagged<{ readonly clause: string } & Piece>[], table: string): void => {
    const first = Math.min(...items.map((t) => t.op));
    const sql = `ALTER TABLE ${quote(table)} ${items.map((t) => t.piece.clause).join(', ')}`;
    // Online: ask for in-place without locks; the plain form is the fallback when the server refuses.
    out.push(online ? { ...statement(`${sql}${ONLINE_SUFFIX}`, first, table), fallback: sql } : statement(sql, first, table));
  };

  const replaced = replacedInPlace(operations);
  const drops = of('dropForeignKey');
  const early = drops.filter((t) => !replaced.has(t.op));
  const late = groupInOrder(drops.filter((t) => replaced.has(t.op)), (t) => t.piece.table);
  for (const [table, items] of groupInOrder(early, (t) => t.piece.table)) merged(items, table);
  for (const t of of('dropTable')) out.push(statement(t.piece.sql, t.op, t.piece.table));
  for (const t of [...of('renameTable'), ...of('createTable')]) out.push(statement(t.piece.sql, t.op, t.piece.table));
  for (const [table, items] of groupInOrder(of('alter'), (t) => tableOf(t.piece))) {
    const clauses = foldRenames(items).sort((a, b) => CLAUSE_RANK[a.piece.kind] - CLAUSE_RANK[b.piece.kind] || a.op - b.op);
    merged(clauses, table);
  }
  for (const [table, items] of groupInOrder(of('addForeignKey'), (t) => t.piece.table)) {
    const drop = late.get(table);
    if (drop) merged(drop, table);
    merged(items, table);
  }
  return out;
}

/**
 * Indexes of `dropForeignKey` operations whose key is added back on the same
 * table with the same meaning, where nothing else in the plan needs the key
 * gone earlier (a column it spans or references changing type, a rename of
 * its table): those can be dropped right before they are re-added.
 */
function replacedInPlace(operations: readonly Operation[]): Set<number> {
  const typeChanged = new Set<string>();
  const renamed = new Set<string>();
  for (const op of operations) {
    if (op.kind === 'alterColumn' && op.changes.includes('type')) typeChanged.add(`${op.table}\0${op.to.name}`).add(`${op.table}\0${op.from.name}`);
    if (op.kind === 'renameTable') renamed.add(op.table).add(op.from);
  }
  const added = new Set(operations.flatMap((op) => (op.kind === 'addForeignKey' ? [`${op.table}\0${foreignKeyKey(op.foreignKey)}`] : [])));
  const out = new Set<number>();
  operations.forEach((op, i) => {
    if (op.kind !== 'dropForeignKey' || renamed.has(op.table) || !added.has(`${op.table}\0${foreignKeyKey(op.foreignKey)}`)) return;
    const fk = op.foreignKey;
    const touched = fk.columns.some((c) => typeChanged.has(`${op.table}\0${c}`)) || fk.references.columns.some((c) => typeChanged.has(`${fk.references.table}\0${c}`));
    if (!touched) out.add(i);
  });
  return out;
}
