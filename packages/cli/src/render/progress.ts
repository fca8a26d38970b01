/**
 * Progress while a plan is applied, one line per statement:
 * `[3/12 1.4s] posts: ALTER TABLE "posts" ADD COLUMN …` (statement k of n,
 * seconds since the first statement, table, the statement's first line).
 */
import type { Statement } from '@odac/core';
import type { Colors } from './color.js';

function firstLine(sql: string): string {
  const line = sql.trim().split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** Seconds with one decimal: `0.0s`, `12.3s`; minutes past a minute: `2m05s`. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** One progress line, ending with a newline. `index` is 0-based. */
export function progressLine(colors: Colors, statement: Statement, index: number, total: number, elapsedMs: number): string {
  const where = statement.table !== undefined ? `${statement.table}: ` : '';
  return `${colors.dim(`[${index + 1}/${total} ${formatElapsed(elapsedMs)}]`)} ${where}${firstLine(statement.sql)}\n`;
}

/**
 * Progress when nobody watches a terminal (CI logs, pipes): one plain line
 * per table as its first statement starts, `[k/n 1.2s] posts` (statement k
 * of n, seconds since the first statement). No colour, no cursor movement.
 */
export function pipedProgress(stream: { write(chunk: string): unknown }, elapsedMs: () => number): (statement: Statement, index: number, total: number) => void {
  let table: string | undefined;
  return (statement, index, total) => {
    if (statement.table === undefined || statement.table === table) return;
    table = statement.table;
    stream.write(`[${index + 1}/${total} ${formatElapsed(elapsedMs())}] ${table}\n`);
  };
}
