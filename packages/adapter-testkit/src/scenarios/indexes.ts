/**
 * Unique and plain indexes, composite, matched by definition (a name the
 * user did not give never causes churn).
 */
import type { Column, Index } from '@odac/core';
import { col, index, schema, table, unique } from '../build.js';
import { scenario, type Scenario } from '../scenario.js';

const baseColumns: Column[] = [
  col.increments('id'),
  col.string('email', 255, { nullable: false }),
  col.string('first_name', 80, { nullable: false }),
  col.string('last_name', 80, { nullable: false }),
  col.string('city', 80),
];

const customers = (indexes: readonly Index[] = [], columns: readonly Column[] = baseColumns) =>
  schema(table('customers', columns, { indexes }));

const customerRows = [
  { id: 1, email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', city: 'London' },
  { id: 2, email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', city: 'New York' },
  { id: 3, email: 'alan@example.com', first_name: 'Alan', last_name: 'Turing', city: 'London' },
  { id: 4, email: 'edsger@example.com', first_name: 'Edsger', last_name: 'Dijkstra', city: null },
];
const seed = { customers: customerRows };

export const indexScenarios: Scenario[] = [
  scenario({
    name: 'index-add',
    description: 'An index on a table with rows: PostgreSQL builds it under SHARE (writes wait, reads go on) when not online.',
    from: customers(),
    to: customers([index('city')]),
    seed,
    expect: { kind: 'converges' },
    statements: {
      postgres: { sql: ['CREATE INDEX "idx_customers_city" ON "customers" ("city")'], locks: ['SHARE'] },
      mysql: { sql: ['ALTER TABLE `customers` ADD INDEX `idx_customers_city` (`city`)'] },
      sqlite: { sql: ['CREATE INDEX "idx_customers_city" ON "customers" ("city")'] },
      mssql: { sql: ['CREATE INDEX [idx_customers_city] ON [customers] ([city])'], locks: ['SCH-M'] },
    },
  }),
  scenario({ name: 'unique-index-add', from: customers(), to: customers([unique('email')]), seed, expect: { kind: 'converges' } }),
  scenario({
    name: 'unique-index-add-over-duplicates',
    description: 'Two customers live in London: the preflight names the index and the count.',
    from: customers(),
    to: customers([unique('city')]),
    seed,
    expect: { kind: 'error', code: 'APPLY.PREFLIGHT_FAILED' },
  }),
  scenario({ name: 'index-drop', from: customers([index('city')]), to: customers(), seed, expect: { kind: 'converges' } }),
  scenario({ name: 'unique-index-drop', from: customers([unique('email')]), to: customers(), seed, allowDestructive: true, expect: { kind: 'converges' } }),
  scenario({
    name: 'unique-index-drop-needs-allow-destructive',
    description: 'A unique index enforces data: dropping it is skipped without allowDestructive.',
    from: customers([unique('email')]),
    to: customers(),
    seed,
    expect: { kind: 'skipped-destructive', operations: ['dropIndex'] },
  }),
  scenario({
    name: 'composite-index-add',
    from: customers(),
    to: customers([index(['last_name', 'first_name'])]),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'composite-unique-index-add',
    from: customers(),
    to: customers([unique(['city', 'email'])]),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'index-column-order-change',
    from: customers([index(['last_name', 'first_name'])]),
    to: customers([index(['first_name', 'last_name'])]),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'index-becomes-unique',
    from: customers([index('email')]),
    to: customers([unique('email')]),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'unique-index-becomes-plain',
    from: customers([unique('email')]),
    to: customers([index('email')]),
    seed,
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'index-matched-by-definition-not-name',
    description: 'The live index has a hand-given name; the schema declares the same index without one: nothing to do.',
    from: customers([index(['last_name', 'first_name'], { name: 'customers_by_name' })]),
    to: customers([index(['last_name', 'first_name'])]),
    seed,
    planned: [],
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'named-indexes-create',
    from: customers(),
    to: customers([unique('email', { name: 'customers_email_unique' }), index('city', { name: 'customers_city_lookup' })]),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'unique-index-allows-several-nulls',
    description: 'Two customers without a city do not collide in a unique index.',
    from: customers(),
    to: customers([unique('city')]),
    seed: {
      customers: [
        { id: 1, email: 'a@example.com', first_name: 'A', last_name: 'A', city: null },
        { id: 2, email: 'b@example.com', first_name: 'B', last_name: 'B', city: null },
        { id: 3, email: 'c@example.com', first_name: 'C', last_name: 'C', city: 'Paris' },
      ],
    },
    expect: { kind: 'converges' },
    requires: ['uniqueMultipleNulls'],
  }),
  scenario({
    name: 'index-survives-column-widen',
    from: customers([index('city'), unique('email')]),
    to: customers(
      [index('city'), unique('email')],
      baseColumns.map((c) => (c.name === 'city' ? col.string('city', 200) : c)),
    ),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'index-goes-with-dropped-column',
    from: customers([index('city'), index(['city', 'last_name'])]),
    to: customers([], baseColumns.filter((c) => c.name !== 'city')),
    seed,
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'index-on-new-column',
    from: customers(),
    to: customers([unique('referral_code')], [...baseColumns, col.string('referral_code', 16)]),
    seed,
    expect: { kind: 'converges' },
    requires: ['uniqueMultipleNulls'],
  }),
];
