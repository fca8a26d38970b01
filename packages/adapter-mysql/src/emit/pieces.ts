/**
 * Each operation kind → the pieces of SQL it contributes. A mapped object
 * over `OperationKind`, so a new kind is a compile error here. Pieces are
 * merged into statements by `emit`.
 */
import { OdacError, type ColumnPlacement, type Index, type Operation, type OperationKind, type OperationOf } from '@odac/core';
import { literal, quote, quoteList } from '../sql.js';
import { checkSql, columnDefinitionSql, createTableSql, foreignKeySql, indexSql, tableOptionsSql } from './definitions.js';

/**
 * Where a clause goes inside a table's merged `ALTER TABLE`, in the order
 * they are written (MySQL applies them as one change; the order only helps
 * people read it).
 */
export const CLAUSE_RANK = {
  dropIndex: 0,
  dropCheck: 1,
  renameColumn: 2,
  addColumn: 3,
  modifyColumn: 4,
  dropColumn: 5,
  primaryKey: 6,
  addIndex: 7,
  addCheck: 8,
  comment: 9,
} as const;

export type ClauseKind = keyof typeof CLAUSE_RANK;

/** A piece of a plan's SQL, tagged with the phase it runs in. */
export type Piece =
  /** `DROP FOREIGN KEY x`: merged per table, before everything else. */
  | { readonly phase: 'dropForeignKey'; readonly table: string; readonly clause: string }
  /** A whole statement of its own: RENAME TABLE, CREATE TABLE, DROP TABLE. */
  | { readonly phase: 'renameTable'; readonly table: string; readonly sql: string }
  | { readonly phase: 'createTable'; readonly table: string; readonly sql: string }
  | { readonly phase: 'dropTable'; readonly table: string; readonly sql: string }
  /** ALTER TABLE … ENGINE / DEFAULT CHARACTER SET, before the table's merged ALTER (see `tableOptionsSql`). */
  | { readonly phase: 'tableOptions'; readonly table: string; readonly sql: string }
  /** One clause of the table's merged ALTER TABLE. */
  | {
      readonly phase: 'alter';
      readonly table: string;
      readonly kind: ClauseKind;
      readonly clause: string;
      /** For renames and column changes: lets `emit` fold a rename and a change into one CHANGE COLUMN. */
      readonly column?: { readonly from: string; readonly to: string };
      /**
       * The clause places its column (`AFTER x` / `FIRST`). MySQL runs an
       * ALTER's clauses one after another, so placed clauses keep plan
       * order (the schema's column order) among themselves, with the adds.
       */
      readonly placed?: boolean;
    }
  /** `ADD CONSTRAINT … FOREIGN KEY`: merged per table, after everything else. */
  | { readonly phase: 'addForeignKey'; readonly table: string; readonly clause: string };

type PieceMakers = { readonly [K in OperationKind]: (op: OperationOf<K>) => Piece[] };

function alter(table: string, kind: ClauseKind, clause: string, column?: { from: string; to: string }, position?: ColumnPlacement): Piece {
  const base = { phase: 'alter', table, kind, clause: clause + placementSql(position), ...(position ? { placed: true } : {}) } as const;
  return column ? { ...base, column } : base;
}

/** ` AFTER x` / ` FIRST` / nothing. */
function placementSql(position: ColumnPlacement | undefined): string {
  if (!position) return '';
  return position.after === null ? ' FIRST' : ` AFTER ${quote(position.after)}`;
}

/** CREATE TABLE, with indexes the plan adds to the new table written inline. */
export function createTablePiece(op: OperationOf<'createTable'>, moreIndexes: readonly Index[] = []): Piece {
  const definition = { ...op.definition, name: op.table, indexes: [...op.definition.indexes, ...moreIndexes] };
  return { phase: 'createTable', table: op.table, sql: createTableSql(definition) };
}

const MAKERS: PieceMakers = {
  createTable: (op) => [createTablePiece(op)],
  dropTable: (op) => [{ phase: 'dropTable', table: op.table, sql: `DROP TABLE ${quote(op.table)}` }],
  renameTable: (op) => [{ phase: 'renameTable', table: op.table, sql: `RENAME TABLE ${quote(op.from)} TO ${quote(op.table)}` }],
  addColumn: (op) => [alter(op.table, 'addColumn', `ADD COLUMN ${columnDefinitionSql(op.column)}`, undefined, op.position)],
  dropColumn: (op) => [alter(op.table, 'dropColumn', `DROP COLUMN ${quote(op.column.name)}`)],
  renameColumn: (op) => [alter(op.table, 'renameColumn', `RENAME COLUMN ${quote(op.from)} TO ${quote(op.to)}`, { from: op.from, to: op.to })],
  alterColumn: (op) => [
    alter(op.table, 'modifyColumn', `MODIFY COLUMN ${columnDefinitionSql(op.to)}`, { from: op.from.name, to: op.to.name }, op.position),
  ],
  setPrimaryKey: (op) => {
    const clauses: string[] = [];
    if (op.from) clauses.push('DROP PRIMARY KEY');
    if (op.to && op.to.columns.length > 0) clauses.push(`ADD PRIMARY KEY (${quoteList(op.to.columns)})`);
    return clauses.length > 0 ? [alter(op.table, 'primaryKey', clauses.join(', '))] : [];
  },
  addIndex: (op) => [alter(op.table, 'addIndex', `ADD ${indexSql(op.table, op.index)}`)],
  dropIndex: (op) => [alter(op.table, 'dropIndex', `DROP INDEX ${quote(op.index.name)}`)],
  addForeignKey: (op) => [{ phase: 'addForeignKey', table: op.table, clause: `ADD ${foreignKeySql(op.foreignKey)}` }],
  dropForeignKey: (op) => [{ phase: 'dropForeignKey', table: op.table, clause: `DROP FOREIGN KEY ${quote(op.foreignKey.name)}` }],
  addCheck: (op) => [alter(op.table, 'addCheck', `ADD ${checkSql(op.table, op.check)}`)],
  // DROP CONSTRAINT: MySQL 8.0.19+ and MariaDB (which has no DROP CHECK).
  dropCheck: (op) => [alter(op.table, 'dropCheck', `DROP CONSTRAINT ${quote(op.check.name)}`)],
  // MySQL checks every key when it is added: nothing is ever left NOT VALID.
  validateConstraint: (op) => {
    throw new OdacError('PLAN.UNSUPPORTED', `MySQL has no NOT VALID constraints, so constraint ${op.name} on "${op.table}" cannot need validating; this plan was made for another database. Plan again with the mysql adapter.`);
  },
  setTableComment: (op) => [alter(op.table, 'comment', `COMMENT=${literal(op.comment ?? '')}`)],
  setTableOptions: (op) => {
    const sql = tableOptionsSql(op.from, { ...op.to, name: op.table }, op.changes);
    return sql ? [{ phase: 'tableOptions', table: op.table, sql }] : [];
  },
  // MySQL alters in place; a rebuild the planner chose anyway is emitted as what it replaces.
  rebuildTable: (op) => op.replaces.flatMap(piecesOf),
};

/** The pieces one operation contributes. */
export function piecesOf(op: Operation): Piece[] {
  const make = MAKERS[op.kind] as (o: Operation) => Piece[];
  return make(op);
}
