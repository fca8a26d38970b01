/**
 * A small `.env` reader: `KEY=value` lines, `export ` prefixes, `#` comments,
 * single quotes (verbatim) and double quotes (with `\n` escapes). Values never
 * override the real environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)?$/;

const DOUBLE = /^"((?:[^"\\]|\\.)*)"/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };

function unquote(raw: string): string {
  const value = raw.trim();
  const double = DOUBLE.exec(value);
  if (double) return (double[1] ?? '').replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
  const quote = value[0];
  if (quote === "'" || quote === '`') {
    const end = value.indexOf(quote, 1);
    if (end > 0) return value.slice(1, end);
  }
  // An unquoted value ends at " #" (a trailing comment).
  const comment = value.search(/\s#/);
  return (comment >= 0 ? value.slice(0, comment) : value).trim();
}

/** Parses `.env` text into variables. Malformed lines are ignored. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = LINE.exec(line);
    if (match?.[1] !== undefined) out[match[1]] = unquote(match[2] ?? '');
  }
  return out;
}

/** The variables of `dir/.env`, or `{}` when there is no such file. */
export function readDotenv(dir: string): Record<string, string> {
  const file = path.join(dir, '.env');
  return existsSync(file) ? parseDotenv(readFileSync(file, 'utf8')) : {};
}
