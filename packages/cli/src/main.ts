/**
 * The CLI entry: parse, gather settings (flags, config file, environment),
 * load the adapter, run the command, and turn errors into `error[CODE]`
 * lines and exit codes. Runs in-process with injectable streams.
 */
import { OdacError } from '@odac/core';
import { parseArgs, type ParsedArgs } from './args.js';
import { runMigrate } from './commands/migrate.js';
import { runPlan } from './commands/plan.js';
import { runPull } from './commands/pull.js';
import { EXIT_ERROR, EXIT_OK, type CommandContext } from './commands/context.js';
import { loadConfig } from './config.js';
import { nativeImport, type CliIO } from './context.js';
import { readDotenv } from './dotenv.js';
import { resolveAdapter } from './driver.js';
import { errorJson, formatError } from './errors.js';
import { createColors, shouldColor } from './render/color.js';
import { resolveSettings } from './settings.js';

export type { CliIO, OutputStream, ModuleImporter } from './context.js';

function defaults(io: Partial<CliIO>): CliIO {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    importModule: io.importModule ?? nativeImport,
    ...(io.stdin !== undefined ? { stdin: io.stdin } : {}),
  };
}

async function run(parsed: Extract<ParsedArgs, { kind: 'command' }>, io: CliIO, urls: string[]): Promise<number> {
  const { flags } = parsed;
  const config = await loadConfig(io.cwd, flags.config);
  const dotenv = readDotenv(io.cwd);
  const settings = resolveSettings({ flags, env: io.env, dotenv, cwd: io.cwd, ...(config ? { config } : {}) });
  urls.push(settings.url, ...(settings.toUrl !== undefined ? [settings.toUrl] : []));
  const adapter = await resolveAdapter(settings.driver, { cwd: io.cwd, importModule: io.importModule });
  const ctx: CommandContext = {
    io,
    settings,
    adapter,
    json: flags.json ?? false,
    verbose: flags.verbose ?? false,
    colors: createColors(!flags.json && shouldColor(io.stdout, io.env)),
  };
  const { commandFlags: c } = parsed;
  switch (parsed.command) {
    case 'plan':
      return runPlan(ctx, { exitCode: c.exitCode });
    case 'migrate':
      return runMigrate(ctx, { dryRun: c.dryRun, yes: c.yes });
    case 'pull':
      return runPull(ctx, { ts: c.ts, force: c.force, ...(c.out !== undefined ? { out: c.out } : {}) });
  }
}

/**
 * Runs `odac` with `argv` (without the node and script paths) and returns the
 * exit code: 0 success, 1 error, 2 changes pending (`plan --exit-code`).
 * Never throws and never calls `process.exit`.
 */
export async function main(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const ctx = defaults(io);
  const parsed = await parseArgs(argv);
  if (parsed.kind === 'output') {
    ctx.stdout.write(parsed.text.endsWith('\n') ? parsed.text : `${parsed.text}\n`);
    return EXIT_OK;
  }
  const { flags } = parsed;
  // Every URL that may show up in an error, so its password can be hidden.
  const urls = [flags.url, flags.toUrl, ctx.env['DATABASE_URL']].filter((u): u is string => typeof u === 'string' && u.length > 0);
  try {
    if (parsed.kind === 'usage-error') {
      throw new OdacError('CLI.BAD_ARGUMENTS', `${parsed.message.replace(/\.$/, '')}. Run \`odac --help\` for the commands and flags.`);
    }
    return await run(parsed, ctx, urls);
  } catch (err) {
    if (flags.json) ctx.stdout.write(errorJson(err, urls));
    ctx.stderr.write(formatError(err, { verbose: flags.verbose ?? false, urls }));
    return EXIT_ERROR;
  }
}
