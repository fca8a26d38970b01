/**
 * Foreign keys' DEFERRABLE and MATCH FULL: read from `pg_constraint` rows,
 * kept by `normalize`, spelled out in `ADD CONSTRAINT`, and a change is a
 * drop and an add in the one transaction.
 */
import { onlineOrder, planMigration, type ForeignKey, type Operation, type Schema } from '@odac/core';
import adapter, { capabilities, emit, fromRows, normalize, type ConstraintRow } from '../../src/index.js';

const keyRow = (extra: Partial<ConstraintRow>): ConstraintRow => ({
  table_name: 'posts',
  name: 'fk_posts_user_id',
  type: 'f',
  columns: ['user_id'],
  ref_table: 'users',
  ref_schema: 'public',
  ref_columns: ['id'],
  on_update: 'a',
  on_delete: 'a',
  match_type: 's',
  deferrable: false,
  deferred: false,
  validated: true,
  expression: null,
  ...extra,
});

function keyFrom(extra: Partial<ConstraintRow>): ForeignKey | undefined {
  return fromRows({
    tables: [{ name: 'posts', comment: null }],
    columns: [
      { table_name: 'posts', position: 1, name: 'user_id', type: 'integer', type_kind: 'b', enum_values: null, not_null: false, identity: '', generated: '', default_sql: null, comment: null, collation: null, owned_sequence: null },
    ],
    constraints: [keyRow(extra)],
    indexes: [],
  }).tables[0]?.foreignKeys[0];
}

const base = { name: 'fk_posts_user_id', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' } as const;
const add = (foreignKey: ForeignKey & { name: string }, online = false): string[] =>
  emit(online ? onlineOrder([{ kind: 'addForeignKey', table: 'posts', classification: 'additive', foreignKey }], capabilities) : [{ kind: 'addForeignKey', table: 'posts', classification: 'additive', foreignKey }]).map((s) => s.sql);

describe('fromRows: condeferrable, condeferred, confmatchtype', () => {
  it.each<[string, Partial<ConstraintRow>, Partial<ForeignKey>]>([
    ['NOT DEFERRABLE, MATCH SIMPLE', {}, {}],
    ['DEFERRABLE INITIALLY IMMEDIATE', { deferrable: true, deferred: false }, { deferrable: 'immediate' }],
    ['DEFERRABLE INITIALLY DEFERRED', { deferrable: true, deferred: true }, { deferrable: 'deferred' }],
    ['MATCH FULL', { match_type: 'f' }, { match: 'full' }],
    ['MATCH PARTIAL (never stored by PostgreSQL) as simple', { match_type: 'p' }, {}],
    ['everything', { deferrable: true, deferred: true, match_type: 'f', on_delete: 'c' }, { onDelete: 'CASCADE', deferrable: 'deferred', match: 'full' }],
  ])('%s', (_label, row, expected) => {
    expect(keyFrom(row)).toStrictEqual({ ...base, ...expected });
  });
});

describe('emit: ADD CONSTRAINT … FOREIGN KEY', () => {
  it.each<[string, Partial<ForeignKey>, string]>([
    ['plain', {}, ''],
    ['deferrable', { deferrable: 'immediate' }, ' DEFERRABLE INITIALLY IMMEDIATE'],
    ['initially deferred', { deferrable: 'deferred' }, ' DEFERRABLE INITIALLY DEFERRED'],
    ['MATCH FULL', { match: 'full' }, ' MATCH FULL'],
    ['all of it', { match: 'full', onDelete: 'CASCADE', onUpdate: 'SET NULL', deferrable: 'deferred' }, ' MATCH FULL ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED'],
  ])('%s', (_label, extra, tail) => {
    expect(add({ ...base, ...extra })).toEqual([`ALTER TABLE "posts" ADD CONSTRAINT "fk_posts_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id")${tail}`]);
  });

  it('puts NOT VALID after the deferral in online mode', () => {
    expect(add({ ...base, deferrable: 'deferred', match: 'full' }, true)).toEqual([
      'ALTER TABLE "posts" ADD CONSTRAINT "fk_posts_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") MATCH FULL DEFERRABLE INITIALLY DEFERRED NOT VALID',
      'ALTER TABLE "posts" VALIDATE CONSTRAINT "fk_posts_user_id"',
    ]);
  });
});

describe('normalize and plan', () => {
  const schemaWith = (extra: Partial<ForeignKey>): Schema => ({
    tables: [
      { name: 'posts', columns: [{ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true }, { name: 'user_id', type: { kind: 'integer', size: 'regular' }, nullable: true }], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [{ ...base, ...extra }] },
      { name: 'users', columns: [{ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true }], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [] },
    ],
  });

  it('keeps deferrable and match', () => {
    expect(normalize(schemaWith({ deferrable: 'deferred', match: 'full' })).tables[0]?.foreignKeys[0]).toMatchObject({ deferrable: 'deferred', match: 'full' });
  });

  it('replaces a key whose deferral changes: one drop and one add, in the transaction', () => {
    const plan = planMigration(normalize(schemaWith({ deferrable: 'deferred' })), normalize(schemaWith({ deferrable: 'immediate', match: 'full' })), {
      capabilities: adapter.capabilities,
    });
    const ops: readonly Operation[] = plan.operations;
    expect(ops.map((o) => o.kind)).toEqual(['dropForeignKey', 'addForeignKey']);
    const statements = emit(ops);
    expect(statements.map((s) => [s.sql, s.transactional])).toEqual([
      ['ALTER TABLE "posts" DROP CONSTRAINT "fk_posts_user_id"', true],
      ['ALTER TABLE "posts" ADD CONSTRAINT "fk_posts_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") MATCH FULL DEFERRABLE INITIALLY IMMEDIATE', true],
    ]);
  });
});
