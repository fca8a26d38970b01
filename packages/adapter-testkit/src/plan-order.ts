/**
 * "What `plan` prints is exactly what runs": a schema change with creates,
 * drops, foreign key changes and (on SQLite) a table rebuild, and a check
 * that the SQL a driver received ran in the order of the plan's statements,
 * whose operations come in the plan's order. Each adapter records what its
 * driver is sent (it alone knows the driver) and hands the log here.
 */
import { migrate, plan, type ConnectOptions, type DriverAdapter, type EmitOptions, type EngineOptions, type MigrateResult, type Operation, type PlanResult, type Schema, type Statement } from '@odac/core';
import { col, fk, index, schema, table, unique } from './build.js';

/** Before: users, posts → users (CASCADE), tags → posts, and a table that goes away. */
export const planOrderBefore: Schema = schema(
  table('users', [col.increments('id'), col.string('email', 100)]),
  table('posts', [col.increments('id'), col.integer('user_id'), col.string('title', 50)], {
    foreignKeys: [fk('user_id', 'users', 'id', { onDelete: 'CASCADE' })],
  }),
  table('tags', [col.increments('id'), col.integer('post_id')], { foreignKeys: [fk('post_id', 'posts', 'id', { onDelete: 'CASCADE' })] }),
  table('legacy', [col.increments('id'), col.string('note', 20)]),
);

/**
 * After: a unique index on users, posts' key becomes SET NULL, its title
 * wider and a column more, tags lose their key, comments is created (with a
 * key and an index), legacy is dropped (plan with `allowDestructive` and
 * `dropUnmanagedTables`).
 */
export const planOrderAfter: Schema = schema(
  table('users', [col.increments('id'), col.string('email', 100)], { indexes: [unique(['email'])] }),
  table('posts', [col.increments('id'), col.integer('user_id'), col.string('title', 200), col.text('body')], {
    foreignKeys: [fk('user_id', 'users', 'id', { onDelete: 'SET NULL' })],
    indexes: [index(['title'])],
  }),
  table('tags', [col.increments('id'), col.integer('post_id')]),
  table('comments', [col.increments('id'), col.integer('post_id')], {
    foreignKeys: [fk('post_id', 'posts', 'id', { onDelete: 'CASCADE' })],
    indexes: [index(['post_id'])],
  }),
);

export interface PlannedStatements {
  readonly operations: readonly Operation[];
  readonly statements: readonly Statement[];
}

/**
 * Why `log` (every SQL text the driver was sent, in order) is not the plan
 * run in its order; empty when it is. The plan's statements must each be
 * found in the log after the previous one (a driver may also be sent
 * catalog queries, BEGIN/COMMIT, or several statements in one text), the
 * statements' operations must never go back, and `applied` (what apply
 * reports) must be the plan's statements.
 */
export function planOrderProblems(planned: PlannedStatements, log: readonly string[], applied: readonly Statement[]): string[] {
  const problems: string[] = [];
  let last = 0;
  planned.statements.forEach((s, i) => {
    if (s.operation === undefined) problems.push(`statement ${i} names no operation: ${s.sql}`);
    else if (s.operation < last) problems.push(`statement ${i} implements operation ${s.operation}, after one of operation ${last}: ${s.sql}`);
    else if (s.operation >= planned.operations.length) problems.push(`statement ${i} names operation ${s.operation} of ${planned.operations.length}`);
    else last = s.operation;
  });
  const ran = applied.map((s) => s.sql);
  const plannedSql = planned.statements.map((s) => s.sql);
  if (JSON.stringify(ran) !== JSON.stringify(plannedSql)) problems.push(`apply reports ${JSON.stringify(ran)}, the plan says ${JSON.stringify(plannedSql)}`);
  let entry = 0;
  let offset = 0;
  for (const [i, sql] of plannedSql.entries()) {
    let found = false;
    while (entry < log.length) {
      const at = (log[entry] as string).indexOf(sql, offset);
      if (at >= 0) {
        offset = at + sql.length;
        found = true;
        break;
      }
      entry++;
      offset = 0;
    }
    if (!found) {
      problems.push(`statement ${i} was not sent to the database after statement ${i - 1}: ${sql}`);
      break;
    }
  }
  return problems;
}

/** The SQL texts a driver was sent while recording, in order. */
export interface SqlRecorder {
  readonly log: string[];
  stop(): void;
}

/**
 * Records the SQL text of every call to `methods` of a driver's prototype
 * (e.g. `pg.Client.prototype`, `['query']`) until stopped. The text is the
 * first argument, or its `sql` / `text` field when it is a query object.
 */
export function recordSql(proto: object, methods: readonly string[]): SqlRecorder {
  const target = proto as Record<string, (this: unknown, ...args: unknown[]) => unknown>;
  const original = new Map(methods.map((m) => [m, target[m] as (this: unknown, ...args: unknown[]) => unknown]));
  const log: string[] = [];
  for (const [name, fn] of original) {
    target[name] = function (this: unknown, ...args: unknown[]) {
      const first = args[0] as { sql?: unknown; text?: unknown } | string;
      log.push(typeof first === 'string' ? first : String(first.sql ?? first.text));
      return fn.apply(this, args);
    };
  }
  return { log, stop: () => original.forEach((fn, name) => void (target[name] = fn)) };
}

export interface PlanOrderRun {
  /** What `plan` printed before the migration. */
  readonly planned: PlanResult;
  readonly result: MigrateResult;
  /** Why what ran is not what `plan` printed, in its order; empty when it is. */
  readonly problems: readonly string[];
}

/**
 * Migrates an empty database to {@link planOrderBefore}, plans the change to
 * {@link planOrderAfter} (destructive and unmanaged drops allowed), migrates
 * it while `record` logs what the driver is sent, and checks the plan ran as
 * printed: the same statements, found in the log in order, nothing remaining.
 */
export async function runPlanOrder(options: {
  readonly adapter: DriverAdapter;
  readonly url: string;
  readonly connectOptions?: ConnectOptions;
  readonly emit?: EmitOptions;
  readonly record: () => SqlRecorder;
}): Promise<PlanOrderRun> {
  const { adapter, url, connectOptions, emit, record } = options;
  const base = { adapter, url, ...(connectOptions ? { connectOptions } : {}) };
  await migrate({ ...base, schema: planOrderBefore });
  const engine: EngineOptions = { ...base, schema: planOrderAfter, allowDestructive: true, dropUnmanagedTables: true, ...(emit ? { emit } : {}) };
  const planned = await plan(engine);
  const recorder = record();
  let result: MigrateResult;
  try {
    result = await migrate(engine);
  } finally {
    recorder.stop();
  }
  const ran = JSON.stringify(result.statements.map((s) => s.sql));
  const printed = JSON.stringify(planned.statements.map((s) => s.sql));
  const problems = [
    ...(ran === printed ? [] : [`migrate planned ${ran}, plan printed ${printed}`]),
    ...planOrderProblems({ operations: planned.plan.operations, statements: planned.statements }, recorder.log, result.applied),
    ...(result.remaining.length > 0 ? [`did not converge: ${result.remaining.map((op) => op.kind).join(', ')} remain`] : []),
  ];
  return { planned, result, problems };
}
