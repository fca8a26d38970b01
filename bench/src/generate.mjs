// Deterministic synthetic schemas: N tables, each with 10 columns, 2 indexes
// and 1-2 foreign keys, written as odac schema files (one per table, in any
// of the formats the loader reads) and as one drizzle schema module per
// dialect (the same tables in drizzle's format, for `--compare`).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `t00042`: names sort in creation order. */
export function tableName(i) {
  return `t${String(i).padStart(5, '0')}`;
}

/**
 * Table `i`: `parent_id` references the previous table (table 0 references
 * itself), and odd tables also have `owner_id` referencing table `i / 2`.
 * So every table has 1 or 2 foreign keys, all to tables created earlier.
 */
export function tableSpec(i) {
  return {
    name: tableName(i),
    parent: tableName(i === 0 ? 0 : i - 1),
    owner: i % 2 === 1 ? tableName(Math.floor(i / 2)) : undefined,
  };
}

function odacDefinition(spec) {
  const owner = spec.owner
    ? `{ type: 'integer', unsigned: true, references: { table: '${spec.owner}', column: 'id' }, onDelete: 'SET NULL' }`
    : `{ type: 'integer', unsigned: true }`;
  return `{
  columns: {
    id: { type: 'increments' },
    name: { type: 'string', length: 100, nullable: false },
    slug: { type: 'string', length: 64, nullable: false },
    body: { type: 'text' },
    amount: { type: 'decimal', precision: 12, scale: 2, nullable: false, default: 0 },
    active: { type: 'boolean', nullable: false, default: true },
    created_at: { type: 'timestamp', nullable: false, default: { raw: 'CURRENT_TIMESTAMP' } },
    rank: { type: 'integer', nullable: false, default: 0 },
    parent_id: { type: 'integer', unsigned: true, references: { table: '${spec.parent}', column: 'id' }, onDelete: 'CASCADE' },
    owner_id: ${owner},
  },
  indexes: [{ columns: ['slug'], unique: true }, { columns: ['name', 'created_at'] }],
}`;
}

/** The text of one schema file in `format`: `cjs` (.js or .cjs), `esm` (.mjs) or `ts`. */
export function odacFile(i, format) {
  const def = odacDefinition(tableSpec(i));
  switch (format) {
    case 'cjs':
      return `'use strict';\nmodule.exports = ${def};\n`;
    case 'esm':
      return `export default ${def};\n`;
    case 'ts':
      return `import { defineTable } from '@odac/core';\n\nexport default defineTable(${def});\n`;
    default:
      throw new Error(`unknown format ${format}`);
  }
}

const EXTENSIONS = { js: 'cjs', cjs: 'cjs', mjs: 'esm', ts: 'ts' };

/** Writes `n` schema files with extension `ext` (js, cjs, mjs, ts) into a fresh `dir`. */
export function writeOdacSchema(dir, n, ext = 'js') {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The schema directory of a CommonJS project, as ODAC.JS apps are (not the bench package's "type": "module").
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `${tableName(i)}.${ext}`), odacFile(i, EXTENSIONS[ext]));
  return dir;
}

const DRIZZLE = {
  postgres: {
    module: 'drizzle-orm/pg-core',
    imports: ['pgTable', 'serial', 'varchar', 'text', 'numeric', 'boolean', 'timestamp', 'integer', 'index', 'uniqueIndex'],
    table: (s) => `pgTable('${s.name}', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  slug: varchar('slug', { length: 64 }).notNull(),
  body: text('body'),
  amount: numeric('amount', { precision: 12, scale: 2 }).notNull().default('0'),
  active: boolean('active').notNull().default(true),
  created_at: timestamp('created_at').notNull().defaultNow(),
  rank: integer('rank').notNull().default(0),
  parent_id: integer('parent_id').references(() => ${s.parent}.id, { onDelete: 'cascade' }),
  owner_id: integer('owner_id')${s.owner ? `.references(() => ${s.owner}.id, { onDelete: 'set null' })` : ''},
}, (t) => [uniqueIndex('${s.name}_slug_unique').on(t.slug), index('${s.name}_name_created_at_index').on(t.name, t.created_at)])`,
  },
  mysql: {
    module: 'drizzle-orm/mysql-core',
    imports: ['mysqlTable', 'int', 'varchar', 'text', 'decimal', 'boolean', 'timestamp', 'index', 'uniqueIndex'],
    table: (s) => `mysqlTable('${s.name}', {
  id: int('id', { unsigned: true }).autoincrement().primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  slug: varchar('slug', { length: 64 }).notNull(),
  body: text('body'),
  amount: decimal('amount', { precision: 12, scale: 2 }).notNull().default('0'),
  active: boolean('active').notNull().default(true),
  created_at: timestamp('created_at').notNull().defaultNow(),
  rank: int('rank').notNull().default(0),
  parent_id: int('parent_id', { unsigned: true }).references(() => ${s.parent}.id, { onDelete: 'cascade' }),
  owner_id: int('owner_id', { unsigned: true })${s.owner ? `.references(() => ${s.owner}.id, { onDelete: 'set null' })` : ''},
}, (t) => [uniqueIndex('${s.name}_slug_unique').on(t.slug), index('${s.name}_name_created_at_index').on(t.name, t.created_at)])`,
  },
  sqlite: {
    module: 'drizzle-orm/sqlite-core',
    imports: ['sqliteTable', 'integer', 'text', 'numeric', 'index', 'uniqueIndex'],
    extra: `import { sql } from 'drizzle-orm';\n`,
    table: (s) => `sqliteTable('${s.name}', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name', { length: 100 }).notNull(),
  slug: text('slug', { length: 64 }).notNull(),
  body: text('body'),
  amount: numeric('amount').notNull().default('0'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  created_at: text('created_at').notNull().default(sql\`(CURRENT_TIMESTAMP)\`),
  rank: integer('rank').notNull().default(0),
  parent_id: integer('parent_id').references(() => ${s.parent}.id, { onDelete: 'cascade' }),
  owner_id: integer('owner_id')${s.owner ? `.references(() => ${s.owner}.id, { onDelete: 'set null' })` : ''},
}, (t) => [uniqueIndex('${s.name}_slug_unique').on(t.slug), index('${s.name}_name_created_at_index').on(t.name, t.created_at)])`,
  },
};

/** Writes one ES module exporting the `n` tables as drizzle tables for `dialect` (postgres, mysql, sqlite). */
export function writeDrizzleSchema(file, n, dialect) {
  const d = DRIZZLE[dialect];
  const lines = [`import { ${d.imports.join(', ')} } from '${d.module}';`, d.extra ?? ''];
  for (let i = 0; i < n; i++) {
    const spec = tableSpec(i);
    lines.push(`export const ${spec.name} = ${d.table(spec)};`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
