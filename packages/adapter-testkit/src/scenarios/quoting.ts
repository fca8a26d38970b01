/**
 * Identifiers that need quoting: spaces, quote characters, reserved words,
 * mixed case, unicode, and names long enough that generated constraint
 * names must be shortened.
 */
import { col, fk, index, schema, table, unique } from '../build.js';
import { scenario, type Scenario } from '../scenario.js';

const orderItems = (extra: boolean) =>
  schema(
    table('orders', [col.increments('id'), col.string('customer name', 100, { nullable: false })]),
    table(
      'order items',
      [
        col.increments('id'),
        col.integer('order id', { nullable: false }),
        col.string('product name', 120, { nullable: false }),
        col.decimal('unit price', 10, 2, { nullable: false, default: 0 }),
        ...(extra ? [col.string('gift note', 200, { default: 'with love' })] : []),
      ],
      { indexes: [index(['order id', 'product name'])], foreignKeys: [fk('order id', 'orders', 'id', { onDelete: 'CASCADE' })] },
    ),
  );

const quoteChars = (extra: boolean) =>
  schema(
    table('weird"table', [col.increments('id'), col.string(`it's`, 50), col.string('back`tick', 50, { default: `a'b"c` })], {
      indexes: [unique(`it's`)],
    }),
    table(
      `child's "rows"`,
      [
        col.increments('id'),
        col.integer('parent"id'),
        col.string('semi;colon -- dash', 30, extra ? { nullable: false, default: 'x' } : {}),
      ],
      { foreignKeys: [fk('parent"id', 'weird"table', 'id')] },
    ),
  );

const reserved = (extra: boolean) =>
  schema(
    table('user', [col.increments('id'), col.string('select', 50), col.string('from', 50), col.integer('where')], {
      indexes: [index('select')],
    }),
    table(
      'order',
      [
        col.increments('id'),
        col.integer('user', { nullable: false }),
        col.string('group', 30),
        col.boolean('check', { nullable: false, default: false }),
        ...(extra ? [col.integer('table', { default: 1 })] : []),
      ],
      { indexes: [index(['group', 'check'])], foreignKeys: [fk('user', 'user', 'id')] },
    ),
  );

const mixedCase = (extra: boolean) =>
  schema(
    table('UserAccounts', [col.increments('Id'), col.string('FirstName', 60, { nullable: false }), col.string('lastName', 60, { nullable: false })], {
      indexes: [index(['lastName', 'FirstName'])],
    }),
    table('OrderHistory', [col.increments('Id'), col.integer('UserAccountId', { nullable: false }), ...(extra ? [col.text('Notes')] : [])], {
      foreignKeys: [fk('UserAccountId', 'UserAccounts', 'Id')],
    }),
  );

const unicode = (extra: boolean) =>
  schema(
    table('café', [col.increments('id'), col.string('naïve', 40), col.string('größe', 10, { default: 'groß' })], { indexes: [index('naïve')] }),
    table('注文', [col.increments('id'), col.integer('café_id'), ...(extra ? [col.string('備考', 100)] : [])], {
      foreignKeys: [fk('café_id', 'café', 'id')],
    }),
  );

const longTable = 'customer_subscription_billing_history_entries';
const longTarget = 'customer_subscription_billing_accounts';
const longColumn = 'subscription_billing_account_reference_id';

export const quotingScenarios: Scenario[] = [
  scenario({
    name: 'identifiers-with-spaces',
    from: orderItems(false),
    to: orderItems(true),
    seed: {
      orders: [{ id: 1, 'customer name': 'Ada' }],
      'order items': [{ id: 1, 'order id': 1, 'product name': 'Mug', 'unit price': 12.5 }],
    },
    rowsAfter: { 'order items': [{ id: 1, 'gift note': 'with love' }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'identifiers-with-quote-characters',
    from: quoteChars(false),
    to: quoteChars(true),
    seed: {
      'weird"table': [{ id: 1, "it's": 'yes', 'back`tick': 'b' }],
      [`child's "rows"`]: [{ id: 1, 'parent"id': 1, 'semi;colon -- dash': 'kept' }],
    },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'identifiers-that-are-reserved-words',
    from: reserved(false),
    to: reserved(true),
    seed: {
      user: [{ id: 1, select: 's', from: 'f', where: 3 }],
      order: [{ id: 1, user: 1, group: 'g', check: true }],
    },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'identifiers-in-mixed-case',
    from: mixedCase(false),
    to: mixedCase(true),
    seed: {
      UserAccounts: [{ Id: 1, FirstName: 'Ada', lastName: 'Lovelace' }],
      OrderHistory: [{ Id: 1, UserAccountId: 1 }],
    },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'identifiers-in-unicode',
    from: unicode(false),
    to: unicode(true),
    seed: { café: [{ id: 1, naïve: 'oui', größe: 'XL' }], 注文: [{ id: 1, café_id: 1 }] },
    expect: { kind: 'converges' },
    requires: ['unicodeIdentifiers'],
  }),
  scenario({
    name: 'long-identifiers-shorten-generated-names',
    description: 'Generated index and key names exceed the identifier limit and are shortened deterministically.',
    from: schema(table(longTarget, [col.increments('id')])),
    to: schema(
      table(longTarget, [col.increments('id'), col.string('billing_account_external_reference', 64)], {
        indexes: [unique('billing_account_external_reference')],
      }),
      table(longTable, [col.increments('id'), col.integer(longColumn, { nullable: false }), col.date('billing_period_starts_on')], {
        indexes: [index([longColumn, 'billing_period_starts_on'])],
        foreignKeys: [fk(longColumn, longTarget, 'id', { onDelete: 'CASCADE' })],
      }),
    ),
    expect: { kind: 'converges' },
  }),
];
