/**
 * Runs conformance scenarios against an adapter and a real database.
 */
import { globMatcher, migrate, plan, type MigrateResult, type Operation, type Schema } from '@odac/core';
import { commonColumns, rowDifferences, schemaDifferences } from './compare.js';
import { statementProblems, type Scenario } from './scenario.js';
import type { ConformanceTarget, Row, TestClient } from './target.js';

/** A scenario whose expectation did not hold; the message lists every problem found. */
export class ConformanceError extends Error {
  readonly scenario: string;
  readonly problems: readonly string[];

  constructor(scenario: string, adapter: string, problems: readonly string[], context: readonly string[] = []) {
    super(
      [`Scenario "${scenario}" fails on adapter "${adapter}":`, ...problems.map((p) => `- ${p}`), ...context].join('\n'),
    );
    this.name = 'ConformanceError';
    this.scenario = scenario;
    this.problems = problems;
  }
}

type Rows = Record<string, Row[]>;

const describeOp = (op: Operation): string => {
  switch (op.kind) {
    case 'addColumn':
    case 'dropColumn':
      return `${op.kind} ${op.table}.${op.column.name}`;
    case 'alterColumn':
      return `alterColumn ${op.table}.${op.to.name} (${op.changes.join(', ')})`;
    case 'addIndex':
    case 'dropIndex':
      return `${op.kind} ${op.table} ${op.index.name}(${op.index.columns.join(', ')})`;
    case 'addForeignKey':
    case 'dropForeignKey':
      return `${op.kind} ${op.table} ${op.foreignKey.name}(${op.foreignKey.columns.join(', ')}) → ${op.foreignKey.references.table}`;
    default:
      return `${op.kind} ${op.table}`;
  }
};

const listOps = (ops: readonly Operation[]): string => ops.map(describeOp).join('; ');

async function introspect(target: ConformanceTarget, url: string): Promise<Schema> {
  const conn = await target.adapter.connect(url, target.connectOptions);
  try {
    return await conn.introspect();
  } finally {
    await conn.close();
  }
}

/**
 * Rows of `tables`. Ordered by primary key where there is one, so a client
 * never has to order by a column type without an ordering (json); the
 * comparison itself is order-independent.
 */
async function snapshot(client: TestClient, tables: readonly string[], schema: Schema): Promise<Rows> {
  const out: Rows = {};
  for (const t of tables) {
    const key = schema.tables.find((x) => x.name === t)?.primaryKey?.columns;
    out[t] = await client.select(t, key && key.length > 0 ? key : undefined);
  }
  return out;
}

/** Applies `from` and checks that it converged; returns nothing, throws on failure. */
async function setUp(target: ConformanceTarget, url: string, s: Scenario, fail: (p: string[]) => never): Promise<void> {
  const { adapter, connectOptions } = target;
  let result: MigrateResult;
  try {
    result = await migrate({ adapter, url, ...(connectOptions ? { connectOptions } : {}), schema: s.from, allowDestructive: true });
  } catch (e) {
    fail([`applying \`from\` threw: ${(e as Error).message}`]);
  }
  if (result.remaining.length > 0) fail([`applying \`from\` did not converge; a second plan still has: ${listOps(result.remaining)}`]);
  // `result.desired` is normalize(from) with its expressions as the database prints them (where it canonicalizes them itself).
  const diffs = schemaDifferences(result.desired, await introspect(target, url), { tables: s.from.tables.map((t) => t.name) });
  if (diffs.length > 0) fail(['after applying `from`, introspection differs from normalize(from):', ...diffs]);
}

async function seed(client: TestClient, s: Scenario, schema: Schema, fail: (p: string[]) => never): Promise<Rows> {
  const tables = Object.keys(s.seed ?? {});
  for (const t of tables) {
    try {
      await client.insert(t, s.seed?.[t] ?? []);
    } catch (e) {
      fail([`seeding "${t}" threw: ${(e as Error).message}`]);
    }
  }
  const before = await snapshot(client, tables, schema);
  const short = tables.filter((t) => before[t]?.length !== s.seed?.[t]?.length);
  if (short.length > 0) fail(short.map((t) => `seeded ${s.seed?.[t]?.length} rows into "${t}" but read back ${before[t]?.length}`));
  return before;
}

/**
 * Seeded rows survive: with `allColumns`, every column they had; otherwise
 * the columns that still exist (a dropped column legitimately goes away).
 */
function rowProblems(before: Rows, after: Rows, allColumns: boolean): string[] {
  const out: string[] = [];
  for (const [t, rows] of Object.entries(before)) {
    const now = after[t];
    if (!now) continue;
    const had = commonColumns(rows, rows);
    const columns = allColumns ? had : commonColumns(rows, now);
    if (allColumns && now.length > 0) {
      const gone = had.filter((c) => !now.every((r) => c in r));
      if (gone.length > 0) out.push(`${t}: column(s) ${gone.join(', ')} disappeared`);
    }
    out.push(...rowDifferences(t, rows, now, columns));
  }
  return out;
}

/** Rows of the seeded (and `rowsAfter`) tables that still exist. */
function afterSnapshot(client: TestClient, s: Scenario, before: Rows, current: Schema): Promise<Rows> {
  const present = new Set(current.tables.map((t) => t.name));
  const tables = [...new Set([...Object.keys(before), ...Object.keys(s.rowsAfter ?? {})])].filter((t) => present.has(t));
  return snapshot(client, tables, current);
}

function rowsAfterProblems(s: Scenario, after: Rows): string[] {
  const out: string[] = [];
  for (const [t, expected] of Object.entries(s.rowsAfter ?? {})) {
    const columns = [...new Set(expected.flatMap((r) => Object.keys(r)))].sort();
    out.push(...rowDifferences(t, expected, after[t] ?? [], columns).map((l, i) => (i === 0 ? `rowsAfter: ${l}` : l)));
  }
  return out;
}

interface Outcome {
  readonly target: ConformanceTarget;
  readonly url: string;
  readonly s: Scenario;
  readonly client: TestClient;
  readonly schemaBefore: Schema;
  readonly before: Rows;
  readonly engine: Parameters<typeof plan>[0];
}

/** An `error` expectation: the right code, and nothing changed. */
async function errorProblems(o: Outcome, code: string, error: unknown): Promise<string[]> {
  const problems: string[] = [];
  if (error === undefined) return [`expected error ${code}, but the migration succeeded`];
  const got = (error as { code?: unknown }).code;
  if (got !== code) problems.push(`expected error ${code}, got ${String(got ?? 'no code')}: ${(error as Error).message}`);
  const schemaAfter = await introspect(o.target, o.url);
  const changed = schemaDifferences(o.schemaBefore, schemaAfter, { namesFrom: o.schemaBefore });
  if (changed.length > 0) problems.push('the failed migration changed the schema:', ...changed);
  problems.push(...rowProblems(o.before, await afterSnapshot(o.client, o.s, o.before, schemaAfter), true));
  return problems;
}

/**
 * `rows` without the values of the columns `to` declares generated: the
 * database computes them, so a new expression legitimately changes them
 * (`rowsAfter` says what they become).
 */
function withoutGenerated(rows: Rows, to: Schema): Rows {
  const out: Rows = {};
  for (const [t, list] of Object.entries(rows)) {
    const generated = new Set(to.tables.find((x) => x.name === t)?.columns.filter((c) => c.generated !== undefined).map((c) => c.name) ?? []);
    out[t] = generated.size === 0 ? list : list.map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => !generated.has(c))));
  }
  return out;
}

/** A `converges` or `skipped-destructive` expectation, after the migration applied. */
async function appliedProblems(o: Outcome, result: MigrateResult): Promise<string[]> {
  const { s, schemaBefore } = o;
  const before = s.expect.kind === 'converges' ? withoutGenerated(o.before, s.to) : o.before;
  const problems: string[] = [];
  if (result.remaining.length > 0) problems.push(`the migration did not converge; re-planning still finds: ${listOps(result.remaining)}`);
  if (s.planned) {
    const got = result.plan.operations.map((op) => op.kind).sort();
    const want = [...s.planned].sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      problems.push(`expected the plan to be [${want.join(', ')}], it was [${listOps(result.plan.operations)}]`);
    }
  }
  const expected = s.statements?.[o.target.adapter.name];
  if (expected) problems.push(...statementProblems(expected, result.statements).map((p) => `planned statements: ${p}`));
  const fresh = await plan(o.engine);
  if (fresh.plan.operations.length > 0) problems.push(`a fresh plan is not empty: ${listOps(fresh.plan.operations)}`);
  const skipped = fresh.plan.skipped.map((k) => k.operation);
  const after = await afterSnapshot(o.client, s, before, fresh.current);

  if (s.expect.kind === 'skipped-destructive') {
    if (skipped.length === 0) problems.push('expected destructive operations to be skipped, but a fresh plan skips nothing');
    for (const kind of s.expect.operations ?? []) {
      if (!skipped.some((op) => op.kind === kind)) problems.push(`expected a skipped ${kind}; skipped: [${listOps(skipped)}]`);
    }
    return [...problems, ...rowProblems(before, after, true)];
  }
  if (skipped.length > 0) problems.push(`a fresh plan still skips: ${listOps(skipped)}`);
  const managed = s.to.tables.map((t) => t.name);
  problems.push(...schemaDifferences(fresh.desired, fresh.current, { tables: managed, namesFrom: s.to }));
  // Tables `to` does not describe: gone only when dropping unmanaged tables is allowed, else untouched.
  for (const t of schemaBefore.tables.filter((x) => !managed.includes(x.name))) {
    const dropped = !globMatcher(s.ignoreTables ?? [])(t.name) && (s.allowDestructive ?? false) && (s.dropUnmanagedTables ?? false);
    const exists = fresh.current.tables.some((x) => x.name === t.name);
    if (dropped && exists) problems.push(`table "${t.name}" is not in \`to\` and dropping unmanaged tables is allowed, but it still exists`);
    if (!dropped) problems.push(...schemaDifferences(schemaBefore, fresh.current, { tables: [t.name], namesFrom: schemaBefore }));
  }
  return [...problems, ...rowProblems(before, after, false), ...rowsAfterProblems(s, after)];
}

/** Checks of one's own, run on the live database after a scenario's expectations held. */
export interface ScenarioHooks {
  /**
   * Runs after the migration to `to` applied and every expectation held,
   * before the database is dropped; not for `error` scenarios. Returns
   * problems (none: fine) or throws.
   */
  readonly after?: (context: { readonly url: string; readonly client: TestClient; readonly result: MigrateResult }) => Promise<readonly string[] | void>;
}

/**
 * Runs one scenario in a fresh database from `target.createDatabase()`,
 * dropped afterwards. Resolves when every expectation holds; otherwise
 * rejects with a `ConformanceError` listing what differed.
 */
export async function runScenario(target: ConformanceTarget, s: Scenario, hooks: ScenarioHooks = {}): Promise<void> {
  const { adapter, connectOptions } = target;
  const context: string[] = [];
  const fail: (problems: readonly string[]) => never = (problems) => {
    throw new ConformanceError(s.name, adapter.name, problems, context);
  };
  const db = await target.createDatabase();
  let client: TestClient | undefined;
  try {
    const url = db.url;
    await setUp(target, url, s, fail);
    client = await target.openClient(url);
    const schemaBefore = await introspect(target, url);
    const before = await seed(client, s, schemaBefore, fail);
    const engine = {
      adapter,
      url,
      ...(connectOptions ? { connectOptions } : {}),
      schema: s.to,
      allowDestructive: s.allowDestructive ?? false,
      dropUnmanagedTables: s.dropUnmanagedTables ?? false,
      ...(s.ignoreTables ? { ignoreTables: s.ignoreTables } : {}),
    };
    let result: MigrateResult | undefined;
    let error: unknown;
    try {
      result = await migrate(engine);
      context.push('Statements applied for `to`:', ...result.applied.map((st) => `  ${st.sql}`));
    } catch (e) {
      error = e;
    }
    const outcome: Outcome = { target, url, s, client, schemaBefore, before, engine };
    if (s.expect.kind === 'error') {
      const problems = await errorProblems(outcome, s.expect.code, error);
      if (problems.length > 0) fail(problems);
      return;
    }
    if (!result) fail([`migrating to \`to\` threw: ${(error as Error).message}`]);
    const problems = await appliedProblems(outcome, result);
    if (problems.length > 0) fail(problems);
    const more = (await hooks.after?.({ url, client, result })) ?? [];
    if (more.length > 0) fail(more);
  } finally {
    await client?.close();
    await db.drop();
  }
}
