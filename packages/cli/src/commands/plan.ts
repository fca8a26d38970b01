/**
 * `odac plan` (and `odac migrate --dry-run`): introspect, diff and print
 * what `migrate` would do, without writing anything.
 */
import { plan, type PlanResult } from '@odac/core';
import { renderPlan } from '../render/human.js';
import { renderJson } from '../render/json.js';
import { renderSql, sqlNotes } from '../render/sql.js';
import { EXIT_OK, EXIT_PENDING, type CommandContext } from './context.js';
import { desiredEngineOptions } from './source-database.js';

export interface PlanCommandOptions {
  /** Exit with 2 when the database differs from the schema (for CI drift checks). */
  readonly exitCode: boolean;
}

/** True when the database differs from the schema, skipped destructive changes included. */
export function hasPendingChanges(result: PlanResult): boolean {
  return result.plan.operations.length > 0 || result.plan.skipped.length > 0;
}

export async function runPlan(ctx: CommandContext, options: PlanCommandOptions): Promise<number> {
  const result = await plan(await desiredEngineOptions(ctx));
  return printPlan(ctx, result, options);
}

/** Prints a plan as JSON, as SQL only (`--sql`), or for people; returns the exit code. */
export function printPlan(ctx: CommandContext, result: PlanResult, options: PlanCommandOptions): number {
  if (ctx.sqlOnly && !ctx.json) {
    ctx.io.stdout.write(renderSql(result));
    ctx.io.stderr.write(sqlNotes(result));
  } else {
    ctx.io.stdout.write(ctx.json ? renderJson(result, ctx.adapter.name) : renderPlan(result, { colors: ctx.colors, sql: true, mode: 'plan' }));
  }
  return options.exitCode && hasPendingChanges(result) ? EXIT_PENDING : EXIT_OK;
}
