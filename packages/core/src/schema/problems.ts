/**
 * Collecting schema problems: every check pushes a `SchemaError` naming the
 * file, table and column, and the loader throws them together at the end.
 */
import * as path from 'node:path';
import { SchemaError, type ErrorCode } from '../errors.js';

/** Where a check is looking; `file` is already in display form. */
export interface Where {
  readonly file: string;
  readonly table?: string;
  readonly column?: string;
  readonly line?: number;
}

/** Problems found so far, in discovery order. */
export type Problems = SchemaError[];

/**
 * A path for messages: relative to the working directory when the file is
 * below it, absolute otherwise (a `../../tmp/x.js` helps nobody).
 */
export function displayPath(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

/** `column "posts"."title"`, `table "posts"`, or `''`. */
export function subject(where: Where): string {
  if (where.table !== undefined && where.column !== undefined) return `column "${where.table}"."${where.column}"`;
  if (where.table !== undefined) return `table "${where.table}"`;
  return '';
}

/**
 * Records a problem. `text` is the rest of the sentence after the subject,
 * e.g. `has unknown type 'strin'; did you mean 'string'?`; the file and the
 * subject are prepended so every message says where it is.
 */
export function report(problems: Problems, code: ErrorCode, where: Where, text: string, cause?: unknown): void {
  const who = subject(where);
  const message = `${where.file}: ${who === '' ? '' : who + ' '}${text}`;
  const location = {
    file: where.file,
    ...(where.table !== undefined ? { table: where.table } : {}),
    ...(where.column !== undefined ? { column: where.column } : {}),
    ...(where.line !== undefined ? { line: where.line } : {}),
  };
  problems.push(new SchemaError(code, message, location, cause === undefined ? {} : { cause }));
}

/** The UTF-8 length of `s` in bytes (native, without encoding a copy: it runs for every name). */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
