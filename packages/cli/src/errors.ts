/**
 * Error formatting. Only the CLI turns errors into text and exit codes:
 * `error[CODE]: message` on stderr, the stack only with `--verbose`, and
 * never a password.
 */
import { OdacError, redactUrl } from '@odac/core';
import './error-codes.js';
import { inCliWords } from './flags.js';

/** Code shown for errors that are not `OdacError`s (bugs, driver surprises). */
export const UNEXPECTED_CODE = 'UNEXPECTED';

/** The error's message as a sentence (ending in a full stop). */
export function messageOf(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).trim();
  return /[.!?:]$/.test(text) ? text : `${text}.`;
}

export function errorCode(error: unknown): string {
  const err = inCliWords(error);
  return err instanceof OdacError ? err.code : UNEXPECTED_CODE;
}

// `scheme://user:password@` anywhere in a text, for URLs we were not told about.
const CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi;

/** Replaces the given URLs with their redacted form and hides any other `user:password@`. */
export function redactSecrets(text: string, urls: readonly string[] = []): string {
  let out = text;
  for (const url of urls) {
    if (url.length > 0) out = out.split(url).join(redactUrl(url));
  }
  return out.replace(CREDENTIALS, '$1***@');
}

export interface FormatErrorOptions {
  /** Append stack traces (and causes). */
  readonly verbose?: boolean;
  /** Connection URLs in play, whose passwords must not appear. */
  readonly urls?: readonly string[];
}

function stackOf(err: unknown): string {
  return err instanceof Error && err.stack ? err.stack : String(err);
}

/** `error[CODE]: message`, plus the stack and causes when verbose. Ends with a newline. */
export function formatError(error: unknown, options: FormatErrorOptions = {}): string {
  const err = inCliWords(error);
  const lines = [`error[${errorCode(err)}]: ${err instanceof Error ? err.message : String(err)}`];
  if (options.verbose) {
    lines.push('', stackOf(err));
    let cause = err instanceof Error ? err.cause : undefined;
    for (let depth = 0; cause !== undefined && depth < 5; depth++) {
      lines.push('', `Caused by: ${stackOf(cause)}`);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  } else if (!(err instanceof OdacError)) {
    lines.push('Run again with --verbose to see the stack trace.');
  }
  return redactSecrets(lines.join('\n'), options.urls) + '\n';
}

/** The `--json` form of an error: `{ version: 1, error: { code, message, details } }`. */
export function errorJson(error: unknown, urls: readonly string[] = []): string {
  const err = inCliWords(error);
  const body = {
    version: 1,
    error: {
      code: errorCode(err),
      message: err instanceof Error ? err.message : String(err),
      details: err instanceof OdacError ? err.details : {},
    },
  };
  return redactSecrets(JSON.stringify(body, null, 2), urls) + '\n';
}
