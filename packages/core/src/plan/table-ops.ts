/**
 * Turning one table's diff into operations, with classification and the
 * preflight checks each needs. Ordering across tables is `index.ts`'s job.
 */
import type { Capabilities } from '../adapter.js';
import { isWidening } from '../compare.js';
import type { TableDiff } from '../diff/index.js';
import { foreignKeyKey, indexKey, type Column, type ForeignKey, type Index, type Table } from '../model.js';
import { checkName, foreignKeyName, indexName } from '../names.js';
import type { AlterColumnOperation, Operation, PreflightCheck } from '../operations.js';

/** Facts about the whole plan a table's operations depend on. */
export interface PlanContext {
  readonly capabilities: Capabilities;
  /** Tables created by this plan. */
  readonly created: ReadonlySet<string>;
  /** New table name → name in the database before the plan. */
  readonly originalTableName: ReadonlyMap<string, string>;
  /** New table name → (new column name → old column name). */
  readonly originalColumnName: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const nameIndex = (table: string, index: Index, caps: Capabilities): Index & { name: string } => ({
  ...index,
  name: index.name ?? indexName(table, index.columns, index.unique, caps.maxIdentifierLength),
});

export const nameForeignKey = (table: string, fk: ForeignKey, caps: Capabilities): ForeignKey & { name: string } => ({
  ...fk,
  name: fk.name ?? foreignKeyName(table, fk.columns, caps.maxIdentifierLength),
});

const originalTable = (ctx: PlanContext, table: string): string => ctx.originalTableName.get(table) ?? table;
const originalColumns = (ctx: PlanContext, table: string, columns: readonly string[]): string[] =>
  columns.map((c) => ctx.originalColumnName.get(table)?.get(c) ?? c);

/** The preflight check for a foreign key added to an existing table, when its columns already hold data. */
export function foreignKeyPreflight(
  ctx: PlanContext,
  table: TableDiff,
  fk: ForeignKey & { name: string },
): PreflightCheck | undefined {
  const existing = new Set(table.from.columns.map((c) => c.name));
  if (!fk.columns.every((c) => existing.has(c))) return undefined;
  const targetIsNew = ctx.created.has(fk.references.table);
  return {
    kind: 'foreignKey',
    table: table.originalName,
    constraint: fk.name,
    columns: originalColumns(ctx, table.name, fk.columns),
    references: {
      table: targetIsNew ? fk.references.table : originalTable(ctx, fk.references.table),
      columns: targetIsNew ? [...fk.references.columns] : originalColumns(ctx, fk.references.table, fk.references.columns),
    },
    targetIsNew,
  };
}

function uniquePreflight(ctx: PlanContext, table: TableDiff, constraint: string, columns: readonly string[]): PreflightCheck | undefined {
  const existing = new Set(table.from.columns.map((c) => c.name));
  if (!columns.every((c) => existing.has(c))) return undefined;
  return { kind: 'unique', table: table.originalName, constraint, columns: originalColumns(ctx, table.name, columns) };
}

/** An operation with the checks that must pass before it runs. */
export interface PlannedOperation {
  readonly operation: Operation;
  readonly preflight: readonly PreflightCheck[];
}

const planned = (operation: Operation, ...checks: (PreflightCheck | undefined)[]): PlannedOperation => ({
  operation,
  preflight: checks.filter((c): c is PreflightCheck => c !== undefined),
});

/** Column-level operations of one existing table (renames excluded). */
export function columnOperations(ctx: PlanContext, d: TableDiff): PlannedOperation[] {
  const out: PlannedOperation[] = [];
  const table = d.name;
  for (const column of d.addColumns) {
    const needsRows = !column.nullable && column.default === undefined && !column.autoIncrement;
    out.push(
      planned(
        { kind: 'addColumn', table, classification: 'additive', column },
        needsRows ? { kind: 'emptyTable', table: d.originalName, column: column.name } : undefined,
      ),
    );
  }
  for (const { from, to, changes } of d.alterColumns) {
    const narrowing = changes.includes('type') && !isWidening(from.type, to.type);
    const original = originalColumns(ctx, table, [to.name])[0] ?? to.name;
    out.push(
      planned(
        { kind: 'alterColumn', table, classification: narrowing ? 'destructive' : 'changing', from, to, changes },
        from.nullable && !to.nullable ? { kind: 'notNull', table: d.originalName, column: original } : undefined,
        narrowing ? { kind: 'fitsType', table: d.originalName, column: original, from: from.type, to: to.type } : undefined,
      ),
    );
  }
  if (d.primaryKey) {
    const to = d.primaryKey.to;
    out.push(
      planned(
        { kind: 'setPrimaryKey', table, classification: 'changing', ...(d.primaryKey.from ? { from: d.primaryKey.from } : {}), ...(to ? { to } : {}) },
        to ? uniquePreflight(ctx, d, to.name ?? `${table}_pkey`, to.columns) : undefined,
      ),
    );
  }
  for (const check of d.dropChecks) {
    out.push(planned({ kind: 'dropCheck', table, classification: 'changing', check: { ...check, name: check.name ?? checkName(table, check.expression, ctx.capabilities.maxIdentifierLength) } }));
  }
  for (const check of d.addChecks) {
    out.push(planned({ kind: 'addCheck', table, classification: 'additive', check: { ...check, name: check.name ?? checkName(table, check.expression, ctx.capabilities.maxIdentifierLength) } }));
  }
  if (d.comment) {
    out.push(planned({ kind: 'setTableComment', table, classification: 'changing', ...(d.comment.to !== undefined ? { comment: d.comment.to } : {}) }));
  }
  for (const column of d.dropColumns) {
    out.push(planned({ kind: 'dropColumn', table, classification: 'destructive', column }));
  }
  return out;
}

export function indexOperations(ctx: PlanContext, d: TableDiff): { drop: PlannedOperation[]; add: PlannedOperation[] } {
  const caps = ctx.capabilities;
  return {
    drop: d.dropIndexes.map((i) => planned({ kind: 'dropIndex', table: d.name, classification: 'changing', index: nameIndex(d.name, i, caps) })),
    add: d.addIndexes.map((i) => {
      const index = nameIndex(d.name, i, caps);
      return planned(
        { kind: 'addIndex', table: d.name, classification: 'additive', index },
        index.unique && !index.where && !index.native ? uniquePreflight(ctx, d, index.name, index.columns) : undefined,
      );
    }),
  };
}

/** The part of an alterColumn the policy allows: everything but a narrowing type change. */
export function withoutTypeChange(op: AlterColumnOperation): AlterColumnOperation | undefined {
  const changes = op.changes.filter((c) => c !== 'type');
  if (changes.length === 0) return undefined;
  return { ...op, classification: 'changing', to: { ...op.to, type: op.from.type }, changes };
}

/**
 * The table a rebuild produces: the desired table, minus what the policy
 * skipped (kept columns, kept types), keeping the live names of indexes and
 * foreign keys that did not change so a rebuild never renames them.
 */
export function rebuildTarget(d: TableDiff, skipped: readonly Operation[], caps: Capabilities): Table {
  const keptColumns: Column[] = [];
  const keptTypes = new Map<string, Column['type']>();
  for (const op of skipped) {
    if (op.kind === 'dropColumn') keptColumns.push(op.column);
    if (op.kind === 'alterColumn' && op.changes.includes('type')) keptTypes.set(op.to.name, op.from.type);
  }
  const liveIndexNames = new Map(d.from.indexes.map((i) => [indexKey(i), i.name] as const));
  const liveFkNames = new Map(d.from.foreignKeys.map((fk) => [foreignKeyKey(fk), fk.name] as const));
  const columns = d.to.columns.map((c) => {
    const type = keptTypes.get(c.name);
    return type ? { ...c, type } : c;
  });
  return {
    ...d.to,
    columns: [...columns, ...keptColumns],
    indexes: d.to.indexes.map((i) => nameIndex(d.name, { ...i, name: i.name ?? liveIndexNames.get(indexKey(i)) }, caps)),
    foreignKeys: d.to.foreignKeys.map((fk) => nameForeignKey(d.name, { ...fk, name: fk.name ?? liveFkNames.get(foreignKeyKey(fk)) }, caps)),
  };
}

/** Whether this database must rebuild the table to perform `op` (from capabilities). */
export function needsRebuild(op: Operation, caps: Capabilities): boolean {
  switch (op.kind) {
    case 'alterColumn':
      return !caps.alterColumn;
    case 'addForeignKey':
    case 'dropForeignKey':
      return !caps.alterForeignKey;
    case 'setPrimaryKey':
      return !caps.alterPrimaryKey;
    case 'addCheck':
    case 'dropCheck':
      return !caps.alterCheck;
    case 'dropColumn':
      return !caps.dropColumn;
    case 'addColumn': {
      const c = op.column;
      if (c.default?.kind === 'expression' && !caps.addColumnExpressionDefault) return true;
      if (!c.nullable && c.default === undefined && !caps.addColumnNotNull) return true;
      // A new auto-increment column is a primary key change in every database that lacks it.
      return Boolean(c.autoIncrement) && !caps.alterPrimaryKey;
    }
    default:
      return false;
  }
}
