/**
 * fast-check arbitraries for schemas within the portable model: what
 * PostgreSQL, MySQL/MariaDB and SQLite all support. Tables (1–4 of a fixed
 * pool), typed columns with literal defaults of the right type, nullable or
 * not, unique and plain indexes, foreign keys to primary keys of the same
 * type including cycles and self-references. Names are lowercase ASCII.
 *
 * Generation is two-step for good shrinking: independent random "recipes"
 * (plain records of choices), then a deterministic `build` that turns them
 * into a valid schema, dropping whatever refers to something absent.
 * Column names are tied to a type family (numbers, strings, booleans,
 * dates), so a column that exists on both sides of a pair only changes
 * within its family, where every database has a cast.
 *
 * Beyond the portable model, {@link RandomFeatures} (chosen per adapter by
 * {@link randomFeatures}) turns on what one database has: generated columns
 * over a plain column of their table, UNIQUE constraints and deferrable keys
 * (PostgreSQL), CHECKs (NO INHERIT on PostgreSQL), value columns in any order
 * where the database places columns (MySQL). The recipes always carry those choices; `build` uses them
 * only where the features allow, so the portable schemas stay as they were.
 */
import * as fc from 'fast-check';
import type { Column, DriverAdapter, ForeignKey, ForeignKeyAction, Index, PrimaryKey, Schema, Table } from '@odac/core';
import { col, fk, now, schema, table, type DefaultInput } from './build.js';
import { runScenario } from './runner.js';
import type { ConformanceTarget } from './target.js';

type Family = 'number' | 'string' | 'boolean' | 'temporal';

/** The pool of tables; `countries` has a string primary key. */
export const RANDOM_TABLES = ['users', 'posts', 'comments', 'tags', 'countries'] as const;
type TableName = (typeof RANDOM_TABLES)[number];

const VALUE_COLUMNS: readonly { readonly name: string; readonly family: Family }[] = [
  { name: 'qty', family: 'number' },
  { name: 'score', family: 'number' },
  { name: 'title', family: 'string' },
  { name: 'body', family: 'string' },
  { name: 'active', family: 'boolean' },
  { name: 'born_on', family: 'temporal' },
  { name: 'seen_at', family: 'temporal' },
];

/**
 * Generated columns: each computes from one plain column of a family (the
 * recipe picks which), with a deterministic expression every database
 * accepts and prints back comparably.
 */
const GENERATED_COLUMNS: readonly { readonly name: string; readonly sources: readonly string[]; readonly expressions: readonly ((s: string) => string)[] }[] = [
  { name: 'calc_num', sources: ['qty', 'score'], expressions: [(s) => `${s} + 1`, (s) => `${s} * 2`] },
  { name: 'calc_text', sources: ['title', 'body'], expressions: [(s) => `lower(${s})`, (s) => `upper(${s})`] },
];

/**
 * What the generator may use beyond the portable model. {@link randomFeatures}
 * picks them for an adapter; {@link PORTABLE_FEATURES} is none of them.
 */
export interface RandomFeatures {
  /** STORED generated columns. */
  readonly generatedColumns: boolean;
  /** VIRTUAL generated columns too (not PostgreSQL before 18). */
  readonly virtualGeneratedColumns: boolean;
  /** A generated column may be NOT NULL (MariaDB has no NOT NULL generated columns). */
  readonly generatedNotNull: boolean;
  /** Unique indexes may be UNIQUE constraints, deferrable ones too (PostgreSQL). */
  readonly uniqueConstraints: boolean;
  /** Primary keys no foreign key references may be DEFERRABLE (PostgreSQL). */
  readonly deferrablePrimaryKeys: boolean;
  /** Foreign keys may be DEFERRABLE. */
  readonly deferrableForeignKeys: boolean;
  /** CHECK constraints over a number column. */
  readonly checks: boolean;
  /** CHECK … NO INHERIT (PostgreSQL). */
  readonly noInheritChecks: boolean;
  /** Value columns in any order (where the database places columns: MySQL's AFTER/FIRST). */
  readonly columnOrder: boolean;
  /** MySQL table options: InnoDB (the only engine with foreign keys) and a utf8mb4 collation. */
  readonly mysqlTableOptions: boolean;
  /** Text value columns may name a collation or a charset of their own (MySQL), some equal to the table's default. */
  readonly columnCollations: boolean;
}

/** The portable model only: what PostgreSQL, MySQL/MariaDB and SQLite all support. */
export const PORTABLE_FEATURES: RandomFeatures = Object.freeze({
  generatedColumns: false,
  virtualGeneratedColumns: false,
  generatedNotNull: false,
  uniqueConstraints: false,
  deferrablePrimaryKeys: false,
  deferrableForeignKeys: false,
  checks: false,
  noInheritChecks: false,
  columnOrder: false,
  mysqlTableOptions: false,
  columnCollations: false,
});

/**
 * The features to generate for `adapter`: from its capabilities'
 * limitations where one says it, else by name for what only PostgreSQL has.
 */
export function randomFeatures(adapter: DriverAdapter): RandomFeatures {
  const limited = (l: string): boolean => (adapter.capabilities.limitations as readonly string[]).includes(l);
  const known = ['postgres', 'mysql', 'sqlite'].includes(adapter.name);
  const postgres = adapter.name === 'postgres';
  return {
    generatedColumns: known,
    virtualGeneratedColumns: known && !limited('virtualGeneratedColumns'),
    generatedNotNull: known && adapter.name !== 'mysql',
    uniqueConstraints: postgres,
    deferrablePrimaryKeys: postgres,
    deferrableForeignKeys: known && !limited('foreignKeyDeferrable'),
    checks: known,
    noInheritChecks: postgres,
    columnOrder: known && adapter.capabilities.reorderColumns,
    // A new table collation restates the string columns; the planner drops and re-adds the keys that use them.
    mysqlTableOptions: adapter.name === 'mysql',
    columnCollations: adapter.name === 'mysql',
  };
}

const refColumn = (target: TableName): string => (target === 'countries' ? 'country_code' : `${target.replace(/s$/, '')}_id`);

interface ColumnRecipe {
  readonly type: number;
  readonly nullable: boolean;
  readonly default: number | null;
  readonly collation: number;
}
interface GeneratedRecipe {
  readonly source: number;
  readonly expression: number;
  readonly type: number;
  readonly stored: boolean;
  readonly nullable: boolean;
}
interface RefRecipe {
  readonly nullable: boolean;
  readonly withKey: boolean;
  readonly onDelete: number;
  readonly onUpdate: number;
  /** 0: not deferrable, 1: initially immediate, 2: initially deferred. */
  readonly deferrable: number;
}
interface IndexRecipe {
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly constraint: boolean;
  readonly deferrable: number;
}
interface TableRecipe {
  readonly key: number;
  readonly keyDeferrable: number;
  readonly columns: Readonly<Record<string, ColumnRecipe | null>>;
  readonly generated: Readonly<Record<string, GeneratedRecipe | null>>;
  readonly refs: Readonly<Record<string, RefRecipe | null>>;
  readonly indexes: readonly IndexRecipe[];
  /** A CHECK over the first number column present, by bound (index into CHECK_BOUNDS). */
  readonly check: { readonly bound: number; readonly noInherit: boolean } | null;
  /** Sort keys of the value columns (stable: all equal keeps the declared order). */
  readonly order: Readonly<Record<string, number>>;
}
/** The random choices behind one schema. */
export interface SchemaRecipe {
  readonly tables: readonly TableName[];
  readonly recipes: Readonly<Record<TableName, TableRecipe>>;
  /**
   * MySQL table options of every table (one collation for all: MySQL refuses a foreign key between
   * string columns of different collations): absent, or InnoDB with a collation of MYSQL_COLLATIONS.
   */
  readonly mysql?: number | null;
}

const ACTIONS: readonly ForeignKeyAction[] = ['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL'];
const INTEGER_KEYS = [col.increments, col.bigIncrements, (n: string) => col.integer(n, { nullable: false }), (n: string) => col.bigInteger(n, { nullable: false })];
const STRING_KEY_LENGTHS = [2, 3, 8];
const DEFERRABLE = [undefined, 'immediate', 'deferred'] as const;
const MYSQL_COLLATIONS = ['utf8mb4_general_ci', 'utf8mb4_bin', 'utf8mb4_unicode_ci'];
const COLUMN_COLLATIONS: readonly Partial<Column>[] = [{}, { collation: 'utf8mb4_bin' }, { charset: 'latin1' }, { collation: 'utf8mb4_unicode_ci' }, { charset: 'utf8mb4' }];
const CHECK_BOUNDS = [(c: string) => `${c} >= 0`, (c: string) => `${c} > -100`, (c: string) => `${c} < 1000000`];

/** The column types of a family; a recipe's `type` indexes this list. */
function familyTypes(family: Family): ((name: string, nullable: boolean, d: DefaultInput | undefined) => Column)[] {
  const o = (nullable: boolean, d: DefaultInput | undefined) => ({ nullable, ...(d !== undefined ? { default: d } : {}) });
  switch (family) {
    case 'number':
      return [
        (n, nl, d) => col.integer(n, o(nl, d)),
        (n, nl, d) => col.bigInteger(n, o(nl, d)),
        (n, nl, d) => col.decimal(n, 6, 2, o(nl, d)),
        (n, nl, d) => col.decimal(n, 12, 4, o(nl, d)),
        (n, nl, d) => col.decimal(n, 10, 0, o(nl, d)),
      ];
    case 'string':
      return [
        (n, nl, d) => col.string(n, 8, o(nl, d)),
        (n, nl, d) => col.string(n, 40, o(nl, d)),
        (n, nl, d) => col.string(n, 255, o(nl, d)),
        // No default on text: MySQL 8 refuses literal defaults there.
        (n, nl) => col.text(n, o(nl, undefined)),
      ];
    case 'boolean':
      return [(n, nl, d) => col.boolean(n, o(nl, d))];
    case 'temporal':
      return [(n, nl, d) => col.date(n, o(nl, d)), (n, nl, d) => col.timestamp(n, o(nl, d))];
  }
}

/** Literal defaults that fit a column of this type. */
function defaultCandidates(c: Column): DefaultInput[] {
  const t = c.type;
  switch (t.kind) {
    case 'integer':
      return [0, 1, -7, 250];
    case 'decimal':
      return [0, 12, ...(t.scale >= 1 ? [1.5] : []), ...(t.scale >= 2 ? [-2.25] : [])];
    case 'string':
      return ['', 'draft', "it's", 'a b'].filter((s) => s.length <= t.length);
    case 'boolean':
      return [true, false];
    case 'date':
      return ['2024-01-15', '1999-12-31'];
    case 'timestamp':
      return ['2024-01-15 10:30:00', now];
    default:
      return [];
  }
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

function valueColumn(name: string, family: Family, r: ColumnRecipe, features: RandomFeatures): Column {
  const make = pick(familyTypes(family), r.type);
  const plain = make(name, r.nullable, undefined);
  const candidates = defaultCandidates(plain);
  const column = r.default === null || candidates.length === 0 ? plain : make(name, r.nullable, pick(candidates, r.default));
  return features.columnCollations && family === 'string' ? { ...column, ...pick(COLUMN_COLLATIONS, r.collation) } : column;
}

function keyColumn(name: TableName, r: TableRecipe): Column {
  if (name === 'countries') return col.string('code', pick(STRING_KEY_LENGTHS, r.key), { nullable: false });
  return pick(INTEGER_KEYS, r.key)('id');
}

/**
 * A generated column over one plain column of the table, or none when the
 * source the recipe picks is absent. The type stays in the source's family
 * (every database casts the expression's value to it on assignment).
 */
function generatedColumn(g: (typeof GENERATED_COLUMNS)[number], r: GeneratedRecipe, byName: ReadonlyMap<string, Column>, features: RandomFeatures): Column | undefined {
  const source = byName.get(pick(g.sources, r.source));
  if (!source || source.generated) return undefined;
  const family = VALUE_COLUMNS.find((v) => v.name === source.name)?.family ?? 'number';
  const nullable = !features.generatedNotNull || r.nullable || source.nullable;
  const plain = pick(familyTypes(family), r.type)(g.name, nullable, undefined);
  const stored = !features.virtualGeneratedColumns || r.stored;
  return { ...plain, generated: { expression: pick(g.expressions, r.expression)(source.name), stored } };
}

/** The type a referencing column must have: the key's, without auto-increment. */
function referencing(name: string, key: Column, nullable: boolean): Column {
  return { name, type: key.type, nullable };
}

function buildTable(name: TableName, present: ReadonlySet<TableName>, recipes: SchemaRecipe['recipes'], features: RandomFeatures, mysql: number | null): Table {
  const r = recipes[name];
  const key = keyColumn(name, r);
  const columns: Column[] = [key];
  const values = features.columnOrder ? [...VALUE_COLUMNS].sort((a, b) => (r.order[a.name] ?? 0) - (r.order[b.name] ?? 0)) : VALUE_COLUMNS;
  for (const v of values) {
    const cr = r.columns[v.name];
    if (cr) columns.push(valueColumn(v.name, v.family, cr, features));
  }
  if (features.generatedColumns) {
    const plain = new Map(columns.map((c) => [c.name, c] as const));
    for (const g of GENERATED_COLUMNS) {
      const gr = r.generated[g.name];
      const c = gr ? generatedColumn(g, gr, plain, features) : undefined;
      if (c) columns.push(c);
    }
  }
  const foreignKeys: ForeignKey[] = [];
  for (const target of RANDOM_TABLES) {
    const rr = r.refs[target];
    if (!rr || !present.has(target)) continue;
    const targetKey = keyColumn(target, recipes[target]);
    const column = referencing(refColumn(target), targetKey, rr.nullable);
    columns.push(column);
    if (!rr.withKey) continue;
    const action = (i: number): ForeignKeyAction => {
      const a = pick(ACTIONS, i);
      return a === 'SET NULL' && !rr.nullable ? 'NO ACTION' : a;
    };
    const deferrable = features.deferrableForeignKeys ? pick(DEFERRABLE, rr.deferrable) : undefined;
    foreignKeys.push({
      ...fk(column.name, target, targetKey.name, { onDelete: action(rr.onDelete), onUpdate: action(rr.onUpdate) }),
      ...(deferrable ? { deferrable } : {}),
    });
  }
  const byName = new Map(columns.map((c) => [c.name, c] as const));
  const seen = new Set<string>([JSON.stringify([key.name])]);
  const indexes: Index[] = [];
  for (const ir of r.indexes) {
    // MySQL cannot index TEXT without a prefix length, which the model has no way to say.
    if (!ir.columns.every((c) => byName.has(c) && byName.get(c)?.type.kind !== 'text')) continue;
    const id = JSON.stringify(ir.columns);
    if (seen.has(id)) continue;
    seen.add(id);
    const constraint = features.uniqueConstraints && ir.unique && ir.constraint;
    const deferrable = constraint ? pick(DEFERRABLE, ir.deferrable) : undefined;
    indexes.push({ columns: [...ir.columns], unique: ir.unique, ...(constraint ? { constraint } : {}), ...(deferrable ? { deferrable } : {}) });
  }
  const checked = features.checks && r.check ? columns.find((c) => (c.name === 'qty' || c.name === 'score') && !c.generated) : undefined;
  const checks = checked && r.check
    ? [{ expression: pick(CHECK_BOUNDS, r.check.bound)(checked.name), ...(features.noInheritChecks && r.check.noInherit ? { noInherit: true } : {}) }]
    : undefined;
  // Every table states its options: a table that leaves them out keeps the live ones, and a new key between
  // a kept utf8mb4_bin column and a new table's server-default one is refused by MySQL (errno 150), rightly.
  const options = features.mysqlTableOptions ? { mysql: { engine: 'InnoDB', charset: 'utf8mb4', collation: pick(MYSQL_COLLATIONS, mysql ?? 0) } } : {};
  const built = { ...table(name, columns, { primaryKey: [key.name], indexes, foreignKeys, ...(checks ? { checks } : {}) }), ...options };
  const keyDeferrable = features.deferrablePrimaryKeys ? pick(DEFERRABLE, r.keyDeferrable) : undefined;
  return keyDeferrable && built.primaryKey ? { ...built, primaryKey: { ...built.primaryKey, deferrable: keyDeferrable } } : built;
}

/** Without `deferrable` on a primary key that a foreign key references (PostgreSQL refuses such a reference). */
function referenceable(t: Table, referenced: ReadonlySet<string>): Table {
  if (!t.primaryKey?.deferrable || !referenced.has(t.name)) return t;
  const { deferrable: _, ...primaryKey } = t.primaryKey;
  return { ...t, primaryKey: primaryKey as PrimaryKey };
}

/** Turns random choices into a valid schema (deterministic), using only `features` beyond the portable model. */
export function buildRandomSchema(recipe: SchemaRecipe, features: RandomFeatures = PORTABLE_FEATURES): Schema {
  const present = new Set(recipe.tables);
  const tables = recipe.tables.map((t) => buildTable(t, present, recipe.recipes, features, recipe.mysql ?? null));
  const referenced = new Set(tables.flatMap((t) => t.foreignKeys.map((f) => f.references.table)));
  return schema(...tables.map((t) => referenceable(t, referenced)));
}

const columnRecipe: fc.Arbitrary<ColumnRecipe> = fc.record({
  type: fc.nat({ max: 4 }),
  nullable: fc.boolean(),
  default: fc.option(fc.nat({ max: 3 }), { nil: null }),
  collation: fc.nat({ max: COLUMN_COLLATIONS.length - 1 }),
});
const refRecipe: fc.Arbitrary<RefRecipe> = fc.record({
  nullable: fc.boolean(),
  withKey: fc.boolean(),
  onDelete: fc.nat({ max: 3 }),
  onUpdate: fc.nat({ max: 3 }),
  deferrable: fc.nat({ max: 2 }),
});
const generatedRecipe: fc.Arbitrary<GeneratedRecipe> = fc.record({
  source: fc.nat({ max: 1 }),
  expression: fc.nat({ max: 1 }),
  type: fc.nat({ max: 3 }),
  stored: fc.boolean(),
  nullable: fc.boolean(),
});
const indexableNames = [...VALUE_COLUMNS.map((c) => c.name), ...GENERATED_COLUMNS.map((g) => g.name), ...RANDOM_TABLES.map(refColumn)];
const tableRecipe: fc.Arbitrary<TableRecipe> = fc.record({
  key: fc.nat({ max: 3 }),
  keyDeferrable: fc.nat({ max: 2 }),
  columns: fc.record(Object.fromEntries(VALUE_COLUMNS.map((c) => [c.name, fc.option(columnRecipe, { nil: null, freq: 3 })]))),
  generated: fc.record(Object.fromEntries(GENERATED_COLUMNS.map((g) => [g.name, fc.option(generatedRecipe, { nil: null, freq: 2 })]))),
  refs: fc.record(Object.fromEntries(RANDOM_TABLES.map((t) => [t, fc.option(refRecipe, { nil: null, freq: 2 })]))),
  indexes: fc.array(
    fc.record({
      columns: fc.shuffledSubarray(indexableNames, { minLength: 1, maxLength: 2 }),
      unique: fc.boolean(),
      constraint: fc.boolean(),
      deferrable: fc.nat({ max: 2 }),
    }),
    { maxLength: 3 },
  ),
  check: fc.option(fc.record({ bound: fc.nat({ max: 2 }), noInherit: fc.boolean() }), { nil: null, freq: 2 }),
  order: fc.record(Object.fromEntries(VALUE_COLUMNS.map((c) => [c.name, fc.nat({ max: 3 })]))),
});

/** Random choices for one schema of 1–4 tables. */
export const schemaRecipeArbitrary: fc.Arbitrary<SchemaRecipe> = fc.record({
  tables: fc.subarray([...RANDOM_TABLES], { minLength: 1, maxLength: 4 }),
  recipes: fc.record({
    users: tableRecipe,
    posts: tableRecipe,
    comments: tableRecipe,
    tags: tableRecipe,
    countries: tableRecipe,
  }),
  mysql: fc.option(fc.nat({ max: 2 }), { nil: null, freq: 2 }),
});

/** Random valid schemas using `features` beyond the portable model. */
export function schemaArbitraryFor(features: RandomFeatures): fc.Arbitrary<Schema> {
  return schemaRecipeArbitrary.map((r) => buildRandomSchema(r, features));
}

/** A pair of schemas over the same pools of names, so the second mostly alters the first. */
export function schemaPairArbitraryFor(features: RandomFeatures): fc.Arbitrary<{ readonly from: Schema; readonly to: Schema }> {
  const one = schemaArbitraryFor(features);
  return fc.record({ from: one, to: one });
}

/** Random valid schemas within the portable model. */
export const schemaArbitrary: fc.Arbitrary<Schema> = schemaArbitraryFor(PORTABLE_FEATURES);

/** A pair of portable schemas over the same pools of names, so the second mostly alters the first. */
export const schemaPairArbitrary: fc.Arbitrary<{ readonly from: Schema; readonly to: Schema }> = schemaPairArbitraryFor(PORTABLE_FEATURES);

export interface RandomConvergenceOptions {
  /** Pairs per seed (`ODAC_FUZZ_RUNS` overrides). Default 100. */
  readonly numRuns?: number;
  /** One test per seed (`ODAC_FUZZ_SEED` overrides with one). Default `DEFAULT_FUZZ_SEEDS`. */
  readonly seed?: number | readonly number[];
  /** Per seed. Default 10 minutes. */
  readonly timeoutMs?: number;
  /** What to generate beyond the portable model. Default `randomFeatures(target.adapter)`. */
  readonly features?: RandomFeatures;
}

/** The fixed seed set CI runs. */
export const DEFAULT_FUZZ_SEEDS: readonly number[] = [20240501, 1337, 7];

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got "${raw}".`);
  return n;
}

/** The failure report: the pair as a scenario ready to paste into `scenarios/regressions.ts`. */
export function formatFuzzFailure(
  adapter: string,
  details: { seed: number; counterexamplePath: string | null; numShrinks: number; error: string },
  pair: { readonly from: Schema; readonly to: Schema },
): string {
  // One line per table keeps a shrunk pair short enough to read and paste.
  const json = (s: Schema): string =>
    s.tables.length === 0 ? '{ tables: [] }' : `{\n    tables: [\n${s.tables.map((t) => `      ${JSON.stringify(t)},`).join('\n')}\n    ],\n  }`;
  return [
    `Random convergence failed on ${adapter} (seed ${details.seed}, path "${details.counterexamplePath ?? ''}", ${details.numShrinks} shrinks).`,
    details.error,
    '',
    `Replay: ODAC_FUZZ_SEED=${details.seed} ODAC_FUZZ_PATH="${details.counterexamplePath ?? ''}" ODAC_FUZZ_RUNS=1, or add this scenario:`,
    '',
    `scenario({`,
    `  name: 'random-${adapter}-${details.seed}',`,
    `  from: ${json(pair.from)},`,
    `  to: ${json(pair.to)},`,
    `  allowDestructive: true,`,
    `  dropUnmanagedTables: true,`,
    `  expect: { kind: 'converges' },`,
    `}),`,
  ].join('\n');
}

/** Applies `from`, migrates to `to` (destructive changes and dropping tables allowed) and checks convergence; throws on failure. */
export function convergePair(target: ConformanceTarget, pair: { readonly from: Schema; readonly to: Schema }): Promise<void> {
  return runScenario(target, {
    name: 'random-pair',
    from: pair.from,
    to: pair.to,
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  });
}

/**
 * Registers `describe('random convergence: <adapter>')` with one test per
 * seed: `numRuns` random pairs (A, B), each applying A to a fresh database,
 * migrating to B with `allowDestructive`, and asserting the next plan is
 * empty and introspection equals `normalize(B)`. A failure is shrunk and
 * printed as a scenario.
 */
export function describeRandomConvergence(target: ConformanceTarget, options: RandomConvergenceOptions = {}): void {
  const numRuns = envNumber('ODAC_FUZZ_RUNS') ?? options.numRuns ?? 100;
  const envSeed = envNumber('ODAC_FUZZ_SEED');
  const seeds = envSeed !== undefined ? [envSeed] : typeof options.seed === 'number' ? [options.seed] : (options.seed ?? DEFAULT_FUZZ_SEEDS);
  const path = process.env['ODAC_FUZZ_PATH'];
  const name = target.adapter.name;
  const pairs = schemaPairArbitraryFor(options.features ?? randomFeatures(target.adapter));
  describe(`random convergence: ${name}`, () => {
    for (const seed of seeds) {
      it(
        `seed ${seed}: ${numRuns} random schema pairs converge`,
        async () => {
          const property = fc.asyncProperty(pairs, (pair) => convergePair(target, pair));
          const details = await fc.check(property, { numRuns, seed, ...(path ? { path } : {}) });
          if (!details.failed || !details.counterexample) return;
          const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          throw new Error(formatFuzzFailure(name, { seed: details.seed, counterexamplePath: details.counterexamplePath, numShrinks: details.numShrinks, error }, details.counterexample[0]));
        },
        options.timeoutMs ?? 600_000,
      );
    }
  });
}
