/**
 * The order a plan runs in, the planner's alone: the dependency phases, then
 * each dialect's phase rules (read from its capabilities), so that the
 * emitter writes operations in plan order and `plan` prints exactly what
 * `apply` runs.
 */
import type { Capabilities } from '../adapter.js';
import { groupBy } from '../adapter-kit.js';
import { foreignKeyIdentity, type ForeignKey } from '../model.js';
import type { Operation, OperationOf } from '../operations.js';

/** The planner's operations by dependency phase. */
export interface Phases {
  readonly dropForeignKeys: readonly Operation[];
  readonly dropIndexes: readonly Operation[];
  readonly renames: readonly Operation[];
  readonly creates: readonly Operation[];
  readonly alters: readonly Operation[];
  readonly drops: readonly Operation[];
  readonly addIndexes: readonly Operation[];
  readonly addForeignKeys: readonly Operation[];
}

/** The dependency phases in order; with `dropTablesFirst`, dropped tables right after the dropped keys. */
function inPhaseOrder(p: Phases, caps: Capabilities): Operation[] {
  const first = caps.dropTablesFirst ? p.drops.filter((op) => op.kind === 'dropTable') : [];
  const drops = caps.dropTablesFirst ? p.drops.filter((op) => op.kind !== 'dropTable') : p.drops;
  return [...p.dropForeignKeys, ...first, ...p.dropIndexes, ...p.renames, ...p.creates, ...p.alters, ...drops, ...p.addIndexes, ...p.addForeignKeys];
}

/** `items` grouped by `key`, groups in order of first appearance, items in order within a group. */
function grouped<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...groupBy(items, key).values()].flat();
}

/** Column types a table's default charset or collation reaches (MySQL restates them with the table's). */
const TEXT_KINDS: ReadonlySet<string> = new Set(['string', 'char', 'text', 'enum', 'native']);

/**
 * The columns whose type `op` restates (old and new names): a type or
 * collation change (MySQL refuses either under a foreign key), and the text columns of a table whose default charset or collation
 * changes (MySQL restates them, and refuses to while a foreign key uses them).
 */
export function restatedColumns(op: Operation): string[] {
  if (op.kind === 'alterColumn' && (op.changes.includes('type') || op.changes.includes('collation'))) return [op.to.name, op.from.name];
  if (op.kind === 'setTableOptions' && (op.changes.includes('charset') || op.changes.includes('collation'))) {
    return op.from.columns.filter((c) => TEXT_KINDS.has(c.type.kind)).map((c) => c.name);
  }
  return [];
}

/** A foreign key's columns and what they reference, without its name and actions. */
const keyTarget = (fk: ForeignKey): string => JSON.stringify(['target', fk.columns, fk.references.table, fk.references.columns]);

/**
 * `dropForeignKey` operations whose key is added back on the same table with
 * the same meaning (or on the same columns and target under a new name), where nothing else in the plan needs the key gone
 * earlier (a column it spans or references changing type, a column of a
 * SET NULL key becoming NOT NULL, a rename of its table): those can be
 * dropped right before they are re-added.
 */
function replacedInPlace(operations: readonly Operation[]): Set<Operation> {
  const typeChanged = new Set<string>();
  const madeNotNull = new Set<string>();
  const renamed = new Set<string>();
  for (const op of operations) {
    for (const c of restatedColumns(op)) typeChanged.add(`${op.table}\0${c}`);
    // MySQL refuses NOT NULL on a column while a SET NULL key spans it.
    if (op.kind === 'alterColumn' && op.changes.includes('nullable') && !op.to.nullable) madeNotNull.add(`${op.table}\0${op.to.name}`).add(`${op.table}\0${op.from.name}`);
    if (op.kind === 'renameTable') renamed.add(op.table).add(op.from);
  }
  // The same key, or one on the same columns and target under a new name (its actions changed too): a replacement.
  const added = new Set(
    operations.flatMap((op) => (op.kind === 'addForeignKey' ? [`${op.table}\0${foreignKeyIdentity(op.foreignKey)}`, `${op.table}\0${keyTarget(op.foreignKey)}`] : [])),
  );
  const out = new Set<Operation>();
  for (const op of operations) {
    if (op.kind !== 'dropForeignKey' || renamed.has(op.table)) continue;
    if (!added.has(`${op.table}\0${foreignKeyIdentity(op.foreignKey)}`) && !added.has(`${op.table}\0${keyTarget(op.foreignKey)}`)) continue;
    const fk = op.foreignKey;
    const setsNull = fk.onDelete === 'SET NULL' || fk.onUpdate === 'SET NULL';
    const touched =
      fk.columns.some((c) => typeChanged.has(`${op.table}\0${c}`) || (setsNull && madeNotNull.has(`${op.table}\0${c}`))) ||
      fk.references.columns.some((c) => typeChanged.has(`${fk.references.table}\0${c}`));
    if (!touched) out.add(op);
  }
  return out;
}

/**
 * `mergeTableChanges` (MySQL): one statement per table and phase, so each
 * table is copied at most once per phase.
 *
 * 1. foreign keys that go away or must be gone early, table by table;
 * 2. with `dropTablesFirst`, the dropped tables;
 * 3. renamed tables, then created tables, each followed by its indexes
 *    (written inside its CREATE TABLE);
 * 4. every other change, table by table (one ALTER TABLE each);
 * 5. foreign keys added, table by table, each table's replaced keys dropped
 *    right before: the table is without such a key for one statement, not
 *    for the whole plan, so a crash mid-plan leaves at most one table's keys
 *    missing.
 */
function mergedByTable(p: Phases, caps: Capabilities): Operation[] {
  const all = inPhaseOrder(p, caps);
  const replaced = replacedInPlace(all);
  const early = p.dropForeignKeys.filter((op) => !replaced.has(op));
  const late = p.dropForeignKeys.filter((op) => replaced.has(op));
  const dropTables = caps.dropTablesFirst ? p.drops.filter((op) => op.kind === 'dropTable') : [];
  const renameTables = p.renames.filter((op) => op.kind === 'renameTable');
  const created = new Set(p.creates.filter((op) => op.kind === 'createTable').map((op) => op.table));
  const newIndexes = p.addIndexes.filter((op) => created.has(op.table));
  const creates = p.creates.flatMap((op) => (op.kind === 'createTable' ? [op, ...newIndexes.filter((i) => i.table === op.table)] : [op]));
  const addKeys = p.addForeignKeys;
  const placed = new Set<Operation>([...p.dropForeignKeys, ...dropTables, ...renameTables, ...creates, ...addKeys]);
  // Operations recorded under a table's old name act on it after its rename.
  const renamedTo = new Map(renameTables.map((op) => [(op as OperationOf<'renameTable'>).from, op.table] as const));
  const targets = new Set([...renameTables, ...p.creates].map((op) => op.table));
  const tableOf = (op: Operation): string => (targets.has(op.table) ? op.table : (renamedTo.get(op.table) ?? op.table));
  const alters = grouped(
    all.filter((op) => !placed.has(op)),
    tableOf,
  );
  const keys = [...new Set(addKeys.map((op) => op.table))].flatMap((table) => [
    ...late.filter((op) => op.table === table),
    ...addKeys.filter((op) => op.table === table),
  ]);
  return [...grouped(early, (op) => op.table), ...dropTables, ...renameTables, ...creates, ...alters, ...keys];
}

const referenceKey = (table: string, columns: readonly string[]): string => `${table}\0${columns.join(',')}`;

/** A key or check the schema itself wants NOT VALID: added so, never validated afterwards. */
const wantedNotValid = (op: Operation): boolean =>
  (op.kind === 'addForeignKey' && (op.foreignKey.notValid === true || op.foreignKey.notEnforced === true)) ||
  (op.kind === 'addCheck' && op.check.notEnforced === true) || (op.kind === 'addCheck' && op.check.notValid === true);

/**
 * Online plans on a database with transactional DDL: what can run without
 * blocking writes runs after the migration transaction, in plan order:
 * index builds on existing tables (`concurrentIndex`), and validation of
 * keys and checks added `NOT VALID` (`notValidConstraints`). A unique index
 * a new foreign key needs, and a UNIQUE constraint, are built inside the
 * transaction.
 */
export function afterCommitLast(operations: readonly Operation[], caps: Capabilities): Operation[] {
  if (!caps.transactionalDdl) return [...operations];
  const created = new Set(operations.filter((o) => o.kind === 'createTable').map((o) => o.table));
  const referenced = new Set(
    operations.flatMap((o) => (o.kind === 'addForeignKey' ? [referenceKey(o.foreignKey.references.table, o.foreignKey.references.columns)] : [])),
  );
  const now: Operation[] = [];
  const later: Operation[] = [];
  for (const op of operations) {
    const existing = !created.has(op.table);
    // A UNIQUE constraint (not a bare index) is added by ALTER TABLE, never concurrently.
    const concurrent = op.kind === 'addIndex' && op.index.constraint !== true && !(op.index.unique && referenced.has(referenceKey(op.table, op.index.columns)));
    if (op.kind === 'addIndex' && concurrent && caps.concurrentIndex && existing) {
      later.push({ ...op, online: true });
    } else if ((op.kind === 'addForeignKey' || op.kind === 'addCheck') && caps.notValidConstraints && existing && !wantedNotValid(op)) {
      now.push({ ...op, notValid: true });
      const name = op.kind === 'addForeignKey' ? op.foreignKey.name : op.check.name;
      const constraint = op.kind === 'addForeignKey' ? 'foreignKey' : 'check';
      later.push({ kind: 'validateConstraint', table: op.table, classification: op.classification, constraint, name, online: true, added: true });
    } else if (op.kind === 'validateConstraint' && caps.notValidConstraints) {
      later.push({ ...op, online: true });
    } else {
      now.push(op);
    }
  }
  return [...now, ...later];
}

/** The plan's operations in execution order. */
export function orderOperations(p: Phases, caps: Capabilities, online: boolean): Operation[] {
  const ordered = caps.mergeTableChanges ? mergedByTable(p, caps) : inPhaseOrder(p, caps);
  return online ? afterCommitLast(ordered, caps) : ordered;
}
