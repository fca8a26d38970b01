/**
 * Adding, dropping and altering columns: type widening and narrowing,
 * nullability both ways, several changes at once.
 */
import { col, empty, fk, index, schema, table } from '../build.js';
import { scenario, sqliteRebuild, type Scenario } from '../scenario.js';
import type { Row } from '../target.js';

const users = (...extra: Parameters<typeof table>[1]) =>
  table('users', [
    col.increments('id'),
    col.string('email', 255, { nullable: false }),
    col.string('display_name', 100),
    ...extra,
  ]);

const userRows: Row[] = [
  { id: 1, email: 'ada@example.com', display_name: 'Ada Lovelace' },
  { id: 2, email: 'grace@example.com', display_name: null },
  { id: 3, email: 'linus@example.com', display_name: 'Linus' },
];

const products = (...columns: Parameters<typeof table>[1]) =>
  table('products', [col.increments('id'), col.string('sku', 32, { nullable: false }), ...columns]);

export const columnScenarios: Scenario[] = [
  scenario({
    name: 'create-from-empty',
    description: 'An empty database gets two related tables with indexes, defaults and a cascading key.',
    from: empty,
    to: schema(
      users(),
      table(
        'posts',
        [
          col.increments('id'),
          col.integer('user_id', { nullable: false }),
          col.string('title', 200, { nullable: false }),
          col.text('body'),
          col.boolean('published', { nullable: false, default: false }),
        ],
        { indexes: [index(['user_id', 'published'])], foreignKeys: [fk('user_id', 'users', 'id', { onDelete: 'CASCADE' })] },
      ),
    ),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'add-nullable-column',
    from: schema(users()),
    to: schema(users(col.text('bio'))),
    seed: { users: userRows },
    rowsAfter: { users: userRows.map((r) => ({ id: r.id ?? null, bio: null })) },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'add-not-null-column-with-default',
    description: 'Existing rows take the default.',
    from: schema(users()),
    to: schema(users(col.string('status', 20, { nullable: false, default: 'active' }))),
    seed: { users: userRows },
    rowsAfter: { users: userRows.map((r) => ({ id: r.id ?? null, status: 'active' })) },
    expect: { kind: 'converges' },
    // One ADD COLUMN in place everywhere: no rebuild, no separate UPDATE of existing rows.
    statements: {
      postgres: { sql: [`ALTER TABLE "users" ADD COLUMN "status" varchar(20) NOT NULL DEFAULT 'active'`], locks: ['ACCESS EXCLUSIVE'] },
      mysql: { sql: ["ALTER TABLE `users` ADD COLUMN `status` varchar(20) NOT NULL DEFAULT 'active'"] },
      sqlite: { sql: [`ALTER TABLE "users" ADD COLUMN "status" varchar(20) NOT NULL DEFAULT 'active'`] },
      mssql: { sql: ["ALTER TABLE [users] ADD [status] nvarchar(20) NOT NULL CONSTRAINT [DF_users_status] DEFAULT N'active'"], locks: ['SCH-M'] },
    },
  }),
  scenario({
    name: 'add-not-null-column-without-default-to-empty-table',
    from: schema(users()),
    to: schema(users(col.integer('login_count', { nullable: false }))),
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'add-not-null-column-without-default-to-table-with-rows',
    description: 'Existing rows would have no value: the preflight refuses before any DDL.',
    from: schema(users()),
    to: schema(users(col.integer('login_count', { nullable: false }))),
    seed: { users: userRows },
    expect: { kind: 'error', code: 'APPLY.PREFLIGHT_FAILED' },
  }),
  scenario({
    name: 'add-several-columns-at-once',
    from: schema(users()),
    to: schema(
      users(
        col.boolean('is_admin', { nullable: false, default: false }),
        col.integer('karma', { nullable: false, default: 0 }),
        col.date('birthday'),
        col.timestamp('last_seen_at'),
      ),
    ),
    seed: { users: userRows },
    rowsAfter: { users: userRows.map((r) => ({ id: r.id ?? null, is_admin: false, karma: 0, birthday: null })) },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'drop-column',
    from: schema(users(col.string('legacy_token', 64))),
    to: schema(users()),
    seed: { users: userRows.map((r) => ({ ...r, legacy_token: `tok-${String(r.id)}` })) },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'drop-column-without-allow-destructive',
    from: schema(users(col.string('legacy_token', 64))),
    to: schema(users()),
    seed: { users: userRows.map((r) => ({ ...r, legacy_token: `tok-${String(r.id)}` })) },
    expect: { kind: 'skipped-destructive', operations: ['dropColumn'] },
  }),
  scenario({
    name: 'widen-string-length',
    from: schema(users()),
    to: schema(
      table('users', [col.increments('id'), col.string('email', 255, { nullable: false }), col.string('display_name', 255)]),
    ),
    seed: { users: userRows },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'widen-integer-to-bigint',
    from: schema(products(col.integer('stock', { nullable: false }))),
    to: schema(products(col.bigInteger('stock', { nullable: false }))),
    seed: { products: [{ id: 1, sku: 'MUG-01', stock: 2147483647 }, { id: 2, sku: 'CAP-02', stock: -5 }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'widen-small-integer-to-integer',
    from: schema(products(col.smallInteger('shelf'))),
    to: schema(products(col.integer('shelf'))),
    seed: { products: [{ id: 1, sku: 'MUG-01', shelf: 32000 }, { id: 2, sku: 'CAP-02', shelf: null }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'widen-integer-to-decimal',
    from: schema(products(col.integer('weight_grams'))),
    to: schema(products(col.decimal('weight_grams', 14, 2))),
    seed: { products: [{ id: 1, sku: 'MUG-01', weight_grams: 350 }, { id: 2, sku: 'CAP-02', weight_grams: 120 }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'widen-string-to-text',
    from: schema(table('articles', [col.increments('id'), col.string('summary', 255)])),
    to: schema(table('articles', [col.increments('id'), col.text('summary')])),
    seed: { articles: [{ id: 1, summary: 'A short summary.' }, { id: 2, summary: null }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'widen-decimal-precision-and-scale',
    from: schema(products(col.decimal('price', 8, 2, { nullable: false }))),
    to: schema(products(col.decimal('price', 12, 4, { nullable: false }))),
    seed: { products: [{ id: 1, sku: 'MUG-01', price: 19.99 }, { id: 2, sku: 'CAP-02', price: 999999.5 }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'narrow-string-with-fitting-data',
    from: schema(users()),
    to: schema(table('users', [col.increments('id'), col.string('email', 255, { nullable: false }), col.string('display_name', 20)])),
    seed: { users: userRows },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'narrow-string-without-allow-destructive',
    description: 'A narrowing type change is destructive: skipped and reported.',
    from: schema(users()),
    to: schema(table('users', [col.increments('id'), col.string('email', 255, { nullable: false }), col.string('display_name', 20)])),
    seed: { users: userRows },
    expect: { kind: 'skipped-destructive', operations: ['alterColumn'] },
  }),
  scenario({
    name: 'narrow-string-with-data-that-does-not-fit',
    from: schema(users()),
    to: schema(table('users', [col.increments('id'), col.string('email', 255, { nullable: false }), col.string('display_name', 5)])),
    seed: { users: userRows },
    allowDestructive: true,
    expect: { kind: 'error', code: 'APPLY.PREFLIGHT_FAILED' },
  }),
  scenario({
    name: 'narrow-bigint-to-integer-with-fitting-data',
    from: schema(products(col.bigInteger('stock', { nullable: false }))),
    to: schema(products(col.integer('stock', { nullable: false }))),
    seed: { products: [{ id: 1, sku: 'MUG-01', stock: 120 }, { id: 2, sku: 'CAP-02', stock: 0 }] },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'narrow-text-to-string-with-fitting-data',
    from: schema(table('articles', [col.increments('id'), col.text('summary')])),
    to: schema(table('articles', [col.increments('id'), col.string('summary', 200)])),
    seed: { articles: [{ id: 1, summary: 'A short summary.' }, { id: 2, summary: null }] },
    allowDestructive: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'narrow-decimal-with-data-that-does-not-fit',
    from: schema(products(col.decimal('price', 12, 2, { nullable: false }))),
    to: schema(products(col.decimal('price', 5, 2, { nullable: false }))),
    seed: { products: [{ id: 1, sku: 'MUG-01', price: 19.99 }, { id: 2, sku: 'CAR-99', price: 25000.0 }] },
    allowDestructive: true,
    expect: { kind: 'error', code: 'APPLY.PREFLIGHT_FAILED' },
  }),
  scenario({
    name: 'make-column-not-null',
    from: schema(products(col.string('name', 100))),
    to: schema(products(col.string('name', 100, { nullable: false }))),
    seed: { products: [{ id: 1, sku: 'MUG-01', name: 'Mug' }, { id: 2, sku: 'CAP-02', name: 'Cap' }] },
    expect: { kind: 'converges' },
    // In place, except on SQLite, which rebuilds the table.
    statements: {
      postgres: { sql: ['ALTER TABLE "products" ALTER COLUMN "name" SET NOT NULL'], locks: ['ACCESS EXCLUSIVE'] },
      mysql: { sql: ['ALTER TABLE `products` MODIFY COLUMN `name` varchar(100) NOT NULL'] },
      sqlite: {
        sql: sqliteRebuild(
          'products',
          'CREATE TABLE "products__odac_new" (\n  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n  "sku" varchar(32) NOT NULL,\n  "name" varchar(100) NOT NULL\n)',
          'INSERT INTO "products__odac_new" ("id", "sku", "name") SELECT "id", "sku", "name" FROM "products"',
        ),
      },
      // The column's indexes are dropped and recreated around the ALTER COLUMN, all in one batch.
      mssql: { sql: [/\nALTER TABLE \[products\] ALTER COLUMN \[name\] nvarchar\(100\) NOT NULL;\n/], locks: ['SCH-M'] },
    },
  }),
  scenario({
    name: 'make-column-not-null-over-null-rows',
    from: schema(users()),
    to: schema(table('users', [col.increments('id'), col.string('email', 255, { nullable: false }), col.string('display_name', 100, { nullable: false })])),
    seed: { users: userRows },
    expect: { kind: 'error', code: 'APPLY.PREFLIGHT_FAILED' },
  }),
  scenario({
    name: 'make-column-nullable',
    from: schema(products(col.string('name', 100, { nullable: false }))),
    to: schema(products(col.string('name', 100))),
    seed: { products: [{ id: 1, sku: 'MUG-01', name: 'Mug' }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'alter-type-nullability-and-default-together',
    from: schema(products(col.integer('stock', { nullable: false }))),
    to: schema(products(col.bigInteger('stock', { default: 0 }))),
    seed: { products: [{ id: 1, sku: 'MUG-01', stock: 7 }] },
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'add-alter-and-drop-columns-in-one-table',
    from: schema(users(col.string('legacy_token', 64), col.integer('karma'))),
    to: schema(users(col.bigInteger('karma', { nullable: false, default: 0 }), col.boolean('verified', { nullable: false, default: false }))),
    seed: { users: userRows.map((r) => ({ ...r, legacy_token: null, karma: Number(r.id) * 10 })) },
    allowDestructive: true,
    rowsAfter: { users: userRows.map((r) => ({ id: r.id ?? null, karma: Number(r.id) * 10, verified: false })) },
    expect: { kind: 'converges' },
  }),
];
