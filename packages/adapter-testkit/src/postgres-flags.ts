/**
 * A schema pulled from PostgreSQL migrates on another database without
 * endless diffs (issue 10): the index and key flags only PostgreSQL keeps
 * (UNIQUE constraint form, DEFERRABLE, NULLS NOT DISTINCT, WITHOUT
 * OVERLAPS) must be dropped by that adapter's `normalize`, as its database
 * reports none of them. Offline: `describePostgresOnlyFlags(adapter)`.
 */
import { computePlan, type DriverAdapter, type Schema, type Table } from '@odac/core';

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

const POSTGRES_ONLY = ['constraint', 'deferrable', 'nullsNotDistinct', 'withoutOverlaps'];
const schema = (t: Table): Schema => ({ tables: [t] });

/** Registers the tests for an adapter whose database keeps none of PostgreSQL's index and key flags. */
export function describePostgresOnlyFlags(adapter: DriverAdapter): void {
  describe(`PostgreSQL-only index flags on ${adapter.name}`, () => {
    it('are dropped by normalize', () => {
      const table = adapter.normalize(schema(fromPostgres)).tables[0];
      for (const index of table?.indexes ?? []) expect(Object.keys(index).filter((k) => POSTGRES_ONLY.includes(k))).toEqual([]);
      expect(table?.primaryKey).toEqual(adapter.normalize(schema(base)).tables[0]?.primaryKey);
    });

    it('plan nothing against the table the database holds', () => {
      expect(computePlan(adapter, adapter.normalize(schema(base)), schema(fromPostgres)).plan.operations).toEqual([]);
    });
  });
}
