/**
 * The plan for machines (`--json`): one stable object, versioned, with no
 * timestamps or durations, so the same plan always prints the same bytes.
 * The format is documented in docs/plan-json.md and described by
 * packages/cli/schema/plan.schema.json (tests validate against it).
 */
import type { Operation, PlanResult, PreflightCheck, SeedTablePlan, SkippedOperation, StatementKind } from '@odac/core';
import { planHazards, type Hazard } from './hazards.js';
import { flagFor } from '../flags.js';

/** One statement as printed: `operation`, `table` and `lock` only when known. */
export interface JsonStatement {
  readonly sql: string;
  /** What it does (core's `StatementKind`): the kind of the operation it implements, `alterTable`, `seed` or `other`. */
  readonly kind: StatementKind;
  readonly transactional: boolean;
  /** Index into `operations` of the operation it implements. */
  readonly operation?: number;
  readonly table?: string;
  readonly lock?: string;
}

/** The `--json` output of `plan` and `migrate`. Bump `version` on incompatible changes. */
export interface JsonPlan {
  readonly version: 1;
  readonly driver: string;
  readonly operations: readonly Operation[];
  readonly statements: readonly JsonStatement[];
  readonly hazards: readonly Hazard[];
  readonly skipped: readonly SkippedOperation[];
  readonly preflight: readonly PreflightCheck[];
  readonly unmanagedTables: readonly string[];
  readonly warnings: readonly string[];
  /** Number of statements that ran (`migrate` only, not on a dry run). */
  readonly applied?: number;
  /** Seed rows to insert and update per table, and their statements (only when schema files declare seeds). */
  readonly seeds?: { readonly tables: readonly SeedTablePlan[]; readonly statements: readonly JsonStatement[] };
}

/**
 * Builds the `--json` object; key order is fixed. `applyWarnings` (from
 * `migrate`) follow the plan's warnings.
 */
export function toJsonPlan(result: PlanResult, driver: string, applied?: number, applyWarnings: readonly string[] = []): JsonPlan {
  const statements = result.statements.map((s): JsonStatement => {
    const out: { -readonly [K in keyof JsonStatement]: JsonStatement[K] } = { sql: s.sql, kind: s.kind, transactional: s.transactional };
    if (s.operation !== undefined) out.operation = s.operation;
    if (s.table !== undefined) out.table = s.table;
    if (s.lock !== undefined) out.lock = s.lock;
    return out;
  });
  const json: JsonPlan = {
    version: 1,
    driver,
    operations: result.plan.operations,
    statements,
    hazards: planHazards(result),
    // `allowWith` names the flag (the engine names its option).
    skipped: result.plan.skipped.map((s) => ({ ...s, allowWith: flagFor(s.allowWith) })),
    preflight: result.plan.preflight,
    unmanagedTables: result.plan.unmanagedTables,
    warnings: [...result.plan.warnings, ...applyWarnings],
  };
  const withApplied = applied === undefined ? json : { ...json, applied };
  if (result.seeds === undefined) return withApplied;
  const seedStatements = (result.seedStatements ?? []).map((s): JsonStatement => ({ sql: s.sql, kind: s.kind, transactional: s.transactional, ...(s.table !== undefined ? { table: s.table } : {}) }));
  return { ...withApplied, seeds: { tables: result.seeds.tables, statements: seedStatements } };
}

/** {@link toJsonPlan} as text, two-space indented, ending with a newline. */
export function renderJson(result: PlanResult, driver: string, applied?: number, applyWarnings: readonly string[] = []): string {
  return JSON.stringify(toJsonPlan(result, driver, applied, applyWarnings), null, 2) + '\n';
}
