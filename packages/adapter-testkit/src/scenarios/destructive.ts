/**
 * Dropping tables and columns: only with `allowDestructive` (and, for
 * tables, `dropUnmanagedTables`), in an order that works when other tables
 * reference them.
 */
import { col, empty, fk, schema, table } from '../build.js';
import { scenario, type Scenario } from '../scenario.js';

const users = table('users', [col.increments('id'), col.string('email', 255, { nullable: false })]);
const posts = (withKey: boolean) =>
  table('posts', [col.increments('id'), col.integer('user_id'), col.string('title', 200, { nullable: false })], {
    foreignKeys: withKey ? [fk('user_id', 'users', 'id', { onDelete: 'CASCADE' })] : [],
  });
const auditLog = table('audit_log', [col.increments('id'), col.string('action', 40, { nullable: false }), col.timestamp('at')]);

const seed = {
  users: [
    { id: 1, email: 'ada@example.com' },
    { id: 2, email: 'grace@example.com' },
  ],
  posts: [
    { id: 1, user_id: 1, title: 'Notes on the Analytical Engine' },
    { id: 2, user_id: 2, title: 'Compilers for everyone' },
  ],
};

const cycle = schema(
  users,
  table('departments', [col.increments('id'), col.string('name', 80, { nullable: false }), col.integer('head_id')], {
    foreignKeys: [fk('head_id', 'staff', 'id')],
  }),
  table('staff', [col.increments('id'), col.string('name', 80, { nullable: false }), col.integer('department_id')], {
    foreignKeys: [fk('department_id', 'departments', 'id')],
  }),
);

export const destructiveScenarios: Scenario[] = [
  scenario({
    name: 'drop-table',
    from: schema(users, auditLog),
    to: schema(users),
    seed: { users: seed.users, audit_log: [{ id: 1, action: 'login', at: '2024-01-01 09:00:00' }] },
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'drop-table-without-allow-destructive',
    description: 'Dropping unmanaged tables is asked for but destructive changes are not: the drop is skipped and reported.',
    from: schema(users, auditLog),
    to: schema(users),
    seed: { users: seed.users, audit_log: [{ id: 1, action: 'login', at: '2024-01-01 09:00:00' }] },
    dropUnmanagedTables: true,
    expect: { kind: 'skipped-destructive', operations: ['dropTable'] },
  }),
  scenario({
    name: 'drop-referenced-table',
    description: 'Posts stop referencing users and users go away: the key is dropped before the table.',
    from: schema(users, posts(true)),
    to: schema(posts(false)),
    seed,
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'drop-referenced-table-without-allow-destructive',
    from: schema(users, posts(true)),
    to: schema(posts(false)),
    seed,
    dropUnmanagedTables: true,
    expect: { kind: 'skipped-destructive', operations: ['dropTable'] },
  }),
  scenario({
    name: 'drop-referencing-and-referenced-tables',
    from: schema(users, posts(true)),
    to: empty,
    seed,
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'drop-tables-in-a-cycle',
    description: 'Two tables that reference each other both go away.',
    from: cycle,
    to: schema(users),
    seed: { users: seed.users, departments: [{ id: 1, name: 'Research', head_id: null }], staff: [{ id: 1, name: 'Ada', department_id: 1 }] },
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'drop-column-with-foreign-key',
    from: schema(users, posts(true)),
    to: schema(users, table('posts', [col.increments('id'), col.string('title', 200, { nullable: false })])),
    seed,
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'drop-referenced-column-target-and-key',
    description: 'A unique column that a key references is dropped together with the key.',
    from: schema(
      table('accounts', [col.increments('id'), col.string('handle', 40, { nullable: false })], { indexes: [{ columns: ['handle'], unique: true }] }),
      table('mentions', [col.increments('id'), col.string('handle', 40)], { foreignKeys: [fk('handle', 'accounts', 'handle')] }),
    ),
    to: schema(
      table('accounts', [col.increments('id')]),
      table('mentions', [col.increments('id'), col.string('handle', 40)]),
    ),
    seed: { accounts: [{ id: 1, handle: 'ada' }], mentions: [{ id: 1, handle: 'ada' }] },
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  }),
];
