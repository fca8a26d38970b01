/**
 * The programmatic API: `plan()` and `migrate()`, for the CLI and for
 * frameworks that migrate on boot.
 */
import type { ApplyOptions, Capabilities, Compat, Connection, ConnectOptions, DriverAdapter, EmitOptions } from './adapter.js';
import { OdacError, PreflightError } from './errors.js';
import { globMatcher } from './glob.js';
import { findTable, type Schema } from './model.js';
import { unmatchedExpressions, withCanonicalExpressions, type CanonicalExpressions } from './expressions.js';
import type { Operation, Plan, PlannedStatement, PreflightCheck, PreflightFailure, Statement } from './operations.js';
import { planMigration } from './plan/index.js';
import { describeSeedStatements, describeStatements } from './plan/statements.js';
import { loadSchema, type ExternalReference } from './schema/load.js';
import { planSeeds, seedQueries } from './seed/plan.js';
import { seedPlanIsEmpty, type SeedPlan, type TableSeed } from './seed/types.js';

/** `--tables` / `--exclude`: globs with `*`, matched against whole table names. */
export interface TableSelection {
  readonly only?: readonly string[];
  readonly exclude?: readonly string[];
}


/** `schema` with only the tables `selection` keeps. */
export function selectTables(schema: Schema, selection: TableSelection | undefined): Schema {
  if (selection === undefined) return schema;
  const { only, exclude = [] } = selection;
  const wanted = only === undefined ? () => true : globMatcher(only);
  const excluded = globMatcher(exclude);
  return { ...schema, tables: schema.tables.filter((t) => wanted(t.name) && !excluded(t.name)) };
}

export interface EngineOptions {
  readonly adapter: DriverAdapter;
  readonly url: string;
  readonly connectOptions?: ConnectOptions;
  /** Directory of schema files. One of `schemaDir` and `schema` is required. */
  readonly schemaDir?: string;
  /** The desired schema as a model (e.g. introspected from another database). */
  readonly schema?: Schema;
  readonly allowDestructive?: boolean;
  readonly allowExternalReferences?: boolean;
  /** Drop tables that no schema file describes (also needs `allowDestructive`). */
  readonly dropUnmanagedTables?: boolean;
  /** Tables never touched (glob patterns with `*`). */
  readonly ignoreTables?: readonly string[];
  /**
   * Which tables this run looks at, in the database and in the desired schema
   * alike (globs with `*`): only those matching `only` (when given) and none
   * matching `exclude`. The others are neither changed, dropped nor listed.
   */
  readonly tables?: TableSelection;
  readonly emit?: EmitOptions;
  /**
   * Upsert the schema files' `seed` rows after the schema sync (default
   * true): `plan` lists them, `migrate` applies them in the same
   * transaction as the schema changes where the database allows it.
   * `false`: the schema alone.
   */
  readonly seeds?: boolean;
  /**
   * `'odacjs'`: schema files mean what they meant to ODAC.JS's knex-based
   * engine (PostgreSQL `timestamptz`, text + CHECK enums, `serial` keys...),
   * so a database it built plans nothing. See {@link Compat}.
   */
  readonly compat?: Compat;
}

export interface MigrateOptions extends EngineOptions {
  /** Plan only; do not apply. */
  readonly dryRun?: boolean;
  readonly onStatement?: ApplyOptions['onStatement'];
  /** Called with the plan before it is applied; return false to abort without changes. */
  readonly confirm?: (result: PlanResult) => boolean | Promise<boolean>;
}

export interface PlanResult {
  readonly plan: Plan;
  /** The adapter's statements for `plan.operations`, in execution order, with their kind and hazards. */
  readonly statements: readonly PlannedStatement[];
  /** The live database as introspected. */
  readonly current: Schema;
  /** The desired schema, normalized for this adapter. */
  readonly desired: Schema;
  /** What seeding does; absent when no schema file has seed rows (or with `seeds: false`). */
  readonly seeds?: SeedPlan;
  /** The statements of `seeds`, run after `statements` (in the same transaction where the database allows it). */
  readonly seedStatements?: readonly PlannedStatement[];
}

export interface MigrateResult extends PlanResult {
  /** Statements that ran (empty on a dry run or when nothing was to do). */
  readonly applied: readonly Statement[];
  /** False when the plan was not applied (dry run, or `confirm` said no). */
  readonly performed: boolean;
  /** Operations a fresh plan still finds after applying: empty when converged. */
  readonly remaining: readonly Operation[];
  /** Warnings from applying (e.g. an online form the server refused). */
  readonly warnings: readonly string[];
}

/**
 * The whole pure pipeline: normalize the desired schema for this adapter,
 * diff it against the introspected one, plan, emit.
 */
export function computePlan(
  adapter: DriverAdapter,
  current: Schema,
  desiredRaw: Schema,
  options: Pick<EngineOptions, 'allowDestructive' | 'dropUnmanagedTables' | 'ignoreTables' | 'tables' | 'emit' | 'compat'> & {
    /** The database's own spelling of the desired and live expressions (see {@link Connection.canonicalExpressions}). */
    readonly expressions?: Expressions;
    /** What this server can do, when the connection knows better than the adapter (see {@link Connection.capabilities}). */
    readonly capabilities?: Capabilities;
  } = {},
): PlanResult {
  const desired = withCanonicalExpressions(normalizeDesired(adapter, desiredRaw, options), options.expressions?.desired);
  const plan = planMigration(withCanonicalExpressions(selectTables(current, options.tables), options.expressions?.current), desired, {
    capabilities: options.capabilities ?? adapter.capabilities,
    allowDestructive: options.allowDestructive ?? false,
    dropUnmanagedTables: options.dropUnmanagedTables ?? false,
    ignoreTables: options.ignoreTables ?? [],
    online: options.emit?.online ?? false,
  });
  return { plan, statements: emitPlan(adapter, plan.operations, options.emit), current, desired };
}

/** The adapter's statements for `operations`, with their kind and hazards. */
function emitPlan(adapter: DriverAdapter, operations: readonly Operation[], options: EmitOptions | undefined): PlannedStatement[] {
  return describeStatements(operations, adapter.emit(operations, options));
}

interface Desired {
  readonly schema: Schema;
  readonly external: readonly ExternalReference[];
  /** The loader's warnings (what some databases accept and others refuse). */
  readonly warnings: readonly string[];
  readonly seeds: readonly TableSeed[];
}

async function desiredSchema(options: EngineOptions): Promise<Desired> {
  if (options.schema) return { schema: options.schema, external: [], warnings: [], seeds: [] };
  if (!options.schemaDir) {
    throw new OdacError('API.MISSING_OPTION', 'No schema given: set schemaDir (a directory of schema files) or schema (a model, e.g. introspected from another database).', {
      details: { option: 'schemaDir' },
    });
  }
  const loaded = await loadSchema(options.schemaDir, { allowExternalReferences: options.allowExternalReferences ?? false });
  const selected = new Set(selectTables(loaded.schema, options.tables).tables.map((t) => t.name));
  const seeds = options.seeds === false ? [] : loaded.seeds.filter((s) => selected.has(s.table));
  return { schema: loaded.schema, external: loaded.externalReferences, warnings: loaded.warnings, seeds };
}

/** The plan with the loader's warnings first. */
function withWarnings(result: PlanResult, warnings: readonly string[]): PlanResult {
  if (warnings.length === 0) return result;
  return { ...result, plan: { ...result.plan, warnings: [...warnings, ...result.plan.warnings] } };
}

function checkExternalReferences(current: Schema, external: readonly ExternalReference[]): void {
  const missing = external.filter((ref) => {
    const target = findTable(current, ref.references.table);
    return !target || ref.references.columns.some((c) => !target.columns.some((col) => col.name === c));
  });
  if (missing.length === 0) return;
  const list = missing
    .map((m) => `${m.file ?? m.table}: ${m.table}${m.column ? '.' + m.column : ''} → ${m.references.table}(${m.references.columns.join(', ')})`)
    .join('; ');
  throw new OdacError(
    'SCHEMA.MISSING_REFERENCE',
    `External references point at tables or columns that do not exist in the database: ${list}. Create them first, or add schema files for them.`,
    { details: { missing } },
  );
}

async function withConnection<T>(options: EngineOptions, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await options.adapter.connect(options.url, options.connectOptions);
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

/**
 * Reads back the rows the seeds name and plans them against `current` (the
 * database before this run's schema changes: a table it creates has no
 * rows, a column it adds no values yet).
 */
async function planSeedsOn(conn: Connection, options: EngineOptions, desired: Desired, current: Schema): Promise<Pick<PlanResult, 'seeds' | 'seedStatements'>> {
  if (desired.seeds.length === 0) return {};
  const { adapter } = options;
  if (!conn.readRows || !adapter.emitSeeds) {
    throw new OdacError(
      'PLAN.UNSUPPORTED',
      `The ${adapter.name} adapter cannot seed rows yet, and ${desired.seeds.map((s) => `"${s.table}"`).join(', ')} declare seed rows (seed + seedKey). ` +
        'Nothing was changed. Remove seed/seedKey from those schema files and insert the rows another way (e.g. a migration file), or run against SQLite, PostgreSQL or MySQL/MariaDB.',
      { details: { adapter: adapter.name, tables: desired.seeds.map((s) => s.table) } },
    );
  }
  const queries = [...seedQueries(desired.seeds, desired.schema, current).entries()];
  const results = queries.length > 0 ? await conn.readRows(queries.map(([, q]) => q)) : [];
  const rows = new Map(queries.map(([table], i) => [table, results[i] ?? []] as const));
  const seeds = planSeeds(desired.seeds, desired.schema, current, rows);
  return { seeds, seedStatements: describeSeedStatements(adapter.emitSeeds(seeds)) };
}

/** True when neither the schema nor the seeds need a change. */
function nothingPlanned(result: PlanResult): boolean {
  return result.plan.operations.length === 0 && (result.seeds === undefined || seedPlanIsEmpty(result.seeds));
}

function normalizeDesired(adapter: DriverAdapter, desiredRaw: Schema, options: Pick<EngineOptions, 'tables' | 'compat'>): Schema {
  return adapter.normalize(selectTables(desiredRaw, options.tables), options.compat !== undefined ? { compat: options.compat } : undefined);
}

/** The database's own spelling of both sides' expressions (see `expressions.ts`). */
export interface Expressions {
  readonly desired?: CanonicalExpressions;
  readonly current?: CanonicalExpressions;
}

/**
 * Asks the connection, when it can canonicalize: the desired expressions,
 * then the live ones that match none of them textually (usually none, so
 * a converged database costs one rolled-back probe of the desired side).
 */
export async function canonicalOn(
  conn: Connection,
  options: Pick<EngineOptions, 'adapter' | 'tables' | 'compat'>,
  desiredRaw: Schema,
  current: Schema,
): Promise<Expressions> {
  if (!conn.canonicalExpressions) return {};
  const normalized = normalizeDesired(options.adapter, desiredRaw, options);
  const desired = await conn.canonicalExpressions(normalized, current);
  const unmatched = unmatchedExpressions(selectTables(current, options.tables), withCanonicalExpressions(normalized, desired));
  return { desired, ...(unmatched.tables.length > 0 ? { current: await conn.canonicalExpressions(unmatched, current) } : {}) };
}

/** The server's own capabilities, when its connection reports them (MySQL's lower_case_table_names). */
const capabilitiesOf = (conn: Connection): { capabilities?: Capabilities } => (conn.capabilities ? { capabilities: conn.capabilities } : {});

/** Tables the plan needs to look at: all, so unmanaged tables and FK targets are known. */
async function planOn(conn: Connection, options: EngineOptions, desired: Desired): Promise<PlanResult> {
  const current = await conn.introspect();
  checkExternalReferences(current, desired.external);
  await conn.validateDesired?.(normalizeDesired(options.adapter, desired.schema, options));
  const expressions = await canonicalOn(conn, options, desired.schema, current);
  const result = withWarnings(computePlan(options.adapter, current, desired.schema, { ...options, expressions, ...capabilitiesOf(conn) }), desired.warnings);
  return { ...result, ...(await planSeedsOn(conn, options, desired, current)) };
}

/** Introspects the database and returns what `migrate` would do. Never writes. */
export async function plan(options: EngineOptions): Promise<PlanResult> {
  const desired = await desiredSchema(options);
  const readOnly: EngineOptions = { ...options, connectOptions: { ...options.connectOptions, readOnly: true } };
  return withConnection(readOnly, (conn) => planOn(conn, options, desired));
}

/** Describes a failed preflight check in one sentence. */
export function describePreflightFailure(f: PreflightFailure): string {
  const c: PreflightCheck = f.check;
  const one = f.count === 1;
  const rows = `${f.count} row${one ? '' : 's'}`;
  // "1 row references", "2 rows reference": the verb agrees with the count.
  const verb = (singular: string, plural: string): string => `${rows} ${one ? singular : plural}`;
  switch (c.kind) {
    case 'notNull':
      return `column "${c.table}"."${c.column}" cannot become NOT NULL: ${verb('holds', 'hold')} NULL. Update or delete ${one ? 'it' : 'them'}, or give the column a default and keep it nullable.`;
    case 'foreignKey':
      return `foreign key ${c.constraint} on "${c.table}"(${c.columns.join(', ')}) → "${c.references.table}"(${c.references.columns.join(', ')}) cannot be added: ${verb('references', 'reference')} no existing row (orphans). Delete or fix ${one ? 'it' : 'them'}, or make the column nullable and set ${one ? 'it' : 'them'} to NULL.`;
    case 'unique':
      return `unique constraint ${c.constraint} on "${c.table}"(${c.columns.join(', ')}) cannot be added: ${verb('is a duplicate', 'are duplicates')}. Remove the duplicates first.`;
    case 'fitsType':
      return `column "${c.table}"."${c.column}" cannot be narrowed: ${verb('holds a value', 'hold values')} that ${one ? 'does' : 'do'} not fit the new type. Fix ${one ? 'it' : 'those rows'} or keep the wider type.`;
    case 'emptyTable':
      return `column "${c.table}"."${c.column}" is NOT NULL without a default and the table has ${rows}. Give it a default, or make it nullable.`;
  }
}

/** The operations that add a key a failed orphan check names. */
function blockedKeyAdds(plan: Plan, failures: readonly PreflightFailure[]): Set<number> {
  const out = new Set<number>();
  for (const f of failures) {
    if (f.check.kind !== 'foreignKey') continue;
    const { table, constraint } = f.check;
    plan.operations.forEach((op, i) => {
      if (op.kind === 'addForeignKey' && op.table === table && op.foreignKey.name === constraint) out.add(i);
      // The later validation of a key added NOT VALID goes with it.
      if (op.kind === 'validateConstraint' && op.added === true && op.table === table && op.name === constraint) out.add(i);
    });
  }
  return out;
}

/**
 * Runs the preflight checks. Returns the plan to apply: the same plan when
 * every check passes; otherwise throws `PreflightError` before anything
 * runs, with one exception. On a database without transactional DDL a plan
 * that only drops and adds foreign keys (what an interrupted MySQL run
 * leaves: some keys missing) adds every key its orphan check allows, so one
 * orphan does not keep all the others away; `blocked` names the keys left
 * out, and `migrate` reports them after applying the rest.
 */
async function runPreflight(
  conn: Connection,
  options: EngineOptions,
  result: PlanResult,
): Promise<{ result: PlanResult; blocked: readonly PreflightFailure[] }> {
  const checks = result.plan.preflight;
  if (checks.length === 0) return { result, blocked: [] };
  const failures = await conn.preflight(checks);
  if (failures.length === 0) return { result, blocked: [] };
  const text = failures.map(describePreflightFailure).join(' ');
  const keysOnly = result.plan.operations.every((op) => op.kind === 'addForeignKey' || op.kind === 'dropForeignKey');
  const blocked = blockedKeyAdds(result.plan, failures);
  const eachKeyAlone = !options.adapter.capabilities.transactionalDdl && keysOnly && failures.every((f) => f.check.kind === 'foreignKey');
  if (!eachKeyAlone || blocked.size === 0) throw new PreflightError(failures, `Nothing was changed: existing rows violate the new schema. ${text}`);
  const operations = result.plan.operations.filter((_, i) => !blocked.has(i));
  const plan: Plan = { ...result.plan, operations, preflight: checks.filter((c) => !failures.some((f) => f.check === c)) };
  return { result: { ...result, plan, statements: emitPlan(options.adapter, operations, options.emit) }, blocked: failures };
}

/**
 * Loads and validates the schema (before connecting), introspects and plans;
 * when there is nothing to do, that is all (one introspection, no lock, so
 * concurrent boots never queue behind each other). Otherwise, holding the
 * migrator lock: checks the plan still holds, runs the preflight checks,
 * applies, and introspects again to confirm convergence.
 *
 * The plan still holds when the adapter's {@link Connection.fingerprint}
 * read under the lock equals the one read before planning (the schema did
 * not change meanwhile); without one, or when it differs, the database is
 * introspected and planned again. With `confirm`, the question is asked
 * before the lock is taken (a person deciding must not block other
 * writers; on SQLite the lock is a write transaction), and a plan that
 * changed meanwhile is not applied (`APPLY.PLAN_CHANGED`).
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const desired = await desiredSchema(options);
  const schema = desired.schema;
  return withConnection(options, async (conn) => {
    const notApplied = (result: PlanResult): MigrateResult => ({ ...result, applied: [], performed: false, remaining: result.plan.operations, warnings: [] });
    const nothingToDo = (result: PlanResult): MigrateResult => ({ ...result, applied: [], performed: true, remaining: [], warnings: [] });
    // Read before introspecting: a change during introspection then shows as a different token under the lock.
    const before = await conn.fingerprint?.();
    const planned = await planOn(conn, options, desired);
    if (options.dryRun) return notApplied(planned);
    if (nothingPlanned(planned)) return nothingToDo(planned);
    if (options.confirm && !(await options.confirm(planned))) return notApplied(planned);
    return conn.withLock(async () => {
      const unchanged = before !== undefined && (await conn.fingerprint?.()) === before;
      // Rows are read again under the lock whatever the fingerprint says: it tracks the schema, and another migrator may have seeded meanwhile.
      const result = unchanged ? { ...planned, ...(await planSeedsOn(conn, options, desired, planned.current)) } : await planOn(conn, options, desired);
      if (nothingPlanned(result)) return nothingToDo(result);
      if (options.confirm && !sameStatements(planned.statements, result.statements)) {
        throw new OdacError(
          'APPLY.PLAN_CHANGED',
          'Nothing was changed: the database changed while the plan was being confirmed (another migrator may have run). Run the command again to see the new plan.',
        );
      }
      const checked = await runPreflight(conn, options, result);
      const applyOptions: ApplyOptions = options.onStatement ? { onStatement: options.onStatement } : {};
      // Seed rows go in the same apply as the schema changes: one transaction where the database allows it,
      // so before the statements planned to run after that transaction.
      const statements = withSeeds(checked.result.statements, result.seedStatements ?? [], options.adapter.capabilities.transactionalDdl);
      const { executed, warnings = [] } = statements.length > 0 ? await conn.apply(statements, applyOptions) : { executed: [] };
      if (checked.blocked.length > 0) {
        const keys = checked.blocked.length === 1 ? 'this foreign key' : `these ${checked.blocked.length} foreign keys`;
        throw new PreflightError(
          checked.blocked,
          `Every other change was applied (${executed.length} statement${executed.length === 1 ? '' : 's'}), but existing rows keep ${keys} from being added: ` +
            `${checked.blocked.map(describePreflightFailure).join(' ')} Run migrate again once the rows are fixed.`,
          executed,
        );
      }
      const current = await conn.introspect();
      const after = computePlan(options.adapter, current, schema, { ...options, expressions: await canonicalOn(conn, options, schema, current), ...capabilitiesOf(conn) });
      return { ...result, applied: executed, performed: true, remaining: after.plan.operations, warnings };
    });
  });
}

/**
 * `seeds` after the plan's statements; with transactional DDL, before those
 * the plan runs after the migration transaction.
 */
function withSeeds(statements: readonly Statement[], seeds: readonly Statement[], transactionalDdl: boolean): Statement[] {
  const split = transactionalDdl ? statements.findIndex((s) => !s.transactional) : -1;
  if (split < 0 || seeds.length === 0) return [...statements, ...seeds];
  return [...statements.slice(0, split), ...seeds, ...statements.slice(split)];
}

function sameStatements(a: readonly Statement[], b: readonly Statement[]): boolean {
  return a.length === b.length && a.every((s, i) => s.sql === b[i]?.sql);
}
