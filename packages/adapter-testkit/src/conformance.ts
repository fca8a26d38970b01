/**
 * `describeConformance`: the whole scenario suite as one jest `describe`.
 */
import { computePlan, type DriverAdapter, type Statement } from '@odac/core';
import { skipReason } from './requirements.js';
import { ConformanceError, runScenario } from './runner.js';
import { statementProblems, type Scenario } from './scenario.js';
import { scenarios as builtIn } from './scenarios/index.js';
import type { ConformanceTarget } from './target.js';

export interface ConformanceOptions {
  /** Run only these scenarios (by name). */
  readonly only?: readonly string[];
  /** Skip these scenarios: name → reason (shown in the output). */
  readonly skip?: Readonly<Record<string, string>>;
  /** Scenarios to run instead of the built-in suite (e.g. the suite plus your own). */
  readonly scenarios?: readonly Scenario[];
  /** Per-scenario timeout. Default 60 s. */
  readonly timeoutMs?: number;
}

/** Scenarios to run and, per reason, those skipped. */
export function selectScenarios(
  target: Pick<ConformanceTarget, 'adapter'>,
  options: ConformanceOptions = {},
): { run: Scenario[]; skipped: Map<string, Scenario[]> } {
  const list = options.scenarios ?? builtIn;
  const unknown = [...(options.only ?? []), ...Object.keys(options.skip ?? {})].filter((n) => !list.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`describeConformance: no scenario named ${unknown.map((n) => `"${n}"`).join(', ')}.`);
  const run: Scenario[] = [];
  const skipped = new Map<string, Scenario[]>();
  for (const s of list) {
    if (options.only && !options.only.includes(s.name)) continue;
    const reason = options.skip?.[s.name] ?? skipReason(target.adapter.capabilities, s);
    if (reason === undefined) {
      run.push(s);
      continue;
    }
    skipped.set(reason, [...(skipped.get(reason) ?? []), s]);
  }
  return { run, skipped };
}

/**
 * Registers `describe('conformance: <adapter>')` with one test per scenario.
 * Scenarios the adapter cannot run (capabilities, limitations, `skip`) are
 * registered as skipped tests and listed in one visible line per reason.
 */
export function describeConformance(target: ConformanceTarget, options: ConformanceOptions = {}): void {
  const name = target.adapter.name;
  const { run, skipped } = selectScenarios(target, options);
  describe(`conformance: ${name}`, () => {
    for (const [reason, list] of skipped) {
      process.stderr.write(
        `[odac] conformance: ${name}: skipping ${list.length} scenario${list.length === 1 ? '' : 's'} (${reason}): ${list.map((s) => s.name).join(', ')}\n`,
      );
      for (const s of list) it.skip(`${s.name} (skipped: ${reason})`, () => undefined);
    }
    for (const s of run) {
      it(s.name, () => runScenario(target, s), options.timeoutMs ?? 60_000);
    }
  });
}

/**
 * The statements `adapter` plans for migrating to `s.to` from a database
 * holding `adapter.normalize(s.from)`, without one: emit alone.
 */
export function emittedStatements(adapter: DriverAdapter, s: Scenario): readonly Statement[] {
  const options = { allowDestructive: s.allowDestructive ?? false, dropUnmanagedTables: s.dropUnmanagedTables ?? false, ignoreTables: s.ignoreTables ?? [] };
  return computePlan(adapter, adapter.normalize(s.from), s.to, options).statements;
}

/**
 * Registers one test per scenario that states the statements `adapter`
 * plans (`Scenario.statements[adapter.name]`), checked on emit alone: for an
 * adapter whose database is not at hand (the runner checks the same on a
 * real one). Fails when no scenario states any.
 */
export function describeScenarioStatements(adapter: DriverAdapter, options: Pick<ConformanceOptions, 'scenarios'> = {}): void {
  const list = (options.scenarios ?? builtIn).filter((s) => s.statements?.[adapter.name] !== undefined);
  describe(`planned statements (emit only): ${adapter.name}`, () => {
    if (list.length === 0) it('has scenarios that state its statements', () => Promise.reject(new Error(`no scenario states statements for "${adapter.name}"`)));
    for (const s of list) {
      it(s.name, () => {
        const problems = statementProblems(s.statements?.[adapter.name] ?? {}, emittedStatements(adapter, s));
        if (problems.length > 0) throw new ConformanceError(s.name, adapter.name, problems);
      });
    }
  });
}
