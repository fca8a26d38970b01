/**
 * The plan for people: changes grouped by table, the SQL, then what was
 * skipped and why, unmanaged tables, preflight checks and warnings.
 */
import type { PlanResult } from '@odac/core';
import type { Colors } from './color.js';
import { describeOperation, describeOperations, describePreflightCheck, type ChangeLine, type ChangeSymbol } from './describe.js';

export const NOTHING_TO_DO = 'Nothing to do: the database matches the schema.';

export interface HumanOptions {
  readonly colors: Colors;
  /** Include the SQL statements. */
  readonly sql: boolean;
  /** `plan` says what would happen; `migrate` what is happening. */
  readonly mode: 'plan' | 'migrate';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function paint(colors: Colors, symbol: ChangeSymbol): string {
  switch (symbol) {
    case '+':
      return colors.green(symbol);
    case '-':
      return colors.red(symbol);
    case '~':
      return colors.yellow(symbol);
    case '↻':
      return colors.cyan(symbol);
  }
}

/** Lines grouped by table, tables in order of their first change. */
function groupByTable(lines: readonly ChangeLine[]): Map<string, ChangeLine[]> {
  const groups = new Map<string, ChangeLine[]>();
  for (const line of lines) {
    const group = groups.get(line.table) ?? [];
    group.push(line);
    groups.set(line.table, group);
  }
  return groups;
}

function changesSection(result: PlanResult, options: HumanOptions): string[] {
  const { colors } = options;
  const lines = describeOperations(result.plan.operations);
  const groups = groupByTable(lines);
  const verb = options.mode === 'plan' ? 'Plan' : 'Migrating';
  const out = [colors.bold(`${verb}: ${plural(lines.length, 'change')} to ${plural(groups.size, 'table')}.`)];
  for (const [table, group] of groups) {
    out.push('', colors.bold(table));
    for (const line of group) out.push(`  ${paint(colors, line.symbol)} ${line.text}`);
  }
  return out;
}

function sqlSection(result: PlanResult, colors: Colors): string[] {
  const out = ['', colors.bold(`SQL (${plural(result.statements.length, 'statement')}):`)];
  for (const statement of result.statements) {
    const notes = [];
    if (!statement.transactional) notes.push('runs outside the transaction');
    if (statement.lock) notes.push(`takes ${statement.lock} lock`);
    if (notes.length > 0) out.push(colors.dim(`  -- ${notes.join('; ')}`));
    const sql = statement.sql.trimEnd();
    const text = sql.endsWith(';') ? sql : `${sql};`;
    for (const line of text.split('\n')) out.push(`  ${line}`);
  }
  return out;
}

function skippedSection(result: PlanResult, colors: Colors): string[] {
  const byFlag = new Map<string, string[]>();
  for (const skipped of result.plan.skipped) {
    const line = describeOperation(skipped.operation);
    const list = byFlag.get(skipped.allowWith) ?? [];
    list.push(`  ${paint(colors, line.symbol)} ${line.text}: ${skipped.reason}`);
    byFlag.set(skipped.allowWith, list);
  }
  const out: string[] = [];
  for (const [flag, lines] of byFlag) {
    out.push('', colors.yellow(`Skipped ${plural(lines.length, 'destructive change')} (run again with ${flag} to include them):`), ...lines);
  }
  return out;
}

function listSection(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : ['', title, ...items.map((item) => `  - ${item}`)];
}

/** The whole human rendering of a plan, ending with a newline. */
export function renderPlan(result: PlanResult, options: HumanOptions): string {
  const { colors } = options;
  const { plan } = result;
  const out: string[] = [];
  if (plan.operations.length === 0) {
    const flags = [...new Set(plan.skipped.map((s) => s.allowWith))].join(' or ');
    out.push(
      plan.skipped.length === 0
        ? colors.green(NOTHING_TO_DO)
        : `Nothing to do without ${flags}: ${plural(plan.skipped.length, 'destructive change')} skipped.`,
    );
  } else {
    out.push(...changesSection(result, options));
    if (options.sql) out.push(...sqlSection(result, colors));
  }
  out.push(...skippedSection(result, colors));
  if (plan.operations.length > 0) {
    out.push(...listSection('Preflight checks (run before any change; a failure changes nothing):', plan.preflight.map(describePreflightCheck)));
  }
  if (plan.unmanagedTables.length > 0) {
    out.push('', `Unmanaged tables (in the database, not in the schema; never touched): ${plan.unmanagedTables.join(', ')}`);
  }
  out.push(...listSection(colors.yellow('Warnings:'), plan.warnings));
  return out.join('\n') + '\n';
}
