/**
 * Loading schema files: one file per table in a directory, CommonJS, ESM or
 * TypeScript, read through jiti; then validation and conversion to the
 * canonical model (`build.ts`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createJiti } from 'jiti';
import { SchemaError, SchemaValidationError } from '../errors.js';
import type { Schema } from '../model.js';
import { build } from './build.js';
import { displayPath, report, type Problems } from './problems.js';
import type { TableDefinition } from './types.js';

export interface LoadOptions {
  /** References to tables no schema file defines are allowed; they must exist in the database. */
  readonly allowExternalReferences?: boolean;
}

/** A foreign key target that no schema file defines (only with `allowExternalReferences`). */
export interface ExternalReference {
  readonly file?: string;
  readonly table: string;
  readonly column?: string;
  readonly references: { readonly table: string; readonly columns: readonly string[] };
}

export interface LoadedSchema {
  readonly schema: Schema;
  readonly externalReferences: readonly ExternalReference[];
}

/** A definition with where it came from. */
export interface SourcedDefinition {
  readonly file: string;
  readonly definition: TableDefinition;
}

/** Extensions read as schema files. */
export const SCHEMA_FILE_EXTENSIONS: readonly string[] = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'];

/** Whether a directory entry name is a schema file (not a dotfile, not a `.d.ts`). */
export function isSchemaFileName(name: string): boolean {
  if (name.startsWith('.')) return false;
  if (/\.d\.[cm]?ts$/.test(name)) return false;
  return SCHEMA_FILE_EXTENSIONS.includes(path.extname(name));
}

function loadFailed(dir: string, text: string): SchemaValidationError {
  const file = displayPath(dir);
  return new SchemaValidationError([new SchemaError('SCHEMA.LOAD_FAILED', `Schema directory ${file} ${text}`, { file })]);
}

/** Schema file paths in `dir`, sorted, so the result never depends on listing order. */
async function listSchemaFiles(dir: string): Promise<string[]> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw loadFailed(dir, `does not exist; create it with one file per table (e.g. users.js exporting { columns: { ... } }), or point to the right directory.`);
  }
  if (!stat.isDirectory()) throw loadFailed(dir, `is not a directory; point to the directory that holds one file per table.`);
  const files: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (!isSchemaFileName(entry.name)) continue;
    const full = path.join(dir, entry.name);
    // A symlink counts when it points at a file; subdirectories never do.
    const isFile = entry.isFile() || (entry.isSymbolicLink() && (await fs.stat(full).catch(() => undefined))?.isFile() === true);
    if (isFile) files.push(full);
  }
  if (files.length === 0) {
    throw loadFailed(dir, `has no schema files (${SCHEMA_FILE_EXTENSIONS.join(', ')}); add one file per table, e.g. users.js with module.exports = { columns: { id: { type: 'increments' } } }.`);
  }
  return files.sort();
}

function errorText(err: unknown): { message: string; stack: string; name: string } {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; stack?: unknown; name?: unknown };
    return { message: String(e.message ?? err), stack: String(e.stack ?? ''), name: String(e.name ?? '') };
  }
  return { message: String(err), stack: '', name: '' };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where in `file` a load error points: babel-style `loc` ({ line, column
 * 0-based }), else `file:line:col` in jiti's `ParseError` message, else the
 * line of the first stack frame in the file (a runtime error).
 */
export function errorPosition(err: unknown, file: string): { line: number; column?: number } | undefined {
  const loc = err && typeof err === 'object' ? (err as { loc?: unknown }).loc : undefined;
  if (loc && typeof loc === 'object') {
    const { line, column } = loc as { line?: unknown; column?: unknown };
    if (typeof line === 'number') return typeof column === 'number' ? { line, column: column + 1 } : { line };
  }
  const { message, stack } = errorText(err);
  const inFile = new RegExp(`${escapeRegExp(file)}:(\\d+)(?::(\\d+))?`);
  const inMessage = inFile.exec(message);
  // jiti reports babel's 0-based column; people count from 1.
  if (inMessage) return inMessage[2] !== undefined ? { line: Number(inMessage[1]), column: Number(inMessage[2]) + 1 } : { line: Number(inMessage[1]) };
  // A stack frame points into jiti's transformed code: lines are kept, columns are not.
  const inStack = inFile.exec(stack);
  if (inStack) return { line: Number(inStack[1]) };
  const paren = /\((\d+):(\d+)\)/.exec(message);
  if (paren) return { line: Number(paren[1]), column: Number(paren[2]) + 1 };
  return undefined;
}

function isSyntaxError(err: unknown): boolean {
  const { message, name } = errorText(err);
  return name === 'SyntaxError' || /^\s*(ParseError|SyntaxError):/.test(message);
}

/** The reason alone: jiti's first line without its `ParseError:` prefix and appended location. */
function reasonOf(err: unknown, file: string): string {
  const first = (errorText(err).message.split('\n')[0] ?? '').replace(/^\s*(ParseError|SyntaxError):\s*/, '');
  return first.replace(new RegExp(`\\s*${escapeRegExp(file)}(:\\d+)*\\s*$`), '').replace(/\s*\(\d+:\d+\)\s*$/, '').trim() || 'unknown error';
}

/** Records why `file` could not be loaded, as a syntax error when it is one. */
function reportLoadError(err: unknown, file: string, problems: Problems): void {
  const display = displayPath(file);
  const position = errorPosition(err, file);
  const at = position ? ` at line ${position.line}${position.column !== undefined ? `, column ${position.column}` : ''}` : '';
  const reason = reasonOf(err, file);
  const where = position ? { file: display, line: position.line } : { file: display };
  if (isSyntaxError(err)) {
    report(problems, 'SCHEMA.SYNTAX_ERROR', where, `syntax error${at}: ${reason}. Fix the syntax of this file and run again.`, err);
  } else {
    report(problems, 'SCHEMA.LOAD_FAILED', where, `could not be loaded${at}: ${reason}. Fix the error in this file (or in what it imports) and run again.`, err);
  }
}

/**
 * Imports one schema file. `@odac/core` is served from the running copy of
 * this package (a jiti virtual module), so `import { defineTable } from
 * '@odac/core'` works from any directory, installed or not, and always gets
 * the same version as the loader.
 */
async function importFile(file: string, core: Record<string, unknown>): Promise<unknown> {
  const jiti = createJiti(file, { interopDefault: true, moduleCache: false, fsCache: false, virtualModules: { '@odac/core': core } });
  return jiti.import(file, { default: true });
}

/** Reads `dir/*.{js,cjs,mjs,ts,cts,mts}`, validates, returns the canonical model. Throws `SchemaValidationError`. */
export async function loadSchema(dir: string, options: LoadOptions = {}): Promise<LoadedSchema> {
  const files = await listSchemaFiles(path.resolve(dir));
  const core = { ...(await import('../index.js')) } as Record<string, unknown>;
  const problems: Problems = [];
  const definitions: SourcedDefinition[] = [];
  for (const file of files) {
    try {
      definitions.push({ file, definition: (await importFile(file, core)) as TableDefinition });
    } catch (err) {
      reportLoadError(err, file, problems);
    }
  }
  return build(definitions, options, problems);
}

/** Validates and converts already-loaded definitions (pure). Throws `SchemaValidationError`. */
export function buildSchema(definitions: readonly SourcedDefinition[], options: LoadOptions = {}): LoadedSchema {
  return build(definitions, options);
}

