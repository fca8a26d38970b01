/**
 * Turning one table's diff into operations, with classification and the
 * preflight checks each needs. Ordering across tables is `index.ts`'s job.
 */
import type { Capabilities } from '../adapter.js';
import { OdacError } from '../errors.js';
import { isWidening } from '../compare.js';
import type { TableDiff } from '../diff/index.js';
import { checkKey, indexKey, withLiveForeignKeyNames, type Check, type Column, type ForeignKey, type Index, type Table } from '../model.js';
import { nameCheck, nameForeignKeys, nameIndex } from '../names.js';
import type { AlterColumnOperation, ColumnChange, ColumnPlacement, Operation, PreflightCheck } from '../operations.js';
import { columnPlacements } from './column-order.js';
import { replacementLosesData } from './replace-columns.js';

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

/**
 * Added and changed columns. Where the database can reorder columns
 * (`reorderColumns`), new and moved columns carry their placement and the
 * operations come in the schema's column order, the order their clauses
 * must run in (each placement names a column already in place).
 */
function columnChangeOperations(ctx: PlanContext, d: TableDiff, placements: ReadonlyMap<string, ColumnPlacement | undefined>): PlannedOperation[] {
  const table = d.name;
  const out: { readonly at: number; readonly op: PlannedOperation }[] = [];
  const desiredIndex = new Map(d.to.columns.map((c, i) => [c.name, i] as const));
  const at = (name: string): number => desiredIndex.get(name) ?? Number.MAX_SAFE_INTEGER;
  for (const column of d.addColumns) {
    // A generated column computes its values: existing rows need nothing.
    const needsRows = !column.nullable && column.default === undefined && !column.autoIncrement && column.generated === undefined;
    const position = placements.get(column.name);
    out.push({
      at: at(column.name),
      op: planned(
        { kind: 'addColumn', table, classification: 'additive', column, ...(position ? { position } : {}) },
        needsRows ? { kind: 'emptyTable', table: d.originalName, column: column.name } : undefined,
      ),
    });
  }
  const altered = new Map(d.alterColumns.map((a) => [a.to.name, a] as const));
  // A re-created column (replaceColumns) is placed by its addColumn.
  const replaced = new Set((d.replaceColumns ?? []).map((r) => r.to.name));
  const fromByName = new Map(d.from.columns.filter((c) => !replaced.has(c.name)).map((c) => [c.name, c] as const));
  for (const to of d.to.columns) {
    const position = fromByName.has(to.name) ? placements.get(to.name) : undefined;
    const alter = altered.get(to.name);
    const from = alter?.from ?? fromByName.get(to.name);
    if (!from || (!alter && !position)) continue;
    const changes: ColumnChange[] = [...(alter?.changes ?? []), ...(position ? (['position'] as const) : [])];
    const narrowing = changes.includes('type') && !isWidening(from.type, to.type);
    const original = originalColumns(ctx, table, [to.name])[0] ?? to.name;
    const op: AlterColumnOperation = { kind: 'alterColumn', table, classification: 'changing', from, to, changes, ...(position ? { position } : {}) };
    out.push({
      at: at(to.name),
      op: planned(
        { ...op, classification: destructiveColumnChanges(op).length > 0 ? 'destructive' : 'changing' },
        from.nullable && !to.nullable ? { kind: 'notNull', table: d.originalName, column: original } : undefined,
        narrowing ? { kind: 'fitsType', table: d.originalName, column: original, from: from.type, to: to.type } : undefined,
      ),
    });
  }
  if (ctx.capabilities.reorderColumns) return [...out].sort((a, b) => a.at - b.at).map((x) => x.op);
  // Without reordering, today's order: additions, then changes in the schema's order; new generated
  // columns last, over the columns they read as changed (PostgreSQL refuses to change the type of a
  // column a generated column uses).
  const generatedLast = (x: (typeof out)[number]): number => (x.op.operation.kind === 'addColumn' && x.op.operation.column.generated ? 1 : 0);
  return [...out].sort((a, b) => generatedLast(a) - generatedLast(b)).map((x) => x.op);
}

/** Column-level operations of one existing table (renames excluded). */
export function columnOperations(ctx: PlanContext, d: TableDiff): PlannedOperation[] {
  const out: PlannedOperation[] = [];
  const table = d.name;
  if (d.options) {
    // First: columns this plan adds or changes then take the new defaults.
    // A new default charset re-encodes the columns that follow it: characters it lacks would be lost.
    const classification = d.options.includes('charset') ? 'destructive' : 'changing';
    out.push(planned({ kind: 'setTableOptions', table, classification, changes: d.options, from: d.from, to: d.to }));
  }
  // Generated columns that go away, first: the database refuses to change the type of, or drop, a column
  // a generated column reads (the planner keeps these drops with the column changes, not after them).
  for (const column of d.dropColumns.filter((c) => c.generated)) {
    out.push(planned({ kind: 'dropColumn', table, classification: 'destructive', column }));
  }
  // Where the database reorders columns: a re-created column goes back to its place, like a new one.
  const replaced = new Set((d.replaceColumns ?? []).map((r) => r.to.name));
  const placements = ctx.capabilities.reorderColumns
    ? columnPlacements(d.from.columns.map((c) => c.name).filter((c) => !replaced.has(c)), d.to.columns.map((c) => c.name))
    : new Map<string, ColumnPlacement | undefined>();
  // Dropped before any other column change (see replace-columns.ts), added again after the changes (a
  // generated column over the columns it reads as changed: PostgreSQL refuses to change the type of a column
  // one reads); where the database reorders columns, in the schema's column order with the other changes.
  const readded: PlannedOperation[] = [];
  for (const { from, to } of d.replaceColumns ?? []) {
    const position = placements.get(to.name);
    out.push(planned({ kind: 'dropColumn', table, classification: replacementLosesData(from, to) ? 'destructive' : 'changing', column: from, replace: true }));
    readded.push(planned({ kind: 'addColumn', table, classification: 'additive', column: to, replace: true, ...(position ? { position } : {}) }));
  }
  const changes = [...columnChangeOperations(ctx, d, placements), ...readded];
  if (ctx.capabilities.reorderColumns) {
    const desiredIndex = new Map(d.to.columns.map((c, i) => [c.name, i] as const));
    const at = ({ operation: op }: PlannedOperation): number =>
      desiredIndex.get(op.kind === 'addColumn' ? op.column.name : op.kind === 'alterColumn' ? op.to.name : '') ?? Number.MAX_SAFE_INTEGER;
    changes.sort((a, b) => at(a) - at(b));
  }
  out.push(...changes);
  if (d.primaryKey) {
    const to = d.primaryKey.to;
    out.push(
      planned(
        // Removing the primary key (not replacing it) gives up the uniqueness it enforces.
        { kind: 'setPrimaryKey', table, classification: d.primaryKey.from && !to ? 'destructive' : 'changing', ...(d.primaryKey.from ? { from: d.primaryKey.from } : {}), ...(to ? { to } : {}) },
        to ? uniquePreflight(ctx, d, to.name ?? `${table}_pkey`, to.columns) : undefined,
      ),
    );
  }
  const limit = ctx.capabilities.maxIdentifierLength;
  const addedCheckNames = new Set(d.addChecks.map((c) => nameCheck(table, c, limit).name));
  for (const check of d.dropChecks) {
    const named = nameCheck(table, check, limit);
    // A check replaced under the same name is a change; one that goes away stops guarding the data.
    out.push(planned({ kind: 'dropCheck', table, classification: addedCheckNames.has(named.name) ? 'changing' : 'destructive', check: named }));
  }
  for (const check of d.addChecks) {
    out.push(planned({ kind: 'addCheck', table, classification: 'additive', check: nameCheck(table, check, limit) }));
  }
  if (d.comment) {
    out.push(planned({ kind: 'setTableComment', table, classification: 'changing', ...(d.comment.to !== undefined ? { comment: d.comment.to } : {}) }));
  }
  for (const column of d.dropColumns.filter((c) => !c.generated)) {
    out.push(planned({ kind: 'dropColumn', table, classification: 'destructive', column }));
  }
  return out;
}

export function indexOperations(ctx: PlanContext, d: TableDiff): { drop: PlannedOperation[]; add: PlannedOperation[] } {
  const caps = ctx.capabilities;
  return {
    drop: d.dropIndexes.map((i) => {
      const index = nameIndex(d.name, i, caps.maxIdentifierLength);
      return planned({ kind: 'dropIndex', table: d.name, classification: isIntegrityLoss(index, d.addIndexes, d.to.primaryKey?.columns) ? 'destructive' : 'changing', index });
    }),
    add: d.addIndexes.map((i) => {
      const index = nameIndex(d.name, i, caps.maxIdentifierLength);
      return planned(
        { kind: 'addIndex', table: d.name, classification: 'additive', index },
        index.unique && !index.where && !index.native ? uniquePreflight(ctx, d, index.name, index.columns) : undefined,
      );
    }),
  };
}

/**
 * True when dropping `index` gives up a uniqueness the database enforces:
 * a unique index (or UNIQUE constraint) that no added unique index of the
 * same name or the same columns replaces. Plain indexes only speed queries up.
 */
export function isIntegrityLoss(index: Index & { name: string }, added: readonly Index[], primaryKey: readonly string[] = []): boolean {
  if (!index.unique) return false;
  // A unique index over exactly the primary key's columns guards nothing the key does not (e.g. `unique` on an increments column).
  const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((c) => b.includes(c));
  if (index.where === undefined && index.native === undefined && primaryKey.length > 0 && sameSet(index.columns, primaryKey)) return false;
  const cols = JSON.stringify(index.columns);
  return !added.some((a) => a.unique && (a.name === index.name || (index.columns.length > 0 && JSON.stringify(a.columns) === cols)));
}

/**
 * The changes of an alterColumn that can lose data or integrity: a narrowing
 * type change, and removing auto-increment/identity (the column stops
 * generating values that existing code relies on).
 */
export function destructiveColumnChanges(op: AlterColumnOperation): ColumnChange[] {
  const out: ColumnChange[] = [];
  if (op.changes.includes('type') && !isWidening(op.from.type, op.to.type)) out.push('type');
  if (op.changes.includes('autoIncrement') && op.from.autoIncrement && !op.to.autoIncrement) out.push('autoIncrement');
  // A plain column becoming generated: its values are replaced by the expression's (a rebuild copies a generated column's values into a plain one).
  if (op.changes.includes('generated') && op.from.generated === undefined && op.to.generated !== undefined) out.push('generated');
  return out;
}

/** `column` without `generated`. */
function plain(column: Column): Column {
  const { generated: _g, ...rest } = column;
  void _g;
  return rest;
}

/** The part of an alterColumn the policy allows: everything but its destructive changes. */
export function withoutDestructiveChanges(op: AlterColumnOperation): AlterColumnOperation | undefined {
  const dropped = destructiveColumnChanges(op);
  const changes = op.changes.filter((c) => !dropped.includes(c));
  if (changes.length === 0) return undefined;
  const to: Column = {
    ...(dropped.includes('generated') ? plain(op.to) : op.to),
    ...(dropped.includes('type') ? { type: op.from.type } : {}),
    ...(dropped.includes('autoIncrement') ? { autoIncrement: true } : {}),
  };
  return { ...op, classification: 'changing', to, changes };
}

/**
 * The desired keys of `d` (then `kept`, live keys the policy keeps) named as
 * the database will hold them: the user's name, else the live twin's, else a
 * generated one no other key of the table has.
 */
export function namedForeignKeys(d: TableDiff, kept: readonly ForeignKey[], maxLength: number): (ForeignKey & { name: string })[] {
  return nameForeignKeys(d.name, [...withLiveForeignKeyNames(d.from.foreignKeys, d.to.foreignKeys), ...kept], maxLength);
}

/**
 * The table a rebuild produces: the desired table, minus what the policy
 * skipped (kept columns, kept types), keeping the live names of indexes,
 * foreign keys and checks that did not change so a rebuild never renames
 * them, and naming the rest (core's naming authority).
 */
export function rebuildTarget(d: TableDiff, skipped: readonly Operation[], caps: Capabilities): Table {
  const keptColumns: Column[] = [];
  const keptTypes = new Map<string, Column['type']>();
  const keptAuto = new Set<string>();
  const keptPlain = new Set<string>();
  const keptIndexes: Index[] = [];
  const keptForeignKeys: ForeignKey[] = [];
  const keptChecks: Check[] = [];
  let keptPrimaryKey: Table['primaryKey'];
  for (const op of skipped) {
    if (op.kind === 'dropColumn') keptColumns.push(op.column);
    if (op.kind === 'alterColumn') {
      const dropped = destructiveColumnChanges(op);
      if (dropped.includes('type')) keptTypes.set(op.to.name, op.from.type);
      if (dropped.includes('autoIncrement')) keptAuto.add(op.to.name);
      if (dropped.includes('generated')) keptPlain.add(op.to.name);
    }
    // What the policy kept must survive the rebuild, or the rebuild would drop it after all.
    if (op.kind === 'dropIndex') keptIndexes.push(op.index);
    if (op.kind === 'dropForeignKey') keptForeignKeys.push(op.foreignKey);
    if (op.kind === 'dropCheck') keptChecks.push(op.check);
    if (op.kind === 'setPrimaryKey' && op.from && !op.to) keptPrimaryKey = op.from;
  }
  const liveIndexNames = new Map(d.from.indexes.map((i) => [indexKey(i), i.name] as const));
  const columns = d.to.columns.map((c) => {
    const type = keptTypes.get(c.name);
    const base = keptPlain.has(c.name) ? plain(c) : c;
    const kept = type ? { ...base, type } : base;
    return keptAuto.has(c.name) ? { ...kept, autoIncrement: true } : kept;
  });
  const liveCheckNames = new Map((d.from.checks ?? []).map((c) => [checkKey(c), c.name] as const));
  const checks = [...(d.to.checks ?? []), ...keptChecks].map((c) => nameCheck(d.name, { ...c, name: c.name ?? liveCheckNames.get(checkKey(c)) }, caps.maxIdentifierLength));
  const primaryKey = d.to.primaryKey ?? keptPrimaryKey;
  // Options the schema does not say are the live table's (a rebuild for another reason keeps STRICT).
  const sqlite = d.from.sqlite || d.to.sqlite ? { sqlite: { ...d.from.sqlite, ...d.to.sqlite } } : {};
  return {
    ...d.to,
    ...sqlite,
    columns: [...columns, ...keptColumns],
    ...(primaryKey ? { primaryKey } : {}),
    indexes: [...d.to.indexes, ...keptIndexes].map((i) => nameIndex(d.name, { ...i, name: i.name ?? liveIndexNames.get(indexKey(i)) }, caps.maxIdentifierLength)),
    foreignKeys: namedForeignKeys(d, keptForeignKeys, caps.maxIdentifierLength),
    ...(checks.length > 0 ? { checks } : {}),
  };
}

/**
 * Refuses, at plan time, an in-place change the database cannot make at all
 * (from capabilities), naming the column and what to do instead.
 */
export function assertSupportedInPlace(op: Operation, caps: Capabilities): void {
  if (op.kind !== 'alterColumn' || !op.changes.includes('autoIncrement') || caps.alterIdentity) return;
  throw new OdacError(
    'PLAN.UNSUPPORTED',
    `Column "${op.table}"."${op.to.name}" would ${op.to.autoIncrement ? 'become' : 'stop being'} auto-increment, which this database cannot change on an existing column (SQL Server: the IDENTITY property). Create a new table with the column as you want it and copy the rows, or keep the column as it is in the schema file.`,
    { details: { table: op.table, column: op.to.name } },
  );
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
    case 'setTableOptions':
      return !caps.alterTableOptions;
    case 'addColumn': {
      const c = op.column;
      if (c.default?.kind === 'expression' && !caps.addColumnExpressionDefault) return true;
      if (!c.nullable && c.default === undefined && c.generated === undefined && !caps.addColumnNotNull) return true;
      if (c.generated?.stored === true && !caps.addStoredGeneratedColumn) return true;
      // A new auto-increment column is a primary key change in every database that lacks it.
      return Boolean(c.autoIncrement) && !caps.alterPrimaryKey;
    }
    default:
      return false;
  }
}
