/**
 * Each statement of a plan carries its kind and hazards, set by core
 * (`describeStatements`) from the operations it implements: every
 * operation kind, the planner's own destructive classifications, merged
 * statements (MySQL) and what an adapter sets itself.
 */
import {
  describeSeedStatements,
  describeStatements,
  planMigration,
  type Column,
  type Operation,
  type OperationKind,
  type OperationOf,
  type Statement,
  type StatementHazard,
} from '../../src/index.js';
import { fk, id, int, mysqlLike, pgLike, schema, sqliteLike, str, table } from '../helpers.js';

const email = str('email');
const narrowed: Column = { ...email, type: { kind: 'string', length: 20 } };
const users = table('users', [id(), email]);

/** One operation of each kind, destructive where the kind can be, with what it loses. */
const EVERY: { readonly [K in OperationKind]: { readonly op: OperationOf<K>; readonly loses: readonly StatementHazard['kind'][] } } = {
  createTable: { op: { kind: 'createTable', table: 'users', classification: 'additive', definition: users }, loses: [] },
  dropTable: { op: { kind: 'dropTable', table: 'users', classification: 'destructive', definition: users }, loses: ['dataLoss'] },
  renameTable: { op: { kind: 'renameTable', table: 'people', classification: 'changing', from: 'users' }, loses: [] },
  addColumn: { op: { kind: 'addColumn', table: 'users', classification: 'additive', column: email }, loses: [] },
  dropColumn: { op: { kind: 'dropColumn', table: 'users', classification: 'destructive', column: email }, loses: ['dataLoss'] },
  renameColumn: { op: { kind: 'renameColumn', table: 'users', classification: 'changing', from: 'mail', to: 'email' }, loses: [] },
  alterColumn: { op: { kind: 'alterColumn', table: 'users', classification: 'destructive', from: email, to: narrowed, changes: ['type'] }, loses: ['dataLoss'] },
  setPrimaryKey: { op: { kind: 'setPrimaryKey', table: 'users', classification: 'destructive', from: { name: 'users_pkey', columns: ['id'] } }, loses: ['integrityLoss'] },
  addIndex: { op: { kind: 'addIndex', table: 'users', classification: 'additive', index: { name: 'ix', columns: ['email'], unique: false } }, loses: [] },
  dropIndex: { op: { kind: 'dropIndex', table: 'users', classification: 'destructive', index: { name: 'uq', columns: ['email'], unique: true } }, loses: ['integrityLoss'] },
  addForeignKey: { op: { kind: 'addForeignKey', table: 'posts', classification: 'additive', foreignKey: { ...fk(['user_id'], 'users'), name: 'fk' } }, loses: [] },
  dropForeignKey: { op: { kind: 'dropForeignKey', table: 'posts', classification: 'destructive', foreignKey: { ...fk(['user_id'], 'users'), name: 'fk' } }, loses: ['integrityLoss'] },
  addCheck: { op: { kind: 'addCheck', table: 'users', classification: 'additive', check: { name: 'ck', expression: 'id > 0' } }, loses: [] },
  dropCheck: { op: { kind: 'dropCheck', table: 'users', classification: 'destructive', check: { name: 'ck', expression: 'id > 0' } }, loses: ['integrityLoss'] },
  validateConstraint: { op: { kind: 'validateConstraint', table: 'posts', classification: 'changing', constraint: 'foreignKey', name: 'fk' }, loses: [] },
  setTableComment: { op: { kind: 'setTableComment', table: 'users', classification: 'changing', comment: 'people' }, loses: [] },
  setTableOptions: {
    op: { kind: 'setTableOptions', table: 'users', classification: 'destructive', changes: ['charset'], from: { ...users, mysql: { charset: 'utf8mb4' } }, to: { ...users, mysql: { charset: 'latin1' } } },
    loses: ['dataLoss'],
  },
  rebuildTable: {
    op: {
      kind: 'rebuildTable',
      table: 'users',
      classification: 'destructive',
      from: users,
      to: users,
      columnMap: [{ from: 'id', to: 'id' }],
      replaces: [
        { kind: 'dropColumn', table: 'users', classification: 'destructive', column: str('legacy') },
        { kind: 'dropCheck', table: 'users', classification: 'destructive', check: { name: 'ck', expression: 'id > 0' } },
      ],
    },
    loses: ['dataLoss', 'integrityLoss'],
  },
};

const one = (op: Operation, extra: Partial<Statement> = {}): Statement => ({ sql: `-- ${op.kind}`, transactional: true, operation: 0, table: op.table, ...extra });

describe('describeStatements', () => {
  test.each(Object.values(EVERY).map((e) => [e.op.kind, e] as const))('%s: its statement has its kind and its losses', (_kind, { op, loses }) => {
    const [s] = describeStatements([op], [one(op)]);
    expect(s?.kind).toBe(op.kind);
    expect(s?.hazards).toEqual(loses.map((kind) => ({ kind, operation: 0 })));
  });

  test('the same operations, made changing, lose nothing', () => {
    for (const { op } of Object.values(EVERY)) {
      const changing: Operation = op.kind === 'rebuildTable' ? { ...op, classification: 'changing', replaces: [] } : { ...op, classification: 'changing' };
      expect(describeStatements([changing], [one(changing)])[0]?.hazards).toEqual([]);
    }
  });

  test('a column that stops generating values loses integrity; one made generated loses its values', () => {
    const counter: Column = { ...int('n'), autoIncrement: true };
    const stops: Operation = { kind: 'alterColumn', table: 't', classification: 'destructive', from: counter, to: int('n'), changes: ['autoIncrement'] };
    const generated: Operation = { kind: 'alterColumn', table: 't', classification: 'destructive', from: int('n'), to: { ...int('n'), generated: { expression: 'id * 2', stored: true } }, changes: ['generated'] };
    expect(describeStatements([stops], [one(stops)])[0]?.hazards).toEqual([{ kind: 'integrityLoss', operation: 0 }]);
    expect(describeStatements([generated], [one(generated)])[0]?.hazards).toEqual([{ kind: 'dataLoss', operation: 0 }]);
  });

  test('a lock and running outside the transaction are hazards of the statement, after its losses', () => {
    const op = EVERY.dropColumn.op;
    const [s] = describeStatements([op], [one(op, { lock: 'ACCESS EXCLUSIVE', transactional: false })]);
    expect(s?.hazards).toEqual([{ kind: 'dataLoss', operation: 0 }, { kind: 'lock', lock: 'ACCESS EXCLUSIVE' }, { kind: 'nonTransactional' }]);
  });

  test('every statement of a many-statement operation (a SQLite rebuild) carries it', () => {
    const op = EVERY.rebuildTable.op;
    const steps = describeStatements([op], [one(op, { rebuild: 'start' }), one(op), one(op, { rebuild: 'end' })]);
    expect(steps.map((s) => s.kind)).toEqual(['rebuildTable', 'rebuildTable', 'rebuildTable']);
    for (const s of steps) expect(s.hazards).toEqual([{ kind: 'dataLoss', operation: 0 }, { kind: 'integrityLoss', operation: 0 }]);
  });

  test('operations written into an earlier statement of their table (MySQL) give it their hazards; its kind says so', () => {
    const ops: Operation[] = [EVERY.addColumn.op, EVERY.dropColumn.op, EVERY.dropIndex.op, EVERY.addForeignKey.op];
    const [alter, key] = describeStatements(ops, [one(ops[0] as Operation), { sql: 'ALTER TABLE posts ADD …', transactional: false, operation: 3, table: 'posts' }]);
    expect(alter?.kind).toBe('alterTable');
    expect(alter?.hazards).toEqual([{ kind: 'dataLoss', operation: 1 }, { kind: 'integrityLoss', operation: 2 }]);
    expect(key).toMatchObject({ kind: 'addForeignKey', hazards: [{ kind: 'nonTransactional' }] });
  });

  test("a new table's indexes written into its CREATE TABLE keep the kind createTable; another table's operation is not taken in", () => {
    const other: Operation = { ...EVERY.dropTable.op, table: 'old' };
    const [create] = describeStatements([EVERY.createTable.op, EVERY.addIndex.op], [one(EVERY.createTable.op)]);
    expect(create).toMatchObject({ kind: 'createTable', hazards: [] });
    const [alone] = describeStatements([EVERY.createTable.op, other], [one(EVERY.createTable.op)]);
    expect(alone).toMatchObject({ kind: 'createTable', hazards: [] });
  });

  test('what the adapter set is kept, and not repeated', () => {
    const op = EVERY.addIndex.op;
    const own: StatementHazard[] = [{ kind: 'lock', lock: 'SHARE' }];
    const [s] = describeStatements([op], [one(op, { kind: 'other', hazards: own, lock: 'SHARE' })]);
    expect(s).toMatchObject({ kind: 'other', hazards: own });
  });

  test('a statement naming no operation is of kind other; seed statements are of kind seed', () => {
    expect(describeStatements([], [{ sql: 'SELECT 1', transactional: true }])).toEqual([{ sql: 'SELECT 1', transactional: true, kind: 'other', hazards: [] }]);
    expect(describeSeedStatements([{ sql: 'INSERT …', transactional: false, table: 'users' }])).toEqual([
      { sql: 'INSERT …', transactional: false, table: 'users', kind: 'seed', hazards: [{ kind: 'nonTransactional' }] },
    ]);
  });
});

describe("the planner's destructive operations, as statement hazards", () => {
  const posts = table('posts', [id(), int('user_id'), str('title', 200)], {
    indexes: [{ name: 'uq_posts_title', columns: ['title'], unique: true }],
    foreignKeys: [{ ...fk(['user_id'], 'users'), name: 'fk_posts_user_id' }],
    checks: [{ name: 'ck_posts_id', expression: 'id > 0' }],
  });
  const after = table('posts', [id(), str('title', 20)]);
  const hazardsOf = (capabilities: typeof pgLike): { kind: string; hazards: readonly StatementHazard[] }[] => {
    const plan = planMigration(schema(users, posts), schema(users, after), { capabilities, allowDestructive: true });
    // One statement per operation, as PostgreSQL's and SQL Server's emitters write them.
    const statements = describeStatements(plan.operations, plan.operations.map((op, operation) => ({ sql: op.kind, transactional: true, operation, table: op.table })));
    return statements.map((s) => ({ kind: s.kind, hazards: s.hazards.map((h) => ({ ...h, ...('operation' in h ? { operation: 0 } : {}) })) }));
  };

  test('in place: a dropped column and a narrowed type lose data; a dropped unique index, key and check lose integrity', () => {
    const loss = (kind: StatementHazard['kind']): StatementHazard[] => [{ kind, operation: 0 } as StatementHazard];
    expect(new Set(hazardsOf(pgLike).map((s) => JSON.stringify(s)))).toEqual(
      new Set(
        [
          { kind: 'dropForeignKey', hazards: loss('integrityLoss') },
          { kind: 'dropIndex', hazards: loss('integrityLoss') },
          { kind: 'dropCheck', hazards: loss('integrityLoss') },
          { kind: 'dropColumn', hazards: loss('dataLoss') },
          { kind: 'alterColumn', hazards: loss('dataLoss') },
        ].map((s) => JSON.stringify(s)),
      ),
    );
  });

  test('a rebuild (SQLite) loses what the operations it stands for lose', () => {
    const rebuild = hazardsOf(sqliteLike).filter((s) => s.kind === 'rebuildTable');
    expect(rebuild).toHaveLength(1);
    expect(rebuild[0]?.hazards.map((h) => h.kind).sort()).toEqual(['dataLoss', 'integrityLoss']);
  });

  test('MySQL-like capabilities plan the same losses', () => {
    const kinds = hazardsOf(mysqlLike).flatMap((s) => s.hazards.map((h) => `${s.kind}:${h.kind}`));
    expect(kinds).toEqual(expect.arrayContaining(['dropColumn:dataLoss', 'alterColumn:dataLoss', 'dropIndex:integrityLoss', 'dropForeignKey:integrityLoss']));
  });
});
