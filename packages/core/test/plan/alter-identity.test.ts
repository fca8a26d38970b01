import { defineCapabilities, planMigration } from '../../src/index.js';
import { id, int, pgLike, schema, sqliteLike, table } from '../helpers.js';

const counters = (auto: boolean) => schema(table('counters', [auto ? id() : int('id', { nullable: false }), int('n')]));

describe('a database that cannot change auto-increment in place (alterIdentity: false)', () => {
  const noIdentity = defineCapabilities({ ...pgLike, alterIdentity: false });

  it('is refused at plan time with PLAN.UNSUPPORTED naming the column, before any emitter runs', () => {
    expect(() => planMigration(counters(false), counters(true), { capabilities: noIdentity })).toThrow(
      expect.objectContaining({ code: 'PLAN.UNSUPPORTED', message: expect.stringContaining('"counters"."id" would become auto-increment') }),
    );
    expect(() => planMigration(counters(true), counters(false), { capabilities: noIdentity, allowDestructive: true })).toThrow(/stop being auto-increment/);
  });

  it('is not refused when the removal is skipped as destructive, nor where the database can do it', () => {
    const skipped = planMigration(counters(true), counters(false), { capabilities: noIdentity });
    expect(skipped.operations).toEqual([]);
    expect(skipped.skipped.map((s) => s.operation.kind)).toEqual(['alterColumn']);
    expect(planMigration(counters(false), counters(true), { capabilities: pgLike }).operations.map((o) => o.kind)).toEqual(['alterColumn']);
    // A database that rebuilds the table makes the change in the rebuild.
    expect(planMigration(counters(false), counters(true), { capabilities: { ...sqliteLike, alterIdentity: false } }).operations.map((o) => o.kind)).toEqual(['rebuildTable']);
  });
});
