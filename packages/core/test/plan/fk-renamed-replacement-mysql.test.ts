/**
 * Issue 10: a foreign key the file renames while changing its action (same
 * columns, same target) replaces the live key. With mergeTableChanges
 * (MySQL, no transactional DDL) a replaced key is dropped right before its
 * re-add, so a failure between them leaves at most that table without it;
 * the renamed one used to be dropped first of all, before every other table's
 * changes, like a key that goes away.
 */
import { planMigration, type Operation } from '../../src/index.js';
import { fk, id, int, mysqlLike, schema, table } from '../helpers.js';

const describe_ = (ops: readonly Operation[]): string[] =>
  ops.map((o) => `${o.kind} ${o.table}${o.kind === 'dropForeignKey' || o.kind === 'addForeignKey' ? ` ${o.foreignKey.name ?? ''}` : ''}`);

describe('MySQL-like: a foreign key renamed with a new action', () => {
  const users = table('users', [id()]);
  const other = (extra: boolean) => table('other', [id(), ...(extra ? [int('w')] : [])]);
  const posts = (name: string, onDelete: 'CASCADE' | 'SET NULL') => table('posts', [id(), int('user_id')], { foreignKeys: [fk(['user_id'], 'users', { onDelete, name })] });

  it('is dropped right before the renamed key is added, after the other tables change', () => {
    const plan = planMigration(schema(users, other(false), posts('fk_a', 'CASCADE')), schema(users, other(true), posts('fk_b', 'SET NULL')), { capabilities: mysqlLike });
    expect(describe_(plan.operations)).toEqual(['addColumn other', 'dropForeignKey posts fk_a', 'addForeignKey posts fk_b']);
    // A replacement, not a key going away: nothing is skipped without --allow-destructive.
    expect(plan.skipped).toEqual([]);
  });

  it('a key that goes away (no key on its columns and target is added) is still dropped first', () => {
    const gone = table('posts', [id(), int('user_id')]);
    const plan = planMigration(schema(users, other(false), posts('fk_a', 'CASCADE')), schema(users, other(true), gone), { capabilities: mysqlLike, allowDestructive: true });
    expect(describe_(plan.operations)).toEqual(['dropForeignKey posts fk_a', 'addColumn other']);
  });
});
