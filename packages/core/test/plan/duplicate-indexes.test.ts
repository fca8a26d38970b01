/**
 * Two equivalent indexes on a table (e.g. one left by another tool) are a
 * plan warning naming both; nothing is planned for them.
 */
import { computePlan, planMigration, type DriverAdapter, type NormalizeOptions, type Schema } from '../../src/index.js';
import { id, pgLike, schema, str, table } from '../helpers.js';

const desired = schema(table('users', [id(), str('email'), str('name')], { indexes: [{ columns: ['email'], unique: true }] }));

describe('duplicate equivalent indexes', () => {
  it('are reported, with both names, and cause no operation', () => {
    const current = schema(
      table('users', [id(), str('email'), str('name')], {
        indexes: [
          { name: 'users_email_unique', columns: ['email'], unique: true },
          { name: 'uq_users_email', columns: ['email'], unique: true },
          { name: 'users_name_index', columns: ['name'], unique: false },
          { name: 'idx_users_name', columns: ['name'], unique: false, where: 'name IS NOT NULL' },
        ],
      }),
    );
    const plan = planMigration(current, { tables: [{ ...desired.tables[0]!, indexes: [...desired.tables[0]!.indexes, { columns: ['name'], unique: false }, { columns: ['name'], unique: false, where: 'name IS NOT NULL' }] }] }, { capabilities: pgLike });
    expect(plan.operations).toEqual([]);
    expect(plan.warnings).toHaveLength(1);
    for (const words of ['"users"', '2 equivalent unique indexes on (email)', '"users_email_unique"', '"uq_users_email"']) expect(plan.warnings[0]).toContain(words);
  });

  it('differing in order, uniqueness or predicate are not duplicates', () => {
    const current = schema(
      table('t', [id(), str('a'), str('b')], {
        indexes: [
          { name: 'i1', columns: ['a', 'b'], unique: false },
          { name: 'i2', columns: ['b', 'a'], unique: false },
          { name: 'i3', columns: ['a', 'b'], unique: true },
          { name: 'i4', columns: ['a', 'b'], unique: false, where: 'a > 0' },
        ],
      }),
    );
    expect(planMigration(current, current, { capabilities: pgLike }).warnings).toEqual([]);
  });
});

describe('compat', () => {
  it('reaches the adapter normalize from computePlan', () => {
    const seen: (NormalizeOptions | undefined)[] = [];
    const adapter = { name: 'fake', capabilities: pgLike, normalize: (s: Schema, o?: NormalizeOptions) => (seen.push(o), s), emit: () => [] } as unknown as DriverAdapter;
    computePlan(adapter, desired, desired, { compat: 'odacjs' });
    computePlan(adapter, desired, desired);
    expect(seen).toEqual([{ compat: 'odacjs' }, undefined]);
  });
});
