/**
 * Generated (computed) columns: created, added to a table with rows,
 * changed (expression, and stored ↔ virtual where the database has both)
 * by re-creating the column, with every other column's data surviving and
 * the generated values computed by the database. A plain column becoming
 * generated would replace its values: skipped as destructive.
 *
 * Expressions stay portable (`*`, `+` over integer columns) so every
 * database prints them back comparably. Scenarios with virtual columns are
 * skipped by adapters that list the `virtualGeneratedColumns` limitation
 * (PostgreSQL, whose VIRTUAL columns need version 18; tested there on its
 * own).
 */
import { col, index, schema, table } from '../build.js';
import { scenario, type Scenario } from '../scenario.js';
import type { Row } from '../target.js';

const stored = (expression: string) => ({ generated: { expression, stored: true } });
const virtual = (expression: string) => ({ generated: { expression, stored: false } });

type Extra = Parameters<typeof table>[1];

const lines = (extra: Extra = [], options: Parameters<typeof table>[2] = {}) =>
  table('order_lines', [col.integer('id', { nullable: false }), col.integer('price', { nullable: false }), col.integer('qty', { nullable: false }), col.string('note', 40), ...extra], {
    primaryKey: ['id'],
    ...options,
  });

/** `lines` with `price` a bigInteger: a type change under a generated column that reads it. */
const widened = (extra: Extra = []) =>
  table('order_lines', [col.integer('id', { nullable: false }), col.bigInteger('price', { nullable: false }), col.integer('qty', { nullable: false }), col.string('note', 40), ...extra], {
    primaryKey: ['id'],
  });

const rows: Row[] = [
  { id: 1, price: 3, qty: 4, note: 'first' },
  { id: 2, price: 10, qty: 1, note: null },
  { id: 3, price: 7, qty: 0, note: 'third' },
];

const computed = (column: string, f: (r: Row) => number): Row[] => rows.map((r) => ({ id: r.id ?? null, [column]: f(r) }));
const total = (r: Row): number => Number(r.price) * Number(r.qty);
const sum = (r: Row): number => Number(r.price) + Number(r.qty);

const NO_VIRTUAL = 'virtualGeneratedColumns';

export const generatedScenarios: Scenario[] = [
  scenario({
    name: 'generated-create-stored',
    description: 'A new table with a stored generated column and an index on it. (NOT NULL is left out: MariaDB has no NOT NULL generated columns.)',
    from: schema(),
    to: schema(lines([col.integer('total', stored('price * qty')), col.integer('sum', stored('price + qty'))], { indexes: [index('total')] })),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-create-virtual',
    from: schema(),
    to: schema(lines([col.integer('total', virtual('price * qty'))])),
    requires: [NO_VIRTUAL],
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-add-stored-to-table-with-rows',
    description: 'Existing rows get their computed value; SQLite cannot ADD a stored column and rebuilds the table.',
    from: schema(lines()),
    to: schema(lines([col.integer('total', stored('price * qty'))])),
    seed: { order_lines: rows },
    rowsAfter: { order_lines: computed('total', total) },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-add-virtual-to-table-with-rows',
    from: schema(lines()),
    to: schema(lines([col.integer('total', virtual('price * qty'))])),
    seed: { order_lines: rows },
    rowsAfter: { order_lines: computed('total', total) },
    requires: [NO_VIRTUAL],
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-change-expression',
    description: 'A new expression re-creates the column (not destructive: its values are derived); the index on it is re-created, the other columns keep their data.',
    from: schema(lines([col.integer('total', stored('price * qty'))], { indexes: [index('total')] })),
    to: schema(lines([col.integer('total', stored('price + qty'))], { indexes: [index('total')] })),
    seed: { order_lines: rows },
    rowsAfter: { order_lines: computed('total', sum) },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-stored-to-virtual',
    from: schema(lines([col.integer('total', stored('price * qty'))])),
    to: schema(lines([col.integer('total', virtual('price * qty'))])),
    seed: { order_lines: rows },
    rowsAfter: { order_lines: computed('total', total) },
    requires: [NO_VIRTUAL],
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-virtual-to-stored',
    from: schema(lines([col.integer('total', virtual('price * qty'))])),
    to: schema(lines([col.integer('total', stored('price * qty'))])),
    seed: { order_lines: rows },
    rowsAfter: { order_lines: computed('total', total) },
    requires: [NO_VIRTUAL],
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-over-a-column-whose-type-changes',
    description: 'PostgreSQL refuses to change the type of a column a generated column reads: the generated column is re-created after the change (found by random convergence).',
    from: schema(lines([col.integer('total', stored('price * qty'))], { indexes: [index('total')] })),
    to: schema({ ...widened([col.integer('total', stored('price * qty'))]), indexes: [index('total')] }),
    seed: { order_lines: rows },
    rowsAfter: { order_lines: computed('total', total) },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-added-over-a-column-whose-type-changes',
    description: 'The new generated column is added after the change of the column it reads (found by random convergence).',
    from: schema(lines()),
    to: schema(widened([col.integer('total', stored('price * qty'))])),
    seed: { order_lines: rows },
    rowsAfter: { order_lines: computed('total', total) },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-dropped-with-the-column-it-reads',
    description: 'The generated column is dropped first: the database refuses to drop a column a generated column reads (found by random convergence).',
    from: schema(lines([col.integer('total', stored('price * qty'))])),
    to: schema(table('order_lines', [col.integer('id', { nullable: false }), col.integer('qty', { nullable: false }), col.string('note', 40)], { primaryKey: ['id'] })),
    seed: { order_lines: rows },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-dropped-while-the-column-it-reads-changes-type',
    description: 'The generated column is dropped before the change: PostgreSQL refuses to change the type of a column a generated column reads (found by random convergence).',
    from: schema(lines([col.integer('total', stored('price * qty'))])),
    to: schema(widened()),
    seed: { order_lines: rows },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-column-type-changes',
    description: 'A generated column whose own type changes (PostgreSQL refuses USING there; found by random convergence).',
    from: schema(lines([col.decimal('total', 12, 2, stored('price * qty'))])),
    to: schema(lines([col.integer('total', stored('price * qty'))])),
    seed: { order_lines: rows },
    rowsAfter: { order_lines: computed('total', total) },
    // decimal → integer narrows.
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'generated-plain-column-becoming-generated-is-skipped',
    description: 'Its values would be replaced by the expression: destructive, skipped without allowDestructive.',
    from: schema(lines([col.integer('total')])),
    to: schema(lines([col.integer('total', stored('price * qty'))])),
    seed: { order_lines: rows.map((r) => ({ ...r, total: 99 })) },
    expect: { kind: 'skipped-destructive' },
  }),
];
