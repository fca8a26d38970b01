/**
 * Column defaults: add, change and drop for every literal kind (string,
 * integer, decimal, boolean, null) and for `CURRENT_TIMESTAMP`.
 */
import type { Column } from '@odac/core';
import { col, now, schema, table, type DefaultInput } from '../build.js';
import { scenario, type Scenario } from '../scenario.js';
import type { Row } from '../target.js';

/** A `products` table whose last column is the one under test. */
const products = (column: Column) =>
  schema(table('products', [col.increments('id'), col.string('name', 100, { nullable: false }), column]));

interface DefaultCase {
  /** The kind, used in scenario names: `default-<kind>-add`... */
  readonly kind: string;
  readonly column: (defaultValue?: DefaultInput) => Column;
  readonly first: DefaultInput;
  readonly second: DefaultInput;
  /** A stored value for the seeded rows (the default must not rewrite it). */
  readonly value: Row[string];
}

const cases: DefaultCase[] = [
  {
    kind: 'string',
    column: (d) => col.string('status', 20, { nullable: false, ...(d !== undefined ? { default: d } : {}) }),
    first: 'draft',
    second: 'published',
    value: 'archived',
  },
  {
    kind: 'integer',
    column: (d) => col.integer('stock', { nullable: false, ...(d !== undefined ? { default: d } : {}) }),
    first: 0,
    second: 10,
    value: 3,
  },
  {
    kind: 'decimal',
    column: (d) => col.decimal('price', 10, 2, { nullable: false, ...(d !== undefined ? { default: d } : {}) }),
    first: 9.99,
    second: 0.5,
    value: 12.25,
  },
  {
    kind: 'boolean',
    column: (d) => col.boolean('on_sale', { nullable: false, ...(d !== undefined ? { default: d } : {}) }),
    first: false,
    second: true,
    value: true,
  },
  {
    kind: 'current-timestamp',
    column: (d) => col.timestamp('listed_at', { nullable: false, ...(d !== undefined ? { default: d } : {}) }),
    first: now,
    second: '2000-01-01 00:00:00',
    value: '2024-03-01 12:30:00',
  },
];

function lifecycle(c: DefaultCase): Scenario[] {
  const rows: Row[] = [
    { id: 1, name: 'Mug', [c.column().name]: c.value },
    { id: 2, name: 'Cap', [c.column().name]: c.value },
  ];
  return [
    scenario({
      name: `default-${c.kind}-add`,
      from: products(c.column()),
      to: products(c.column(c.first)),
      seed: { products: rows },
      expect: { kind: 'converges' },
    }),
    scenario({
      name: `default-${c.kind}-change`,
      from: products(c.column(c.first)),
      to: products(c.column(c.second)),
      seed: { products: rows },
      expect: { kind: 'converges' },
    }),
    scenario({
      name: `default-${c.kind}-drop`,
      from: products(c.column(c.first)),
      to: products(c.column()),
      seed: { products: rows },
      expect: { kind: 'converges' },
    }),
  ];
}

const notes = (d?: DefaultInput): Column => col.string('note', 100, d !== undefined ? { default: d } : {});

export const defaultScenarios: Scenario[] = [
  ...cases.flatMap(lifecycle),
  scenario({
    name: 'default-string-with-quotes-and-backslashes',
    description: 'A default literal is escaped by the adapter, never interpolated.',
    from: products(notes()),
    to: products(notes(`it's "quoted" \\ and 50% off; -- not a comment`)),
    seed: { products: [{ id: 1, name: 'Mug', note: null }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'default-empty-string',
    from: products(notes()),
    to: products(notes('')),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'default-negative-and-zero-numbers',
    from: schema(table('thermostats', [col.increments('id'), col.integer('offset_c'), col.decimal('calibration', 6, 3)])),
    to: schema(
      table('thermostats', [col.increments('id'), col.integer('offset_c', { default: -4 }), col.decimal('calibration', 6, 3, { default: 0 })]),
    ),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'default-null-to-string',
    description: 'An explicit NULL default and no default mean the same; then a real default replaces it.',
    from: products(notes(null)),
    to: products(notes('n/a')),
    seed: { products: [{ id: 1, name: 'Mug', note: 'fragile' }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'default-string-to-null',
    from: products(notes('n/a')),
    to: products(notes(null)),
    seed: { products: [{ id: 1, name: 'Mug', note: 'fragile' }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'default-date-literal-add',
    from: schema(table('subscriptions', [col.increments('id'), col.date('starts_on', { nullable: false })])),
    to: schema(table('subscriptions', [col.increments('id'), col.date('starts_on', { nullable: false, default: '2024-01-01' })])),
    seed: { subscriptions: [{ id: 1, starts_on: '2023-06-15' }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'default-current-timestamp-on-new-column',
    description: 'Adding a NOT NULL column defaulting to CURRENT_TIMESTAMP to a table with rows.',
    from: products(notes()),
    to: schema(
      table('products', [
        col.increments('id'),
        col.string('name', 100, { nullable: false }),
        notes(),
        col.timestamp('created_at', { nullable: false, default: now }),
      ]),
    ),
    seed: { products: [{ id: 1, name: 'Mug', note: null }] },
    expect: { kind: 'converges' },
  }),
];
