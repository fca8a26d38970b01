/**
 * Running a parsed command: gather settings (flags, config file,
 * environment), load the adapter, run the command, and turn errors into
 * `error[CODE]` lines and exit codes. Loaded by `main` only once a command
 * is to run, so `--help` never pays for the engine, the adapters or the
 * schema loader.
 */
import { OdacError } from '@odac/core';
import type { ParsedArgs } from './args.js';
import { EXIT_ERROR } from './commands/context.js';
import { loadConfig } from './config.js';
import { resolveConnections } from './connections.js';
import type { CliIO } from './context.js';
import { readDotenv } from './dotenv.js';
import { errorJson, formatError } from './errors.js';
import { hasFleetFlags, hasTargetSetting, isPattern, urlHasPattern } from './fleet/options.js';
import { readOdacJson } from './odac-json.js';
import { explicitUrl } from './settings.js';

export type CommandArgs = Extract<ParsedArgs, { kind: 'command' }>;

/** `plan` and `migrate`, the commands a fleet runs. */
function isChangeCommand(parsed: CommandArgs): parsed is CommandArgs & { readonly command: 'plan' | 'migrate' } {
  return parsed.command === 'plan' || parsed.command === 'migrate';
}

async function run(parsed: Extract<ParsedArgs, { kind: 'command' }>, io: CliIO, urls: string[]): Promise<number> {
  const { flags } = parsed;
  const config = await loadConfig(io.cwd, flags.config);
  const dotenv = readDotenv(io.cwd);
  // Fleets (many databases or schemas) run in their own module, loaded only then.
  if (isChangeCommand(parsed) && (parsed.commandFlags.fleet.targets !== undefined || hasTargetSetting(config?.config, flags.env))) {
    return (await import('./fleet/command.js')).runFleetCommand(parsed, io, config, dotenv, urls);
  }
  const c = parsed.commandFlags;
  // Commands that need no database connection run before a URL is required.
  if (parsed.command === 'init') return (await import('./commands/init.js')).runInit(io, flags, { force: c.force });
  if (parsed.command === 'plan' && (c.from !== undefined || c.to !== undefined || c.dialect !== undefined)) {
    return (await import('./commands/offline-plan.js')).runOfflinePlan(parsed, io, config, urls);
  }
  if (parsed.command === 'diagram' && flags.url === undefined) {
    return (await import('./commands/diagram.js')).runDiagramFromFiles(parsed, io, config);
  }
  const sources = { flags, env: io.env, dotenv, cwd: io.cwd, ...(config ? { config } : {}) };
  // odac.json (ODAC.JS projects) is read only when nothing else gives a URL.
  const odacJson = explicitUrl(sources) === undefined ? readOdacJson(io.cwd, io.env, dotenv) : undefined;
  const targets = resolveConnections({ ...sources, ...(odacJson ? { odacJson } : {}) });
  if (parsed.command === 'dev') return (await import('./commands/dev.js')).runDev(parsed, io, targets, urls);
  const single = targets[0];
  if (targets.length === 1 && single !== undefined && single.name === undefined) {
    const { settings } = single;
    if (isChangeCommand(parsed) && (isPattern(settings.schemaName) || urlHasPattern(settings.url) || hasFleetFlags(parsed.commandFlags.fleet))) {
      return (await import('./fleet/command.js')).runFleetCommand(parsed, io, config, dotenv, urls, settings);
    }
    return (await import('./commands/target.js')).runTarget(parsed, io, single, urls);
  }
  return (await import('./commands/connections.js')).runConnections(parsed, io, targets, urls);
}

/** Runs a command (or reports a usage error); returns the exit code, never throws. */
export async function runParsed(parsed: Exclude<ParsedArgs, { kind: 'output' }>, io: CliIO): Promise<number> {
  const { flags } = parsed;
  // Every URL that may show up in an error, so its password can be hidden.
  const urls = [flags.url, flags.toUrl, io.env['DATABASE_URL']].filter((u): u is string => typeof u === 'string' && u.length > 0);
  try {
    if (parsed.kind === 'usage-error') {
      throw new OdacError('CLI.BAD_ARGUMENTS', `${parsed.message.replace(/\.$/, '')}. Run \`odac --help\` for the commands and flags.`);
    }
    return await run(parsed, io, urls);
  } catch (err) {
    if (flags.json) io.stdout.write(errorJson(err, urls));
    io.stderr.write(formatError(err, { verbose: flags.verbose ?? false, urls }));
    return EXIT_ERROR;
  }
}
