/**
 * `--sql`: the plan's statements and nothing else, each ending in `;`, so
 * the output can be piped into the database's client or put up for review.
 * What is not SQL (skipped destructive changes, warnings) goes to stderr as
 * one `--` comment line each, where a pipe does not carry it.
 */
import type { PlanResult } from '@odac/core';
import { flagFor } from '../flags.js';

/** The statements as a script; empty when there is nothing to do. */
export function renderSql(result: PlanResult): string {
  const statements = [...result.statements, ...(result.seedStatements ?? [])];
  if (statements.length === 0) return '';
  return statements.map((s) => {
    const sql = s.sql.trim();
    return sql.endsWith(';') ? sql : `${sql};`;
  }).join('\n\n') + '\n';
}

/** What the SQL does not say, as `--` comment lines for stderr ('' when nothing). */
export function sqlNotes(result: PlanResult): string {
  const notes = [
    ...result.plan.skipped.map((s) => `-- skipped (needs ${flagFor(s.allowWith)}): ${s.reason}`),
    ...result.plan.warnings.map((w) => `-- warning: ${w}`),
  ];
  return notes.length === 0 ? '' : notes.join('\n') + '\n';
}
