/** The work behind the boot API's `migrate()` (see `../boot.ts`), loaded when it is called. */
import { OdacError } from '@odac/core';
import type { BootConnectionResult, BootOptions, BootResult } from '../boot.js';
import type { CommandContext } from '../commands/context.js';
import { inConnection } from '../commands/connections.js';
import { runDataSteps, schemaSyncContext } from '../commands/data-steps.js';
import { applyMigration } from '../commands/migrate.js';
import { loadConfig } from '../config.js';
import { resolveConnections, type ConnectionTarget } from '../connections.js';
import { nativeImport, type CliIO, type OutputStream } from '../context.js';
import { readDotenv } from '../dotenv.js';
import { resolveAdapter } from '../driver.js';
import { messageOf, redactSecrets } from '../errors.js';
import { hasTargetSetting } from '../fleet/options.js';
import { readOdacJson } from '../odac-json.js';
import { describeOperation } from '../render/describe.js';
import { createColors } from '../render/color.js';
import { explicitUrl, type Flags } from '../settings.js';

function sink(log: BootOptions['log']): OutputStream {
  if (log === true) return { write: (text: string) => process.stdout.write(text) };
  if (typeof log === 'function') return { write: (text: string) => log(text) };
  return { write: () => true };
}

/** Never waits for an answer: a booting app has nobody to ask. */
const NO_INPUT = { isTTY: false, [Symbol.asyncIterator]: async function* () {} };

async function migrateTarget(io: CliIO, target: ConnectionTarget): Promise<BootConnectionResult> {
  const { settings } = target;
  const base = { ...(target.name !== undefined ? { connection: target.name } : {}), driver: settings.driver };
  const adapter = await resolveAdapter(settings.driver, { cwd: io.cwd, importModule: io.importModule });
  const ctx: CommandContext = { io, settings, adapter, json: false, verbose: false, colors: createColors(false) };
  if (!target.hasSchema) {
    await runDataSteps(ctx, target, { apply: true });
    return { ...base, applied: 0, skipped: [], synced: false, warnings: [] };
  }
  // yes: destructive changes only reach the plan when allowDestructive said so; then they run.
  // Pending migration files run before the seeds (ODAC.JS's order): the sync then leaves the seeds to runDataSteps.
  const syncCtx = await schemaSyncContext(ctx, target);
  const { result } = await applyMigration(syncCtx, { yes: true });
  await runDataSteps(syncCtx, target, { apply: true });
  const skipped = result.plan.skipped.map((s) => `${describeOperation(s.operation).text} (${s.reason})`);
  return { ...base, applied: result.applied.length, skipped, synced: true, warnings: [...result.plan.warnings, ...result.warnings] };
}

export async function bootMigrate(options: BootOptions): Promise<BootResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const out = sink(options.log);
  const io: CliIO = { stdout: out, stderr: out, env, cwd, importModule: nativeImport, stdin: NO_INPUT };
  const urls: string[] = [];
  try {
    const flags: Flags = {
      ...(options.db !== undefined ? { db: options.db } : {}),
      ...(options.config !== undefined ? { config: options.config } : {}),
      ...(options.environment !== undefined ? { env: options.environment } : {}),
      ...(options.allowDestructive !== undefined ? { allowDestructive: options.allowDestructive } : {}),
    };
    const config = await loadConfig(cwd, flags.config);
    if (hasTargetSetting(config?.config, flags.env)) {
      throw new OdacError('CLI.CONFIG', `${config?.file ?? 'The config file'} names a fleet (targets): the boot API migrates one database per connection. Run \`odac migrate\` for fleets.`);
    }
    const dotenv = readDotenv(cwd);
    const sources = { flags, env, dotenv, cwd, ...(config ? { config } : {}) };
    const odacJson = explicitUrl(sources) === undefined ? readOdacJson(cwd, env, dotenv) : undefined;
    const targets = resolveConnections({ ...sources, ...(odacJson ? { odacJson } : {}) });
    const connections: BootConnectionResult[] = [];
    for (const target of targets) {
      urls.push(target.settings.url);
      if (target.name !== undefined) out.write(`Connection "${target.name}":\n`);
      connections.push(await inConnection(target.name ?? 'default', () => migrateTarget(io, target)));
    }
    return { connections };
  } catch (err) {
    if (err instanceof OdacError) throw err;
    // Driver surprises and bugs still reach the app as an OdacError, never with a password in them.
    throw new OdacError('CLI.UNEXPECTED', `odac could not migrate: ${redactSecrets(messageOf(err), urls)}`, { cause: err });
  }
}
