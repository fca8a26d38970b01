/**
 * MySQL's identifier limit for core's naming authority (`@odac/core`
 * names.ts), so `normalize`, the planner and the index MySQL creates for a
 * foreign key all agree on one name.
 */
import { fitIdentifier as coreFit } from '@odac/core';

/** MySQL and MariaDB keep identifiers up to 64 characters. */
export const MAX_IDENTIFIER_LENGTH = 64;

/** Shortens `name` to `max` characters, keeping a hash of the whole. */
export const fitIdentifier = (name: string, max = MAX_IDENTIFIER_LENGTH): string => coreFit(name, max);
