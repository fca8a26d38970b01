/**
 * DDL emission: a pure function from plan operations to statements. The
 * emitter is a mapped object over `OperationKind`, so a new operation kind is
 * a compile error here until it is handled.
 *
 * Every statement runs in the migration transaction except those of
 * operations the planner marked `online` (`CREATE INDEX CONCURRENTLY`,
 * `VALIDATE CONSTRAINT`), which are `transactional: false`; the planner has
 * placed them last, after the commit. Statements come in plan order.
 */
import { emitInPlanOrder, foreignKeyClause, OdacError, type EmitterTable, type Check, type ForeignKey, type Operation, type OperationOf, type PrimaryKey, type Statement, type Table } from '@odac/core';
import {
  ACCESS_EXCLUSIVE,
  alterColumn,
  columnDefinition,
  commentOnColumn,
  enumTypeFor,
  notNullNotValid,
  type Sql,
} from './emit-column.js';
import { operationBatchable } from './batchable.js';
import { dropIndexOrConstraint, dropWithEnumTypes } from './enum-sql.js';
import { literal, quote } from './quote.js';

const SHARE_ROW_EXCLUSIVE = 'SHARE ROW EXCLUSIVE';
const SHARE_UPDATE_EXCLUSIVE = 'SHARE UPDATE EXCLUSIVE';

const columnList = (columns: readonly string[]): string => columns.map(quote).join(', ');

function createTable(op: OperationOf<'createTable'>): Sql[] {
  const t = op.definition;
  const lines = t.columns.map((c) => columnDefinition(t.name, c));
  if (t.primaryKey) lines.push(primaryKeySql(t.primaryKey));
  // CREATE TABLE validates every check whatever it says: one wanted NOT VALID is added afterwards.
  const notValid = (t.checks ?? []).filter((c) => c.notValid === true);
  for (const check of (t.checks ?? []).filter((c) => c.notValid !== true)) lines.push(`${check.name ? `CONSTRAINT ${quote(check.name)} ` : ''}${checkSql(check)}`);
  const out: Sql[] = [
    ...t.columns.flatMap((c) => enumTypeFor(t.name, c)),
    { sql: `CREATE TABLE ${quote(t.name)} (\n  ${lines.join(',\n  ')}\n)` },
    ...notValid.map((c) => ({ sql: `ALTER TABLE ${quote(t.name)} ADD ${c.name ? `CONSTRAINT ${quote(c.name)} ` : ''}${checkSql(c)} NOT VALID` })),
    ...t.columns.filter((c) => c.notNullNotValid === true).map((c) => notNullNotValid(t.name, c)),
  ];
  if (t.comment) out.push({ sql: `COMMENT ON TABLE ${quote(t.name)} IS ${literal(t.comment)}` });
  for (const c of t.columns) if (c.comment) out.push(commentOnColumn(t.name, c.name, c.comment));
  return out;
}

/** `a, b` or, for a PostgreSQL 18 temporal key, `a, b WITHOUT OVERLAPS` / `a, PERIOD b`. */
function temporalList(columns: readonly string[], last: '' | ' WITHOUT OVERLAPS' | 'PERIOD '): string {
  if (last === '' || columns.length === 0) return columnList(columns);
  const quoted = columns.map(quote);
  const tail = quoted.pop() ?? '';
  return [...quoted, last === 'PERIOD ' ? `PERIOD ${tail}` : `${tail}${last}`].join(', ');
}

/** `[CONSTRAINT name] PRIMARY KEY (cols [WITHOUT OVERLAPS]) [DEFERRABLE …]`. */
function primaryKeySql(pk: PrimaryKey): string {
  const name = pk.name ? `CONSTRAINT ${quote(pk.name)} ` : '';
  return `${name}PRIMARY KEY (${temporalList(pk.columns, pk.withoutOverlaps === true ? ' WITHOUT OVERLAPS' : '')})${deferral(pk.deferrable)}`;
}

/** `CHECK (expr) [NO INHERIT] [NOT ENFORCED]`; NOT VALID is the caller's. */
const checkSql = (check: Check): string =>
  `CHECK (${check.expression})${check.noInherit === true ? ' NO INHERIT' : ''}${check.notEnforced === true ? ' NOT ENFORCED' : ''}`;


/** `SET NULL (cols)` / `SET DEFAULT (cols)` (PostgreSQL 15+) or the bare action. */
function onDeleteSql(fk: ForeignKey): string {
  const columns = fk.onDeleteColumns !== undefined && (fk.onDelete === 'SET NULL' || fk.onDelete === 'SET DEFAULT') ? ` (${columnList(fk.onDeleteColumns)})` : '';
  return `${fk.onDelete}${columns}`;
}

function addForeignKey(op: OperationOf<'addForeignKey'>): Sql[] {
  const fk = op.foreignKey;
  const sql =
    `ALTER TABLE ${quote(op.table)} ADD ` +
    // MATCH SIMPLE, NO ACTION and NOT DEFERRABLE are PostgreSQL's defaults: only the others are spelled out.
    foreignKeyClause(fk, quote, {
      columns: (columns) => temporalList(columns, fk.period === true ? 'PERIOD ' : ''),
      match: fk.match === 'full' ? ' MATCH FULL' : '',
      updateFirst: true,
      omitNoAction: true,
      action: (action, on) => (on === 'DELETE' ? onDeleteSql(fk) : action),
    }) +
    deferral(fk.deferrable) +
    (fk.notEnforced === true ? ' NOT ENFORCED' : '');
  // Adding a key takes SHARE ROW EXCLUSIVE on the referenced table too.
  const referenced = { table: fk.references.table, lock: SHARE_ROW_EXCLUSIVE };
  // NOT ENFORCED takes no NOT VALID (it is never validated anyway).
  return [{ sql: (op.notValid === true || fk.notValid === true) && fk.notEnforced !== true ? `${sql} NOT VALID` : sql, lock: SHARE_ROW_EXCLUSIVE, referenced }];
}

/**
 * VALIDATE CONSTRAINT. Online, it runs after the commit; when this plan
 * added the constraint NOT VALID and validation fails, the constraint is
 * dropped again so that the next run adds it anew, through the preflight
 * that names the offending rows.
 */
function validateConstraint(op: OperationOf<'validateConstraint'>): Sql[] {
  const table = quote(op.table);
  const name = quote(op.name);
  return [
    {
      sql: `ALTER TABLE ${table} VALIDATE CONSTRAINT ${name}`,
      // SHARE UPDATE EXCLUSIVE lets writes through.
      lock: SHARE_UPDATE_EXCLUSIVE,
      transactional: op.online !== true,
      ...(op.added === true ? { cleanup: [`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name}`] } : {}),
    },
  ];
}

const deferral = (d: 'immediate' | 'deferred' | undefined): string =>
  d !== undefined ? ` DEFERRABLE INITIALLY ${d === 'deferred' ? 'DEFERRED' : 'IMMEDIATE'}` : '';

/**
 * A UNIQUE constraint (not a bare unique index): `ADD CONSTRAINT … UNIQUE`,
 * or, when only a native definition says what it covers (INCLUDE), the index
 * first and then `ADD CONSTRAINT … UNIQUE USING INDEX`, which keeps its name.
 */
function addUniqueConstraint(op: OperationOf<'addIndex'>): Sql[] {
  const i = op.index;
  const table = quote(op.table);
  const name = quote(i.name);
  if (i.native === undefined) {
    const nulls = i.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
    const columns = temporalList(i.columns, i.withoutOverlaps === true ? ' WITHOUT OVERLAPS' : '');
    return [{ sql: `ALTER TABLE ${table} ADD CONSTRAINT ${name} UNIQUE${nulls} (${columns})${deferral(i.deferrable)}`, lock: ACCESS_EXCLUSIVE, buildsIndex: i.name }];
  }
  return [
    { sql: `CREATE UNIQUE INDEX ${name} ON ${table} ${i.native}`, lock: 'SHARE', buildsIndex: i.name },
    { sql: `ALTER TABLE ${table} ADD CONSTRAINT ${name} UNIQUE USING INDEX ${name}${deferral(i.deferrable)}`, lock: ACCESS_EXCLUSIVE },
  ];
}

function addCheck(op: OperationOf<'addCheck'>): Sql[] {
  const sql = `ALTER TABLE ${quote(op.table)} ADD CONSTRAINT ${quote(op.check.name)} ${checkSql(op.check)}`;
  return [{ sql: op.notValid === true || op.check.notValid === true ? `${sql} NOT VALID` : sql, lock: ACCESS_EXCLUSIVE }];
}

function addIndex(op: OperationOf<'addIndex'>): Sql[] {
  const i = op.index;
  if (i.constraint === true && i.unique) return addUniqueConstraint(op);
  // The planner chose which builds run concurrently (never one a new foreign key needs, never on a new table).
  const concurrently = op.online === true;
  const head = `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quote(i.name)} ON ${quote(op.table)}`;
  const body = i.native !== undefined ? ` ${i.native}` : ` (${columnList(i.columns)})${i.where !== undefined ? ` WHERE ${i.where}` : ''}`;
  return [
    {
      sql: head + body,
      lock: concurrently ? SHARE_UPDATE_EXCLUSIVE : 'SHARE',
      transactional: !concurrently,
      buildsIndex: i.name,
      // A failed concurrent build leaves an invalid index behind under this name.
      ...(concurrently ? { cleanup: [`DROP INDEX CONCURRENTLY IF EXISTS ${quote(i.name)}`] } : {}),
    },
  ];
}

function unsupported(op: Operation): never {
  throw new OdacError(
    'PLAN.UNSUPPORTED',
    `The PostgreSQL adapter cannot emit a ${op.kind} operation (table "${op.table}"): PostgreSQL changes tables in place, so the planner should never ask for it. This is a bug in the planner or in the capabilities it was given.`,
    { details: { kind: op.kind, table: op.table } },
  );
}

const EMITTERS: EmitterTable = {
  createTable: (op) => createTable(op),
  dropTable: (op) => {
    const enums = op.definition.columns.filter((c) => c.type.kind === 'enum').map((c) => c.name);
    return [{ sql: dropWithEnumTypes(op.table, enums, `DROP TABLE ${quote(op.table)}`), lock: ACCESS_EXCLUSIVE }];
  },
  renameTable: (op) => [{ sql: `ALTER TABLE ${quote(op.from)} RENAME TO ${quote(op.table)}`, lock: ACCESS_EXCLUSIVE }],
  addColumn: (op) => [
    ...enumTypeFor(op.table, op.column),
    { sql: `ALTER TABLE ${quote(op.table)} ADD COLUMN ${columnDefinition(op.table, op.column)}`, lock: ACCESS_EXCLUSIVE },
    ...(op.column.notNullNotValid === true ? [notNullNotValid(op.table, op.column)] : []),
    ...(op.column.comment ? [commentOnColumn(op.table, op.column.name, op.column.comment)] : []),
  ],
  dropColumn: (op) => {
    const drop = `ALTER TABLE ${quote(op.table)} DROP COLUMN ${quote(op.column.name)}`;
    return [{ sql: dropWithEnumTypes(op.table, op.column.type.kind === 'enum' ? [op.column.name] : [], drop), lock: ACCESS_EXCLUSIVE }];
  },
  renameColumn: (op) => [
    { sql: `ALTER TABLE ${quote(op.table)} RENAME COLUMN ${quote(op.from)} TO ${quote(op.to)}`, lock: ACCESS_EXCLUSIVE },
  ],
  alterColumn: (op) => alterColumn(op),
  setPrimaryKey: (op) => {
    const out: Sql[] = [];
    if (op.from) {
      out.push({ sql: `ALTER TABLE ${quote(op.table)} DROP CONSTRAINT ${quote(op.from.name ?? `${op.table}_pkey`)}`, lock: ACCESS_EXCLUSIVE });
    }
    if (op.to) out.push({ sql: `ALTER TABLE ${quote(op.table)} ADD ${primaryKeySql(op.to)}`, lock: ACCESS_EXCLUSIVE });
    return out;
  },
  addIndex,
  dropIndex: (op) => [
    { sql: op.index.unique ? dropIndexOrConstraint(op.table, op.index.name) : `DROP INDEX ${quote(op.index.name)}`, lock: ACCESS_EXCLUSIVE },
  ],
  addForeignKey,
  // Dropping a key removes its triggers from the referenced table, under ACCESS EXCLUSIVE there as well.
  dropForeignKey: (op) => [
    {
      sql: `ALTER TABLE ${quote(op.table)} DROP CONSTRAINT ${quote(op.foreignKey.name)}`,
      lock: ACCESS_EXCLUSIVE,
      referenced: { table: op.foreignKey.references.table, lock: ACCESS_EXCLUSIVE },
    },
  ],
  addCheck,
  dropCheck: (op) => [{ sql: `ALTER TABLE ${quote(op.table)} DROP CONSTRAINT ${quote(op.check.name)}`, lock: ACCESS_EXCLUSIVE }],
  validateConstraint,
  setTableComment: (op) => [
    { sql: `COMMENT ON TABLE ${quote(op.table)} IS ${literal(op.comment ? op.comment : null)}`, lock: SHARE_UPDATE_EXCLUSIVE },
  ],
  // MySQL's and SQLite's table options: normalize drops them, so a plan for PostgreSQL never has one.
  setTableOptions: (op) => unsupported(op),
  rebuildTable: (op) => unsupported(op),
};

/**
 * SQL for a plan's operations, in plan order (the planner already placed
 * what runs after the transaction last). Pure.
 */
export function emit(operations: readonly Operation[]): Statement[] {
  return emitInPlanOrder(operations, EMITTERS, (s, op) => (s.transactional && operationBatchable(op) ? { ...s, batchable: true } : s));
}
