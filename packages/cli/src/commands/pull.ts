/**
 * `odac pull`: introspect a database and write one schema file per table,
 * after checking that the files load and would plan nothing against the
 * database they came from (the round trip).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isSchemaFileName, OdacError, redactUrl } from '@odac/core';
import { schemaFiles, type SchemaFile } from '../pull/files.js';
import { outNotEmpty, roundTripProblems } from '../pull/verify.js';
import { EXIT_OK, type CommandContext } from './context.js';
import { introspectDatabase } from './source-database.js';

export interface PullCommandOptions {
  /** Output directory (default: the schema directory). */
  readonly out?: string;
  /** Write `.ts` files using `defineTable()`. */
  readonly ts: boolean;
  /** Replace the schema files already in the output directory. */
  readonly force: boolean;
}

/** The `--json` output of `pull`. */
export interface JsonPull {
  readonly version: 1;
  readonly driver: string;
  readonly out: string;
  readonly files: readonly { readonly file: string; readonly table: string }[];
  /** Schema files `--force` deleted: their tables are not in the database. */
  readonly deleted: readonly string[];
  /** What the files cannot express, and where a migrate from them would differ from the database. */
  readonly warnings: readonly string[];
}

function display(dir: string, cwd: string): string {
  const rel = path.relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
}

function schemaFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => isSchemaFileName(name))
      .sort();
  } catch {
    return [];
  }
}

/** Writes the files; returns the schema files it deleted (tables no longer in the database). */
function write(dir: string, shown: string, files: readonly SchemaFile[], replace: readonly string[]): string[] {
  try {
    mkdirSync(dir, { recursive: true });
    const written = new Set(files.map((f) => f.file));
    // Files of tables that no longer exist would come back as tables on the next migrate.
    const stale = replace.filter((name) => !written.has(name));
    for (const name of stale) rmSync(path.join(dir, name), { force: true });
    for (const file of files) writeFileSync(path.join(dir, file.file), file.contents);
    return stale;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new OdacError('CLI.BAD_ARGUMENTS', `Could not write the schema files to ${shown}: ${reason}. Check that the directory is writable, or choose another one with --out.`, {
      cause,
      details: { dir },
    });
  }
}

export async function runPull(ctx: CommandContext, options: PullCommandOptions): Promise<number> {
  const { io, settings, adapter } = ctx;
  const dir = options.out !== undefined ? path.resolve(io.cwd, options.out) : settings.schemaDir;
  const shown = display(dir, io.cwd);
  const existing = schemaFilesIn(dir);
  if (existing.length > 0 && !options.force) throw outNotEmpty(shown, existing);

  const schema = await introspectDatabase(ctx, adapter, settings.url);
  if (schema.tables.length === 0) {
    // An empty database is a state too: nothing to write, and an empty schema directory loads as it.
    const why = `the ${adapter.name} database at ${redactUrl(settings.url)} has no tables${settings.schemaName ? ` in schema "${settings.schemaName}"` : ''}${settings.ignoreTables.length > 0 ? ' (after ignoreTables)' : ''}`;
    if (ctx.json) {
      const json: JsonPull = { version: 1, driver: adapter.name, out: shown, files: [], deleted: [], warnings: [] };
      io.stdout.write(JSON.stringify(json, null, 2) + '\n');
    } else {
      io.stdout.write(`Nothing to pull: ${why}; no files written to ${shown}/.\n`);
    }
    return EXIT_OK;
  }
  const { files, warnings } = schemaFiles(schema, {
    typescript: options.ts,
    normalize: (s) => adapter.normalize(s),
    maxIdentifierLength: adapter.capabilities.maxIdentifierLength,
  });
  const problems = roundTripProblems(schema, files, adapter, dir);
  const deleted = write(dir, shown, files, existing);

  const allWarnings = [...warnings, ...problems];
  if (ctx.json) {
    const json: JsonPull = { version: 1, driver: adapter.name, out: shown, files: files.map((f) => ({ file: f.file, table: f.table })), deleted, warnings: allWarnings };
    io.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return EXIT_OK;
  }
  const { colors } = ctx;
  const lines = [colors.bold(`Pulled ${files.length} table${files.length === 1 ? '' : 's'} from ${adapter.name} into ${shown}/:`)];
  for (const f of files) lines.push(`  ${colors.green('+')} ${f.file}${f.file.slice(0, -3) === f.table ? '' : ` (table ${f.table})`}`);
  for (const name of deleted) lines.push(`  ${colors.red('-')} ${name} (deleted by --force: no such table in the database)`);
  if (allWarnings.length > 0) {
    lines.push('', colors.yellow('Warnings (a migrate from these files would not reproduce the database exactly):'));
    for (const w of allWarnings) lines.push(`  - ${w}`);
  } else {
    lines.push('', 'Checked: these files load and plan no change against the database they came from.');
  }
  io.stdout.write(lines.join('\n') + '\n');
  return EXIT_OK;
}
