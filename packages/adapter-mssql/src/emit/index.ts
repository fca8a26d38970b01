/**
 * DDL emission: a pure function from plan operations to statements. The
 * emitter is a mapped object over `OperationKind`, so a new operation kind
 * is a compile error here until it is handled. Every statement runs in the
 * migration transaction; SQL Server's DDL is transactional. Names only the
 * server knows (a default constraint's, the enum CHECK's) are looked up by
 * the statement itself when it runs.
 */
import { emitInPlanOrder, foreignKeyClause, nameCheck, nameForeignKey, OdacError, type EmitterTable, type ForeignKey, type Operation, type OperationOf, type Statement } from '@odac/core';
import { defaultName, MAX_IDENTIFIER_LENGTH, primaryKeyName } from '../naming.js';
import { nameString, nstring, quote } from '../quote.js';
import { addColumn, afterNewColumn, alterColumn, columnDefinition, dropColumn, SCH_M, type Sql } from './column.js';
import { addDescription, dropPrimaryKey, dropUniqueIndex, recordAuthored, renameDefault, setDescription } from './tsql.js';

const columnList = (columns: readonly string[]): string => columns.map(quote).join(', ');

function createTable(op: OperationOf<'createTable'>): Sql[] {
  const t = op.definition;
  const lines = t.columns.map((c) => columnDefinition(t.name, c));
  if (t.primaryKey) {
    lines.push(`CONSTRAINT ${quote(t.primaryKey.name ?? primaryKeyName(t.name))} PRIMARY KEY (${columnList(t.primaryKey.columns)})`);
  }
  // The planner names every check; named again (the same way) for a hand-built operation, so its authored text can be recorded.
  const checks = (t.checks ?? []).map((c) => nameCheck(t.name, c, MAX_IDENTIFIER_LENGTH));
  for (const check of checks) lines.push(`CONSTRAINT ${quote(check.name)} CHECK (${check.expression})`);
  // A planner without inline foreign keys never sets them here; emitted anyway if one does.
  for (const fk of t.foreignKeys) lines.push(foreignKeySql(nameForeignKey(t.name, fk, MAX_IDENTIFIER_LENGTH)));
  const out: Sql[] = [{ sql: `CREATE TABLE ${quote(t.name)} (\n  ${lines.join(',\n  ')}\n)` }];
  for (const check of checks) {
    const record = recordAuthored(t.name, { kind: 'check', name: check.name }, check.expression);
    if (record) out.push({ sql: record });
  }
  if (t.comment) out.push({ sql: addDescription(t.name, undefined, t.comment) });
  for (const c of t.columns) out.push(...afterNewColumn(t.name, c));
  return out;
}

/** `CONSTRAINT [fk] FOREIGN KEY (…) REFERENCES [t] (…) [ON DELETE …] [ON UPDATE …]`; RESTRICT is NO ACTION here. */
const foreignKeySql = (fk: ForeignKey): string => foreignKeyClause(fk, quote, { omitNoAction: true, action: (a) => (a === 'RESTRICT' ? 'NO ACTION' : a) });

function addIndex(op: OperationOf<'addIndex'>): Sql[] {
  const i = op.index;
  if (i.native !== undefined) {
    // An introspected native index: `<CLUSTERED|NONCLUSTERED|…> (keys) [INCLUDE (…)] [WHERE …]`.
    const m = /^([A-Z ]+?) (\(.*)$/s.exec(i.native);
    const kind = m?.[1] ?? 'NONCLUSTERED';
    const rest = m?.[2] ?? i.native;
    return [{ sql: `CREATE ${i.unique ? 'UNIQUE ' : ''}${kind} INDEX ${quote(i.name)} ON ${quote(op.table)} ${rest}`, lock: SCH_M }];
  }
  const out: Sql[] = [
    {
      sql: `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${quote(i.name)} ON ${quote(op.table)} (${columnList(i.columns)})${i.where !== undefined ? ` WHERE ${i.where}` : ''}`,
      lock: SCH_M,
    },
  ];
  if (i.where !== undefined) {
    const record = recordAuthored(op.table, { kind: 'index', name: i.name }, i.where);
    if (record) out.push({ sql: record });
  }
  return out;
}

function addCheck(op: OperationOf<'addCheck'>): Sql[] {
  const out: Sql[] = [{ sql: `ALTER TABLE ${quote(op.table)} ADD CONSTRAINT ${quote(op.check.name)} CHECK (${op.check.expression})`, lock: SCH_M }];
  const record = recordAuthored(op.table, { kind: 'check', name: op.check.name }, op.check.expression);
  if (record) out.push({ sql: record });
  return out;
}

function unsupported(op: Operation): never {
  throw new OdacError(
    'PLAN.UNSUPPORTED',
    `The SQL Server adapter cannot emit a ${op.kind} operation (table "${op.table}"): SQL Server changes tables in place, so the planner should never ask for it. This is a bug in the planner or in the capabilities it was given.`,
    { details: { kind: op.kind, table: op.table } },
  );
}

const EMITTERS: EmitterTable = {
  createTable,
  dropTable: (op) => [{ sql: `DROP TABLE ${quote(op.table)}`, lock: SCH_M }],
  renameTable: (op) => [{ sql: `EXEC sys.sp_rename ${nameString(op.from)}, ${nstring(op.table)}, N'OBJECT'`, lock: SCH_M }],
  addColumn: (op) => addColumn(op.table, op.column),
  dropColumn: (op) => dropColumn(op.table, op.column),
  renameColumn: (op) => [
    { sql: `EXEC sys.sp_rename ${nameString(op.table, op.from)}, ${nstring(op.to)}, N'COLUMN'`, lock: SCH_M },
    { sql: renameDefault(op.table, op.to, defaultName(op.table, op.to)), lock: SCH_M },
  ],
  alterColumn,
  setPrimaryKey: (op) => {
    const out: Sql[] = [];
    if (op.from) {
      out.push({
        sql: op.from.name ? `ALTER TABLE ${quote(op.table)} DROP CONSTRAINT ${quote(op.from.name)}` : dropPrimaryKey(op.table),
        lock: SCH_M,
      });
    }
    if (op.to) {
      out.push({
        sql: `ALTER TABLE ${quote(op.table)} ADD CONSTRAINT ${quote(op.to.name ?? primaryKeyName(op.table))} PRIMARY KEY (${columnList(op.to.columns)})`,
        lock: SCH_M,
      });
    }
    return out;
  },
  addIndex,
  dropIndex: (op) => [{ sql: op.index.unique ? dropUniqueIndex(op.table, op.index.name) : `DROP INDEX ${quote(op.index.name)} ON ${quote(op.table)}`, lock: SCH_M }],
  addForeignKey: (op) => [{ sql: `ALTER TABLE ${quote(op.table)} ADD ${foreignKeySql(op.foreignKey)}`, lock: SCH_M }],
  dropForeignKey: (op) => [{ sql: `ALTER TABLE ${quote(op.table)} DROP CONSTRAINT ${quote(op.foreignKey.name)}`, lock: SCH_M }],
  addCheck,
  dropCheck: (op) => [{ sql: `ALTER TABLE ${quote(op.table)} DROP CONSTRAINT ${quote(op.check.name)}`, lock: SCH_M }],
  // WITH CHECK CHECK re-checks the rows and marks the constraint trusted again.
  validateConstraint: (op) => [{ sql: `ALTER TABLE ${quote(op.table)} WITH CHECK CHECK CONSTRAINT ${quote(op.name)}`, lock: SCH_M }],
  setTableComment: (op) => [{ sql: setDescription(op.table, undefined, op.comment) }],
  // MySQL's and SQLite's table options: normalize drops them, so a plan for SQL Server never has one.
  setTableOptions: (op) => unsupported(op),
  rebuildTable: (op) => unsupported(op),
};

/**
 * SQL for a plan's operations, in plan order, all transactional. Pure.
 * `online` has no effect: SQL Server's `ONLINE = ON` needs Enterprise
 * edition, so odac does not rely on it.
 */
export function emit(operations: readonly Operation[]): Statement[] {
  return emitInPlanOrder(operations, EMITTERS);
}
