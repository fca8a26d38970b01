/**
 * `odac plan --from <dir|url|empty> --to <dir|url> --dialect <name>`: a diff
 * without a live database. A schema directory on the `--from` side stands for
 * a database migrated from those files (the adapter's normalized form of
 * them), so the SQL is what `migrate` would run on such a database. A URL on
 * either side is introspected (read-only), and that database also prints both
 * sides' checks, predicates and generated columns its own way, as `plan` does
 * (core `canonicalOn`). Between two directories those expressions are
 * compared as written, whitespace folded. Nothing is written anywhere.
 */
import path from 'node:path';
import { canonicalOn, computePlan, loadSchema, OdacError, type Connection, type DriverAdapter, type Expressions, type Schema } from '@odac/core';
import type { ParsedArgs } from '../args.js';
import type { LoadedConfig } from '../config.js';
import type { CliIO } from '../context.js';
import { inferDriver, resolveAdapter } from '../driver.js';
import { createColors, shouldColor } from '../render/color.js';
import { tableSelection, type CommandContext } from './context.js';
import { printPlan } from './plan.js';

type Side = { readonly kind: 'empty' } | { readonly kind: 'url'; readonly url: string } | { readonly kind: 'dir'; readonly dir: string };

function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(value);
}

function side(value: string, cwd: string): Side {
  if (value === 'empty') return { kind: 'empty' };
  if (isUrl(value)) return { kind: 'url', url: value };
  return { kind: 'dir', dir: path.resolve(cwd, value) };
}

function dialectOf(flag: string | undefined, sides: readonly Side[]): string {
  if (flag !== undefined) return flag;
  for (const s of sides) {
    const driver = s.kind === 'url' ? inferDriver(s.url) : undefined;
    if (driver !== undefined) return driver;
  }
  throw new OdacError(
    'CLI.BAD_ARGUMENTS',
    'An offline diff needs the SQL dialect: pass --dialect postgres, mysql, sqlite or mssql (it is inferred only when --from or --to is a database URL).',
  );
}

type Loaded = { readonly schema: Schema; readonly conn?: Connection };

async function schemaOf(s: Side, flag: '--from' | '--to', adapter: DriverAdapter, ctx: { allowExternalReferences: boolean; schemaName?: string }): Promise<Loaded> {
  if (s.kind === 'empty') return { schema: { tables: [] } };
  if (s.kind === 'dir') {
    const loaded = await loadSchema(s.dir, { allowExternalReferences: ctx.allowExternalReferences });
    // The current side stands for a database migrated from these files: what the adapter would report back.
    return { schema: flag === '--from' ? adapter.normalize(loaded.schema) : loaded.schema };
  }
  const conn = await adapter.connect(s.url, { readOnly: true, ...(ctx.schemaName !== undefined ? { schemaName: ctx.schemaName } : {}) });
  try {
    return { schema: await conn.introspect(), conn };
  } catch (e) {
    await conn.close();
    throw e;
  }
}

/** Both sides' expressions as the database of a URL side prints them; none between two directories. */
async function expressionsOn(from: Loaded, to: Loaded, options: Parameters<typeof canonicalOn>[1]): Promise<Expressions> {
  if (from.conn) return canonicalOn(from.conn, options, to.schema, from.schema);
  if (!to.conn) return {};
  // The live side is --to: the same question with the sides swapped (normalizing --from's normalized files changes nothing).
  const swapped = await canonicalOn(to.conn, options, from.schema, to.schema);
  return { ...(swapped.current ? { desired: swapped.current } : {}), ...(swapped.desired ? { current: swapped.desired } : {}) };
}

export async function runOfflinePlan(parsed: Extract<ParsedArgs, { kind: 'command' }>, io: CliIO, config: LoadedConfig | undefined, urls: string[]): Promise<number> {
  const { flags, commandFlags: c } = parsed;
  if (flags.toUrl !== undefined || flags.url !== undefined) {
    throw new OdacError('CLI.BAD_ARGUMENTS', 'An offline diff (--from/--to/--dialect) takes its schemas from --from and --to; leave --url and --to-url out (a URL can be the value of --from or --to).');
  }
  if (c.from === undefined) {
    throw new OdacError('CLI.BAD_ARGUMENTS', 'An offline diff needs --from: a schema directory, a database URL, or "empty" for a new database.');
  }
  const settings = config?.config ?? {};
  const from = side(c.from, io.cwd);
  const to = side(c.to ?? flags.schema ?? settings.schema ?? 'schema', io.cwd);
  if (to.kind === 'empty') {
    throw new OdacError('CLI.BAD_ARGUMENTS', '--to empty would plan dropping everything; pass a schema directory or a database URL as --to.');
  }
  for (const s of [from, to]) if (s.kind === 'url') urls.push(s.url);
  const adapter = await resolveAdapter(dialectOf(c.dialect ?? flags.driver, [from, to]), { cwd: io.cwd, importModule: io.importModule });
  const loadCtx = { allowExternalReferences: flags.allowExternalReferences ?? settings.allowExternalReferences ?? false, ...(flags.schemaName !== undefined ? { schemaName: flags.schemaName } : {}) };
  const tables = tableSelection(c);
  const selection = { adapter, ...(tables !== undefined ? { tables } : {}), ...(settings.compat !== undefined ? { compat: settings.compat } : {}) };
  const current = await schemaOf(from, '--from', adapter, loadCtx);
  let result: ReturnType<typeof computePlan>;
  try {
    const desired = await schemaOf(to, '--to', adapter, loadCtx);
    try {
      result = computePlan(adapter, current.schema, desired.schema, {
        ...selection,
        allowDestructive: flags.allowDestructive ?? settings.allowDestructive ?? false,
        dropUnmanagedTables: flags.dropUnmanaged ?? settings.dropUnmanagedTables ?? false,
        ignoreTables: settings.ignoreTables ?? [],
        emit: { online: flags.online ?? settings.online ?? false },
        expressions: await expressionsOn(current, desired, selection),
      });
    } finally {
      await desired.conn?.close();
    }
  } finally {
    await current.conn?.close();
  }
  const ctx: CommandContext = {
    io,
    adapter,
    settings: { url: '', driver: adapter.name, schemaDir: '', allowDestructive: false, dropUnmanagedTables: false, allowExternalReferences: false, online: false, ignoreTables: [] },
    json: flags.json ?? false,
    verbose: flags.verbose ?? false,
    colors: createColors(!flags.json && shouldColor(io.stdout, io.env)),
    sqlOnly: c.sql,
  };
  return printPlan(ctx, result, { exitCode: c.exitCode });
}
