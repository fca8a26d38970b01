/**
 * Fleet flags and how a run is recognised as a fleet. Pure data and string
 * checks only: `args.ts` imports this for `--help`, so nothing heavy here.
 */
import type { Options } from 'yargs';
import type { CliConfig } from '../config.js';

/** Flags of `plan` and `migrate` that name many targets. */
export const FLEET_OPTIONS = {
  targets: { type: 'string', describe: 'Run on every database in this file (one URL per line, # comments): a fleet' },
  concurrency: { type: 'number', describe: 'Fleets: targets worked on at once, per run (default 8)' },
} as const satisfies Record<string, Options>;

/** Flags of `migrate` only. */
export const FLEET_MIGRATE_OPTIONS = {
  'fail-fast': { type: 'boolean', describe: 'Fleets: stop starting targets after the first failure' },
  canary: { type: 'number', describe: 'Fleets: migrate this many targets first and stop if any of them fails' },
} as const satisfies Record<string, Options>;

/** The fleet flags as parsed (absent when not given). */
export interface FleetFlags {
  readonly targets?: string;
  readonly concurrency?: number;
  readonly failFast?: boolean;
  readonly canary?: number;
}

export const DEFAULT_CONCURRENCY = 8;

/** True when a namespace (schema or database name) is a pattern that names many. */
export function isPattern(name: string | undefined): boolean {
  return name !== undefined && /[*?]/.test(name);
}

/** True when a URL's database or `?schema=` is a pattern (`mysql://host/tenant_*`). */
export function urlHasPattern(url: string): boolean {
  try {
    const u = new URL(url);
    return isPattern(decodeURIComponent(u.pathname)) || isPattern(u.searchParams.get('schema') ?? undefined);
  } catch {
    return false;
  }
}

/** True when fleet-only flags were given (`--concurrency`, `--fail-fast`, `--canary`): a fleet, maybe of one. */
export function hasFleetFlags(flags: FleetFlags): boolean {
  return flags.concurrency !== undefined || flags.failFast !== undefined || flags.canary !== undefined;
}

/** True when the config file (or its environment `env`) lists targets. */
export function hasTargetSetting(config: CliConfig | undefined, env: string | undefined): boolean {
  if (!config) return false;
  return (env !== undefined && config.environments?.[env]?.targets !== undefined) || config.targets !== undefined;
}
