/**
 * Foreign keys: add, drop, every action for ON DELETE and ON UPDATE,
 * composite, self-reference, cycles, references to unique non-key columns,
 * to tables created in the same plan, keys around changing columns, and
 * deferral and MATCH FULL where the database keeps them.
 */
import { FOREIGN_KEY_ACTIONS, type Column, type ForeignKey, type ForeignKeyAction } from '@odac/core';
import { col, empty, fk, schema, table, unique, type ForeignKeyOptions } from '../build.js';
import { scenario, sqliteRebuild, type Requirement, type Scenario } from '../scenario.js';
import type { Row } from '../target.js';

const authorColumns: Column[] = [col.increments('id'), col.string('name', 100, { nullable: false })];
const bookColumns: Column[] = [col.increments('id'), col.integer('author_id'), col.string('title', 200, { nullable: false })];

const library = (keys: readonly ForeignKey[], options: { authors?: Column[]; books?: Column[] } = {}) =>
  schema(table('authors', options.authors ?? authorColumns), table('books', options.books ?? bookColumns, { foreignKeys: keys }));
const writtenBy = (options: ForeignKeyOptions = {}) => fk('author_id', 'authors', 'id', options);

const seed: Record<string, Row[]> = {
  authors: [
    { id: 1, name: 'Ursula K. Le Guin' },
    { id: 2, name: 'Terry Pratchett' },
  ],
  books: [
    { id: 1, author_id: 1, title: 'The Dispossessed' },
    { id: 2, author_id: 2, title: 'Mort' },
    { id: 3, author_id: null, title: 'Anonymous Pamphlet' },
  ],
};

const slug = (a: ForeignKeyAction): string => a.toLowerCase().replace(' ', '-');
const actionNeeds = (a: ForeignKeyAction): Requirement[] => (a === 'SET DEFAULT' ? ['foreignKeySetDefault'] : []);

function actionChanges(side: 'onDelete' | 'onUpdate'): Scenario[] {
  const sql = side === 'onDelete' ? 'delete' : 'update';
  return FOREIGN_KEY_ACTIONS.map((action) => {
    const from: ForeignKeyAction = action === 'NO ACTION' ? 'CASCADE' : 'NO ACTION';
    return scenario({
      name: `foreign-key-on-${sql}-${slug(action)}`,
      description: `Change ON ${sql.toUpperCase()} from ${from} to ${action}; the key is matched by meaning and only its action changes.`,
      from: library([writtenBy({ [side]: from })]),
      to: library([writtenBy({ [side]: action })]),
      seed,
      expect: { kind: 'converges' },
      requires: actionNeeds(action),
    });
  });
}

const orderLines = table(
  'order_lines',
  [col.integer('order_id', { nullable: false }), col.integer('line_no', { nullable: false }), col.string('product', 80, { nullable: false })],
  { primaryKey: ['order_id', 'line_no'] },
);
const shipments = (keys: readonly ForeignKey[]) =>
  table(
    'shipments',
    [col.increments('id'), col.integer('order_id', { nullable: false }), col.integer('line_no', { nullable: false }), col.date('shipped_on')],
    { foreignKeys: keys },
  );
const shipsLine = fk(['order_id', 'line_no'], 'order_lines', ['order_id', 'line_no'], { onDelete: 'CASCADE' });

const employees = (keys: readonly ForeignKey[]) =>
  schema(table('employees', [col.increments('id'), col.string('name', 100, { nullable: false }), col.integer('manager_id')], { foreignKeys: keys }));
const employeeRows = [
  { id: 1, name: 'Chief', manager_id: null },
  { id: 2, name: 'Lead', manager_id: 1 },
  { id: 3, name: 'Engineer', manager_id: 2 },
];

const clubs = (withKeys: boolean, action: ForeignKeyAction = 'NO ACTION') =>
  schema(
    table('teams', [col.increments('id'), col.string('name', 60, { nullable: false }), col.integer('captain_id')], {
      foreignKeys: withKeys ? [fk('captain_id', 'players', 'id', { onDelete: action })] : [],
    }),
    table('players', [col.increments('id'), col.string('name', 60, { nullable: false }), col.integer('team_id')], {
      foreignKeys: withKeys ? [fk('team_id', 'teams', 'id', { onDelete: action })] : [],
    }),
  );

const storefront = (withKey: boolean) =>
  schema(
    table('customers', [col.increments('id'), col.string('email', 255, { nullable: false })], { indexes: [unique('email')] }),
    table('orders', [col.increments('id'), col.string('customer_email', 255, { nullable: false }), col.decimal('total', 10, 2)], {
      foreignKeys: withKey ? [fk('customer_email', 'customers', 'email')] : [],
    }),
  );

const comments = table('comments', [col.increments('id'), col.integer('post_id'), col.text('body')]);
const withPosts = schema(
  table('posts', [col.increments('id'), col.string('title', 200, { nullable: false })]),
  table('comments', comments.columns, { foreignKeys: [fk('post_id', 'posts', 'id', { onDelete: 'CASCADE' })] }),
);

const lineSeed: Record<string, Row[]> = {
  order_lines: [
    { order_id: 100, line_no: 1, product: 'Mug' },
    { order_id: 100, line_no: 2, product: 'Cap' },
  ],
  shipments: [{ id: 1, order_id: 100, line_no: 2, shipped_on: '2024-05-02' }],
};

/**
 * Deferral and MATCH FULL change what a key does, not what it is: the key
 * is replaced (or its table rebuilt). Only where the adapter keeps them.
 */
const behaviourScenarios: Scenario[] = [
  scenario({
    name: 'foreign-key-create-deferred',
    description: 'A DEFERRABLE INITIALLY DEFERRED key created with its table.',
    from: empty,
    to: library([writtenBy({ deferrable: 'deferred', onDelete: 'CASCADE' })]),
    expect: { kind: 'converges' },
    requires: ['foreignKeyDeferrable'],
  }),
  scenario({
    name: 'foreign-key-make-deferrable',
    description: 'NOT DEFERRABLE → DEFERRABLE INITIALLY IMMEDIATE; matched by meaning, replaced.',
    from: library([writtenBy()]),
    to: library([writtenBy({ deferrable: 'immediate' })]),
    seed,
    expect: { kind: 'converges' },
    requires: ['foreignKeyDeferrable'],
  }),
  scenario({
    name: 'foreign-key-make-initially-deferred',
    from: library([writtenBy({ onDelete: 'SET NULL' })]),
    to: library([writtenBy({ onDelete: 'SET NULL', deferrable: 'deferred' })]),
    seed,
    expect: { kind: 'converges' },
    requires: ['foreignKeyDeferrable'],
  }),
  scenario({
    name: 'foreign-key-deferred-to-immediate',
    from: library([writtenBy({ deferrable: 'deferred' })]),
    to: library([writtenBy({ deferrable: 'immediate' })]),
    seed,
    expect: { kind: 'converges' },
    requires: ['foreignKeyDeferrable'],
  }),
  scenario({
    name: 'foreign-key-add-match-full',
    description: 'A composite key gains MATCH FULL; its rows are entirely non-NULL, so they satisfy it.',
    from: schema(orderLines, shipments([shipsLine])),
    to: schema(orderLines, shipments([{ ...shipsLine, match: 'full' }])),
    seed: lineSeed,
    expect: { kind: 'converges' },
    requires: ['foreignKeyMatchFull'],
  }),
  scenario({
    name: 'foreign-key-deferred-match-full-to-plain',
    from: schema(orderLines, shipments([{ ...shipsLine, match: 'full', deferrable: 'deferred' }])),
    to: schema(orderLines, shipments([shipsLine])),
    seed: lineSeed,
    expect: { kind: 'converges' },
    requires: ['foreignKeyDeferrable', 'foreignKeyMatchFull'],
  }),
];

/**
 * Two keys on the same columns and target with other actions, which every
 * database takes (issue 10): each keeps its own name and only the one whose
 * actions change is replaced. SQL Server refuses two cascading paths between
 * the same tables, hence `multipleCascadePaths`.
 */
function siblingScenarios(): Scenario[] {
  const both = library([writtenBy({ onDelete: 'CASCADE' }), writtenBy({ onDelete: 'SET NULL' })]);
  const replaced = (quote: (name: string) => string, drop: string, add: string): string[] => [
    `ALTER TABLE ${quote('books')} ${drop} ${quote('fk_books_author_id')}`,
    `ALTER TABLE ${quote('books')} ADD CONSTRAINT ${quote('fk_books_author_id')} FOREIGN KEY (${quote('author_id')}) REFERENCES ${quote('authors')} (${quote('id')}) ${add}`,
  ];
  const needs: Requirement[] = ['multipleCascadePaths'];
  return [
    scenario({ name: 'foreign-key-siblings-create', from: library([]), to: both, seed, expect: { kind: 'converges' }, requires: needs }),
    scenario({ name: 'foreign-key-sibling-add', from: library([writtenBy({ onDelete: 'CASCADE' })]), to: both, seed, expect: { kind: 'converges' }, requires: needs }),
    scenario({
      name: 'foreign-key-sibling-action-change',
      description: 'Of two keys on author_id, only the CASCADE one becomes RESTRICT: it alone is dropped and added again, under its own name.',
      from: both,
      to: library([writtenBy({ onDelete: 'RESTRICT' }), writtenBy({ onDelete: 'SET NULL' })]),
      seed,
      expect: { kind: 'converges' },
      requires: needs,
      statements: {
        postgres: { sql: replaced((n) => `"${n}"`, 'DROP CONSTRAINT', 'ON DELETE RESTRICT') },
        mysql: { sql: replaced((n) => `\`${n}\``, 'DROP FOREIGN KEY', 'ON DELETE RESTRICT ON UPDATE RESTRICT') },
      },
    }),
    scenario({
      name: 'foreign-key-sibling-drop-needs-allow-destructive',
      from: both,
      to: library([writtenBy({ onDelete: 'SET NULL' })]),
      seed,
      expect: { kind: 'skipped-destructive', operations: ['dropForeignKey'] },
      requires: needs,
    }),
    scenario({ name: 'foreign-key-sibling-drop', from: both, to: library([writtenBy({ onDelete: 'SET NULL' })]), seed, allowDestructive: true, expect: { kind: 'converges' }, requires: needs }),
  ];
}

export const foreignKeyScenarios: Scenario[] = [
  scenario({ name: 'foreign-key-add', from: library([]), to: library([writtenBy()]), seed, expect: { kind: 'converges' } }),
  scenario({
    name: 'foreign-key-add-over-orphans',
    description: 'A book points at an author that does not exist: the preflight names the key and the count.',
    from: library([]),
    to: library([writtenBy()]),
    seed: { ...seed, books: [...(seed['books'] ?? []), { id: 4, author_id: 99, title: 'Orphaned' }] },
    expect: { kind: 'error', code: 'APPLY.PREFLIGHT_FAILED' },
  }),
  scenario({ name: 'foreign-key-drop', from: library([writtenBy()]), to: library([]), seed, allowDestructive: true, expect: { kind: 'converges' } }),
  scenario({
    name: 'foreign-key-drop-needs-allow-destructive',
    description: 'A foreign key enforces data: dropping it is skipped without allowDestructive.',
    from: library([writtenBy()]),
    to: library([]),
    seed,
    expect: { kind: 'skipped-destructive', operations: ['dropForeignKey'] },
  }),
  ...actionChanges('onDelete'),
  ...actionChanges('onUpdate'),
  scenario({
    name: 'foreign-key-both-actions-change',
    description: 'The key is dropped and added again (SQLite rebuilds its table); PostgreSQL takes SHARE ROW EXCLUSIVE, not ACCESS EXCLUSIVE, to add it.',
    from: library([writtenBy({ onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })]),
    to: library([writtenBy({ onDelete: 'SET NULL', onUpdate: 'CASCADE' })]),
    seed,
    expect: { kind: 'converges' },
    statements: {
      postgres: {
        sql: [
          'ALTER TABLE "books" DROP CONSTRAINT "fk_books_author_id"',
          'ALTER TABLE "books" ADD CONSTRAINT "fk_books_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON UPDATE CASCADE ON DELETE SET NULL',
        ],
        locks: ['ACCESS EXCLUSIVE (authors: ACCESS EXCLUSIVE)', 'SHARE ROW EXCLUSIVE (authors: SHARE ROW EXCLUSIVE)'],
      },
      mysql: {
        sql: [
          'ALTER TABLE `books` DROP FOREIGN KEY `fk_books_author_id`',
          'ALTER TABLE `books` ADD CONSTRAINT `fk_books_author_id` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`) ON DELETE SET NULL ON UPDATE CASCADE',
        ],
      },
      sqlite: {
        sql: sqliteRebuild(
          'books',
          'CREATE TABLE "books__odac_new" (\n  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n  "author_id" integer,\n  "title" varchar(200) NOT NULL,\n' +
            '  CONSTRAINT "fk_books_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE SET NULL ON UPDATE CASCADE\n)',
          'INSERT INTO "books__odac_new" ("id", "author_id", "title") SELECT "id", "author_id", "title" FROM "books"',
        ),
      },
      mssql: {
        sql: [
          'ALTER TABLE [books] DROP CONSTRAINT [fk_books_author_id]',
          'ALTER TABLE [books] ADD CONSTRAINT [fk_books_author_id] FOREIGN KEY ([author_id]) REFERENCES [authors] ([id]) ON DELETE SET NULL ON UPDATE CASCADE',
        ],
        locks: ['SCH-M', 'SCH-M'],
      },
    },
  }),
  ...siblingScenarios(),
  scenario({
    name: 'foreign-key-matched-by-definition-not-name',
    description: 'The live key has a hand-given name; the schema declares the same key without one: nothing to do.',
    from: library([writtenBy({ name: 'books_written_by' })]),
    to: library([writtenBy()]),
    seed,
    planned: [],
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-named',
    from: library([]),
    to: library([writtenBy({ name: 'books_author_fk', onDelete: 'CASCADE' })]),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-with-new-column',
    from: library([writtenBy()]),
    to: library([writtenBy(), fk('editor_id', 'authors', 'id', { onDelete: 'SET NULL' })], {
      books: [...bookColumns, col.integer('editor_id')],
    }),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-composite-create',
    from: empty,
    to: schema(orderLines, shipments([shipsLine])),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-composite-add',
    from: schema(orderLines, shipments([])),
    to: schema(orderLines, shipments([shipsLine])),
    seed: lineSeed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-self-reference-create',
    from: empty,
    to: employees([fk('manager_id', 'employees', 'id')]),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-self-reference-add',
    from: employees([]),
    to: employees([fk('manager_id', 'employees', 'id')]),
    seed: { employees: employeeRows },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-self-reference-set-null',
    from: employees([fk('manager_id', 'employees', 'id')]),
    to: employees([fk('manager_id', 'employees', 'id', { onDelete: 'SET NULL' })]),
    seed: { employees: employeeRows },
    expect: { kind: 'converges' },
    requires: ['multipleCascadePaths'],
  }),
  scenario({
    name: 'foreign-key-cycle-create',
    description: 'Two tables referencing each other are created in one plan.',
    from: empty,
    to: clubs(true),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-cycle-add-to-existing-tables',
    from: clubs(false),
    to: clubs(true),
    seed: {
      teams: [{ id: 1, name: 'Red', captain_id: 2 }],
      players: [
        { id: 1, name: 'Ada', team_id: 1 },
        { id: 2, name: 'Grace', team_id: 1 },
      ],
    },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-cycle-with-set-null',
    from: clubs(true),
    to: clubs(true, 'SET NULL'),
    expect: { kind: 'converges' },
    requires: ['multipleCascadePaths'],
  }),
  scenario({
    name: 'foreign-key-multiple-cascade-paths',
    description: 'Tasks are reached from accounts directly and through projects, both cascading.',
    from: empty,
    to: schema(
      table('accounts', [col.increments('id'), col.string('name', 80, { nullable: false })]),
      table('projects', [col.increments('id'), col.integer('account_id', { nullable: false })], {
        foreignKeys: [fk('account_id', 'accounts', 'id', { onDelete: 'CASCADE' })],
      }),
      table('tasks', [col.increments('id'), col.integer('project_id', { nullable: false }), col.integer('account_id', { nullable: false })], {
        foreignKeys: [fk('project_id', 'projects', 'id', { onDelete: 'CASCADE' }), fk('account_id', 'accounts', 'id', { onDelete: 'CASCADE' })],
      }),
    ),
    expect: { kind: 'converges' },
    requires: ['multipleCascadePaths'],
  }),
  scenario({
    name: 'foreign-key-to-unique-column',
    from: storefront(false),
    to: storefront(true),
    seed: {
      customers: [{ id: 1, email: 'ada@example.com' }],
      orders: [{ id: 1, customer_email: 'ada@example.com', total: 42.5 }],
    },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-target-created-in-same-plan',
    from: schema(comments),
    to: withPosts,
    seed: { comments: [{ id: 1, post_id: null, body: 'First!' }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-target-created-in-same-plan-over-orphans',
    description: 'Every non-null reference into a table that does not exist yet is an orphan.',
    from: schema(comments),
    to: withPosts,
    seed: { comments: [{ id: 1, post_id: 7, body: 'Orphan' }] },
    expect: { kind: 'error', code: 'APPLY.PREFLIGHT_FAILED' },
  }),
  scenario({
    name: 'foreign-key-referenced-column-widened',
    description: 'Both ends of a key change type together (MySQL needs the key dropped and re-added around it).',
    from: library([writtenBy()]),
    to: library([writtenBy()], {
      authors: [col.bigIncrements('id'), col.string('name', 100, { nullable: false })],
      books: [col.increments('id'), col.bigInteger('author_id'), col.string('title', 200, { nullable: false })],
    }),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-referenced-table-altered',
    description: 'The parent table changes (SQLite rebuilds it) while children reference it.',
    from: library([writtenBy({ onDelete: 'CASCADE' })]),
    to: library([writtenBy({ onDelete: 'CASCADE' })], {
      authors: [col.increments('id'), col.string('name', 200), col.string('country', 2)],
    }),
    seed,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'foreign-key-referencing-table-altered',
    description: 'The child table changes (SQLite rebuilds it) and keeps its key.',
    from: library([writtenBy({ onDelete: 'SET NULL' })]),
    to: library([writtenBy({ onDelete: 'SET NULL' })], {
      books: [col.increments('id'), col.integer('author_id'), col.string('title', 250), col.boolean('in_print', { nullable: false, default: true })],
    }),
    seed,
    rowsAfter: { books: (seed['books'] ?? []).map((b) => ({ id: b.id ?? null, in_print: true })) },
    expect: { kind: 'converges' },
  }),
  ...behaviourScenarios,
];
