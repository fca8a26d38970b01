/**
 * Two foreign keys on the same columns and target with other actions (or
 * other names): PostgreSQL, MySQL/MariaDB, SQLite and SQL Server all take
 * them (issue 10). Each live key pairs with its own desired twin, a change
 * touches only that key, and the naming authority keeps their names apart.
 */
import { diffSchemas, isEmptyTableDiff, nameForeignKeys, nameTable, pairForeignKeys, planMigration, type ForeignKey, type Operation } from '../../src/index.js';
import { fk, id, int, mysqlLike, pgLike, schema, sqliteLike, str, table } from '../helpers.js';

const users = table('users', [id(), str('email')]);
const posts = (...keys: ForeignKey[]) => table('posts', [id(), int('user_id', { nullable: true })], { foreignKeys: keys });
const byUser = (extra: Partial<ForeignKey> = {}) => fk(['user_id'], 'users', extra);
const cascade = byUser({ onDelete: 'CASCADE' });
const setNull = byUser({ onDelete: 'SET NULL' });
const live = (...keys: ForeignKey[]) => schema(users, posts(...keys));
const fkOps = (ops: readonly Operation[]) =>
  ops.flatMap((o) => (o.kind === 'dropForeignKey' || o.kind === 'addForeignKey' ? [`${o.kind}:${o.foreignKey.name}:${o.foreignKey.onDelete}:${o.classification}`] : []));

describe('pairForeignKeys', () => {
  it('pairs each live key with the desired key of the same meaning, whatever the order and names', () => {
    const liveKeys = [{ ...setNull, name: 'posts_user_id_fkey1' }, { ...cascade, name: 'posts_user_id_fkey' }];
    const { pairs, added, dropped } = pairForeignKeys(liveKeys, [cascade, setNull]);
    expect(pairs.map(([l, d]) => [l.name, d.onDelete])).toEqual([
      ['posts_user_id_fkey', 'CASCADE'],
      ['posts_user_id_fkey1', 'SET NULL'],
    ]);
    expect([added, dropped]).toEqual([[], []]);
  });

  it('pairs by the schema name before the first key on the same columns when the actions change', () => {
    const liveKeys = [{ ...cascade, name: 'a' }, { ...setNull, name: 'b' }];
    const { pairs } = pairForeignKeys(liveKeys, [byUser({ name: 'b', onDelete: 'RESTRICT' }), { ...cascade, name: 'a' }]);
    expect(pairs.map(([l, d]) => [l.name, d.name, d.onDelete])).toEqual([
      ['b', 'b', 'RESTRICT'],
      ['a', 'a', 'CASCADE'],
    ]);
  });
});

describe('diff and plan: two keys on the same columns', () => {
  it('finds nothing between two live keys (names the database made up) and the same two unnamed desired keys', () => {
    const d = diffSchemas(live({ ...setNull, name: 'x2' }, { ...cascade, name: 'x1' }), live(cascade, setNull));
    expect(d.alterTables.every(isEmptyTableDiff)).toBe(true);
  });

  it('changes the actions of one key only: drop and re-add it under its live name, the sibling untouched', () => {
    const plan = planMigration(live({ ...cascade, name: 'k_cascade' }, { ...setNull, name: 'k_null' }), live(byUser({ onDelete: 'RESTRICT' }), setNull), {
      capabilities: pgLike,
    });
    expect(fkOps(plan.operations)).toEqual(['dropForeignKey:k_cascade:CASCADE:changing', 'addForeignKey:k_cascade:RESTRICT:additive']);
    // Only the actions change: the rows already satisfy the key, no orphan scan.
    expect(plan.preflight).toEqual([]);
  });

  it('still plans a change (not a drop and an add) for the only key on those columns', () => {
    const plan = planMigration(live({ ...cascade, name: 'k' }), live(setNull), { capabilities: pgLike });
    expect(fkOps(plan.operations)).toEqual(['dropForeignKey:k:CASCADE:changing', 'addForeignKey:k:SET NULL:additive']);
  });

  it('drops the sibling the schema no longer has as integrity-destructive: skipped unless allowed', () => {
    const current = live({ ...cascade, name: 'k_cascade' }, { ...setNull, name: 'k_null' });
    const kept = planMigration(current, live(cascade), { capabilities: pgLike });
    expect(fkOps(kept.operations)).toEqual([]);
    expect(kept.skipped.map((s) => (s.operation.kind === 'dropForeignKey' ? s.operation.foreignKey.name : s.operation.kind))).toEqual(['k_null']);
    const dropped = planMigration(current, live(cascade), { capabilities: pgLike, allowDestructive: true });
    expect(fkOps(dropped.operations)).toEqual(['dropForeignKey:k_null:SET NULL:destructive']);
  });

  it('adds a second key next to a live one under a name of its own', () => {
    const plan = planMigration(live({ ...cascade, name: 'fk_posts_user_id' }), live(cascade, setNull), { capabilities: pgLike });
    expect(fkOps(plan.operations)).toEqual(['addForeignKey:fk_posts_user_id_2:SET NULL:additive']);
  });

  it('creates two unnamed keys on the same columns under distinct names', () => {
    const plan = planMigration(schema(), live(cascade, setNull), { capabilities: pgLike });
    expect(fkOps(plan.operations)).toEqual(['addForeignKey:fk_posts_user_id:CASCADE:additive', 'addForeignKey:fk_posts_user_id_2:SET NULL:additive']);
  });

  it('drops and re-adds both keys, under their live names, around a type change of their column', () => {
    const big = { kind: 'integer', size: 'big' } as const;
    const widened = schema(users, table('posts', [id(), int('user_id', { nullable: true, type: big })], { foreignKeys: [cascade, setNull] }));
    const plan = planMigration(live({ ...cascade, name: 'k_cascade' }, { ...setNull, name: 'k_null' }), widened, { capabilities: mysqlLike });
    expect(fkOps(plan.operations).sort()).toEqual([
      'addForeignKey:k_cascade:CASCADE:additive',
      'addForeignKey:k_null:SET NULL:additive',
      'dropForeignKey:k_cascade:CASCADE:changing',
      'dropForeignKey:k_null:SET NULL:changing',
    ]);
  });

  it('rebuilds a SQLite table with both keys under their live names when one changes', () => {
    const plan = planMigration(live({ ...cascade, name: 'k_cascade' }, { ...setNull, name: 'k_null' }), live(byUser({ onDelete: 'RESTRICT' }), setNull), {
      capabilities: sqliteLike,
    });
    const rebuild = plan.operations.find((o) => o.kind === 'rebuildTable');
    expect(rebuild?.kind === 'rebuildTable' && rebuild.to.foreignKeys.map((k) => [k.name, k.onDelete])).toEqual([
      ['k_cascade', 'RESTRICT'],
      ['k_null', 'SET NULL'],
    ]);
  });
});

describe('naming keys on the same columns', () => {
  it('gives unnamed siblings distinct, deterministic names and never reuses a name that is taken', () => {
    expect(nameForeignKeys('posts', [cascade, setNull], 63).map((k) => k.name)).toEqual(['fk_posts_user_id', 'fk_posts_user_id_2']);
    expect(nameForeignKeys('posts', [cascade, { ...setNull, name: 'fk_posts_user_id' }], 63).map((k) => k.name)).toEqual(['fk_posts_user_id_2', 'fk_posts_user_id']);
    expect(nameForeignKeys('posts', [cascade], 63, ['fk_posts_user_id']).map((k) => k.name)).toEqual(['fk_posts_user_id_2']);
    expect(nameTable(posts(cascade, setNull), 63).foreignKeys.map((k) => k.name)).toEqual(['fk_posts_user_id', 'fk_posts_user_id_2']);
  });
});
