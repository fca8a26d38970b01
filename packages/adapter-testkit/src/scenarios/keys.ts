/**
 * Primary keys: add, change, drop, composite, natural keys, auto-increment.
 */
import { col, empty, schema, table } from '../build.js';
import { scenario, type Scenario } from '../scenario.js';

const tags = (primaryKey: readonly string[]) =>
  schema(table('tags', [col.integer('id', { nullable: false }), col.string('label', 50, { nullable: false })], { primaryKey }));
const tagRows = [
  { id: 1, label: 'sql' },
  { id: 2, label: 'node' },
];

const memberships = (primaryKey: readonly string[]) =>
  schema(
    table(
      'memberships',
      [col.integer('user_id', { nullable: false }), col.integer('team_id', { nullable: false }), col.string('role', 20, { nullable: false })],
      { primaryKey },
    ),
  );
const membershipRows = [
  { user_id: 1, team_id: 10, role: 'owner' },
  { user_id: 2, team_id: 10, role: 'member' },
  { user_id: 3, team_id: 20, role: 'member' },
];

const counters = (autoIncrement: boolean) =>
  schema(
    table('counters', [col.integer('id', { nullable: false, autoIncrement }), col.string('label', 50)], { primaryKey: ['id'] }),
  );

export const keyScenarios: Scenario[] = [
  scenario({
    name: 'primary-key-add',
    from: tags([]),
    to: tags(['id']),
    seed: { tags: tagRows },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'primary-key-drop',
    from: tags(['id']),
    to: tags([]),
    seed: { tags: tagRows },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'primary-key-drop-needs-allow-destructive',
    description: 'Removing a primary key gives up the uniqueness it enforces: skipped without allowDestructive.',
    from: tags(['id']),
    to: tags([]),
    seed: { tags: tagRows },
    expect: { kind: 'skipped-destructive', operations: ['setPrimaryKey'] },
  }),
  scenario({
    name: 'primary-key-change-column',
    from: schema(
      table('countries', [col.integer('id', { nullable: false }), col.char('code', 2, { nullable: false }), col.string('name', 80)], {
        primaryKey: ['id'],
      }),
    ),
    to: schema(
      table('countries', [col.integer('id', { nullable: false }), col.char('code', 2, { nullable: false }), col.string('name', 80)], {
        primaryKey: ['code'],
      }),
    ),
    seed: {
      countries: [
        { id: 1, code: 'FR', name: 'France' },
        { id: 2, code: 'JP', name: 'Japan' },
      ],
    },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'primary-key-widen-to-composite',
    from: memberships(['user_id']),
    to: memberships(['user_id', 'team_id']),
    seed: { memberships: membershipRows },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'primary-key-composite-column-order',
    description: 'The order of a composite key is part of its meaning.',
    from: memberships(['user_id', 'team_id']),
    to: memberships(['team_id', 'user_id']),
    seed: { memberships: membershipRows },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'primary-key-add-over-duplicates',
    from: memberships([]),
    to: memberships(['team_id']),
    seed: { memberships: membershipRows },
    expect: { kind: 'error', code: 'APPLY.PREFLIGHT_FAILED' },
  }),
  scenario({
    name: 'composite-primary-key-create',
    from: empty,
    to: schema(
      table(
        'order_lines',
        [col.integer('order_id', { nullable: false }), col.integer('line_no', { nullable: false }), col.decimal('amount', 10, 2, { nullable: false })],
        { primaryKey: ['order_id', 'line_no'] },
      ),
    ),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'natural-string-primary-key',
    from: empty,
    to: schema(table('currencies', [col.char('code', 3, { nullable: false }), col.string('name', 60, { nullable: false })], { primaryKey: ['code'] })),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'big-increments-primary-key',
    from: empty,
    to: schema(table('events', [col.bigIncrements('id'), col.string('kind', 40, { nullable: false }), col.json('payload')])),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'auto-increment-add',
    requires: ['alterIdentity'],
    from: counters(false),
    to: counters(true),
    seed: { counters: [{ id: 1, label: 'visits' }, { id: 5, label: 'signups' }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'auto-increment-drop',
    requires: ['alterIdentity'],
    from: counters(true),
    to: counters(false),
    seed: { counters: [{ id: 1, label: 'visits' }, { id: 5, label: 'signups' }] },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'auto-increment-drop-needs-allow-destructive',
    description: 'Removing auto-increment/identity is destructive to integrity: skipped without allowDestructive.',
    from: counters(true),
    to: counters(false),
    seed: { counters: [{ id: 1, label: 'visits' }, { id: 5, label: 'signups' }] },
    expect: { kind: 'skipped-destructive', operations: ['alterColumn'] },
  }),
];
