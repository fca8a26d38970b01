/**
 * Found by random convergence on MariaDB: a key whose SET NULL action goes
 * away while its column becomes NOT NULL. MySQL refuses `MODIFY … NOT NULL`
 * while a SET NULL key spans the column ("cannot be NOT NULL: needed in a
 * foreign key constraint … SET NULL"), so with mergeTableChanges the old key
 * must be dropped before the column change, not right before its re-add.
 */
import { planMigration, type Operation } from '../../src/index.js';
import { fk, id, int, mysqlLike, schema, table } from '../helpers.js';

const describe_ = (ops: readonly Operation[]): string[] => ops.map((o) => `${o.kind}${o.kind === 'alterColumn' ? `:${o.changes.join('+')}` : ''}`);

describe('MySQL-like: a SET NULL key replaced while its column becomes NOT NULL', () => {
  const posts = (nullable: boolean, onDelete: 'SET NULL' | 'NO ACTION') =>
    table('posts', [id(), int('user_id', { nullable })], { foreignKeys: [fk(['user_id'], 'users', { onDelete })] });
  const users = table('users', [id()]);

  it('drops the old key before the column change', () => {
    const plan = planMigration(schema(users, posts(true, 'SET NULL')), schema(users, posts(false, 'NO ACTION')), { capabilities: mysqlLike, allowDestructive: true });
    expect(describe_(plan.operations)).toEqual(['dropForeignKey', 'alterColumn:nullable', 'addForeignKey']);
  });

  it('still drops a key whose action changes right before its re-add when no column change needs it gone', () => {
    const plan = planMigration(schema(users, posts(true, 'SET NULL')), schema(users, posts(true, 'NO ACTION')), { capabilities: mysqlLike });
    expect(describe_(plan.operations)).toEqual(['dropForeignKey', 'addForeignKey']);
  });
});
