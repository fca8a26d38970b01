/**
 * Loading schema files: one file per table in a directory, CommonJS, ESM or
 * TypeScript, imported natively where Node can (`module-loader.ts`); then
 * validation and conversion to the canonical model (`build.ts`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SchemaError, SchemaValidationError } from '../errors.js';
import { escapeRegExp } from '../glob.js';
import type { Schema } from '../model.js';
import { build } from './build.js';
import { ModuleLoadTimeout, UnhandledRejectionInModule, withModuleLoader } from './module-loader.js';
import { displayPath, report, type Problems } from './problems.js';
import type { TableDefinition } from './types.js';
import type { TableSeed } from '../seed/types.js';

export interface LoadOptions {
  /** References to tables no schema file defines are allowed; they must exist in the database. */
  readonly allowExternalReferences?: boolean;
  /**
   * How long one file may take to load (a top-level `await`, an exported
   * promise), in milliseconds. Default 10 000, or `$ODAC_LOAD_TIMEOUT_MS`.
   */
  readonly loadTimeoutMs?: number;
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
  /**
   * What some databases would accept and others refuse (an index name used
   * by two tables, SET NULL on a NOT NULL column), one sentence each. The
   * adapter of a database that refuses it rejects it in `normalize`.
   */
  readonly warnings: readonly string[];
  /** The tables' `seed` rows (data, kept beside the model so they never make two schemas differ), sorted by table. */
  readonly seeds: readonly TableSeed[];
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
  // No files is a state too (what `pull` of an empty database writes): the desired schema has no tables.
  return files.sort();
}

function errorText(err: unknown): { message: string; stack: string; name: string } {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; stack?: unknown; name?: unknown };
    return { message: String(e.message ?? err), stack: String(e.stack ?? ''), name: String(e.name ?? '') };
  }
  return { message: String(err), stack: '', name: '' };
}

/** The caret line under a V8 syntax error's source excerpt: `file:4\n<code>\n    ^^^^^` gives column 5. */
function caretColumn(stack: string, at: number): number | undefined {
  const lines = stack.slice(at).split('\n');
  const caret = lines[2] !== undefined ? /^(\s*)\^+\s*$/.exec(lines[2]) : null;
  return caret ? (caret[1] ?? '').length + 1 : undefined;
}

/**
 * Where in `file` a load error points: a parser's `loc` ({ line, column
 * 0-based }, sucrase and babel), else `file:line:col` in the message, else
 * V8's `file:line` header with its caret (a native syntax error), else the
 * line of the first stack frame in the file (a runtime error).
 */
export function errorPosition(err: unknown, file: string): { line: number; column?: number } | undefined {
  const loc = err && typeof err === 'object' ? (err as { loc?: unknown }).loc : undefined;
  if (loc && typeof loc === 'object') {
    const { line, column } = loc as { line?: unknown; column?: unknown };
    if (typeof line === 'number') return typeof column === 'number' ? { line, column: column + 1 } : { line };
  }
  const { message, stack } = errorText(err);
  const names = [file, pathToFileURL(file).href].map(escapeRegExp).join('|');
  const inFile = new RegExp(`(?:${names}):(\\d+)(?::(\\d+))?`);
  const inMessage = inFile.exec(message);
  // Parsers report a 0-based column; people count from 1.
  if (inMessage) return inMessage[2] !== undefined ? { line: Number(inMessage[1]), column: Number(inMessage[2]) + 1 } : { line: Number(inMessage[1]) };
  const inStack = inFile.exec(stack);
  if (inStack) {
    const line = Number(inStack[1]);
    // A native syntax error starts its stack with `file:line`, the code and a caret under the culprit.
    const column = inStack.index === 0 ? caretColumn(stack, 0) : undefined;
    return column !== undefined ? { line, column } : { line };
  }
  const paren = /\((\d+):(\d+)\)/.exec(message);
  if (paren) return { line: Number(paren[1]), column: Number(paren[2]) + 1 };
  return undefined;
}

function isSyntaxError(err: unknown): boolean {
  const { message, name } = errorText(err);
  return name === 'SyntaxError' || /^\s*(ParseError|SyntaxError):/.test(message);
}

/** The reason alone: the first line without a `SyntaxError:` prefix or an appended location. */
function reasonOf(err: unknown, file: string): string {
  const first = (errorText(err).message.split('\n')[0] ?? '').replace(/^\s*(ParseError|SyntaxError):\s*/, '');
  return first.replace(new RegExp(`\\s*${escapeRegExp(file)}(:\\d+)*\\s*$`), '').replace(/\s*\(\d+:\d+\)\s*$/, '').trim() || 'unknown error';
}

/** Records why `file` could not be loaded: a syntax error, a time-out, a stray rejection, or an error thrown. */
function reportLoadError(err: unknown, file: string, problems: Problems, timeoutMs: number | undefined): void {
  const display = displayPath(file);
  if (err instanceof ModuleLoadTimeout) {
    const limit = err.timeoutMs >= 1000 ? `${err.timeoutMs / 1000} s` : `${err.timeoutMs} ms`;
    report(
      problems,
      'SCHEMA.LOAD_TIMEOUT',
      { file: display },
      `did not finish loading within ${limit}: a top-level await (or a promise the file exports) never settled, so nothing was changed. ` +
        `Make the file export its definition without waiting on something that may never finish${timeoutMs === undefined ? ', or raise the limit with ODAC_LOAD_TIMEOUT_MS' : ''}.`,
      err,
    );
    return;
  }
  const cause = err instanceof UnhandledRejectionInModule ? err.reason : err;
  const position = errorPosition(cause, file);
  const at = position ? ` at line ${position.line}${position.column !== undefined ? `, column ${position.column}` : ''}` : '';
  const reason = reasonOf(cause, file);
  const where = position ? { file: display, line: position.line } : { file: display };
  if (err instanceof UnhandledRejectionInModule) {
    report(problems, 'SCHEMA.LOAD_FAILED', where, `rejected a promise that nothing handled${at}: ${reason}. Nothing was changed; await or catch that promise in this file (or in what it imports) and run again.`, cause);
  } else if (isSyntaxError(err)) {
    report(problems, 'SCHEMA.SYNTAX_ERROR', where, `syntax error${at}: ${reason}. Fix the syntax of this file and run again.`, err);
  } else {
    report(problems, 'SCHEMA.LOAD_FAILED', where, `could not be loaded${at}: ${reason}. Fix the error in this file (or in what it imports) and run again.`, err);
  }
}

/**
 * Reads `dir/*.{js,cjs,mjs,ts,cts,mts}`, validates, returns the canonical
 * model. Throws `SchemaValidationError`. `@odac/core` is served from the
 * running copy of this package, so `import { defineTable } from '@odac/core'`
 * works from any directory, installed or not.
 */
export async function loadSchema(dir: string, options: LoadOptions = {}): Promise<LoadedSchema> {
  const files = await listSchemaFiles(path.resolve(dir));
  const core = await import('../index.js');
  const problems: Problems = [];
  const definitions: SourcedDefinition[] = [];
  const loaderOptions = { provide: { '@odac/core': core }, ...(options.loadTimeoutMs !== undefined ? { timeoutMs: options.loadTimeoutMs } : {}) };
  await withModuleLoader(loaderOptions, async (load) => {
    for (const file of files) {
      try {
        definitions.push({ file, definition: (await load(file)) as TableDefinition });
      } catch (err) {
        reportLoadError(err, file, problems, options.loadTimeoutMs);
      }
    }
  });
  return build(definitions, options, problems);
}

/** Validates and converts already-loaded definitions (pure). Throws `SchemaValidationError`. */
export function buildSchema(definitions: readonly SourcedDefinition[], options: LoadOptions = {}): LoadedSchema {
  return build(definitions, options);
}

