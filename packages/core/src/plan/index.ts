/**
 * The planner: orders the differ's findings by dependency, applies the
 * destructive-change policy, chooses table rebuilds where the database cannot
 * change something in place, and lists the data checks to run first.
 *
 * Order, by dependency: drop foreign keys that change or go away, drop
 * indexes and checks, rename and create tables, change columns (or rebuild
 * tables), drop columns and tables, create indexes, add foreign keys last so
 * cycles and self-references just work; then each dialect's phase rules
 * (`order.ts`).
 */
import type { Capabilities } from '../adapter.js';
import { diffSchemas, type SchemaDiff, type TableDiff } from '../diff/index.js';
import { adoptLiveSpelling, refuseCaseClashes } from '../diff/identifier-case.js';
import { globMatcher } from '../glob.js';
import { nameCheck, nameForeignKey, nameForeignKeys, nameIndex } from '../names.js';
import { foreignKeyIdentity, pairForeignKeys, type ForeignKey, type Schema, type Table } from '../model.js';
import type { Operation, Plan, PreflightCheck, SkippedOperation } from '../operations.js';
import {
  columnOperations,
  foreignKeyPreflight,
  indexOperations,
  namedForeignKeys,
  assertSupportedInPlace,
  needsRebuild,
  rebuildTarget,
  withoutDestructiveChanges,
  destructiveColumnChanges,
  type PlanContext,
  type PlannedOperation,
} from './table-ops.js';
import { renameHints } from './hints.js';
import { isOdacTable } from '../own-tables.js';
import { duplicateIndexWarnings } from './duplicate-indexes.js';
import { orderOperations, restatedColumns } from './order.js';
import { describeReplacementSkip, replacedColumns, replacementLosesData, withReplacedColumns } from './replace-columns.js';

export interface PlanOptions {
  readonly capabilities: Capabilities;
  /** Run destructive operations instead of skipping them. */
  readonly allowDestructive?: boolean;
  /**
   * Plan `dropTable` for tables in the database that no schema file
   * describes. Off by default: such tables are listed as unmanaged and left
   * alone. Dropping is destructive, so it also needs `allowDestructive`.
   */
  readonly dropUnmanagedTables?: boolean;
  /** Tables (glob patterns with `*`) never touched, never dropped, not even listed. */
  readonly ignoreTables?: readonly string[];
  /**
   * Plan lock-light forms where the adapter has them (`concurrentIndex`,
   * `notValidConstraints`): such operations run after the migration
   * transaction and come last. Emit with the same `online`.
   */
  readonly online?: boolean;
}

/** The option (of `plan`/`migrate`) that lets a destructive operation run. */
const ALLOW_DESTRUCTIVE = 'allowDestructive';

function describeSkip(op: Operation): string {
  switch (op.kind) {
    case 'dropTable':
      return `table "${op.table}" has no schema file; dropping it would delete its rows`;
    case 'dropColumn':
      return `column "${op.table}"."${op.column.name}" is no longer declared; dropping it would delete its data`;
    case 'alterColumn': {
      const parts = destructiveColumnChanges(op).map((c) =>
        c === 'type' ? 'changing it to a narrower type can truncate or reject existing values' : 'removing its auto-increment/identity stops it generating values',
      );
      return `column "${op.table}"."${op.to.name}": ${parts.join('; ')}`;
    }
    case 'dropIndex':
      return `index ${op.index.name} on "${op.table}" is no longer declared; dropping it stops the database enforcing uniqueness of (${op.index.columns.join(', ') || op.index.native || op.index.name})`;
    case 'dropCheck':
      return `check ${op.check.name} on "${op.table}" is no longer declared; dropping it stops the database enforcing (${op.check.expression})`;
    case 'dropForeignKey':
      return `foreign key ${op.foreignKey.name} on "${op.table}"(${op.foreignKey.columns.join(', ')}) is no longer declared; dropping it stops the database enforcing the reference to "${op.foreignKey.references.table}"`;
    case 'setPrimaryKey':
      return `the primary key of "${op.table}" is no longer declared; dropping it stops the database enforcing uniqueness of (${op.from?.columns.join(', ') ?? ''})`;
    default:
      return `operation ${op.kind} on "${op.table}" can lose data`;
  }
}

/** Columns (as `table.column`) whose type this plan restates (`restatedColumns`). */
function typeChangedColumns(ops: readonly Operation[]): Set<string> {
  return new Set(ops.flatMap((op) => restatedColumns(op).map((c) => `${op.table}.${c}`)));
}

class PlanBuilder {
  readonly dropForeignKeys: Operation[] = [];
  readonly dropIndexes: Operation[] = [];
  readonly renames: Operation[] = [];
  readonly creates: Operation[] = [];
  readonly alters: Operation[] = [];
  readonly drops: Operation[] = [];
  readonly addIndexes: Operation[] = [];
  readonly addForeignKeys: Operation[] = [];
  readonly skipped: SkippedOperation[] = [];
  readonly preflight: PreflightCheck[] = [];

  constructor(readonly allowDestructive: boolean) {}

  /** Applies the policy; returns what may run. */
  admit(p: PlannedOperation): Operation | undefined {
    const op = p.operation;
    if (op.classification === 'destructive' && !this.allowDestructive) {
      this.skipped.push({ operation: op, reason: describeSkip(op), allowWith: ALLOW_DESTRUCTIVE });
      if (op.kind === 'alterColumn') {
        const rest = withoutDestructiveChanges(op);
        if (rest) this.preflight.push(...p.preflight.filter((c) => c.kind !== 'fitsType'));
        return rest;
      }
      return undefined;
    }
    this.preflight.push(...p.preflight);
    return op;
  }

  operations(): Operation[] {
    return [
      ...this.dropForeignKeys,
      ...this.dropIndexes,
      ...this.renames,
      ...this.creates,
      ...this.alters,
      ...this.drops,
      ...this.addIndexes,
      ...this.addForeignKeys,
    ];
  }
}

function context(diff: SchemaDiff, caps: Capabilities): PlanContext {
  const originalTableName = new Map(diff.renameTables.map((r) => [r.to, r.from] as const));
  const originalColumnName = new Map(
    diff.alterTables.map((d) => [d.name, new Map(d.renameColumns.map((r) => [r.to, r.from] as const))] as const),
  );
  return { capabilities: caps, created: new Set(diff.createTables.map((t) => t.name)), originalTableName, originalColumnName };
}

function planCreate(b: PlanBuilder, table: Table, caps: Capabilities): void {
  const foreignKeys = nameForeignKeys(table.name, table.foreignKeys, caps.maxIdentifierLength);
  // A database that cannot add keys to an existing table gets them in CREATE TABLE.
  const inline = !caps.alterForeignKey;
  b.creates.push({
    kind: 'createTable',
    table: table.name,
    classification: 'additive',
    definition: {
      ...table,
      indexes: [],
      foreignKeys: inline ? foreignKeys : [],
      ...(table.checks ? { checks: table.checks.map((c) => nameCheck(table.name, c, caps.maxIdentifierLength)) } : {}),
    },
  });
  for (const index of table.indexes) {
    b.addIndexes.push({ kind: 'addIndex', table: table.name, classification: 'additive', index: nameIndex(table.name, index, caps.maxIdentifierLength) });
  }
  if (!inline) {
    for (const foreignKey of foreignKeys) b.addForeignKeys.push({ kind: 'addForeignKey', table: table.name, classification: 'additive', foreignKey });
  }
}

/**
 * Foreign keys kept by the diff that must still be dropped and re-added
 * because a column on either side changes type (MySQL refuses otherwise;
 * PostgreSQL would revalidate anyway).
 */
function keysAroundTypeChanges(diff: SchemaDiff, changed: ReadonlySet<string>, maxLength: number): { table: TableDiff; fk: ForeignKey & { name: string } }[] {
  if (changed.size === 0) return [];
  const out: { table: TableDiff; fk: ForeignKey & { name: string } }[] = [];
  for (const d of diff.alterTables) {
    const replaced = new Set(d.addForeignKeys.map(foreignKeyIdentity));
    const named = namedForeignKeys(d, [], maxLength);
    d.to.foreignKeys.forEach((desired, i) => {
      const fk = named[i];
      if (!fk || replaced.has(foreignKeyIdentity(desired))) return;
      const touches =
        fk.columns.some((c) => changed.has(`${d.name}.${c}`)) || fk.references.columns.some((c) => changed.has(`${fk.references.table}.${c}`));
      if (touches) out.push({ table: d, fk });
    });
  }
  return out;
}

/**
 * The table diff with the columns this database re-creates (see
 * `replace-columns.ts`) taken out of `alterColumns`: those the policy allows
 * become a drop + add, the others are skipped here, with their reason.
 */
function planReplacements(b: PlanBuilder, d: TableDiff, caps: Capabilities): TableDiff {
  const replaced = replacedColumns(d, caps);
  const skip = replaced.filter((c) => replacementLosesData(c.from, c.to) && !b.allowDestructive);
  for (const { from, to } of skip) {
    b.skipped.push({
      operation: { kind: 'dropColumn', table: d.name, classification: 'destructive', column: from, replace: true },
      reason: describeReplacementSkip(d.name, from, to),
      allowWith: ALLOW_DESTRUCTIVE,
    });
  }
  return withReplacedColumns(d, replaced.filter((c) => !skip.includes(c)), skip);
}

function planAlter(b: PlanBuilder, ctx: PlanContext, diff: TableDiff): void {
  const caps = ctx.capabilities;
  const d = planReplacements(b, diff, caps);
  if (d.name !== d.originalName) b.renames.push({ kind: 'renameTable', table: d.name, classification: 'changing', from: d.originalName });
  for (const r of d.renameColumns) b.renames.push({ kind: 'renameColumn', table: d.name, classification: 'changing', from: r.from, to: r.to });

  const indexes = indexOperations(ctx, d);
  const { pairs } = pairForeignKeys(d.from.foreignKeys, d.to.foreignKeys);
  const twinned = new Set(pairs.map(([, fk]) => foreignKeyIdentity(fk)));
  const named = namedForeignKeys(d, [], caps.maxIdentifierLength);
  const nameOf = new Map(d.to.foreignKeys.map((fk, i) => [foreignKeyIdentity(fk), named[i]] as const));
  const adds = d.addForeignKeys.map((fk) => ({ fk, foreignKey: nameOf.get(foreignKeyIdentity(fk)) ?? nameForeignKey(d.name, fk, caps.maxIdentifierLength) }));
  const drops = d.dropForeignKeys.map((fk) => nameForeignKey(d.name, fk, caps.maxIdentifierLength));
  // A key dropped to be re-added with other actions (its twin, or a re-created live key) is a change; one that goes away stops guarding the data.
  const pairedLive = new Set(pairs.map(([live]) => live));
  const addedNames = new Set(adds.map((a) => a.foreignKey.name));
  const droppedNames = new Set(drops.map((fk) => fk.name));
  const fkDrops: PlannedOperation[] = d.dropForeignKeys.map((fk, i) => ({
    operation: {
      kind: 'dropForeignKey',
      table: d.name,
      classification: pairedLive.has(fk) || addedNames.has(drops[i]?.name ?? '') ? 'changing' : 'destructive',
      foreignKey: drops[i] ?? nameForeignKey(d.name, fk, caps.maxIdentifierLength),
    },
    preflight: [],
  }));
  const fkAdds: PlannedOperation[] = adds.map(({ fk, foreignKey }) => {
    // A key whose actions change keeps its live name unless the user named it.
    const replacing = twinned.has(foreignKeyIdentity(fk)) || droppedNames.has(foreignKey.name);
    // Only the actions of a replaced key change: the rows already satisfy it, no orphan scan needed.
    // A key added NOT VALID on purpose leaves the existing rows unchecked.
    // A PERIOD key matches ranges by containment, which the equality orphan scan cannot tell.
    const check = replacing || fk.notValid === true || fk.period === true || fk.notEnforced === true ? undefined : foreignKeyPreflight(ctx, d, foreignKey);
    return { operation: { kind: 'addForeignKey', table: d.name, classification: 'additive', foreignKey }, preflight: check ? [check] : [] };
  });
  // A key or check left NOT VALID (an online run stopped before validating it) is validated, after its rows are checked.
  const validations: PlannedOperation[] = [
    ...(d.validateForeignKeys ?? []).map((fk) => {
      const foreignKey = nameForeignKey(d.name, fk, caps.maxIdentifierLength);
      const check = foreignKeyPreflight(ctx, d, foreignKey);
      return {
        operation: { kind: 'validateConstraint', table: d.name, classification: 'changing', constraint: 'foreignKey', name: foreignKey.name } as const,
        preflight: check ? [check] : [],
      };
    }),
    ...(d.validateChecks ?? []).map((c) => ({
      operation: { kind: 'validateConstraint', table: d.name, classification: 'changing', constraint: 'check', name: nameCheck(d.name, c, caps.maxIdentifierLength).name } as const,
      preflight: [],
    })),
  ];
  const all = [...fkDrops, ...indexes.drop, ...columnOperations(ctx, d), ...indexes.add, ...fkAdds, ...validations];

  const skippedBefore = b.skipped.length;
  const admittedAll = all.map((p) => ({ op: b.admit(p), phase: p })).filter((x): x is { op: Operation; phase: PlannedOperation } => x.op !== undefined);
  // A foreign key the policy keeps still needs the index that serves it (MySQL refuses to drop that index).
  const keptKeys = b.skipped.slice(skippedBefore).flatMap((s) => (s.operation.kind === 'dropForeignKey' ? [s.operation.foreignKey.columns] : []));
  const servesKeptKey = (op: Operation): boolean =>
    op.kind === 'dropIndex' && keptKeys.some((cols) => cols.length <= op.index.columns.length && cols.every((c, i) => op.index.columns[i] === c));
  const admitted = admittedAll.filter((x) => !servesKeptKey(x.op));
  if (admitted.some((x) => needsRebuild(x.op, caps))) {
    const skippedHere = b.skipped.slice(skippedBefore).map((s) => s.operation);
    const to = rebuildTarget(d, skippedHere, caps);
    const fromNames = new Set(d.from.columns.map((c) => c.name));
    const replaces = admitted.map((x) => x.op);
    b.alters.push({
      kind: 'rebuildTable',
      table: d.name,
      // A rebuild that drops a column or narrows a type (when allowed) is as destructive as what it replaces.
      classification: replaces.some((op) => op.classification === 'destructive') ? 'destructive' : 'changing',
      from: d.from,
      to,
      // A generated column takes no values: the database computes them.
      columnMap: to.columns.filter((c) => fromNames.has(c.name) && c.generated === undefined).map((c) => ({ from: c.name, to: c.name })),
      replaces,
    });
    return;
  }
  for (const { op } of admitted) assertSupportedInPlace(op, caps);
  for (const { op } of admitted) {
    switch (op.kind) {
      case 'dropForeignKey':
        b.dropForeignKeys.push(op);
        break;
      case 'dropIndex':
      case 'dropCheck':
        b.dropIndexes.push(op);
        break;
      case 'dropColumn':
        // A column dropped to be added again goes with the column changes, right before its addColumn; a
        // generated column before the changes (of the columns it reads), see columnOperations.
        if (op.replace || op.column.generated) b.alters.push(op);
        else b.drops.push(op);
        break;
      case 'addIndex':
        b.addIndexes.push(op);
        break;
      case 'addForeignKey':
      case 'validateConstraint':
        b.addForeignKeys.push(op);
        break;
      default:
        b.alters.push(op);
    }
  }
}

function planDrops(b: PlanBuilder, dropTables: readonly Table[], caps: Capabilities): void {
  const dropping = new Set<string>();
  for (const table of dropTables) {
    const op = b.admit({ operation: { kind: 'dropTable', table: table.name, classification: 'destructive', definition: table }, preflight: [] });
    if (op) {
      b.drops.push(op);
      dropping.add(table.name);
    }
  }
  if (!caps.alterForeignKey) return;
  // Keys between tables that are both going away would block the drops (cycles): drop them first.
  for (const table of dropTables) {
    if (!dropping.has(table.name)) continue;
    for (const fk of table.foreignKeys) {
      if (fk.references.table !== table.name && dropping.has(fk.references.table)) {
        b.dropForeignKeys.push({ kind: 'dropForeignKey', table: table.name, classification: 'changing', foreignKey: nameForeignKey(table.name, fk, caps.maxIdentifierLength) });
      }
    }
  }
}

/** Diffs `current` against `desired` (both adapter-normalized) and orders the operations. Pure. */
export function planMigration(current: Schema, desired: Schema, options: PlanOptions): Plan {
  const caps = options.capabilities;
  refuseCaseClashes(desired, caps);
  const ignored = globMatcher(options.ignoreTables ?? []);
  const desiredNames = new Set(desired.tables.map((t) => t.name));
  // odac's own tables (the data migration history) are never the schema's business.
  const live: Schema = { tables: current.tables.filter((t) => desiredNames.has(t.name) || (!ignored(t.name) && !isOdacTable(t.name))) };
  const diff = diffSchemas(live, adoptLiveSpelling(live, desired, caps));
  const ctx = context(diff, caps);
  const b = new PlanBuilder(options.allowDestructive ?? false);

  for (const table of diff.createTables) planCreate(b, table, caps);
  for (const d of diff.alterTables) planAlter(b, ctx, d);
  if (options.dropUnmanagedTables) planDrops(b, diff.dropTables, caps);

  if (caps.alterForeignKey) {
    const changed = typeChangedColumns(b.operations());
    for (const { table, fk: foreignKey } of keysAroundTypeChanges(diff, changed, caps.maxIdentifierLength)) {
      b.dropForeignKeys.push({ kind: 'dropForeignKey', table: table.name, classification: 'changing', foreignKey });
      b.addForeignKeys.push({ kind: 'addForeignKey', table: table.name, classification: 'additive', foreignKey });
    }
    // Tables without a schema file still hold their keys while a column they reference changes type:
    // drop those keys first, then re-add them unchanged (or leave them gone with a table dropped later).
    // A table dropped later also holds them while the table they reference gets a new primary key, which
    // PostgreSQL refuses to drop under a foreign key: drop those first too.
    const dropped = new Set(b.drops.filter((op) => op.kind === 'dropTable').map((op) => op.table));
    const alreadyDropped = new Set(b.dropForeignKeys.flatMap((op) => (op.kind === 'dropForeignKey' ? [`${op.table}\0${op.foreignKey.name}`] : [])));
    const rekeyed = new Set(diff.alterTables.filter((d) => d.primaryKey?.from).flatMap((d) => [d.name, d.originalName]));
    for (const table of diff.dropTables) {
      for (const fk of table.foreignKeys) {
        if (fk.references.table === table.name) continue;
        const blocks = fk.references.columns.some((c) => changed.has(`${fk.references.table}.${c}`)) || (dropped.has(table.name) && rekeyed.has(fk.references.table));
        const foreignKey = nameForeignKey(table.name, fk, caps.maxIdentifierLength);
        if (!blocks || alreadyDropped.has(`${table.name}\0${foreignKey.name}`)) continue;
        b.dropForeignKeys.push({ kind: 'dropForeignKey', table: table.name, classification: 'changing', foreignKey });
        if (!dropped.has(table.name)) b.addForeignKeys.push({ kind: 'addForeignKey', table: table.name, classification: 'additive', foreignKey });
      }
    }
  }

  return {
    operations: orderOperations(b, caps, options.online ?? false),
    skipped: b.skipped,
    preflight: dedupe(b.preflight),
    unmanagedTables: diff.dropTables.map((t) => t.name),
    warnings: [...renameHints(diff), ...duplicateIndexWarnings(live)],
  };
}

function dedupe(checks: readonly PreflightCheck[]): PreflightCheck[] {
  const seen = new Set<string>();
  return checks.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { afterCommitLast as onlineOrder } from './order.js';
