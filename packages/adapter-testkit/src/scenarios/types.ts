/**
 * Every column type of the model round-trips: created, introspected back to
 * the normalized type, and planned to nothing; values survive a change to
 * their table.
 */
import type { Column } from '@odac/core';
import { col, empty, schema, table } from '../build.js';
import { scenario, type Requirement, type Scenario } from '../scenario.js';

function roundTrip(name: string, columns: readonly Column[], requires?: readonly Requirement[]): Scenario {
  return scenario({
    name: `type-${name}`,
    description: `Create a table with ${columns.map((c) => c.name).join(', ')} and plan nothing afterwards.`,
    from: empty,
    to: schema(table(`type_${name.replace(/-/g, '_')}`, [col.increments('id'), ...columns])),
    expect: { kind: 'converges' },
    ...(requires ? { requires } : {}),
  });
}

/** Columns every adapter stores values of, for the value-survival scenario. */
const valueColumns = [
  col.integer('quantity'),
  col.bigInteger('views'),
  col.smallInteger('rank'),
  col.decimal('price', 10, 2),
  col.double('ratio'),
  col.string('title', 120),
  col.char('country', 2),
  col.text('body'),
  col.boolean('active'),
  col.date('released_on'),
  col.time('opens_at'),
  col.datetime('reviewed_at'),
  col.timestamp('created_at'),
  col.json('attributes'),
  col.uuid('external_id'),
];

const catalog = (extra: readonly Column[] = []) => schema(table('catalog_items', [col.increments('id'), ...valueColumns, ...extra]));

export const typeScenarios: Scenario[] = [
  roundTrip('integers', [
    col.tinyInteger('tiny_value'),
    col.smallInteger('small_value'),
    col.mediumInteger('medium_value'),
    col.integer('regular_value'),
    col.bigInteger('big_value'),
  ]),
  roundTrip('unsigned-integers', [
    col.smallInteger('small_count', { unsigned: true }),
    col.integer('regular_count', { unsigned: true }),
    col.bigInteger('big_count', { unsigned: true }),
  ]),
  roundTrip('decimals-and-floats', [col.decimal('amount', 10, 2), col.decimal('rate', 18, 6), col.float('score'), col.double('precise_score')]),
  roundTrip('strings', [col.string('code', 1), col.string('title', 255), col.string('long_title', 1000), col.char('country', 2), col.char('reference', 36)]),
  roundTrip('text-sizes', [col.text('body'), col.text('medium_body', { size: 'medium' }), col.text('long_body', { size: 'long' })]),
  roundTrip('boolean', [col.boolean('is_active', { nullable: false }), col.boolean('is_featured')]),
  roundTrip('temporal', [
    col.date('released_on'),
    col.time('opens_at'),
    col.datetime('reviewed_at'),
    col.timestamp('created_at'),
    col.timestamp('synced_at', { withTimeZone: true }),
  ]),
  roundTrip('json', [col.json('settings'), col.json('payload', { binary: true })]),
  roundTrip('uuid', [col.uuid('external_id', { nullable: false })]),
  roundTrip('binary', [col.binary('payload'), col.binary('checksum', { length: 16 })]),
  roundTrip('enum', [col.enum('status', ['draft', 'published', 'archived'], { nullable: false, default: 'draft' })], ['enumType']),
  scenario({
    name: 'type-values-survive-table-change',
    description: 'A row holding a value of every portable type is unchanged after its table is altered (SQLite rebuilds it).',
    from: catalog(),
    to: schema(
      table('catalog_items', [
        col.increments('id'),
        ...valueColumns.map((c) => (c.name === 'title' ? { ...c, nullable: false } : c)),
        col.string('subtitle', 120),
      ]),
    ),
    seed: {
      catalog_items: [
        {
          id: 1,
          quantity: -42,
          views: 9007199254740991,
          rank: 7,
          price: 1234.5,
          ratio: 0.25,
          title: 'Café "Ünïcode" — ok',
          country: 'DE',
          body: 'Line one\nLine two\twith tab',
          active: true,
          released_on: '2024-02-29',
          opens_at: '08:30:00',
          reviewed_at: '2024-03-01 12:34:56',
          created_at: '2024-03-01 12:34:56',
          attributes: '{"color":"red","sizes":[1,2,3]}',
          external_id: '1b4e28ba-2d11-41ee-be56-0242ac120002',
        },
        {
          id: 2,
          quantity: null,
          views: null,
          rank: null,
          price: null,
          ratio: null,
          title: 'Empty',
          country: null,
          body: null,
          active: false,
          released_on: null,
          opens_at: null,
          reviewed_at: null,
          created_at: null,
          attributes: null,
          external_id: null,
        },
      ],
    },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'type-enum-add-value',
    from: schema(table('orders', [col.increments('id'), col.enum('status', ['pending', 'paid'], { nullable: false })])),
    to: schema(table('orders', [col.increments('id'), col.enum('status', ['pending', 'paid', 'refunded'], { nullable: false })])),
    seed: { orders: [{ id: 1, status: 'pending' }, { id: 2, status: 'paid' }] },
    expect: { kind: 'converges' },
    requires: ['enumType'],
  }),
];
