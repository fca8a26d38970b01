/**
 * `odac migrate`: plan, show the plan, ask before destructive changes (only
 * on a terminal; elsewhere `--yes` is required), apply with progress, and
 * check that the database converged.
 */
import { migrate, OdacError, type MigrateOptions, type MigrateResult, type Operation, type PlanResult, type Statement } from '@odac/core';
import type { OutputStream } from '../context.js';
import { confirm, isInteractive } from '../prompt.js';
import { createColors, shouldColor } from '../render/color.js';
import { describeOperations } from '../render/describe.js';
import { destructiveText, isDestructive } from '../render/hazards.js';
import { renderPlan } from '../render/human.js';
import { renderJson } from '../render/json.js';
import { pipedProgress, progressLine } from '../render/progress.js';
import { EXIT_ERROR, EXIT_OK, type CommandContext } from './context.js';
import { runPlan } from './plan.js';
import { desiredEngineOptions } from './source-database.js';

export interface MigrateCommandOptions {
  /** Plan only: the same as `odac plan`. */
  readonly dryRun: boolean;
  /** Apply destructive changes without asking. */
  readonly yes: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Where progress goes: stdout when a person watches it and it is not JSON, else stderr if that is a terminal. */
function progressStream(ctx: CommandContext): OutputStream | undefined {
  const { stdout, stderr } = ctx.io;
  if (!ctx.json && stdout.isTTY === true) return stdout;
  if (stderr.isTTY === true) return stderr;
  return undefined;
}

function confirmationRequired(destructive: readonly Operation[]): OdacError {
  const list = destructive.map(destructiveText);
  const shown = list.slice(0, 3).join('; ') + (list.length > 3 ? `; and ${list.length - 3} more` : '');
  return new OdacError(
    'CLI.CONFIRMATION_REQUIRED',
    `The plan has ${plural(destructive.length, 'destructive change')} (${shown}) and there is no terminal to confirm ${destructive.length === 1 ? 'it' : 'them'} on, so nothing was changed. ` +
      'Re-run with --yes to apply them, or without --allow-destructive to skip them.',
    { details: { destructive: list } },
  );
}

/** What {@link applyMigration} did. */
export interface AppliedMigration {
  readonly result: MigrateResult;
  /** A person answered no: nothing was changed. */
  readonly declined: boolean;
  /** When applying started (for the elapsed time). */
  readonly started: number;
}

/**
 * The single-database migrate every caller shares (the CLI, each odac.json
 * connection, the boot API, `odac dev`): plan, show the plan on
 * `ctx.io.stdout`, ask before destructive changes (or refuse without a
 * terminal unless `yes`), apply under the migrator lock with progress, and
 * check that the database converged (`APPLY.VERIFY_FAILED` otherwise).
 */
export async function applyMigration(ctx: CommandContext, options: Pick<MigrateCommandOptions, 'yes'>): Promise<AppliedMigration> {
  const { stdout } = ctx.io;
  const human = !ctx.json;
  const progress = progressStream(ctx);
  const progressColors = progress === stdout ? ctx.colors : createColors(shouldColor(ctx.io.stderr, ctx.io.env));
  let started = Date.now();
  let declined = false;
  const migrateOptions: MigrateOptions = {
    ...(await desiredEngineOptions(ctx)),
    // Called with the plan before the migrator lock is taken; core re-plans under the lock and applies only this plan.
    confirm: async (result: PlanResult) => {
      if (human) stdout.write(renderPlan(result, { colors: ctx.colors, sql: ctx.verbose, mode: 'migrate' }) + '\n');
      const destructive = result.plan.operations.filter(isDestructive);
      if (destructive.length > 0 && !options.yes) {
        if (ctx.json || !isInteractive(ctx.io)) throw confirmationRequired(destructive);
        const question = `Apply ${plural(destructive.length, 'destructive change')}? The data in ${destructive.length === 1 ? 'it' : 'them'} will be lost. [y/N] `;
        if (!(await confirm(ctx.io, ctx.colors.bold(question)))) {
          declined = true;
          return false;
        }
      }
      started = Date.now();
      return true;
    },
    ...(progress
      ? { onStatement: (s: Statement, i: number, n: number) => void progress.write(progressLine(progressColors, s, i, n, Date.now() - started)) }
      : { onStatement: pipedProgress(ctx.io.stderr, () => Date.now() - started) }),
  };
  const result = await migrate(migrateOptions);
  if (!declined && result.remaining.length > 0) {
    const left = describeOperations(result.remaining).map((l) => `${l.symbol} ${l.text}`);
    throw new OdacError(
      'APPLY.VERIFY_FAILED',
      `Applied ${plural(result.applied.length, 'statement')}, but the database still differs from the schema: ${left.join('; ')}. ` +
        'The adapter likely reports something differently from how it normalizes the schema; please report this with the output of `odac plan --json`.',
      { details: { remaining: result.remaining } },
    );
  }
  return { result, declined, started };
}

export async function runMigrate(ctx: CommandContext, options: MigrateCommandOptions): Promise<number> {
  if (options.dryRun) return runPlan(ctx, { exitCode: false });
  if (ctx.sqlOnly) {
    throw new OdacError('CLI.BAD_ARGUMENTS', '--sql prints the statements instead of running them: use `odac migrate --dry-run --sql` or `odac plan --sql`.');
  }
  const { stdout } = ctx.io;
  const { result, declined, started } = await applyMigration(ctx, options);
  if (declined) {
    stdout.write('Cancelled: nothing was changed.\n');
    return EXIT_ERROR;
  }
  if (ctx.json) {
    stdout.write(renderJson(result, ctx.adapter.name, result.applied.length, result.warnings));
  } else if (result.plan.operations.length === 0) {
    stdout.write(renderPlan(result, { colors: ctx.colors, sql: false, mode: 'migrate' }));
  } else {
    stdout.write(ctx.colors.green(`Applied ${plural(result.applied.length, 'statement')} in ${Date.now() - started} ms.`) + '\n');
    if (result.warnings.length > 0) stdout.write([ctx.colors.yellow('Warnings:'), ...result.warnings.map((w) => `  - ${w}`)].join('\n') + '\n');
  }
  return EXIT_OK;
}
