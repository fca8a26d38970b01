/**
 * Emission: plan operations to SQLite statements. Pure. One function per
 * operation kind in a mapped object, so a new kind is a compile error here.
 *
 * Changes SQLite cannot make in place (column changes, foreign keys, primary
 * keys, checks, dropping columns) reach this adapter as one `rebuildTable`
 * per table, because its capabilities say so; if one arrives anyway it is an
 * error, never silently nothing.
 */
import { OdacError, type EmitOptions, type Operation, type OperationKind, type OperationOf, type Statement } from '@odac/core';
import { columnSql, createIndexSql, createTableSql } from './ddl.js';
import { quote } from './quote.js';
import { rebuildSteps, type RebuildStep } from './rebuild-sql.js';

interface EmitContext {
  /** Index of the operation in the plan. */
  readonly index: number;
  readonly options: EmitOptions;
}

type Emitter<K extends OperationKind> = (op: OperationOf<K>, ctx: EmitContext) => Statement[];

function statements(op: Operation, ctx: EmitContext, sql: readonly (string | RebuildStep)[]): Statement[] {
  return sql.map((s) => {
    const step = typeof s === 'string' ? { sql: s } : s;
    return { sql: step.sql, transactional: true, operation: ctx.index, table: op.table, ...(step.rebuild !== undefined ? { rebuild: step.rebuild } : {}) };
  });
}

function unsupported(op: Operation, what: string): never {
  throw new OdacError(
    'PLAN.UNSUPPORTED',
    `SQLite cannot ${what} on table "${op.table}" in place (operation ${op.kind}). The plan should rebuild the table instead; ` +
      `this is a bug in the planner or a plan made for another database. Plan again with the sqlite adapter.`,
    { details: { operation: op.kind, table: op.table } },
  );
}

const EMITTERS: { readonly [K in OperationKind]: Emitter<K> } = {
  createTable: (op, ctx) =>
    statements(op, ctx, [createTableSql(op.definition), ...op.definition.indexes.map((i) => createIndexSql(op.table, i))]),
  dropTable: (op, ctx) => statements(op, ctx, [`DROP TABLE ${quote(op.table)}`]),
  renameTable: (op, ctx) => statements(op, ctx, [`ALTER TABLE ${quote(op.from)} RENAME TO ${quote(op.table)}`]),
  addColumn: (op, ctx) => statements(op, ctx, [`ALTER TABLE ${quote(op.table)} ADD COLUMN ${columnSql(op.column)}`]),
  dropColumn: (op) => unsupported(op, `drop column "${op.column.name}"`),
  renameColumn: (op, ctx) =>
    statements(op, ctx, [`ALTER TABLE ${quote(op.table)} RENAME COLUMN ${quote(op.from)} TO ${quote(op.to)}`]),
  alterColumn: (op) => unsupported(op, `change column "${op.to.name}" (${op.changes.join(', ')})`),
  setPrimaryKey: (op) => unsupported(op, 'change the primary key'),
  addIndex: (op, ctx) => statements(op, ctx, [createIndexSql(op.table, op.index)]),
  dropIndex: (op, ctx) => statements(op, ctx, [`DROP INDEX ${quote(op.index.name)}`]),
  addForeignKey: (op) => unsupported(op, `add foreign key ${op.foreignKey.name}`),
  dropForeignKey: (op) => unsupported(op, `drop foreign key ${op.foreignKey.name}`),
  addCheck: (op) => unsupported(op, `add check ${op.check.name}`),
  dropCheck: (op) => unsupported(op, `drop check ${op.check.name}`),
  // SQLite checks every constraint when it is created: nothing is ever left to validate.
  validateConstraint: (op) => unsupported(op, `validate constraint ${op.name}`),
  // SQLite stores no comments; normalize drops them, so this changes nothing.
  setTableComment: () => [],
  // STRICT / WITHOUT ROWID change only by a rebuild (alterTableOptions: false): the planner makes one.
  setTableOptions: (op) => unsupported(op, `change table options ${op.changes.join(', ')}`),
  rebuildTable: (op, ctx) => statements(op, ctx, rebuildSteps(op)),
};

function emitOne<K extends OperationKind>(op: OperationOf<K>, ctx: EmitContext): Statement[] {
  return (EMITTERS[op.kind] as Emitter<K>)(op, ctx);
}

/** Statements for a plan's operations, in order. Pure. */
export function emit(operations: readonly Operation[], options: EmitOptions = {}): Statement[] {
  return operations.flatMap((op, index) => emitOne(op, { index, options }));
}
