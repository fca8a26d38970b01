/**
 * A foreign key's deferral (`deferrable`) and `match` are part of what it
 * does, not of what it is: a change keeps its identity (columns + target)
 * and replaces it, exactly like an action change.
 */
import { diffSchemas, foreignKeyKey, isEmptyTableDiff, planMigration, sameForeignKeyBehaviour, type ForeignKey, type Operation } from '../../src/index.js';
import { fk, id, int, pgLike, schema, sqliteLike, str, table } from '../helpers.js';

const kinds = (ops: readonly Operation[]): string[] => ops.map((o) => `${o.kind}:${o.table}`);

const users = table('users', [id(), str('email')]);
const posts = (key: ForeignKey) => table('posts', [id(), int('user_id')], { foreignKeys: [key] });
const byUser = (extra: Partial<ForeignKey> = {}) => fk(['user_id'], 'users', extra);

describe('foreign key identity and behaviour', () => {
  it('keeps identity by columns and target only', () => {
    expect(foreignKeyKey(byUser({ deferrable: 'deferred', match: 'full' }))).toBe(foreignKeyKey(byUser()));
  });

  it.each<[string, Partial<ForeignKey>, Partial<ForeignKey>, boolean]>([
    ['absent and absent', {}, {}, true],
    ['deferred and deferred', { deferrable: 'deferred' }, { deferrable: 'deferred' }, true],
    ['absent and an explicit undefined', {}, { deferrable: undefined, match: undefined }, true],
    ['not deferrable and immediate', {}, { deferrable: 'immediate' }, false],
    ['immediate and deferred', { deferrable: 'immediate' }, { deferrable: 'deferred' }, false],
    ['simple and full', {}, { match: 'full' }, false],
    ['other actions', { onDelete: 'CASCADE' }, {}, false],
  ])('%s: same behaviour is %s', (_label, a, b, same) => {
    expect(sameForeignKeyBehaviour(byUser(a), byUser(b))).toBe(same);
    expect(sameForeignKeyBehaviour(byUser(b), byUser(a))).toBe(same);
  });
});

describe('diffSchemas: deferrable and match', () => {
  it('finds nothing between equal deferrable, match-full keys', () => {
    const key = byUser({ deferrable: 'deferred', match: 'full', onDelete: 'CASCADE' });
    const d = diffSchemas(schema(users, posts(key)), schema(users, posts({ ...key, name: 'posts_user_id_fkey' })));
    expect(d.alterTables.every(isEmptyTableDiff)).toBe(true);
  });

  it.each<[string, Partial<ForeignKey>, Partial<ForeignKey>]>([
    ['make a key deferrable', {}, { deferrable: 'immediate' }],
    ['make a key initially deferred', {}, { deferrable: 'deferred' }],
    ['deferred → immediate', { deferrable: 'deferred' }, { deferrable: 'immediate' }],
    ['deferrable → not deferrable', { deferrable: 'immediate' }, {}],
    ['add MATCH FULL', {}, { match: 'full' }],
    ['drop MATCH FULL', { match: 'full' }, {}],
  ])('%s replaces the key: one drop, one add', (_label, from, to) => {
    const d = diffSchemas(schema(users, posts(byUser(from))), schema(users, posts(byUser(to))));
    const p = d.alterTables.find((t) => t.name === 'posts')!;
    expect(p.dropForeignKeys).toEqual([byUser(from)]);
    expect(p.addForeignKeys).toEqual([byUser(to)]);
  });
});

describe('planMigration: deferrable and match', () => {
  it('creates a deferrable, match-full key as declared', () => {
    const key = byUser({ deferrable: 'deferred', match: 'full' });
    const plan = planMigration(schema(), schema(users, posts(key)), { capabilities: pgLike });
    expect(plan.operations.find((o) => o.kind === 'addForeignKey')).toMatchObject({
      foreignKey: { name: 'fk_posts_user_id', deferrable: 'deferred', match: 'full' },
    });
  });

  it('replaces a key whose deferral changes with exactly one drop and one add, keeping its live name', () => {
    const live = schema(users, posts({ ...byUser({ deferrable: 'deferred' }), name: 'posts_user_fk' }));
    const plan = planMigration(live, schema(users, posts(byUser({ deferrable: 'immediate' }))), { capabilities: pgLike });
    expect(kinds(plan.operations)).toEqual(['dropForeignKey:posts', 'addForeignKey:posts']);
    expect(plan.operations[0]).toMatchObject({ foreignKey: { name: 'posts_user_fk', deferrable: 'deferred' } });
    expect(plan.operations[1]).toMatchObject({ foreignKey: { name: 'posts_user_fk', deferrable: 'immediate' } });
    expect(plan.operations.map((o) => o.classification)).toEqual(['changing', 'additive']);
  });

  it('replaces a key that gains MATCH FULL', () => {
    const plan = planMigration(schema(users, posts(byUser())), schema(users, posts(byUser({ match: 'full' }))), { capabilities: pgLike });
    expect(kinds(plan.operations)).toEqual(['dropForeignKey:posts', 'addForeignKey:posts']);
    const add = plan.operations[1];
    expect(add?.kind === 'addForeignKey' && add.foreignKey.match).toBe('full');
    expect(add?.kind === 'addForeignKey' && add.foreignKey.deferrable).toBeUndefined();
  });

  it('plans nothing once the live key has the desired deferral and match', () => {
    const key = byUser({ deferrable: 'immediate', match: 'full' });
    expect(planMigration(schema(users, posts(key)), schema(users, posts(key)), { capabilities: pgLike }).operations).toEqual([]);
  });

  it('rebuilds the table on SQLite-like databases, carrying the new deferral into the rebuilt table', () => {
    const plan = planMigration(schema(users, posts(byUser())), schema(users, posts(byUser({ deferrable: 'deferred' }))), { capabilities: sqliteLike });
    expect(kinds(plan.operations)).toEqual(['rebuildTable:posts']);
    const op = plan.operations[0]!;
    if (op.kind !== 'rebuildTable') throw new Error('expected a rebuild');
    expect(op.to.foreignKeys).toEqual([{ ...byUser({ deferrable: 'deferred' }), name: 'fk_posts_user_id' }]);
    expect(kinds(op.replaces)).toEqual(['dropForeignKey:posts', 'addForeignKey:posts']);
  });
});
