/**
 * Reading a schema from a live database: `--to-url` (the desired schema of
 * `plan` and `migrate` is another database's) and `odac pull`.
 */
import { globMatcher, isOdacTable, OdacError, type DriverAdapter, type EngineOptions, type Schema } from '@odac/core';
import { inferDriver, resolveAdapter } from '../driver.js';
import { connectOptions, engineOptions, type CommandContext } from './context.js';

/** The schema of the database at `url`, without the ignored tables. */
export async function introspectDatabase(ctx: CommandContext, adapter: DriverAdapter, url: string): Promise<Schema> {
  const conn = await adapter.connect(url, connectOptions(ctx.settings));
  let schema: Schema;
  try {
    schema = await conn.introspect();
  } finally {
    await conn.close();
  }
  const ignored = globMatcher(ctx.settings.ignoreTables);
  // odac's own tables (the data migration history) are no schema file's business.
  return { tables: schema.tables.filter((t) => !ignored(t.name) && !isOdacTable(t.name)) };
}

/** The adapter for `--to-url`: inferred from that URL, else the same as `--url`'s. */
async function targetAdapter(ctx: CommandContext, url: string): Promise<DriverAdapter> {
  const driver = inferDriver(url);
  if (driver === undefined || driver === ctx.adapter.name) return ctx.adapter;
  return resolveAdapter(driver, { cwd: ctx.io.cwd, importModule: ctx.io.importModule });
}

/**
 * Engine options for `plan` and `migrate`: the schema files, or with
 * `--to-url` the introspected model of that database as the desired schema.
 */
export async function desiredEngineOptions(ctx: CommandContext): Promise<EngineOptions> {
  const base = engineOptions(ctx);
  const toUrl = ctx.settings.toUrl;
  if (toUrl === undefined) return base;
  let schema: Schema;
  try {
    schema = await introspectDatabase(ctx, await targetAdapter(ctx, toUrl), toUrl);
  } catch (e) {
    // The engine's message cannot know which flag named this database; two URLs are in play here.
    if (e instanceof OdacError && e.code.startsWith('CONNECT.')) {
      throw new OdacError(e.code, `${e.message} (This is the --to-url database, the desired schema.)`, { cause: e.cause, details: { ...e.details } });
    }
    throw e;
  }
  const { schemaDir: _files, ...rest } = base;
  void _files;
  return { ...rest, schema };
}
