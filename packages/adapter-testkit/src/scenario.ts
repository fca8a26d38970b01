/**
 * A conformance scenario: plain data describing one migration and what a
 * correct adapter does with it. One runner (`runScenario`) executes every
 * scenario against any adapter.
 */
import type { Capabilities, ErrorCode, Limitation, OperationKind, Schema, Statement } from '@odac/core';
import type { Row } from './target.js';

/** Capabilities that are yes/no flags (`transactionalDdl`, `alterColumn`, ...). */
export type BooleanCapability = {
  [K in keyof Capabilities]: Capabilities[K] extends boolean ? K : never;
}[keyof Capabilities];

/**
 * What a scenario needs from an adapter. A boolean capability name requires
 * that flag to be true; any other string names a limitation and the scenario
 * is skipped when the adapter lists it in `capabilities.limitations`.
 */
export type Requirement = BooleanCapability | Limitation;

/** What must happen when migrating from `from` to `to`. */
export type Expectation =
  /**
   * The plan applies, a fresh plan is empty, the introspected schema equals
   * `adapter.normalize(to)` and every seeded row survives.
   */
  | { readonly kind: 'converges' }
  /** Migrating to `to` throws an `OdacError` with this code and changes nothing. */
  | { readonly kind: 'error'; readonly code: ErrorCode }
  /**
   * Run without `allowDestructive`: the destructive operations are skipped
   * (a fresh plan lists them as skipped, of at least these kinds), the rest
   * applies, and every seeded row survives with all its values.
   */
  | { readonly kind: 'skipped-destructive'; readonly operations?: readonly OperationKind[] };

/**
 * The statements one adapter plans for a scenario's migration to `to`, where
 * their SQL or lock level is part of the contract.
 */
export interface StatementExpectation {
  /** Every statement's SQL, in order: a string must equal it, a RegExp match it. */
  readonly sql?: readonly (string | RegExp)[];
  /**
   * Every statement's lock level (`Statement.lock`), in order; `null` where it
   * reports none. A lock on a referenced table follows in parentheses:
   * `'SHARE ROW EXCLUSIVE (authors: SHARE ROW EXCLUSIVE)'`.
   */
  readonly locks?: readonly (string | null)[];
}

export interface Scenario {
  /** Unique, kebab-case; names the test. */
  readonly name: string;
  readonly description?: string;
  /** Applied first (with `allowDestructive`), then seeded. */
  readonly from: Schema;
  /** The schema migrated to. */
  readonly to: Schema;
  /** Rows inserted after `from` is applied, table by table in key order (parents first). */
  readonly seed?: Readonly<Record<string, readonly Row[]>>;
  /** Passed to the migration to `to`. Default false. */
  readonly allowDestructive?: boolean;
  /**
   * Passed to the migration to `to`: plan `dropTable` for tables `to` does not
   * describe (still destructive, so it also needs `allowDestructive` to run).
   * Default false: such tables are unmanaged and left alone.
   */
  readonly dropUnmanagedTables?: boolean;
  /** Tables (glob patterns) the migration to `to` must never touch. */
  readonly ignoreTables?: readonly string[];
  readonly expect: Expectation;
  /** Skip (visibly) unless the adapter has these capabilities and lacks these limitations. */
  readonly requires?: readonly Requirement[];
  /**
   * Expected rows after the migration, per table, where they legitimately
   * change (a new column filled by its default). Only the listed columns are
   * compared; rows are matched as a multiset.
   */
  readonly rowsAfter?: Readonly<Record<string, readonly Row[]>>;
  /**
   * The exact operation kinds the migration to `to` plans, when that is part
   * of the contract (e.g. `[]` for "no churn"). Sorted comparison.
   */
  readonly planned?: readonly OperationKind[];
  /**
   * Per adapter (by `DriverAdapter.name`), the statements the migration to
   * `to` plans. Checked when present for the adapter under test, by the
   * runner on a real database and by {@link statementProblems} on emit alone.
   */
  readonly statements?: Readonly<Record<string, StatementExpectation>>;
}

/** Identity with type checking, so scenario files read as data. */
export function scenario(s: Scenario): Scenario {
  return s;
}

/**
 * SQLite's rebuild of `table`, statement by statement: create the new table
 * (`create`), copy the rows (`copy`), carry the AUTOINCREMENT sequence over,
 * drop the old table, rename the new one.
 */
export function sqliteRebuild(table: string, create: string | RegExp, copy: string | RegExp): (string | RegExp)[] {
  return [
    create,
    copy,
    `DELETE FROM "sqlite_sequence" WHERE "name" = '${table}__odac_new'`,
    `INSERT INTO "sqlite_sequence" ("name", "seq") SELECT '${table}__odac_new', "seq" FROM "sqlite_sequence" WHERE "name" = '${table}'`,
    `DROP TABLE "${table}"`,
    `ALTER TABLE "${table}__odac_new" RENAME TO "${table}"`,
  ];
}

const show = (x: string | RegExp | null | undefined): string => (x instanceof RegExp ? String(x) : JSON.stringify(x));

/** Why `statements` are not what `expected` says; empty when they are. */
export function statementProblems(expected: StatementExpectation, statements: readonly Statement[]): string[] {
  const problems: string[] = [];
  const compare = <T>(what: string, want: readonly T[], got: readonly (string | null)[], same: (w: T, g: string | null) => boolean): void => {
    if (want.length !== got.length) problems.push(`expected ${want.length} statements' ${what}, got ${got.length}: ${JSON.stringify(got)}`);
    want.forEach((w, i) => {
      const g = got[i];
      if (g !== undefined && !same(w, g)) problems.push(`statement ${i}: expected ${what} ${show(w as never)}, got ${show(g)}`);
    });
  };
  if (expected.sql) {
    compare('SQL', expected.sql, statements.map((s) => s.sql), (w, g) => (w instanceof RegExp ? w.test(g ?? '') : w === g));
  }
  const lockOf = (s: Statement): string | null =>
    s.referenced ? `${s.lock ?? '-'} (${s.referenced.table}: ${s.referenced.lock})` : (s.lock ?? null);
  if (expected.locks) compare('lock', expected.locks, statements.map(lockOf), (w, g) => w === g);
  return problems;
}
