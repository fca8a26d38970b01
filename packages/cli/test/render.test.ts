import { computePlan, describeStatements, type DriverAdapter, type Operation, type PlanResult, type Statement } from '@odac/core';
import mssql from '@odac/adapter-mssql';
import mysql from '@odac/adapter-mysql';
import postgres from '@odac/adapter-postgres';
import sqlite from '@odac/adapter-sqlite';
import { createColors, shouldColor } from '../src/render/color.js';
import { describeOperations, describePreflightCheck, describeType } from '../src/render/describe.js';
import { isDestructive, planHazards } from '../src/render/hazards.js';
import { NOTHING_TO_DO, renderPlan } from '../src/render/human.js';
import { renderJson, toJsonPlan } from '../src/render/json.js';
import { createFakeAdapter, createFakeDatabase } from './helpers/fake-adapter.js';
import { col, fk, posts, schema, str, table, users } from './helpers/model.js';

const plain = createColors(false);
const adapter = createFakeAdapter(createFakeDatabase());

const current = schema(
  table('users', [...users.columns, col('legacy')], { primaryKey: users.primaryKey }),
  table('posts', posts.columns, { primaryKey: posts.primaryKey, foreignKeys: [fk(['user_id'], 'users', ['id'], 'CASCADE')] }),
  table('audit_log', [col('id'), col('at', str)]),
);
const desired = schema(
  table('users', [...users.columns, col('email', str, { nullable: false, default: { kind: 'literal', value: "o'k" } })], { primaryKey: users.primaryKey }),
  table('posts', posts.columns, { primaryKey: posts.primaryKey, foreignKeys: [fk(['user_id'], 'users', ['id'], 'SET NULL')] }),
  table('tags', [col('id'), col('label', str)]),
);

describe('human rendering', () => {
  const result = computePlan(adapter, current, desired);
  const text = renderPlan(result, { colors: plain, sql: true, mode: 'plan' });

  test('changes are grouped by table, each with its symbol', () => {
    expect(text).toContain('posts\n  ~ change foreign key posts.user_id: ON DELETE CASCADE → SET NULL\n');
    expect(text).toContain('tags\n  + create table tags (2 columns)\n');
    expect(text).toContain("users\n  + add column users.email (string(255) NOT NULL DEFAULT 'o''k')\n");
  });

  test('the SQL follows the summary, one statement per line ending in a semicolon', () => {
    expect(text.indexOf('SQL (')).toBeGreaterThan(text.indexOf('+ create table tags'));
    expect(text).toContain('  CREATE TABLE tags (id, label);\n');
    expect(text).toContain('  ALTER TABLE users ADD COLUMN email;\n');
  });

  test('skipped destructive changes are hazards that name the flag that allows them', () => {
    expect(text).toContain('\nHazards:\n  Skipped 1 destructive change (run again with --allow-destructive to include them):\n    - drop column users.legacy: ');
  });

  test('unmanaged tables are left alone, with the flags that would drop them', () => {
    expect(text).toContain('Unmanaged tables (in the database, not in the schema; left alone): audit_log\n  To drop them too: --drop-unmanaged --allow-destructive');
    const dropping = renderPlan(computePlan(adapter, current, desired, { allowDestructive: true, dropUnmanagedTables: true }), { colors: plain, sql: false, mode: 'plan' });
    expect(dropping).toContain('audit_log\n  - drop table audit_log\n');
    expect(dropping).toContain('  Destructive (data in these will be lost):\n    - drop column users.legacy\n    - drop table audit_log\n');
    expect(dropping).not.toContain('Unmanaged tables');
    const skipping = renderPlan(computePlan(adapter, current, desired, { dropUnmanagedTables: true }), { colors: plain, sql: false, mode: 'plan' });
    expect(skipping).toContain('  Skipped 2 destructive changes (run again with --allow-destructive to include them):\n    - drop column users.legacy: ');
    expect(skipping).toContain('    - drop table audit_log: table "audit_log" has no schema file');
    expect(skipping).not.toContain('Unmanaged tables');
  });

  test('locks and statements outside the transaction are hazards', () => {
    const locking: PlanResult = {
      ...result,
      statements: describeStatements(result.plan.operations, [
        { sql: 'ALTER TABLE posts DROP CONSTRAINT x', transactional: true, table: 'posts', lock: 'ACCESS EXCLUSIVE' },
        { sql: 'ALTER TABLE posts ADD CONSTRAINT x', transactional: true, table: 'posts', lock: 'ACCESS EXCLUSIVE' },
        { sql: 'CREATE INDEX CONCURRENTLY i ON users (email)', transactional: false, table: 'users' },
        { sql: 'VALIDATE x', transactional: true, table: 'posts', lock: 'SHARE UPDATE EXCLUSIVE' },
      ]),
    };
    const out = renderPlan(locking, { colors: plain, sql: true, mode: 'plan' });
    expect(out).toContain('  -- takes ACCESS EXCLUSIVE lock\n  ALTER TABLE posts DROP CONSTRAINT x;');
    expect(out).toContain('  Locks (other sessions may wait on these tables while the plan runs):\n    - posts: ACCESS EXCLUSIVE (2 statements), SHARE UPDATE EXCLUSIVE (1 statement)\n');
    expect(out).toContain('  Outside the transaction:\n    - users: CREATE INDEX CONCURRENTLY i ON users (email) runs outside the transaction');
  });

  test("hazards are read from the statements' metadata, not from the SQL or the operations", () => {
    // An adapter that marks its own hazards: a lock it does not put in `lock`, and a loss the planner did not classify.
    const base = createFakeAdapter(createFakeDatabase());
    const marking: DriverAdapter = {
      ...base,
      emit: (operations, options) =>
        base.emit(operations, options).map((s): Statement => (s.table === 'tags' ? { ...s, hazards: [{ kind: 'lock', lock: 'EXCLUSIVE' }, { kind: 'dataLoss', operation: s.operation ?? 0 }] } : s)),
    };
    const marked = computePlan(marking, current, desired);
    const create = marked.statements.findIndex((s) => s.table === 'tags');
    expect(marked.statements[create]?.kind).toBe('createTable');
    expect(marked.statements[create]?.lock).toBeUndefined();
    const out = renderPlan(marked, { colors: plain, sql: true, mode: 'plan' });
    expect(out).toContain('  -- takes EXCLUSIVE lock\n  CREATE TABLE tags (id, label);');
    expect(out).toContain('  Destructive (data in these will be lost):\n    - create table tags (2 columns)\n');
    expect(out).toContain('  Locks (other sessions may wait on these tables while the plan runs):\n    - tags: EXCLUSIVE (1 statement)\n');
    expect(toJsonPlan(marked, 'fake').hazards).toContainEqual({ kind: 'lock', statement: create, table: 'tags', lock: 'EXCLUSIVE', message: 'tags: CREATE TABLE tags (id, label) takes EXCLUSIVE lock' });
    // A destructive operation whose statements carry no hazard shows none: the operations are not read again.
    const destructive = computePlan(adapter, current, desired, { allowDestructive: true });
    expect(renderPlan(destructive, { colors: plain, sql: false, mode: 'plan' })).toContain('Destructive (data in these will be lost)');
    const bare = { ...destructive, statements: destructive.statements.map((s) => ({ ...s, hazards: [] })) };
    expect(renderPlan(bare, { colors: plain, sql: false, mode: 'plan' })).not.toContain('Destructive (data in these will be lost)');
  });

  test('where no statement is transactional (MySQL), the hazard is said once, not per statement', () => {
    const mysqlLike: PlanResult = {
      ...result,
      statements: describeStatements(result.plan.operations, [
        { sql: 'ALTER TABLE posts DROP FOREIGN KEY x', transactional: false, table: 'posts' },
        { sql: 'ALTER TABLE posts ADD CONSTRAINT x', transactional: false, table: 'posts' },
      ]),
    };
    const out = renderPlan(mysqlLike, { colors: plain, sql: true, mode: 'plan' });
    expect(out).not.toContain('-- runs outside the transaction');
    expect(out).toContain('  Outside the transaction:\n    - this database cannot roll back DDL: if a statement fails, the ones before it stay applied; run migrate again to converge from there\n');
  });

  test('without colour there is no escape code; with colour there is', () => {
    expect(text).not.toContain('\u001b[');
    expect(renderPlan(result, { colors: createColors(true), sql: true, mode: 'plan' })).toContain('\u001b[32m+\u001b[39m create table tags (2 columns)');
  });

  test('migrate mode without SQL', () => {
    const migrating = renderPlan(result, { colors: plain, sql: false, mode: 'migrate' });
    expect(migrating).toMatch(/^Migrating: 3 changes to 3 tables\./);
    expect(migrating).not.toContain('SQL (');
  });

  test('nothing to do', () => {
    const same = computePlan(adapter, desired, desired);
    expect(renderPlan(same, { colors: plain, sql: true, mode: 'plan' })).toBe(`${NOTHING_TO_DO}\n`);
  });

  test('nothing to do but skipped changes', () => {
    const onlyDrop = computePlan(adapter, schema(table('users', [...users.columns, col('legacy')], { primaryKey: users.primaryKey })), schema(users));
    const out = renderPlan(onlyDrop, { colors: plain, sql: true, mode: 'plan' });
    expect(out).toMatch(/^Nothing to do without --allow-destructive: 1 destructive change skipped\.\n\nHazards:\n/);
    expect(out).toContain('    - drop column users.legacy: ');
  });

  test('unmanaged tables, preflight checks and warnings get their own sections', () => {
    const fake: PlanResult = {
      ...result,
      plan: {
        ...result.plan,
        unmanagedTables: ['audit_log', 'sessions'],
        preflight: [{ kind: 'notNull', table: 'users', column: 'email' }],
        warnings: ['Table "a" looks renamed.'],
      },
    };
    const out = renderPlan(fake, { colors: plain, sql: false, mode: 'plan' });
    expect(out).toContain('Unmanaged tables (in the database, not in the schema; left alone): audit_log, sessions');
    expect(out).toContain('  Preflight checks (run before any change; a failure changes nothing):\n    - no NULL in users.email (it becomes NOT NULL)');
    expect(out).toContain('Warnings:\n  - Table "a" looks renamed.\n');
  });
});

describe('describing operations', () => {
  test('a table rebuild lists what it replaces', () => {
    const sqlite = createFakeAdapter(createFakeDatabase(), { alterForeignKey: false });
    const result = computePlan(sqlite, current, desired);
    const lines = describeOperations(result.plan.operations).map((l) => `${l.symbol} ${l.text}`);
    expect(lines).toContain('↻ rebuild table posts (change foreign key posts.user_id: ON DELETE CASCADE → SET NULL)');
  });

  test('a change of deferral or MATCH is said, not just "recreated"', () => {
    const from = fk(['user_id'], 'users', ['id'], 'CASCADE');
    const to = { ...from, deferrable: 'deferred' as const, match: 'full' as const };
    const result = computePlan(adapter, schema(users, table('posts', posts.columns, { primaryKey: posts.primaryKey, foreignKeys: [from] })), schema(users, table('posts', posts.columns, { primaryKey: posts.primaryKey, foreignKeys: [to] })));
    const lines = describeOperations(result.plan.operations).map((l) => `${l.symbol} ${l.text}`);
    expect(lines).toEqual(['~ change foreign key posts.user_id: NOT DEFERRABLE → DEFERRABLE INITIALLY DEFERRED, MATCH SIMPLE → MATCH FULL']);
  });

  test('each kind has a line', () => {
    const idx = { name: 'users_email_unique', columns: ['email'], unique: true };
    const ops: Operation[] = [
      { kind: 'dropTable', table: 't', classification: 'destructive', definition: table('t', []) },
      { kind: 'renameTable', table: 'new', from: 'old', classification: 'changing' },
      { kind: 'renameColumn', table: 'u', from: 'a', to: 'b', classification: 'changing' },
      {
        kind: 'alterColumn',
        table: 'u',
        classification: 'changing',
        from: col('age', { kind: 'integer', size: 'regular' }),
        to: col('age', { kind: 'integer', size: 'big' }, { nullable: false, default: { kind: 'literal', value: 0 } }),
        changes: ['type', 'nullable', 'default'],
      },
      { kind: 'setPrimaryKey', table: 'u', classification: 'changing', from: { columns: ['id'] }, to: { columns: ['id', 'tenant'] } },
      { kind: 'addIndex', table: 'u', classification: 'additive', index: idx },
      { kind: 'dropIndex', table: 'u', classification: 'changing', index: { ...idx, name: 'old_idx', unique: false } },
      { kind: 'addCheck', table: 'u', classification: 'additive', check: { name: 'age_positive', expression: 'age > 0' } },
      { kind: 'setTableComment', table: 'u', classification: 'changing', comment: 'hi' },
    ];
    expect(describeOperations(ops).map((l) => `${l.symbol} ${l.text}`)).toEqual([
      '- drop table t',
      '~ rename table old → new',
      '~ rename column u.a → u.b',
      '~ change column u.age: type integer → bigint, nullable → NOT NULL, default none → 0',
      '~ change primary key u: (id) → (id, tenant)',
      '+ add unique index users_email_unique on u (email)',
      '- drop index old_idx on u (email)',
      '+ add check age_positive on u (age > 0)',
      '~ set comment on u',
    ]);
  });

  test('a generated column re-created by drop + add reads as one line saying so', () => {
    const int = { kind: 'integer', size: 'regular' } as const;
    const from = col('total', int, { generated: { expression: 'price * qty', stored: true } });
    const to = col('total', int, { generated: { expression: 'price + qty', stored: false } });
    const ops: Operation[] = [
      { kind: 'dropColumn', table: 'lines', classification: 'changing', column: from, replace: true },
      { kind: 'addColumn', table: 'lines', classification: 'additive', column: to, replace: true },
      { kind: 'addColumn', table: 'lines', classification: 'additive', column: col('half', int, { generated: { expression: 'qty / 2', stored: true } }) },
    ];
    expect(describeOperations(ops).map((l) => `${l.symbol} ${l.text}`)).toEqual([
      '~ recreate column lines.total (drop and add): integer GENERATED (price * qty) STORED → integer GENERATED (price + qty) VIRTUAL',
      '+ add column lines.half (integer GENERATED (qty / 2) STORED)',
    ]);
  });

  test('two keys on the same columns changing at once: each drop pairs with the add under its name (issue 10)', () => {
    const key = (name: string, onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION') =>
      ({ name, columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete, onUpdate: 'NO ACTION' }) as const;
    const ops: Operation[] = [
      { kind: 'dropForeignKey', table: 'posts', classification: 'changing', foreignKey: key('a', 'CASCADE') },
      { kind: 'dropForeignKey', table: 'posts', classification: 'changing', foreignKey: key('b', 'SET NULL') },
      { kind: 'addForeignKey', table: 'posts', classification: 'additive', foreignKey: key('b', 'NO ACTION') },
      { kind: 'addForeignKey', table: 'posts', classification: 'additive', foreignKey: key('a', 'RESTRICT') },
    ];
    expect(describeOperations(ops).map((l) => `${l.symbol} ${l.text}`)).toEqual([
      '~ change foreign key posts.user_id: ON DELETE CASCADE → RESTRICT',
      '~ change foreign key posts.user_id: ON DELETE SET NULL → NO ACTION',
    ]);
  });

  test('types and preflight checks read naturally', () => {
    expect(describeType({ kind: 'integer', size: 'big', unsigned: true })).toBe('bigint unsigned');
    expect(describeType({ kind: 'decimal', precision: 10, scale: 2 })).toBe('decimal(10,2)');
    expect(describeType({ kind: 'enum', values: ['a', "b'c"] })).toBe("enum('a', 'b''c')");
    expect(describeType({ kind: 'native', sql: 'citext' })).toBe('citext');
    expect(
      describePreflightCheck({ kind: 'foreignKey', table: 'posts', constraint: 'fk_posts_user_id', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, targetIsNew: false }),
    ).toBe('every posts.user_id matches a row of users.id (foreign key fk_posts_user_id)');
    expect(describePreflightCheck({ kind: 'unique', table: 'users', constraint: 'u_email', columns: ['email'] })).toBe('no duplicate (email) in users (unique u_email)');
  });
});

describe("destructive hazards through each built-in adapter's emitter", () => {
  // MySQL writes a table's changes as one ALTER, SQLite rebuilds the table: each destructive operation still shows once.
  const before = schema(
    table('users', [...users.columns, col('legacy'), col('nick', str)], { primaryKey: users.primaryKey, indexes: [{ name: 'uq_users_nick', columns: ['nick'], unique: true }] }),
  );
  const after = schema(table('users', [...users.columns, col('nick', str), col('email', str)], { primaryKey: users.primaryKey }));
  test.each([
    ['sqlite', sqlite],
    ['postgres', postgres],
    ['mysql', mysql],
    ['mssql', mssql],
  ] as const)('%s', (_name, real) => {
    const result = computePlan(real, real.normalize(before), after, { allowDestructive: true });
    const destructive = result.plan.operations.flatMap((op, i) => (isDestructive(op) ? [i] : []));
    expect(destructive.length).toBeGreaterThan(0);
    expect(planHazards(result).flatMap((h) => (h.kind === 'destructive' ? [h.operation] : []))).toEqual(destructive);
    expect(renderPlan(result, { colors: plain, sql: false, mode: 'plan' })).toContain('  Destructive (data in these will be lost):\n    - ');
  });
});

describe('JSON rendering', () => {
  const result = computePlan(adapter, current, desired);

  test('has exactly the documented keys, in order', () => {
    const json = JSON.parse(renderJson(result, 'fake')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['version', 'driver', 'operations', 'statements', 'hazards', 'skipped', 'preflight', 'unmanagedTables', 'warnings']);
    expect(json['version']).toBe(1);
    expect(json['driver']).toBe('fake');
    expect(json['statements']).toContainEqual({ sql: 'CREATE TABLE tags (id, label)', kind: 'createTable', transactional: true, operation: 1, table: 'tags' });
    expect((json['skipped'] as { allowWith: string }[]).map((s) => s.allowWith)).toEqual(['--allow-destructive']);
    expect(json['unmanagedTables']).toEqual(['audit_log']);
    const destructive = JSON.parse(renderJson(computePlan(adapter, current, desired, { allowDestructive: true }), 'fake')) as { hazards: unknown[] };
    expect(destructive.hazards).toEqual([{ kind: 'destructive', operation: expect.any(Number), table: 'users', loses: ['data'], message: 'drop column users.legacy' }]);
  });

  test('applied is present only when given', () => {
    expect(toJsonPlan(result, 'fake', 4).applied).toBe(4);
    expect('applied' in toJsonPlan(result, 'fake')).toBe(false);
  });

  test('is deterministic', () => {
    expect(renderJson(computePlan(adapter, current, desired), 'fake')).toBe(renderJson(result, 'fake'));
  });
});

describe('shouldColor', () => {
  test('only on a TTY without NO_COLOR', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({}, {})).toBe(false);
  });
});
