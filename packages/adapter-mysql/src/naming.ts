/**
 * Deterministic names for constraints and indexes the user did not name:
 * core's scheme (`<prefix>_<table>_<columns>`, shortened with a hash) at
 * MySQL's identifier limit, so `normalize`, the planner and the index MySQL
 * creates for a foreign key all agree on one name.
 */
import { checkName as coreCheckName, foreignKeyName as coreForeignKeyName, indexName as coreIndexName, shortHash } from '@odac/core';

/** MySQL and MariaDB keep identifiers up to 64 characters. */
export const MAX_IDENTIFIER_LENGTH = 64;

export { shortHash };

/** Shortens `name` to `max` characters, keeping a hash of the whole. */
export function fitIdentifier(name: string, max = MAX_IDENTIFIER_LENGTH): string {
  if (name.length <= max) return name;
  const hash = shortHash(name);
  return `${name.slice(0, Math.max(1, max - hash.length - 1))}_${hash}`;
}

/** The name odac gives an unnamed foreign key (and the index MySQL creates for it). */
export function foreignKeyName(table: string, columns: readonly string[], max = MAX_IDENTIFIER_LENGTH): string {
  return coreForeignKeyName(table, columns, max);
}

/** The name odac gives an unnamed index. */
export function indexName(table: string, columns: readonly string[], unique: boolean, max = MAX_IDENTIFIER_LENGTH): string {
  return coreIndexName(table, columns, unique, max);
}

/** The name odac gives an unnamed check constraint (unique per database on MySQL). */
export function checkName(table: string, expression: string, max = MAX_IDENTIFIER_LENGTH): string {
  return coreCheckName(table, expression, max);
}
