import { MIGRATIONS_TABLE, planMigration } from '../../src/index.js';
import { id, pgLike, schema, str, table } from '../helpers.js';

describe("odac's own tables", () => {
  const history = table(MIGRATIONS_TABLE, [id(), str('name'), str('connection'), str('type')]);

  it('are never listed as unmanaged nor dropped, even with dropUnmanagedTables', () => {
    const plan = planMigration(schema(history, table('users', [id()])), schema(table('users', [id()])), { capabilities: pgLike, allowDestructive: true, dropUnmanagedTables: true });
    expect(plan.unmanagedTables).toEqual([]);
    expect(plan.operations).toEqual([]);
  });

  it('other tables without a schema file still are', () => {
    const plan = planMigration(schema(history, table('legacy', [id()])), schema(), { capabilities: pgLike });
    expect(plan.unmanagedTables).toEqual(['legacy']);
  });
});
