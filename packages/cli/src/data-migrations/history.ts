/**
 * `_odac_migrations`, the applied-files table, exactly as ODAC.JS creates it
 * through knex (so an existing ODAC.JS history carries over): `id`
 * increments, `name`, `connection`, `type` ('file'), `batch`, `applied_at`
 * (default now), and an index on (connection, type). One migrate run is one
 * batch per connection.
 */
import { MIGRATIONS_TABLE } from '@odac/core';
import type { Knex } from 'knex';

/** Creates the table when it is missing; another migrator creating it meanwhile is fine. */
export async function ensureHistoryTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(MIGRATIONS_TABLE)) return;
  try {
    await db.schema.createTable(MIGRATIONS_TABLE, (table) => {
      table.increments('id');
      table.string('name').notNullable();
      table.string('connection').notNullable();
      table.string('type').notNullable();
      table.integer('batch').notNullable();
      table.timestamp('applied_at').defaultTo(db.fn.now());
      table.index(['connection', 'type']);
    });
  } catch (error) {
    if (!(await db.schema.hasTable(MIGRATIONS_TABLE))) throw error;
  }
}

/** Names of the files applied on `connection`. */
export async function appliedFiles(db: Knex, connection: string): Promise<Set<string>> {
  const rows = (await db(MIGRATIONS_TABLE).where({ connection, type: 'file' }).select('name')) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

/** The batch number of the next run on `connection` (ODAC.JS counts every row of the connection). */
export async function nextBatch(db: Knex, connection: string): Promise<number> {
  const row = (await db(MIGRATIONS_TABLE).where({ connection }).max({ batch: 'batch' }).first()) as { batch?: number | string | null } | undefined;
  return Number(row?.batch ?? 0) + 1;
}

/** The last batch of files on `connection`, newest first (by name, as ODAC.JS orders them). */
export async function lastBatch(db: Knex, connection: string): Promise<{ batch: number; names: string[] } | undefined> {
  const row = (await db(MIGRATIONS_TABLE).where({ connection, type: 'file' }).max({ batch: 'batch' }).first()) as { batch?: number | string | null } | undefined;
  if (row?.batch === null || row?.batch === undefined) return undefined;
  const batch = Number(row.batch);
  const rows = (await db(MIGRATIONS_TABLE).where({ connection, type: 'file', batch }).orderBy('name', 'desc').select('name')) as { name: string }[];
  return { batch, names: [...new Set(rows.map((r) => r.name))] };
}
