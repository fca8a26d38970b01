/**
 * The data steps of one connection, after its schema sync (ODAC.JS order):
 * pending migration files (`migration/[<connection>/]*.js`), then seeds.
 *
 * `runTarget` (commands/target.ts) and the boot API call, per connection:
 * `schemaSyncContext` for the context of the schema sync (without seeds when
 * files are pending, so seeds run after them), then `runDataSteps` after
 * `migrate` synced the schema (`apply: true`: run the files, then the seeds
 * held back) or after `plan` printed the schema plan (`apply: false`: list
 * pending files). `runRollback` is `odac migrate:rollback`. Seeds otherwise
 * run inside the schema sync itself (core `migrate`, same transaction).
 */
import path from 'node:path';
import { migrate, MIGRATIONS_TABLE } from '@odac/core';
import type { ConnectionTarget } from '../connections.js';
import { listMigrationFiles, type MigrationFile } from '../data-migrations/files.js';
import type { Lock } from '../data-migrations/runner.js';
import { seedCounts } from '../render/seeds.js';
import { connectOptions, engineOptions, EXIT_OK, EXIT_PENDING, type CommandContext } from './context.js';

export interface DataStepOptions {
  /** True for `migrate` (run them), false for `plan` / `migrate:status` (list them). */
  readonly apply: boolean;
}

/** Where a connection's migration files live and the name its history rows carry. */
export interface MigrationTarget {
  readonly dir: string;
  /** `_odac_migrations.connection`: the odac.json connection name, `default` otherwise (as ODAC.JS records it). */
  readonly connection: string;
}

/**
 * `migration/` of the project for the default connection (and for a URL
 * given any other way), `migration/<name>/` for a named connection of
 * odac.json (whose schema files are in `schema/<name>/`).
 */
export function migrationTarget(ctx: CommandContext, target: ConnectionTarget): MigrationTarget {
  const root = path.join(ctx.io.cwd, 'migration');
  const name = target.name ?? ctx.settings.connection;
  if (name === undefined) return { dir: root, connection: 'default' };
  const named = path.basename(ctx.settings.schemaDir) === name && path.basename(path.dirname(ctx.settings.schemaDir)) !== name;
  return { dir: named ? path.join(root, name) : root, connection: name };
}

function out(ctx: CommandContext): { write(text: string): unknown } {
  // --json keeps stdout one JSON document.
  return ctx.json ? ctx.io.stderr : ctx.io.stdout;
}

/** Files not recorded in `_odac_migrations` for this connection, read through the adapter (knex is not loaded for this). */
async function pendingFiles(ctx: CommandContext, connection: string, files: readonly MigrationFile[]): Promise<MigrationFile[]> {
  if (files.length === 0) return [];
  const conn = await ctx.adapter.connect(ctx.settings.url, { ...connectOptions(ctx.settings), readOnly: true });
  try {
    const live = await conn.introspect({ tables: [MIGRATIONS_TABLE] });
    if (!live.tables.some((t) => t.name === MIGRATIONS_TABLE) || !conn.readRows) return [...files];
    const [rows = []] = await conn.readRows([{ table: MIGRATIONS_TABLE, columns: ['name', 'type'], where: { column: 'connection', values: [connection] } }]);
    const done = new Set(rows.filter((r) => String(r[1]) === 'file').map((r) => String(r[0])));
    return files.filter((f) => !done.has(f.name));
  } finally {
    await conn.close();
  }
}

/**
 * The context for the schema sync of `target`: the same, but without seeds
 * when migration files are pending (seeds then run after the files, in
 * `runDataSteps`).
 */
export async function schemaSyncContext(ctx: CommandContext, target: ConnectionTarget): Promise<CommandContext> {
  const { dir, connection } = migrationTarget(ctx, target);
  const pending = await pendingFiles(ctx, connection, listMigrationFiles(dir));
  const sync = pending.length > 0 ? { ...ctx, seeds: false } : ctx;
  // runDataSteps with this context reads the history no second time (the runner reads it again under the lock anyway).
  checked.set(sync, pending);
  return sync;
}

/** Pending files found by `schemaSyncContext`, per context it returned. */
const checked = new WeakMap<CommandContext, readonly MigrationFile[]>();

/** Runs `fn` with knex on the target's database and the lock files run under (none on SQLite: files claim their rows). */
async function withKnex<T>(ctx: CommandContext, fn: (db: import('knex').Knex, lock: Lock | undefined) => Promise<T>): Promise<T> {
  const { openKnex } = await import('../data-migrations/knex.js');
  const db = await openKnex(ctx.adapter.name, ctx.settings.url, { cwd: ctx.io.cwd, schemaName: ctx.settings.schemaName });
  try {
    if (ctx.adapter.name === 'sqlite') return await fn(db, undefined);
    const conn = await ctx.adapter.connect(ctx.settings.url, connectOptions(ctx.settings));
    try {
      return await fn(db, (work) => conn.withLock(work));
    } finally {
      await conn.close();
    }
  } finally {
    await db.destroy();
  }
}

function list(names: readonly string[]): string {
  return names.join(', ');
}

export async function runDataSteps(ctx: CommandContext, target: ConnectionTarget, options: DataStepOptions): Promise<number> {
  const { dir, connection } = migrationTarget(ctx, target);
  const files = listMigrationFiles(dir);
  const shown = path.relative(ctx.io.cwd, dir) || '.';
  const pending = (options.apply ? checked.get(ctx) : undefined) ?? (await pendingFiles(ctx, connection, files));
  if (!options.apply) {
    if (files.length === 0) return EXIT_OK;
    out(ctx).write(
      pending.length === 0
        ? `Migration files (${shown}/): none pending.\n`
        : `Migration files (${shown}/): ${pending.length} pending, run in this order before the seeds: ${list(pending.map((f) => f.name))}.\n`,
    );
    return pending.length > 0 ? EXIT_PENDING : EXIT_OK;
  }
  if (pending.length > 0) {
    const { runPendingFiles } = await import('../data-migrations/runner.js');
    const result = await withKnex(ctx, (db, lock) => runPendingFiles({ db, connection, files, ...(lock ? { lock } : {}) }));
    if (result.applied.length > 0) {
      out(ctx).write(`Ran ${result.applied.length} migration file${result.applied.length === 1 ? '' : 's'} (batch ${result.batch}): ${list(result.applied)}.\n`);
    }
  }
  if (ctx.seeds === false && target.hasSchema) {
    const seeded = await migrate({ ...engineOptions({ ...ctx, seeds: true }) });
    const { inserts, updates } = seedCounts(seeded.seeds);
    if (inserts + updates > 0) out(ctx).write(`Seeded: ${inserts} row${inserts === 1 ? '' : 's'} inserted, ${updates} updated.\n`);
  }
  return EXIT_OK;
}

export interface RollbackOptions {
  /** Run without asking. */
  readonly yes: boolean;
}

/**
 * `odac migrate:rollback`: runs `down()` of the connection's last batch of
 * migration files, newest first, and deletes their rows. The schema is
 * not rolled back (the schema files say what it is).
 */
export async function runRollback(ctx: CommandContext, target: ConnectionTarget, options: RollbackOptions): Promise<number> {
  void options;
  const { dir, connection } = migrationTarget(ctx, target);
  const files = listMigrationFiles(dir);
  const { rollbackLastBatch } = await import('../data-migrations/runner.js');
  const result = await withKnex(ctx, (db, lock) => rollbackLastBatch({ db, connection, files, ...(lock ? { lock } : {}) }));
  out(ctx).write(
    result.rolledBack.length === 0
      ? `Nothing to roll back: no migration files are recorded for connection "${connection}".\n`
      : `Rolled back batch ${result.batch} of connection "${connection}": ${list(result.rolledBack)}.\n`,
  );
  return EXIT_OK;
}
