/** `odac dev`: see runDev. */
import { OdacError } from '@odac/core';
import type { ConnectionTarget } from '../connections.js';
import type { CliIO } from '../context.js';
import type { CommandArgs } from '../run.js';

export async function runDev(parsed: CommandArgs, io: CliIO, targets: readonly ConnectionTarget[], urls: string[]): Promise<number> {
  void parsed;
  void io;
  void targets;
  void urls;
  throw new OdacError('CLI.BAD_ARGUMENTS', 'odac dev is not available yet.');
}
