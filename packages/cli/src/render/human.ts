/**
 * The plan for people: changes grouped by table, the SQL, the hazards (what
 * was skipped and the flag that allows it, what loses data, locks, preflight
 * checks), unmanaged tables and warnings.
 */
import type { PlanResult } from '@odac/core';
import type { Colors } from './color.js';
import { describeOperation, describeOperations, type ChangeLine, type ChangeSymbol } from './describe.js';
import { leftAlone, planHazards, type Hazard } from './hazards.js';
import { seedsSection } from './seeds.js';
import { flagFor } from '../flags.js';

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
  const everyStatement = noTransaction(result);
  for (const statement of result.statements) {
    const notes = [];
    if (!everyStatement && statement.hazards.some((h) => h.kind === 'nonTransactional')) notes.push('runs outside the transaction');
    for (const h of statement.hazards) if (h.kind === 'lock') notes.push(`takes ${h.lock} lock`);
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
    const flag = flagFor(skipped.allowWith);
    const list = byFlag.get(flag) ?? [];
    list.push(`    ${paint(colors, line.symbol)} ${line.text}: ${skipped.reason}`);
    byFlag.set(flag, list);
  }
  const out: string[] = [];
  for (const [flag, lines] of byFlag) {
    out.push(colors.yellow(`  Skipped ${plural(lines.length, 'destructive change')} (run again with ${flag} to include them):`), ...lines);
  }
  return out;
}

function subsection(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [title, ...items.map((item) => `    - ${item}`)];
}

/** Locks by table, in order of first use: `posts: ACCESS EXCLUSIVE (2 statements), SHARE ROW EXCLUSIVE (1 statement)`. */
function lockLines(hazards: readonly Hazard[]): string[] {
  const byTable = new Map<string, Map<string, number>>();
  for (const h of hazards) {
    if (h.kind !== 'lock') continue;
    const locks = byTable.get(h.table ?? '') ?? new Map<string, number>();
    locks.set(h.lock, (locks.get(h.lock) ?? 0) + 1);
    byTable.set(h.table ?? '', locks);
  }
  return [...byTable].map(([table, locks]) => {
    const list = [...locks].map(([lock, n]) => `${lock} (${plural(n, 'statement')})`).join(', ');
    return table === '' ? list : `${table}: ${list}`;
  });
}

/**
 * The hazards section: skipped destructive changes and the flag that allows
 * them, destructive changes that will run, locks, statements outside the
 * transaction, and the preflight checks.
 */
/** Every statement runs outside a transaction: the database cannot roll DDL back (MySQL, MariaDB). */
const noTransaction = (result: PlanResult): boolean => result.statements.length > 0 && result.statements.every((s) => s.hazards.some((h) => h.kind === 'nonTransactional'));

const NO_TRANSACTION =
  'this database cannot roll back DDL: if a statement fails, the ones before it stay applied; run migrate again to converge from there';

function hazardsSection(result: PlanResult, colors: Colors): string[] {
  const hazards = planHazards(result);
  const of = (kind: Hazard['kind']): string[] => hazards.filter((h) => h.kind === kind).map((h) => h.message);
  const body = [
    ...skippedSection(result, colors),
    ...subsection(colors.red('  Destructive (data in these will be lost):'), of('destructive')),
    ...subsection('  Locks (other sessions may wait on these tables while the plan runs):', lockLines(hazards)),
    ...subsection('  Outside the transaction:', noTransaction(result) ? [NO_TRANSACTION] : of('nonTransactional')),
    ...subsection('  Preflight checks (run before any change; a failure changes nothing):', of('preflight')),
  ];
  return body.length === 0 ? [] : ['', colors.bold('Hazards:'), ...body];
}

function listSection(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : ['', title, ...items.map((item) => `  - ${item}`)];
}

/** The whole human rendering of a plan, ending with a newline. */
export function renderPlan(result: PlanResult, options: HumanOptions): string {
  const { colors } = options;
  const { plan } = result;
  const out: string[] = [];
  const seeds = seedsSection(result, colors, options);
  if (plan.operations.length === 0) {
    const flags = [...new Set(plan.skipped.map((s) => flagFor(s.allowWith)))].join(' or ');
    out.push(
      plan.skipped.length > 0
        ? `Nothing to do without ${flags}: ${plural(plan.skipped.length, 'destructive change')} skipped.`
        : seeds.length > 0
          ? 'The schema matches the database.'
          : colors.green(NOTHING_TO_DO),
    );
  } else {
    out.push(...changesSection(result, options));
    if (options.sql) out.push(...sqlSection(result, colors));
  }
  out.push(...seeds);
  out.push(...hazardsSection(result, colors));
  const alone = leftAlone(result);
  if (alone.length > 0) {
    out.push(
      '',
      `Unmanaged tables (in the database, not in the schema; left alone): ${alone.join(', ')}`,
      colors.dim('  To drop them too: --drop-unmanaged --allow-destructive (ignoreTables in the config file keeps tables out for good).'),
    );
  }
  out.push(...listSection(colors.yellow('Warnings:'), plan.warnings));
  return out.join('\n') + '\n';
}
