/**
 * `unique` on the sole primary key column adds no index since issue 9; a
 * unique index an older odac made there is dropped as a change, not skipped
 * as a loss of integrity (the key enforces the same uniqueness).
 */
import { planMigration } from '../../src/index.js';
import { id, pgLike, schema, str, table } from '../helpers.js';

describe('a unique index over exactly the primary key', () => {
  it('is dropped as a change', () => {
    const current = schema(table('users', [id(), str('email')], { indexes: [{ name: 'uq_users_id', columns: ['id'], unique: true }] }));
    const desired = schema(table('users', [id(), str('email')]));
    const plan = planMigration(current, desired, { capabilities: pgLike });
    expect(plan.skipped).toEqual([]);
    expect(plan.operations.map((o) => [o.kind, o.classification])).toEqual([['dropIndex', 'changing']]);
  });

  it('but a unique index over other columns (or part of the key) is still an integrity loss, skipped', () => {
    const current = schema(table('users', [id(), str('email')], { indexes: [{ name: 'uq_users_email', columns: ['email'], unique: true }] }));
    const plan = planMigration(current, schema(table('users', [id(), str('email')])), { capabilities: pgLike });
    expect(plan.operations).toEqual([]);
    expect(plan.skipped.map((s) => s.operation.kind)).toEqual(['dropIndex']);
  });
});
