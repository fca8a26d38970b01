/**
 * A schema pulled from PostgreSQL migrates here without endless diffs
 * (issue 10): the index and key flags only PostgreSQL keeps (UNIQUE
 * constraint form, DEFERRABLE, NULLS NOT DISTINCT, WITHOUT OVERLAPS) are
 * dropped by normalize, as the database reports none of them.
 */
import { computePlan, type Schema, type Table } from '@odac/core';
import adapter, { normalize } from '@odac/adapter-mysql';

const base: Table = {
  name: 'bookings',
  columns: [
    { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false },
    { name: 'email', type: { kind: 'string', length: 100 }, nullable: true },
    { name: 'a', type: { kind: 'integer', size: 'regular' }, nullable: true },
    { name: 'b', type: { kind: 'integer', size: 'regular' }, nullable: true },
  ],
  primaryKey: { columns: ['id'] },
  indexes: [
    { name: 'uq_email', columns: ['email'], unique: true },
    { name: 'uq_a_b', columns: ['a', 'b'], unique: true },
    { name: 'uq_b_a', columns: ['b', 'a'], unique: true },
  ],
  foreignKeys: [],
};

/** The same table as PostgreSQL describes it: constraints, deferrable, NULLS NOT DISTINCT, WITHOUT OVERLAPS. */
const fromPostgres: Table = {
  ...base,
  primaryKey: { columns: ['id'], deferrable: 'immediate' },
  indexes: [
    { name: 'uq_email', columns: ['email'], unique: true, constraint: true, deferrable: 'deferred' },
    { name: 'uq_a_b', columns: ['a', 'b'], unique: true, constraint: true, nullsNotDistinct: true },
    { name: 'uq_b_a', columns: ['b', 'a'], unique: true, constraint: true, withoutOverlaps: true },
  ],
};

const schema = (t: Table): Schema => ({ tables: [t] });

describe('PostgreSQL-only index flags on mysql', () => {
  it('are dropped by normalize', () => {
    const table = normalize(schema(fromPostgres)).tables[0];
    for (const index of table?.indexes ?? []) {
      expect(Object.keys(index).filter((k) => ['constraint', 'deferrable', 'nullsNotDistinct', 'withoutOverlaps'].includes(k))).toEqual([]);
    }
    expect(table?.primaryKey).toEqual(normalize(schema(base)).tables[0]?.primaryKey);
  });

  it('plan nothing against the table the database holds', () => {
    const live = normalize(schema(base));
    expect(computePlan(adapter, live, schema(fromPostgres)).plan.operations).toEqual([]);
  });
});
