/**
 * Data migration files (ODAC.JS): `migration/*.js` for the default
 * connection, `migration/<connection>/*.js` for a named one, run in
 * file-name order. Each exports `async up(db)` and optionally
 * `async down(db)`, where `db` is a knex instance.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { importModuleFile, isSchemaFileName, OdacError } from '@odac/core';

export interface MigrationFile {
  /** The file name, as recorded in `_odac_migrations.name`. */
  readonly name: string;
  readonly path: string;
}

/** What a migration file exports. */
export interface MigrationModule {
  up(db: unknown): Promise<unknown> | unknown;
  down?(db: unknown): Promise<unknown> | unknown;
}

/** The migration files directly in `dir`, sorted by name ([] when the directory does not exist). */
export function listMigrationFiles(dir: string): MigrationFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => isSchemaFileName(name))
    .filter((name) => statSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile() === true)
    .sort()
    .map((name) => ({ name, path: path.join(dir, name) }));
}

/** Loads a migration file; throws `MIGRATION.LOAD_FAILED` naming it when it cannot be loaded or has no `up`. */
export async function loadMigration(file: MigrationFile): Promise<MigrationModule> {
  let value: unknown;
  try {
    value = await importModuleFile(file.path);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new OdacError('MIGRATION.LOAD_FAILED', `Migration file ${file.path} could not be loaded: ${reason}. Fix the file and run again; it was not run and not recorded.`, {
      cause,
      details: { file: file.path },
    });
  }
  const mod = value as Partial<MigrationModule> | null;
  if (!mod || typeof mod.up !== 'function') {
    throw new OdacError(
      'MIGRATION.LOAD_FAILED',
      `Migration file ${file.path} does not export an up function; write module.exports = { async up(db) { ... }, async down(db) { ... } } (db is a knex instance).`,
      { details: { file: file.path } },
    );
  }
  if (mod.down !== undefined && typeof mod.down !== 'function') {
    throw new OdacError('MIGRATION.LOAD_FAILED', `Migration file ${file.path} exports a down that is not a function; make it async down(db) { ... }, or leave it out.`, {
      details: { file: file.path },
    });
  }
  return mod as MigrationModule;
}
