/**
 * Fleet output: a progress line while targets finish, a summary table
 * grouped by plan, and the `--json` report (one entry per target), whose
 * format is packages/cli/schema/fleet-report.schema.json (docs/fleets.md).
 */
import type { OutputStream } from '../context.js';
import type { Colors } from '../render/color.js';
import { describeOperations } from '../render/describe.js';
import { toJsonPlan, type JsonPlan } from '../render/json.js';
import { formatElapsed } from '../render/progress.js';
import type { FleetPlan, FleetResult, TargetOutcome, TargetStatus } from './engine.js';

export const STATUSES: readonly TargetStatus[] = ['unchanged', 'pending', 'applied', 'failed', 'skipped'];

export type StatusCounts = Record<TargetStatus, number>;

export function countStatuses(outcomes: readonly TargetOutcome[]): StatusCounts {
  const counts: StatusCounts = { unchanged: 0, pending: 0, applied: 0, failed: 0, skipped: 0 };
  for (const o of outcomes) counts[o.status]++;
  return counts;
}

function rate(done: number, ms: number): string {
  return ms > 0 ? `${((done * 1000) / ms).toFixed(1)}/s` : '-';
}

/**
 * A live count on a terminal: `fleet 412/1000 done, 1 failed, 587 pending
 * · 3.2s · 128.4/s`, rewritten in place at most every 100 ms.
 */
export class Progress {
  private total = 0;
  private done = 0;
  private failedCount = 0;
  private readonly started = Date.now();
  private last = 0;

  constructor(
    private readonly stream: OutputStream | undefined,
    private readonly colors: Colors,
  ) {}

  private drawn = false;

  setTotal(total: number): void {
    this.total = total;
  }

  /** Wipes the live line so other text can be printed; the next update draws it again. */
  clear(): void {
    if (this.stream && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  finished(outcome: TargetOutcome): void {
    this.done++;
    if (outcome.status === 'failed') this.failedCount++;
    this.draw(false);
  }

  line(): string {
    const elapsed = Date.now() - this.started;
    const failed = this.failedCount > 0 ? this.colors.red(`${this.failedCount} failed`) : '0 failed';
    return `fleet ${this.done}/${this.total} done, ${failed}, ${this.total - this.done} pending · ${formatElapsed(elapsed)} · ${rate(this.done, elapsed)}`;
  }

  private draw(force: boolean): void {
    if (!this.stream) return;
    const now = Date.now();
    if (!force && this.drawn && now - this.last < 100 && this.done < this.total) return;
    this.last = now;
    this.drawn = true;
    this.stream.write(`\r\x1b[2K${this.line()}`);
  }

  /** Leaves the last line standing and moves to the next. */
  end(): void {
    if (!this.stream) return;
    this.stream.write(`\r\x1b[2K${this.line()}\n`);
  }
}

function pad(text: string, width: number, right = false): string {
  const visible = text.replace(/\x1b\[[0-9;]*m/g, '');
  const fill = ' '.repeat(Math.max(0, width - visible.length));
  return right ? fill + text : text + fill;
}

function changesOf(plan: FleetPlan | undefined): string {
  if (!plan) return '(could not plan)';
  const lines = describeOperations(plan.result.plan.operations);
  if (lines.length === 0) return plan.result.plan.skipped.length > 0 ? `${plan.result.plan.skipped.length} skipped (destructive)` : 'no changes';
  const first = lines[0];
  const head = first ? `${first.symbol} ${first.table}: ${first.text}` : '';
  const short = head.length > 70 ? `${head.slice(0, 69)}…` : head;
  return lines.length > 1 ? `${short} (+${lines.length - 1} more)` : short;
}

/** The summary: one row per plan (targets and their statuses), then each failure with its reason. */
export function renderSummary(result: FleetResult, command: 'plan' | 'migrate', colors: Colors): string {
  const plans = new Map(result.plans.map((p) => [p.id, p] as const));
  const rows = new Map<string, TargetOutcome[]>();
  for (const o of result.outcomes) {
    const key = o.plan ?? '-';
    rows.set(key, [...(rows.get(key) ?? []), o]);
  }
  const shown: TargetStatus[] = command === 'plan' ? ['unchanged', 'pending', 'failed'] : ['unchanged', 'applied', 'failed', 'skipped'];
  const header = ['plan', 'targets', ...shown, 'changes'];
  const table = [...rows.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([id, list]) => {
      const counts = countStatuses(list);
      return [id, String(list.length), ...shown.map((s) => String(counts[s])), changesOf(plans.get(id))];
    });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0, i > 0))).join('  ');
  const counts = countStatuses(result.outcomes);
  const total = result.outcomes.length;
  const out: string[] = [
    colors.bold(`Fleet: ${total} target${total === 1 ? '' : 's'} on ${result.servers} server${result.servers === 1 ? '' : 's'}, ${result.plans.length} plan${result.plans.length === 1 ? '' : 's'}`),
    colors.dim(fmt(header)),
    ...table.map(fmt),
  ];
  const failures = result.outcomes.filter((o) => o.status === 'failed');
  if (failures.length > 0) {
    out.push('', colors.red(`Failed (${failures.length}):`));
    for (const f of failures.slice(0, 50)) out.push(`  ${f.target.display}: error[${f.error?.code ?? 'UNEXPECTED'}]: ${f.error?.message ?? ''}`);
    if (failures.length > 50) out.push(`  … and ${failures.length - 50} more (see --json)`);
  }
  const parts = shown.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  out.push('', `${parts.join(', ') || 'nothing'} in ${formatElapsed(result.elapsedMs)} (${rate(total, result.elapsedMs)}).`);
  return out.join('\n') + '\n';
}

/** One plan of the report: the single-target `--json` plan plus its id and how many targets need it. */
export interface JsonFleetPlan extends JsonPlan {
  readonly id: string;
  readonly targets: number;
}

export interface JsonFleetTarget {
  readonly target: string;
  readonly driver: string;
  readonly namespace: string;
  readonly status: TargetStatus;
  readonly plan: string | null;
  readonly operations: number;
  readonly statements: number;
  readonly elapsedMs: number;
  readonly warnings: readonly string[];
  readonly error?: { readonly code: string; readonly message: string };
}

export interface JsonFleetReport {
  readonly version: 1;
  readonly kind: 'fleet';
  readonly command: 'plan' | 'migrate';
  readonly summary: StatusCounts & { readonly targets: number; readonly servers: number; readonly plans: number; readonly elapsedMs: number };
  readonly plans: readonly JsonFleetPlan[];
  readonly targets: readonly JsonFleetTarget[];
}

export function toJsonReport(result: FleetResult, command: 'plan' | 'migrate'): JsonFleetReport {
  const members = new Map<string, number>();
  for (const o of result.outcomes) if (o.plan !== undefined) members.set(o.plan, (members.get(o.plan) ?? 0) + 1);
  return {
    version: 1,
    kind: 'fleet',
    command,
    summary: {
      targets: result.outcomes.length,
      ...countStatuses(result.outcomes),
      servers: result.servers,
      plans: result.plans.length,
      elapsedMs: result.elapsedMs,
    },
    plans: result.plans.map((p) => ({ id: p.id, targets: members.get(p.id) ?? 0, ...toJsonPlan(p.result, p.driver) })),
    targets: result.outcomes.map((o) => ({
      target: o.target.display,
      driver: o.target.adapter.name,
      namespace: o.target.namespace,
      status: o.status,
      plan: o.plan ?? null,
      operations: o.operations,
      statements: o.statements,
      elapsedMs: o.elapsedMs,
      warnings: o.warnings,
      ...(o.error ? { error: o.error } : {}),
    })),
  };
}
