/**
 * The round-trip check `odac pull` runs before writing: the definitions it
 * is about to write must load (validate) and plan nothing against the
 * database they came from. What fails is reported, never hidden.
 */
import path from 'node:path';
import { buildSchema, computePlan, OdacError, type DriverAdapter, type Schema, type TableDefinition } from '@odac/core';
import { describeOperations } from '../render/describe.js';
import type { SchemaFile } from './files.js';

/**
 * Problems with the pulled files, one sentence each: validation errors, or
 * changes a `migrate` from these files would still make to the source
 * database. Empty when the round trip holds.
 */
export function roundTripProblems(
  current: Schema,
  files: readonly SchemaFile[],
  adapter: DriverAdapter,
  dir: string,
): string[] {
  let desired: Schema;
  try {
    desired = buildSchema(files.map((f) => ({ file: path.join(dir, f.file), definition: f.definition as unknown as TableDefinition }))).schema;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return [`The files do not pass validation: ${message.replace(/\n/g, ' ')}`];
  }
  const result = computePlan(adapter, current, desired, { allowDestructive: true, dropUnmanagedTables: true });
  const lines = describeOperations(result.plan.operations);
  return lines.map((l) => `migrating a copy from these files would ${l.symbol === '+' ? 'also' : 'still'} ${l.text}`);
}

/** A `CLI.BAD_ARGUMENTS` error for a `--out` that holds other schema files. */
export function outNotEmpty(dir: string, existing: readonly string[]): OdacError {
  const list = existing.slice(0, 5).join(', ') + (existing.length > 5 ? `, … (${existing.length} in all)` : '');
  return new OdacError(
    'CLI.BAD_ARGUMENTS',
    `${dir} already holds schema files (${list}). Pull into an empty directory (--out), or pass --force to replace the schema files there.`,
    { details: { dir, existing } },
  );
}
