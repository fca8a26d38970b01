/**
 * Test helpers for the schema loader: temporary schema directories and a
 * way to get the individual problems out of a `SchemaValidationError`.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchemaValidationError, type SchemaError, type SourcedDefinition, type TableDefinition } from '@odac/core';

const created: string[] = [];

/** Writes `files` (name → content) into a fresh temporary directory and returns its path. */
export function tempSchemaDir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'odac-schema-'));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** Removes every directory `tempSchemaDir` made (call from `afterAll`). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `{ 'posts.js': definition }` → sourced definitions under `/schema`. */
export function sourced(defs: Readonly<Record<string, unknown>>): SourcedDefinition[] {
  return Object.entries(defs).map(([file, definition]) => ({ file: path.join('/schema', file), definition: definition as TableDefinition }));
}

/** Runs `fn`, expects a `SchemaValidationError`, returns its problems. */
export function problemsOf(fn: () => unknown): readonly SchemaError[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof SchemaValidationError) return err.errors;
    throw err;
  }
  throw new Error('expected a SchemaValidationError, but nothing was thrown');
}

/** Like `problemsOf` for a promise. */
export async function problemsOfAsync(promise: Promise<unknown>): Promise<readonly SchemaError[]> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SchemaValidationError) return err.errors;
    throw err;
  }
  throw new Error('expected a SchemaValidationError, but nothing was thrown');
}
