/**
 * `odac migrate`: plan and apply, printing the plan, progress per statement
 * (on a terminal) and a final summary.
 */
import { migrate, OdacError, type MigrateOptions, type PlanResult, type Statement } from '@odac/core';
import { describeOperations } from '../render/describe.js';
import { renderPlan } from '../render/human.js';
import { renderJson } from '../render/json.js';
import { EXIT_OK, engineOptions, type CommandContext } from './context.js';
import { runPlan } from './plan.js';

export interface MigrateCommandOptions {
  /** Plan only: the same as `odac plan`. */
  readonly dryRun: boolean;
}

function firstLine(sql: string): string {
  const line = sql.trim().split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

function progressLine(ctx: CommandContext, statement: Statement, index: number, total: number): string {
  const where = statement.table !== undefined ? `${statement.table}: ` : '';
  return `${ctx.colors.dim(`[${index + 1}/${total}]`)} ${where}${firstLine(statement.sql)}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function runMigrate(ctx: CommandContext, options: MigrateCommandOptions): Promise<number> {
  if (options.dryRun) return runPlan(ctx, { exitCode: false });
  const { stdout } = ctx.io;
  const human = !ctx.json;
  const progress = human && stdout.isTTY === true;
  let started = 0;
  const migrateOptions: MigrateOptions = {
    ...engineOptions(ctx),
    // Called with the plan, before anything is applied: show what is about to happen.
    confirm: (result: PlanResult) => {
      if (human) stdout.write(renderPlan(result, { colors: ctx.colors, sql: ctx.verbose, mode: 'migrate' }) + '\n');
      started = Date.now();
      return true;
    },
    ...(progress ? { onStatement: (s: Statement, i: number, n: number) => void stdout.write(progressLine(ctx, s, i, n)) } : {}),
  };
  const result = await migrate(migrateOptions);
  if (result.remaining.length > 0) {
    const left = describeOperations(result.remaining).map((l) => `${l.symbol} ${l.text}`);
    throw new OdacError(
      'APPLY.VERIFY_FAILED',
      `Applied ${plural(result.applied.length, 'statement')}, but the database still differs from the schema: ${left.join('; ')}. ` +
        'The adapter likely reports something differently from how it normalizes the schema; please report this with the output of `odac plan --json`.',
      { details: { remaining: result.remaining } },
    );
  }
  if (ctx.json) {
    stdout.write(renderJson(result, ctx.adapter.name, result.applied.length));
  } else if (result.plan.operations.length === 0) {
    stdout.write(renderPlan(result, { colors: ctx.colors, sql: false, mode: 'migrate' }));
  } else {
    stdout.write(ctx.colors.green(`Applied ${plural(result.applied.length, 'statement')} in ${Date.now() - started} ms.`) + '\n');
  }
  return EXIT_OK;
}
