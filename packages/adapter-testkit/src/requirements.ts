/**
 * Deciding whether an adapter can run a scenario: capability flags it must
 * have and limitations it must not list.
 */
import { LIMITATIONS, type Capabilities } from '@odac/core';
import type { Requirement, Scenario } from './scenario.js';

/** The limitation names, kept in core with the capabilities that list them; re-exported for scenarios. */
export { LIMITATIONS, type Limitation as LimitationName } from '@odac/core';

function isCapability(caps: Capabilities, name: string): name is keyof Capabilities {
  return name in caps && typeof caps[name as keyof Capabilities] === 'boolean';
}

/** The reason the adapter cannot meet one requirement, or undefined. */
export function unmetRequirement(caps: Capabilities, requirement: Requirement): string | undefined {
  if (isCapability(caps, requirement)) {
    return caps[requirement] ? undefined : `needs capability ${requirement}`;
  }
  if (!caps.limitations.includes(requirement)) return undefined;
  return `limitation ${requirement}: ${LIMITATIONS[requirement]}`;
}

/** Why the adapter cannot run this scenario (first unmet requirement), or undefined. */
export function skipReason(caps: Capabilities, scenario: Scenario): string | undefined {
  for (const r of scenario.requires ?? []) {
    const reason = unmetRequirement(caps, r);
    if (reason) return reason;
  }
  return undefined;
}
