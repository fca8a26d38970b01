/**
 * Planning generated columns (issue 10): a new expression or storage
 * re-creates the column (drop + add, in that order, with what sits on the
 * column dropped first and re-created after), classified as a change, not
 * as destructive, since a generated column's values are derived. A plain
 * column becoming generated (or the reverse) loses values: skipped unless
 * allowed. SQLite-like databases rebuild the table instead.
 */
import { planMigration, type Column, type Operation } from '../../src/index.js';
import { id, int, mysqlLike, pgLike, schema, sqliteLike, table } from '../helpers.js';

const gen = (name: string, expression: string, stored = true): Column => int(name, { generated: { expression, stored } });
const lines = (total: Column, extra: Partial<Parameters<typeof table>[2]> = {}) => table('lines', [id(), int('price'), int('qty'), total], extra);
const describe_ = (ops: readonly Operation[]): string[] =>
  ops.map((o) => `${o.kind}:${o.classification}${'column' in o ? `:${o.column.name}` : ''}${o.kind === 'addIndex' || o.kind === 'dropIndex' ? `:${o.index.name}` : ''}`);

describe('generated columns in the planner', () => {
  it('re-creates a column whose expression changes, with its index, as a change (never skipped)', () => {
    const from = lines(gen('total', 'price * qty'), { indexes: [{ name: 'lines_total', columns: ['total'], unique: false }] });
    const to = lines(gen('total', 'price + qty'), { indexes: [{ columns: ['total'], unique: false }] });
    const plan = planMigration(schema(from), schema(to), { capabilities: pgLike });
    expect(plan.skipped).toEqual([]);
    expect(describe_(plan.operations)).toEqual([
      'dropIndex:changing:lines_total',
      'dropColumn:changing:total',
      'addColumn:additive:total',
      'addIndex:additive:lines_total',
    ]);
    expect(plan.operations.find((o) => o.kind === 'addColumn')).toMatchObject({ replace: true, column: { generated: { expression: 'price + qty', stored: true } } });
    expect(plan.operations.find((o) => o.kind === 'dropColumn')).toMatchObject({ replace: true });
  });

  it('re-creates a column going from stored to virtual; a check over it is dropped first and comes back', () => {
    const check = { name: 'lines_total_pos', expression: 'total >= 0' };
    const from = lines(gen('total', 'price * qty', true), { checks: [check] });
    const to = lines(gen('total', 'price * qty', false), { checks: [check] });
    const plan = planMigration(schema(from), schema(to), { capabilities: pgLike });
    expect(plan.skipped).toEqual([]);
    expect(describe_(plan.operations)).toEqual(['dropCheck:changing', 'dropColumn:changing:total', 'addColumn:additive:total', 'addCheck:additive']);
  });

  it('an unchanged generated column plans nothing; a new one needs no empty-table preflight even when NOT NULL', () => {
    const t = lines(gen('total', 'price * qty'));
    expect(planMigration(schema(t), schema(t), { capabilities: pgLike }).operations).toEqual([]);
    const added = planMigration(schema(table('lines', [id(), int('price'), int('qty')])), schema(lines(int('total', { nullable: false, generated: { expression: 'price * qty', stored: true } }))), {
      capabilities: pgLike,
    });
    expect(describe_(added.operations)).toEqual(['addColumn:additive:total']);
    expect(added.preflight).toEqual([]);
  });

  it('adds a new generated column after changing the type of a column it reads (PostgreSQL refuses the change once the generated column exists)', () => {
    const from = table('lines', [id(), int('price')]);
    const to = table('lines', [id(), { ...int('price'), type: { kind: 'integer', size: 'big' } }, gen('total', 'price * 2')]);
    const plan = planMigration(schema(from), schema(to), { capabilities: pgLike });
    expect(describe_(plan.operations)).toEqual(['alterColumn:changing', 'addColumn:additive:total']);
  });

  it('re-creates a generated column over a column whose type changes, after the change (PostgreSQL refuses the change under it)', () => {
    const from = table('lines', [id(), int('price'), gen('total', 'price * 2')], { indexes: [{ name: 'lines_total', columns: ['total'], unique: false }] });
    const to = table('lines', [id(), { ...int('price'), type: { kind: 'integer', size: 'big' } }, gen('total', 'price * 2')], { indexes: [{ columns: ['total'], unique: false }] });
    const plan = planMigration(schema(from), schema(to), { capabilities: pgLike });
    expect(plan.skipped).toEqual([]);
    expect(describe_(plan.operations)).toEqual(['dropIndex:changing:lines_total', 'dropColumn:changing:total', 'alterColumn:changing', 'addColumn:additive:total', 'addIndex:additive:lines_total']);
    // A generated column over another column, or a plain one, is left alone.
    const other = planMigration(schema(table('lines', [id(), int('price'), int('qty'), gen('total', 'qty * 2')])), schema(table('lines', [id(), { ...int('price'), type: { kind: 'integer', size: 'big' } }, int('qty'), gen('total', 'qty * 2')])), {
      capabilities: pgLike,
    });
    expect(describe_(other.operations)).toEqual(['alterColumn:changing']);
  });

  it('drops a generated column before the columns it reads (the database refuses the other order)', () => {
    const from = table('lines', [id(), int('price'), gen('total', 'price * 2')]);
    const plan = planMigration(schema(from), schema(table('lines', [id()])), { capabilities: pgLike, allowDestructive: true });
    expect(describe_(plan.operations)).toEqual(['dropColumn:destructive:total', 'dropColumn:destructive:price']);
  });

  it('drops a generated column before changing the type of a column it reads', () => {
    const from = table('lines', [id(), int('price'), gen('total', 'price * 2')]);
    const to = table('lines', [id(), { ...int('price'), type: { kind: 'integer', size: 'big' } }]);
    const plan = planMigration(schema(from), schema(to), { capabilities: pgLike, allowDestructive: true });
    expect(describe_(plan.operations)).toEqual(['dropColumn:destructive:total', 'alterColumn:changing']);
  });

  it('skips a plain column becoming generated (its values would be replaced) unless destructive changes are allowed', () => {
    const from = lines(int('total'));
    const to = lines(gen('total', 'price * qty'));
    const plan = planMigration(schema(from), schema(to), { capabilities: pgLike });
    expect(plan.operations).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      'column "lines"."total" would become generated: it is dropped and added again, and its current values are replaced by those of the expression',
    ]);
    const allowed = planMigration(schema(from), schema(to), { capabilities: pgLike, allowDestructive: true });
    expect(describe_(allowed.operations)).toEqual(['dropColumn:destructive:total', 'addColumn:additive:total']);
  });

  it('skips a generated column becoming plain where the column must be re-created (the re-added column would be empty)', () => {
    const plan = planMigration(schema(lines(gen('total', 'price * qty'))), schema(lines(int('total'))), { capabilities: mysqlLike });
    expect(plan.operations).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('would stop being generated');
  });

  it('SQLite-like: a new expression is a table rebuild that does not copy into the generated column', () => {
    const plan = planMigration(schema(lines(gen('total', 'price * qty'))), schema(lines(gen('total', 'price + qty'))), { capabilities: sqliteLike });
    const [op] = plan.operations;
    expect(op?.kind).toBe('rebuildTable');
    if (op?.kind !== 'rebuildTable') return;
    expect(op.classification).toBe('changing');
    expect(op.columnMap.map((m) => m.to)).toEqual(['id', 'price', 'qty']);
  });

  it('SQLite-like: a stored generated column cannot be added in place (rebuild); a virtual one can', () => {
    const base = table('lines', [id(), int('price'), int('qty')]);
    const stored = planMigration(schema(base), schema(lines(gen('total', 'price * qty', true))), { capabilities: { ...sqliteLike, addColumnNotNull: true, addStoredGeneratedColumn: false } });
    expect(stored.operations.map((o) => o.kind)).toEqual(['rebuildTable']);
    const virtual = planMigration(schema(base), schema(lines(gen('total', 'price * qty', false))), { capabilities: { ...sqliteLike, addColumnNotNull: true, addStoredGeneratedColumn: false } });
    expect(virtual.operations.map((o) => o.kind)).toEqual(['addColumn']);
  });

  it('SQLite-like: a plain column becoming generated is skipped; a generated one becoming plain keeps its values (copied by the rebuild)', () => {
    const toGen = planMigration(schema(lines(int('total'))), schema(lines(gen('total', 'price * qty'))), { capabilities: sqliteLike });
    expect(toGen.operations).toEqual([]);
    expect(toGen.skipped.map((s) => s.operation.kind)).toEqual(['alterColumn']);
    const toPlain = planMigration(schema(lines(gen('total', 'price * qty'))), schema(lines(int('total'))), { capabilities: sqliteLike });
    const [op] = toPlain.operations;
    expect(op?.kind === 'rebuildTable' ? op.columnMap.map((m) => m.to) : []).toEqual(['id', 'price', 'qty', 'total']);
    expect(toPlain.skipped).toEqual([]);
  });
});

describe('a stored generated column becoming plain where the database drops the expression in place', () => {
  const caps = pgLike;
  it('is an alterColumn (a change, never skipped), not a re-creation', () => {
    const plan = planMigration(schema(lines(gen('total', 'price * qty'))), schema(lines(int('total'))), { capabilities: caps });
    expect(plan.skipped).toEqual([]);
    expect(plan.operations.map((o) => `${o.kind}:${o.classification}`)).toEqual(['alterColumn:changing']);
  });
  it('a virtual one is still re-created (skipped without allowDestructive)', () => {
    const plan = planMigration(schema(lines(gen('total', 'price * qty', false))), schema(lines(int('total'))), { capabilities: caps });
    expect(plan.operations).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('would stop being generated');
  });
});
