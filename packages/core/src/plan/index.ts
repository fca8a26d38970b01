/** (stub: being written) */
import type { Capabilities } from '../adapter.js';
import type { Schema } from '../model.js';
import type { Plan } from '../operations.js';

export interface PlanOptions {
  readonly capabilities: Capabilities;
  /** Run destructive operations instead of skipping them. */
  readonly allowDestructive?: boolean;
  /** Tables (glob patterns with `*`) never touched, never dropped. */
  readonly ignoreTables?: readonly string[];
}

/** Diffs `current` against `desired` (both adapter-normalized) and orders the operations. Pure. */
export function planMigration(current: Schema, desired: Schema, options: PlanOptions): Plan {
  void current;
  void desired;
  void options;
  throw new Error('not implemented');
}
