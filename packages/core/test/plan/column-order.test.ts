/**
 * Column placement on databases that reorder in place (`reorderColumns`,
 * MySQL's AFTER/FIRST): the placements, run one after another as MySQL runs
 * an ALTER's clauses, give the schema's order; as few columns as possible
 * move; databases without the capability keep the live order (no placement).
 */
import { defaultCapabilities, planMigration, type Column, type Schema } from '@odac/core';
import { applyPlacements, columnPlacements } from '../../src/plan/column-order.js';

/** A deterministic pseudo-random generator (tests must not flake). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const shuffle = <T>(items: readonly T[], next: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

describe('columnPlacements', () => {
  it('reaches the schema order for random live orders, additions and drops', () => {
    const next = rng(42);
    for (let round = 0; round < 500; round++) {
      const names = Array.from({ length: 1 + Math.floor(next() * 8) }, (_, i) => `c${i}`);
      const live = shuffle(names, next).filter(() => next() > 0.2);
      const desired = shuffle([...names, 'n1', 'n2'], next).filter(() => next() > 0.2);
      const placements = columnPlacements(live, desired);
      const result = applyPlacements(live, [...placements]).filter((c) => desired.includes(c));
      expect(result).toEqual(desired);
      // A column already in place relative to the others is never named: nothing moves when nothing changed.
      if (live.join() === desired.join()) expect(placements.size).toBe(0);
    }
  });

  it('moves one column when one column moved, and appends new columns at the end without a placement', () => {
    expect([...columnPlacements(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a'])]).toEqual([['a', { after: 'd' }]]);
    expect([...columnPlacements(['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c'])]).toEqual([['d', { after: null }]]);
    expect([...columnPlacements(['a', 'b'], ['a', 'x', 'b', 'y'])]).toEqual([['x', { after: 'a' }], ['y', undefined]]);
    // A live column the schema drops is neither placed nor a predecessor.
    expect([...columnPlacements(['a', 'old', 'b'], ['a', 'b', 'x'])]).toEqual([['x', undefined]]);
  });
});

describe('planning column order', () => {
  const col = (name: string): Column => ({ name, type: { kind: 'integer', size: 'regular' }, nullable: true });
  const table = (names: readonly string[]): Schema => ({ tables: [{ name: 't', columns: names.map(col), indexes: [], foreignKeys: [] }] });

  it('with reorderColumns: a column added in the middle is placed, a moved column is an alterColumn with its position, in schema order', () => {
    const plan = planMigration(table(['a', 'b', 'c']), table(['c', 'a', 'x', 'b']), { capabilities: { ...defaultCapabilities, reorderColumns: true } });
    expect(plan.operations.map((op) => [op.kind, op.kind === 'addColumn' ? op.column.name : op.kind === 'alterColumn' ? op.to.name : '', 'position' in op ? op.position : undefined])).toEqual([
      ['alterColumn', 'c', { after: null }],
      ['addColumn', 'x', { after: 'a' }],
    ]);
    expect(plan.operations[0]).toMatchObject({ classification: 'changing', changes: ['position'] });
  });

  it('with reorderColumns: a re-created generated column goes back in schema order with the new columns (found by random convergence on MariaDB)', () => {
    const gen = (name: string, stored: boolean): Column => ({ ...col(name), generated: { expression: 'a + 1', stored } });
    const from: Schema = { tables: [{ name: 't', columns: [col('a'), gen('g', false)], indexes: [], foreignKeys: [] }] };
    const to: Schema = { tables: [{ name: 't', columns: [col('a'), col('x'), gen('g', true)], indexes: [], foreignKeys: [] }] };
    const plan = planMigration(from, to, { capabilities: { ...defaultCapabilities, reorderColumns: true } });
    // Run in sequence (as MySQL runs an ALTER's clauses), the appended columns end up in the schema's order.
    expect(plan.operations.map((op) => [op.kind, 'column' in op ? op.column.name : '', 'position' in op ? op.position : undefined])).toEqual([
      ['dropColumn', 'g', undefined],
      ['addColumn', 'x', undefined],
      ['addColumn', 'g', undefined],
    ]);
  });

  it('without it: the live order is kept and new columns are appended', () => {
    const plan = planMigration(table(['a', 'b', 'c']), table(['c', 'a', 'x', 'b']), { capabilities: defaultCapabilities });
    expect(plan.operations).toEqual([expect.objectContaining({ kind: 'addColumn', column: col('x') })]);
    expect(plan.operations[0]).not.toHaveProperty('position');
    expect(planMigration(table(['a', 'b']), table(['b', 'a']), { capabilities: defaultCapabilities }).operations).toEqual([]);
  });
});
