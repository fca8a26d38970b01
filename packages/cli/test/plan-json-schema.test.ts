/**
 * `--json` output against the committed JSON Schema
 * (packages/cli/schema/plan.schema.json): hand-made plans covering every
 * operation, preflight check and hazard kind, plans the real planner makes
 * (fake adapter and SQLite), migrate, pull and error output.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite from '@odac/adapter-sqlite';
import { computePlan, describeStatements, type Column, type Operation, type PlanResult, type PreflightCheck, type Table } from '@odac/core';
import { renderJson } from '../src/render/json.js';
import { createFakeAdapter, createFakeDatabase } from './helpers/fake-adapter.js';
import { importerWith } from './helpers/importer.js';
import { col, fk, posts, schema, str, table, users } from './helpers/model.js';
import { runCli } from './helpers/streams.js';
import { validate } from './support/json-schema.js';

const SCHEMA = JSON.parse(readFileSync(path.join(__dirname, '..', 'schema', 'plan.schema.json'), 'utf8')) as Record<string, unknown>;

function check(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  expect(validate(SCHEMA, value)).toEqual([]);
  return value;
}

const email: Column = { name: 'email', type: { kind: 'string', length: 190 }, nullable: false, default: { kind: 'literal', value: '' }, comment: 'login' };
const t: Table = { ...users, checks: [{ name: 'ck_users_id', expression: 'id > 0' }], comment: 'people', source: '/app/schema/users.js' };
const every: Operation[] = [
  { kind: 'createTable', table: 'users', classification: 'additive', definition: t },
  { kind: 'dropTable', table: 'old', classification: 'destructive', definition: table('old', [col('x')]) },
  { kind: 'renameTable', table: 'people', classification: 'changing', from: 'persons' },
  { kind: 'addColumn', table: 'users', classification: 'additive', column: email },
  { kind: 'dropColumn', table: 'users', classification: 'destructive', column: col('legacy') },
  { kind: 'dropColumn', table: 'users', classification: 'changing', column: { ...col('total'), generated: { expression: 'id * 2', stored: true } }, replace: true },
  { kind: 'addColumn', table: 'users', classification: 'additive', column: { ...col('total'), generated: { expression: 'id * 3', stored: false } }, replace: true },
  { kind: 'renameColumn', table: 'users', classification: 'changing', from: 'mail', to: 'email' },
  { kind: 'alterColumn', table: 'users', classification: 'destructive', from: email, to: { ...email, type: { kind: 'string', length: 20 } }, changes: ['type', 'default'] },
  { kind: 'setPrimaryKey', table: 'users', classification: 'changing', from: { name: 'users_pkey', columns: ['id'] }, to: { columns: ['id', 'email'] } },
  { kind: 'setPrimaryKey', table: 'logs', classification: 'changing' },
  { kind: 'addIndex', table: 'users', classification: 'additive', index: { name: 'active', columns: ['email'], unique: true, where: 'id > 0' } },
  { kind: 'dropIndex', table: 'users', classification: 'changing', index: { name: 'by_expr', columns: [], unique: false, native: 'lower(email)' } },
  {
    kind: 'addForeignKey',
    table: 'posts',
    classification: 'additive',
    foreignKey: { ...fk(['user_id'], 'users', ['id'], 'SET NULL'), name: 'fk_posts_user_id', deferrable: 'deferred', match: 'full' },
  },
  { kind: 'dropForeignKey', table: 'posts', classification: 'changing', foreignKey: { ...fk(['user_id'], 'users', ['id'], 'CASCADE'), name: 'fk_posts_user_id' } },
  { kind: 'addCheck', table: 'users', classification: 'additive', check: { name: 'ck', expression: 'id > 0' } },
  { kind: 'dropCheck', table: 'users', classification: 'changing', check: { name: 'ck', expression: 'id > 1' } },
  { kind: 'validateConstraint', table: 'users', classification: 'changing', constraint: 'foreignKey', name: 'fk_users_x' },
  // PostgreSQL-only details (issue 10): deferrable/temporal keys, check and key flags, enum type names, serial columns, NOT NULL NOT VALID.
  {
    kind: 'createTable',
    table: 'pg',
    classification: 'additive',
    definition: {
      name: 'pg',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'small' }, nullable: false, autoIncrement: true, identity: 'serial' },
        { name: 'mood', type: { kind: 'enum', values: ['sad', 'ok'], typeName: 'mood' }, nullable: true, collation: '"C"', notNullNotValid: true },
      ],
      primaryKey: { name: 'pg_pkey', columns: ['id', 'mood'], deferrable: 'deferred', withoutOverlaps: true },
      indexes: [{ name: 'pg_mood_key', columns: ['mood'], unique: true, constraint: true, deferrable: 'immediate', nullsNotDistinct: true, withoutOverlaps: true }],
      foreignKeys: [{ ...fk(['id'], 'users', ['id'], 'SET NULL'), onDeleteColumns: ['id'], period: true, notValid: true }],
      checks: [{ name: 'pg_ck', expression: 'id > 0', noInherit: true, notValid: true, notEnforced: true }],
    },
  },
  { kind: 'validateConstraint', table: 'pg', classification: 'changing', constraint: 'check', name: 'pg_ck' },
  { kind: 'setTableComment', table: 'users', classification: 'changing', comment: 'people' },
  { kind: 'setTableComment', table: 'users', classification: 'changing' },
];
every.push({
  kind: 'rebuildTable',
  table: 'posts',
  classification: 'changing',
  from: posts,
  to: posts,
  columnMap: [{ from: 'id', to: 'id' }],
  replaces: [every[11] as Operation, every[12] as Operation],
});
every.push(
  { kind: 'addColumn', table: 'users', classification: 'additive', column: { ...email, name: 'email2' }, position: { after: 'id' } },
  { kind: 'alterColumn', table: 'users', classification: 'changing', from: email, to: email, changes: ['position'], position: { after: null } },
);
every.push({
  kind: 'setTableOptions',
  table: 'users',
  classification: 'changing',
  changes: ['engine', 'strict'],
  from: { ...users, mysql: { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_general_ci' } },
  to: { ...users, mysql: { engine: 'MyISAM' }, sqlite: { strict: true } },
});
const checks: PreflightCheck[] = [
  { kind: 'notNull', table: 'users', column: 'email' },
  { kind: 'foreignKey', table: 'posts', constraint: 'fk_posts_user_id', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, targetIsNew: false },
  { kind: 'unique', table: 'users', constraint: 'uq_users_email', columns: ['email'] },
  { kind: 'fitsType', table: 'users', column: 'email', from: { kind: 'string', length: 190 }, to: { kind: 'string', length: 20 } },
  { kind: 'emptyTable', table: 'users', column: 'email' },
];
const handMade: PlanResult = {
  plan: {
    operations: every,
    skipped: [{ operation: every[4] as Operation, reason: 'it would delete data', allowWith: '--allow-destructive' }],
    preflight: checks,
    unmanagedTables: ['audit'],
    warnings: ['Column "users"."mail" looks renamed.'],
  },
  statements: describeStatements(every, [
    { sql: 'CREATE TABLE users (id int)', transactional: true, operation: 0, table: 'users' },
    { sql: 'ALTER TABLE users ADD email text', transactional: true, operation: 3, table: 'users', lock: 'ACCESS EXCLUSIVE' },
    { sql: 'CREATE INDEX CONCURRENTLY active ON users (email)', transactional: false, operation: 9, table: 'users' },
    { sql: 'SELECT 1', transactional: true },
  ]),
  current: schema(),
  desired: schema(),
};

describe('plan --json matches plan.schema.json', () => {
  test('a plan with every operation, preflight check and hazard kind', () => {
    const json = check(renderJson(handMade, 'postgres', 4)) as { hazards: { kind: string }[]; operations: unknown[] };
    expect(new Set(json.hazards.map((h) => h.kind))).toEqual(new Set(['destructive', 'lock', 'nonTransactional', 'preflight']));
    expect(json.operations).toHaveLength(every.length);
  });

  test('what the planner makes: created tables, changed keys, skipped drops', () => {
    const adapter = createFakeAdapter(createFakeDatabase());
    const current = schema(table('users', [...users.columns, col('legacy')], { primaryKey: users.primaryKey }), posts, table('audit', [col('id')]));
    const desired = schema(users, { ...posts, foreignKeys: [fk(['user_id'], 'users', ['id'], 'SET NULL')] }, table('tags', [col('id'), col('label', str)]));
    check(renderJson(computePlan(adapter, current, desired), 'fake'));
    check(renderJson(computePlan(adapter, current, desired, { allowDestructive: true, dropUnmanagedTables: true }), 'fake'));
  });

  test('SQLite table rebuilds', () => {
    const current = sqlite.normalize(schema(users, posts));
    const desired = schema(users, { ...posts, foreignKeys: [fk(['user_id'], 'users', ['id'], 'SET NULL')], indexes: [{ columns: ['title'], unique: true, where: 'title IS NOT NULL' }] });
    const json = check(renderJson(computePlan(sqlite, current, desired), 'sqlite')) as { operations: { kind: string }[] };
    expect(json.operations.map((o) => o.kind)).toContain('rebuildTable');
  });

  describe('the schema can fail', () => {
    const valid = JSON.parse(renderJson(handMade, 'postgres')) as Record<string, unknown>;

    test.each<[string, (v: Record<string, unknown>) => unknown]>([
      ['a missing key', ({ hazards: _h, ...rest }) => rest],
      ['an extra key', (v) => ({ ...v, extra: true })],
      ['a wrong version', (v) => ({ ...v, version: 2 })],
      ['an unknown operation kind', (v) => ({ ...v, operations: [{ kind: 'truncate', table: 'x', classification: 'destructive' }] })],
      ['an unknown foreign key action', (v) => ({ ...v, operations: [{ ...every[11], foreignKey: { ...fk(['a'], 'b', ['c']), name: 'n', onDelete: 'EXPLODE' } }] })],
      ['a statement without sql', (v) => ({ ...v, statements: [{ transactional: true }] })],
      ['a negative statement index in a hazard', (v) => ({ ...v, hazards: [{ kind: 'lock', statement: -1, lock: 'X', message: 'm' }] })],
    ])('rejects %s', (_what, mutate) => {
      expect(validate(SCHEMA, mutate(valid)).length).toBeGreaterThan(0);
    });
  });
});

describe('command output matches plan.schema.json', () => {
  let dir: string;
  const sqliteModule = { default: sqlite };
  const odac = (argv: string[]) => runCli(argv, { cwd: dir, importModule: importerWith({ '@odac/adapter-sqlite': sqliteModule }) });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-json-'));
    mkdirSync(path.join(dir, 'schema'));
    writeFileSync(path.join(dir, 'schema', 'users.js'), "module.exports = { columns: { id: { type: 'increments' }, email: { type: 'string', nullable: false, unique: true } } };\n");
    writeFileSync(path.join(dir, 'schema', 'posts.js'), "module.exports = { columns: { id: { type: 'increments' }, user_id: { type: 'integer', unsigned: true, references: 'users.id', onDelete: 'CASCADE' } } };\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('plan, migrate, pull and errors', async () => {
    const url = ['--url', `sqlite:${path.join(dir, 'app.db')}`];
    const plan = await odac(['plan', '--json', ...url]);
    expect(plan.code).toBe(0);
    check(plan.stdout);
    const migrate = await odac(['migrate', '--json', ...url]);
    expect(migrate.code).toBe(0);
    expect(check(migrate.stdout)).toMatchObject({ applied: expect.any(Number) });

    writeFileSync(path.join(dir, 'schema', 'posts.js'), "module.exports = { columns: { id: { type: 'increments' }, user_id: { type: 'integer', unsigned: true, references: 'users.id', onDelete: 'SET NULL' } } };\n");
    rmSync(path.join(dir, 'schema', 'users.js'));
    writeFileSync(path.join(dir, 'schema', 'users.js'), "module.exports = { columns: { id: { type: 'increments' } } };\n");
    const changed = await odac(['plan', '--json', '--allow-destructive', ...url]);
    expect(check(changed.stdout)).toMatchObject({ hazards: expect.arrayContaining([expect.objectContaining({ kind: 'destructive' })]) });

    const pull = await odac(['pull', '--json', '--out', 'pulled', ...url]);
    expect(pull.code).toBe(0);
    expect(check(pull.stdout)).toMatchObject({ driver: 'sqlite', out: 'pulled', files: [{ file: 'posts.js', table: 'posts' }, { file: 'users.js', table: 'users' }] });

    const failed = await odac(['plan', '--json', '--schema', 'nowhere', ...url]);
    expect(failed.code).toBe(1);
    check(failed.stdout);
  });
});

describe('docs/plan-json.md', () => {
  const doc = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'plan-json.md'), 'utf8');
  const examples = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');

  test('every example in the documentation is valid against the schema', () => {
    expect(examples.length).toBe(3);
    for (const example of examples) check(example);
  });
});
