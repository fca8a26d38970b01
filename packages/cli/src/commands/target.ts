/**
 * One database command on one target: a URL given by a flag, the config
 * file or `DATABASE_URL`, or one connection of odac.json. `odac migrate`
 * syncs the schema, then runs the connection's data steps.
 */
import { OdacError } from '@odac/core';
import type { ConnectionTarget } from '../connections.js';
import type { CliIO } from '../context.js';
import { resolveAdapter } from '../driver.js';
import { createColors, shouldColor } from '../render/color.js';
import type { CommandArgs } from '../run.js';
import { EXIT_OK, tableSelection, type CommandContext } from './context.js';
import { runDataSteps, runRollback, schemaSyncContext } from './data-steps.js';

/** The context a command runs with on `target`; loads the adapter. */
export async function targetContext(parsed: CommandArgs, io: CliIO, target: ConnectionTarget): Promise<CommandContext> {
  const { flags } = parsed;
  const c = parsed.commandFlags;
  const { settings } = target;
  const adapter = await resolveAdapter(settings.driver, { cwd: io.cwd, importModule: io.importModule });
  return {
    io,
    settings,
    adapter,
    json: flags.json ?? false,
    verbose: flags.verbose ?? false,
    colors: createColors(!flags.json && shouldColor(io.stdout, io.env)),
    sqlOnly: c.sql,
    ...(tableSelection(c) !== undefined ? { tables: tableSelection(c) } : {}),
  };
}

async function planTarget(ctx: CommandContext, target: ConnectionTarget, exitCode: boolean): Promise<number> {
  const code = target.hasSchema ? await (await import('./plan.js')).runPlan(ctx, { exitCode }) : EXIT_OK;
  const data = await runDataSteps(ctx, target, { apply: false });
  return Math.max(code, exitCode ? data : EXIT_OK);
}

/** Runs `parsed` on `target`; `urls` collects the URLs whose passwords errors must hide. */
export async function runTarget(parsed: CommandArgs, io: CliIO, target: ConnectionTarget, urls: string[]): Promise<number> {
  const c = parsed.commandFlags;
  const { settings } = target;
  urls.push(settings.url, ...(settings.toUrl !== undefined ? [settings.toUrl] : []));
  const ctx = await targetContext(parsed, io, target);
  // Each command's module is loaded when it runs.
  switch (parsed.command) {
    case 'plan':
      return planTarget(ctx, target, c.exitCode);
    case 'migrate': {
      if (c.dryRun) return planTarget(ctx, target, false);
      // Pending migration files run before the seeds (ODAC.JS's order): the sync then leaves the seeds to runDataSteps.
      const syncCtx = await schemaSyncContext(ctx, target);
      const code = target.hasSchema ? await (await import('./migrate.js')).runMigrate(syncCtx, { dryRun: false, yes: c.yes }) : EXIT_OK;
      if (code !== EXIT_OK) return code;
      return runDataSteps(syncCtx, target, { apply: true });
    }
    case 'pull':
      return (await import('./pull.js')).runPull(ctx, { ts: c.ts, force: c.force, ...(c.out !== undefined ? { out: c.out } : {}) });
    case 'diagram':
      return (await import('./diagram.js')).runDiagram(ctx, parsed.commandFlags);
    case 'migrate:rollback':
      return runRollback(ctx, target, { yes: c.yes });
    case 'dev':
      throw new OdacError('CLI.BAD_ARGUMENTS', 'odac dev works on every connection at once; it does not run per connection.');
    case 'init':
      throw new OdacError('CLI.BAD_ARGUMENTS', 'odac init writes files and needs no database.');
  }
}
