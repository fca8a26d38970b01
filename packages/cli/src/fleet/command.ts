/**
 * `odac plan|migrate` over a fleet: `--targets <file>`, `targets` in the
 * config file, or a schema/database pattern (`--schema-name 'tenant_*'`).
 * Loaded only when a run is a fleet.
 */
import { loadSchema, OdacError, type DriverAdapter, type Schema } from '@odac/core';
import type { ParsedArgs } from '../args.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING, connectOptions, type CommandContext } from '../commands/context.js';
import { desiredEngineOptions } from '../commands/source-database.js';
import type { LoadedConfig } from '../config.js';
import type { CliIO, OutputStream } from '../context.js';
import { driverForUrl, resolveAdapter } from '../driver.js';
import { confirm, isInteractive } from '../prompt.js';
import { createColors, shouldColor } from '../render/color.js';
import { describeOperations } from '../render/describe.js';
import { destructiveText, isDestructive } from '../render/hazards.js';
import { resolveSettings, type Settings } from '../settings.js';
import { runFleet, type FleetPlan } from './engine.js';
import { DEFAULT_CONCURRENCY } from './options.js';
import { Progress, renderSummary, toJsonReport } from './report.js';
import { configTargets, readTargetsFile, targetsSetting } from './targets.js';

type CommandArgs = Extract<ParsedArgs, { kind: 'command' }>;

function positiveInt(value: number | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `${flag} must be a whole number of at least ${min}, got ${Number.isNaN(value) ? 'something that is not a number' : String(value)}.`);
  }
  return value;
}

async function targetUrls(parsed: CommandArgs, io: CliIO, config: LoadedConfig | undefined): Promise<string[] | undefined> {
  const file = parsed.commandFlags.fleet.targets;
  if (file !== undefined) return readTargetsFile(io.cwd, file);
  const setting = targetsSetting(config, parsed.flags.env);
  return setting !== undefined && config ? configTargets(setting, config) : undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function progressStream(io: CliIO, json: boolean): OutputStream | undefined {
  if (!json && io.stdout.isTTY === true) return io.stdout;
  if (io.stderr.isTTY === true) return io.stderr;
  return undefined;
}

function describePlans(plans: readonly FleetPlan[], counts: ReadonlyMap<string, number>): string {
  const out: string[] = [];
  for (const p of plans) {
    out.push(`Plan ${p.id} (${plural(counts.get(p.id) ?? 0, 'target')}, ${p.driver}):`);
    for (const l of describeOperations(p.result.plan.operations)) out.push(`  ${l.symbol} ${l.table}: ${l.text}`);
  }
  return out.join('\n') + '\n';
}

/**
 * Runs `plan` or `migrate` over the fleet. `targets` are the URLs when the
 * run names them (file or config); otherwise the resolved settings' URL,
 * whose schema or database is a pattern.
 */
export async function runFleetCommand(
  parsed: CommandArgs,
  io: CliIO,
  config: LoadedConfig | undefined,
  dotenv: Readonly<Record<string, string>>,
  redact: string[],
  resolved?: Settings,
): Promise<number> {
  const { flags, commandFlags } = parsed;
  if (parsed.command !== 'plan' && parsed.command !== 'migrate') throw new OdacError('CLI.BAD_ARGUMENTS', `odac ${parsed.command} works on one database; fleets are for plan and migrate.`);
  const fleet = commandFlags.fleet;
  const concurrency = positiveInt(fleet.concurrency, '--concurrency', 1) ?? DEFAULT_CONCURRENCY;
  const canary = positiveInt(fleet.canary, '--canary', 1);
  if (commandFlags.dryRun && parsed.command === 'migrate') {
    return runFleetCommand({ ...parsed, command: 'plan' }, io, config, dotenv, redact, resolved);
  }

  const listed = resolved ? undefined : await targetUrls(parsed, io, config);
  if (listed && flags.url !== undefined) {
    throw new OdacError('CLI.BAD_ARGUMENTS', '--url and a targets list both say which databases to change; pass only one of them (a targets file can hold that URL too).');
  }
  const urls = listed ?? [resolved?.url ?? ''];
  redact.push(...urls);
  const settings =
    resolved ?? resolveSettings({ flags: { ...flags, url: urls[0] ?? '' }, env: io.env, dotenv, cwd: io.cwd, ...(config ? { config } : {}) });
  const explicitDriver = flags.driver ?? (config?.config.driver !== undefined ? settings.driver : undefined);
  const adapters = new Map<string, DriverAdapter>();
  const adapterFor = async (url: string): Promise<DriverAdapter> => {
    const name = explicitDriver ?? driverForUrl(url);
    let adapter = adapters.get(name);
    if (!adapter) {
      adapter = await resolveAdapter(name, { cwd: io.cwd, importModule: io.importModule });
      adapters.set(name, adapter);
    }
    return adapter;
  };
  const targets: { url: string; adapter: DriverAdapter }[] = [];
  for (const url of urls) targets.push({ url, adapter: await adapterFor(url) });

  const json = flags.json ?? false;
  const colors = createColors(!json && shouldColor(io.stdout, io.env));
  const ctx: CommandContext = { io, settings, adapter: (targets[0] as { adapter: DriverAdapter }).adapter, json, verbose: flags.verbose ?? false, colors };
  // The desired schema is loaded and validated once, before any connection.
  const engine = await desiredEngineOptions(ctx);
  let desired: Schema;
  let external: Awaited<ReturnType<typeof loadSchema>>['externalReferences'] = [];
  if (engine.schema) desired = engine.schema;
  else {
    const loaded = await loadSchema(settings.schemaDir, { allowExternalReferences: settings.allowExternalReferences });
    desired = loaded.schema;
    external = loaded.externalReferences;
  }

  const progressOut = progressStream(io, json);
  const progress = new Progress(progressOut, progressOut === io.stdout ? colors : createColors(shouldColor(io.stderr, io.env)));
  const human = !json;
  const yes = commandFlags.yes;
  let declined = false;
  const result = await runFleet({
    mode: parsed.command,
    targets,
    connectOptions: connectOptions(settings),
    desired,
    external,
    allowDestructive: settings.allowDestructive,
    dropUnmanagedTables: settings.dropUnmanagedTables,
    ignoreTables: settings.ignoreTables,
    online: settings.online,
    ...(settings.compat !== undefined ? { compat: settings.compat } : {}),
    concurrency,
    failFast: fleet.failFast ?? false,
    ...(canary !== undefined ? { canary } : {}),
    yes,
    confirm: async (plans, counts) => {
      progress.clear();
      if (human) io.stdout.write(describePlans(plans, counts));
      const destructive = plans.flatMap((p) => p.result.plan.operations.filter(isDestructive));
      if (destructive.length === 0 || yes) return true;
      const list = [...new Set(destructive.map(destructiveText))];
      if (json || !isInteractive(io)) {
        throw new OdacError(
          'CLI.CONFIRMATION_REQUIRED',
          `The fleet's plans have destructive changes (${list.slice(0, 3).join('; ')}${list.length > 3 ? `; and ${list.length - 3} more` : ''}) and there is no terminal to confirm them on, so no target was changed. Re-run with --yes to apply them, or without --allow-destructive to skip them.`,
          { details: { destructive: list } },
        );
      }
      const ok = await confirm(io, colors.bold(`Apply destructive changes (${list.length} kinds) to the fleet? The data in them will be lost. [y/N] `));
      declined = !ok;
      return ok;
    },
    events: {
      onTargets: (total) => {
        if (total === 0) return;
        progress.setTotal(total);
      },
      onOutcome: (o) => progress.finished(o),
    },
  });
  if (result.outcomes.length > 0) progress.end();
  if (declined) {
    io.stdout.write('Cancelled: nothing was changed.\n');
    return EXIT_ERROR;
  }
  if (result.outcomes.length === 0) {
    throw new OdacError(
      'CLI.BAD_ARGUMENTS',
      `The fleet has no targets: ${settings.schemaName ?? urls.join(', ')} matched no schema or database. Check the pattern (\`*\` is any run of characters).`,
    );
  }
  io.stdout.write(json ? JSON.stringify(toJsonReport(result, parsed.command), null, 2) + '\n' : renderSummary(result, parsed.command, colors));
  const failed = result.outcomes.some((o) => o.status === 'failed' || o.status === 'skipped');
  if (failed) return EXIT_ERROR;
  if (parsed.command === 'plan' && commandFlags.exitCode && result.outcomes.some((o) => o.status === 'pending')) return EXIT_PENDING;
  return EXIT_OK;
}
