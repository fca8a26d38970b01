/**
 * Running pending migration files and rolling back the last batch, each
 * file in its own knex transaction (passed to `up`/`down` as `db`; MySQL
 * commits DDL at once, so there a file is only as atomic as its statements).
 *
 * Concurrency: many instances may boot at once and must run each file once.
 * Where the adapter's migrator lock belongs to a session (PostgreSQL
 * advisory lock, MySQL GET_LOCK), `lock` holds it while the files run and
 * the history is read again under it. SQLite's lock is a write transaction
 * that knex's own connection would wait behind, so there each file's
 * transaction claims the file first (inserting its row takes the database's
 * write lock until commit) and skips it when an earlier claim exists; a
 * failing `up` rolls the claim back with everything else.
 */
import { MIGRATIONS_TABLE, OdacError } from '@odac/core';
import type { Knex } from 'knex';
import { loadMigration, type MigrationFile } from './files.js';
import { appliedFiles, ensureHistoryTable, lastBatch, nextBatch } from './history.js';

export type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

export interface RunnerOptions {
  readonly db: Knex;
  /** Recorded in `_odac_migrations.connection` (`default` for the default connection, as ODAC.JS does). */
  readonly connection: string;
  /** The connection's migration files, sorted by name. */
  readonly files: readonly MigrationFile[];
  /** Holds the migrator lock across the run; absent: each file claims its row first (SQLite). */
  readonly lock?: Lock;
  /** Called before each file runs (or is rolled back). */
  readonly onFile?: (name: string) => void;
}

/** Thrown inside a transaction to roll it back because another migrator got there first. */
class AlreadyDone extends Error {}

function failed(file: MigrationFile, step: 'up' | 'down', cause: unknown, done: readonly string[]): OdacError {
  // Files load in their own realm: their errors are not `instanceof Error` here.
  const message = typeof cause === 'object' && cause !== null ? (cause as { message?: unknown }).message : undefined;
  const reason = typeof message === 'string' ? message : String(cause);
  const before = done.length > 0 ? ` The files before it (${done.join(', ')}) ran and are recorded.` : '';
  const outcome = step === 'up' ? 'It was rolled back where the database allows it and is not recorded, so the next migrate runs it again.' : 'Its row stays in _odac_migrations, so a later rollback tries it again.';
  return new OdacError('MIGRATION.FAILED', `Migration file ${file.name} failed in ${step}(): ${reason}. ${outcome}${before} Fix the file (or the data) and run again.`, {
    cause,
    details: { file: file.path, step },
  });
}

const withLock = (lock: Lock | undefined): Lock => lock ?? ((fn) => fn());

/** Runs the files not yet recorded on this connection, as one batch. Returns the names that ran here. */
export async function runPendingFiles(options: RunnerOptions): Promise<{ readonly applied: readonly string[]; readonly batch: number }> {
  const { db, connection } = options;
  return withLock(options.lock)(async () => {
    await ensureHistoryTable(db);
    const done = await appliedFiles(db, connection);
    const pending = options.files.filter((f) => !done.has(f.name));
    const batch = await nextBatch(db, connection);
    const applied: string[] = [];
    for (const file of pending) {
      const mod = await loadMigration(file);
      const row = { name: file.name, connection, type: 'file', batch };
      options.onFile?.(file.name);
      try {
        await db.transaction(async (trx) => {
          if (options.lock === undefined) {
            await trx(MIGRATIONS_TABLE).insert(row);
            const claims = (await trx(MIGRATIONS_TABLE).where({ name: file.name, connection, type: 'file' }).count({ n: '*' }).first()) as { n: number | string } | undefined;
            if (Number(claims?.n ?? 0) > 1) throw new AlreadyDone();
            await mod.up(trx);
          } else {
            await mod.up(trx);
            await trx(MIGRATIONS_TABLE).insert(row);
          }
        });
        applied.push(file.name);
      } catch (error) {
        if (error instanceof AlreadyDone) continue;
        throw failed(file, 'up', error, applied);
      }
    }
    return { applied, batch };
  });
}

/** Runs `down` of the last batch's files, newest first, deleting their rows. Returns the names rolled back. */
export async function rollbackLastBatch(options: RunnerOptions): Promise<{ readonly rolledBack: readonly string[]; readonly batch?: number }> {
  const { db, connection } = options;
  return withLock(options.lock)(async () => {
    if (!(await db.schema.hasTable(MIGRATIONS_TABLE))) return { rolledBack: [] };
    const last = await lastBatch(db, connection);
    if (last === undefined) return { rolledBack: [] };
    const byName = new Map(options.files.map((f) => [f.name, f]));
    const missing = last.names.filter((n) => !byName.has(n));
    if (missing.length > 0) {
      throw new OdacError(
        'MIGRATION.MISSING_FILE',
        `Batch ${last.batch} of connection "${connection}" recorded ${missing.join(', ')}, but ${missing.length === 1 ? 'that file is' : 'those files are'} no longer in the migration directory, so ${missing.length === 1 ? 'its' : 'their'} down() cannot run. Nothing was rolled back. Restore the file${missing.length === 1 ? '' : 's'}, or delete ${missing.length === 1 ? 'its row' : 'their rows'} from ${MIGRATIONS_TABLE} if it needs no undoing.`,
        { details: { connection, batch: last.batch, missing } },
      );
    }
    const rolledBack: string[] = [];
    for (const name of last.names) {
      const file = byName.get(name) as MigrationFile;
      const mod = await loadMigration(file);
      options.onFile?.(name);
      try {
        await db.transaction(async (trx) => {
          const record = trx(MIGRATIONS_TABLE).where({ name, connection, type: 'file', batch: last.batch });
          if (options.lock === undefined) {
            // Deleting first takes SQLite's write lock: a concurrent rollback finds the row gone and skips the file.
            if (Number(await record.del()) === 0) throw new AlreadyDone();
            if (mod.down) await mod.down(trx);
          } else {
            // Under the lock; MySQL commits DDL at once, so the row goes only after down() succeeded.
            if (mod.down) await mod.down(trx);
            await record.del();
          }
        });
        rolledBack.push(name);
      } catch (error) {
        if (error instanceof AlreadyDone) continue;
        throw failed(file, 'down', error, []);
      }
    }
    return { rolledBack, batch: last.batch };
  });
}
