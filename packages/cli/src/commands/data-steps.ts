/**
 * The data steps of one connection, after its schema sync (ODAC.JS order):
 * pending migration files (`migration/[<connection>/]*.js`), then seeds.
 *
 * HOOK for the data-migration and seed runner: `runDataSteps` is called by
 * `runTarget` (commands/target.ts) once per connection, after `migrate`
 * synced the schema (`apply: true`) or after `plan` printed the schema plan
 * (`apply: false`, a dry run that lists pending files and seeds). It
 * returns an exit code (0, or 2 when `plan --exit-code` should report
 * pending data steps). Until the runner lands there are no data steps.
 */
import { OdacError } from '@odac/core';
import type { ConnectionTarget } from '../connections.js';
import { EXIT_OK, type CommandContext } from './context.js';

export interface DataStepOptions {
  /** True for `migrate` (run them), false for `plan` / `migrate:status` (list them). */
  readonly apply: boolean;
}

export async function runDataSteps(ctx: CommandContext, target: ConnectionTarget, options: DataStepOptions): Promise<number> {
  void ctx;
  void target;
  void options;
  return EXIT_OK;
}

export interface RollbackOptions {
  /** Run without asking. */
  readonly yes: boolean;
}

/**
 * HOOK for `odac migrate:rollback`: runs `down()` of the connection's last
 * batch of migration files, newest first. Wired to the data-migration runner
 * once it lands.
 */
export async function runRollback(ctx: CommandContext, target: ConnectionTarget, options: RollbackOptions): Promise<number> {
  void ctx;
  void options;
  throw new OdacError('CLI.BAD_ARGUMENTS', `migrate:rollback${target.name !== undefined ? ` (connection "${target.name}")` : ''}: this odac has no runner for migration files yet, so there is nothing to roll back.`);
}
