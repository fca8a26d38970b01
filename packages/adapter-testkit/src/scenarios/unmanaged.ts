/**
 * Tables the schema does not describe are left alone: never dropped unless
 * `dropUnmanagedTables` and `allowDestructive` both say so, never touched
 * when ignored, and still valid when a managed table they reference changes.
 */
import { col, fk, index, schema, table } from '../build.js';
import { scenario, type Scenario } from '../scenario.js';

const users = (extra: boolean) =>
  table('users', [
    col.increments('id'),
    col.string('email', 255, { nullable: false }),
    ...(extra ? [col.string('display_name', 100, { nullable: false, default: 'anonymous' })] : []),
  ]);

const legacyAudit = table(
  'legacy_audit',
  [col.increments('id'), col.integer('user_id'), col.string('action', 40, { nullable: false })],
  { indexes: [index('action')], foreignKeys: [fk('user_id', 'users', 'id')] },
);
const sessions = table('sessions', [col.string('token', 64, { nullable: false }), col.integer('user_id')], { primaryKey: ['token'] });

const seed = {
  users: [
    { id: 1, email: 'ada@example.com' },
    { id: 2, email: 'grace@example.com' },
  ],
  legacy_audit: [
    { id: 1, user_id: 1, action: 'login' },
    { id: 2, user_id: 2, action: 'logout' },
  ],
};

export const unmanagedScenarios: Scenario[] = [
  scenario({
    name: 'ignored-table-left-alone',
    description: 'An ignored table survives even when dropping unmanaged tables is allowed, and the plan never mentions it.',
    from: schema(users(false), legacyAudit),
    to: schema(users(false)),
    seed,
    ignoreTables: ['legacy_*'],
    allowDestructive: true,
    dropUnmanagedTables: true,
    planned: [],
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'ignored-table-referencing-a-changed-table',
    description: 'The managed table an ignored one references changes (SQLite rebuilds it); the reference still holds.',
    from: schema(users(false), legacyAudit),
    to: schema(users(true)),
    seed,
    ignoreTables: ['legacy_*'],
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'tables-not-in-schema-kept-while-others-change',
    description: 'Tables the schema does not name are unmanaged: even with allowDestructive they keep their rows while managed ones change.',
    from: schema(users(false), legacyAudit, sessions),
    to: schema(users(true)),
    seed: { ...seed, sessions: [{ token: 'abc123', user_id: 1 }] },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
];
