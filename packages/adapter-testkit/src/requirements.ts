/**
 * Deciding whether an adapter can run a scenario: capability flags it must
 * have and limitations it must not list.
 */
import type { Capabilities } from '@odac/core';
import type { Requirement, Scenario } from './scenario.js';

/**
 * Limitation names the scenarios know. An adapter lists the ones that apply
 * in `capabilities.limitations`; scenarios that need the feature are skipped
 * with the description as the visible reason.
 */
export const LIMITATIONS = {
  /** SQL Server: a table may not be reached by two cascading paths, nor by a cascading cycle. */
  multipleCascadePaths: 'cannot have two ON DELETE/ON UPDATE CASCADE paths (or a cascading cycle) reaching one table',
  /** MySQL/MariaDB InnoDB: `SET DEFAULT` is parsed but rejected. */
  foreignKeySetDefault: 'cannot use SET DEFAULT as a foreign key action',
  /** SQL Server: a unique index allows a single NULL. */
  uniqueMultipleNulls: 'a unique index cannot hold more than one NULL',
  /** The database has no enum type and no way to emulate one that introspects back. */
  enumType: 'cannot store an enum column',
  /** Unicode letters in table and column names. */
  unicodeIdentifiers: 'cannot use non-ASCII identifiers',
  /** MySQL/MariaDB, SQL Server: no `DEFERRABLE` foreign keys (`normalize` drops `deferrable`). */
  foreignKeyDeferrable: 'has no deferrable foreign keys (DEFERRABLE INITIALLY IMMEDIATE / DEFERRED)',
  /** MySQL/MariaDB, SQL Server, SQLite: `MATCH FULL` is rejected or ignored (`normalize` drops `match`). */
  foreignKeyMatchFull: 'does not keep MATCH FULL on a foreign key',
} as const satisfies Record<string, string>;

export type LimitationName = keyof typeof LIMITATIONS;

function isCapability(caps: Capabilities, name: string): name is keyof Capabilities {
  return name in caps && typeof caps[name as keyof Capabilities] === 'boolean';
}

/** The reason the adapter cannot meet one requirement, or undefined. */
export function unmetRequirement(caps: Capabilities, requirement: Requirement): string | undefined {
  if (isCapability(caps, requirement)) {
    return caps[requirement] ? undefined : `needs capability ${requirement}`;
  }
  if (!caps.limitations.includes(requirement)) return undefined;
  const description = (LIMITATIONS as Record<string, string>)[requirement];
  return `limitation ${requirement}${description ? `: ${description}` : ''}`;
}

/** Why the adapter cannot run this scenario (first unmet requirement), or undefined. */
export function skipReason(caps: Capabilities, scenario: Scenario): string | undefined {
  for (const r of scenario.requires ?? []) {
    const reason = unmetRequirement(caps, r);
    if (reason) return reason;
  }
  return undefined;
}
