/**
 * How a run is recognised as a fleet: string checks only, loaded by
 * `run.ts` for every command, so nothing heavy here.
 */
import type { FleetFlags } from '../args.js';
import type { CliConfig } from '../config.js';

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
