/**
 * Fleet planning with the database's own spelling of expressions, as a
 * single `migrate` plans (core `canonicalOn`): checks, predicates and
 * generated columns that the catalog prints differently from the schema
 * file still match. A converged target costs nothing extra: its plain plan
 * is already empty, and only a plan that finds differences asks the
 * database (one rolled-back probe on one session per server), which also
 * refuses what its version cannot build (`Connection.validateDesired`) and
 * says what it can do when that differs from the adapter's static
 * capabilities (`Connection.capabilities`: MySQL's lower_case_table_names).
 */
import { canonicalOn, computePlan, type Compat, type Connection, type DriverAdapter, type PlanResult, type Schema, type ServerPool } from '@odac/core';

type ComputeOptions = NonNullable<Parameters<typeof computePlan>[3]>;

/** The plan for `current`, canonicalized on the session `session()` gives when the plain plan is not empty. */
export async function planTarget(
  adapter: DriverAdapter,
  current: Schema,
  desired: Schema,
  engine: ComputeOptions & { readonly compat?: Compat },
  session: () => Promise<Connection | undefined>,
): Promise<PlanResult> {
  const plain = computePlan(adapter, current, desired, engine);
  if (plain.plan.operations.length === 0 && plain.plan.skipped.length === 0) return plain;
  const conn = await session();
  // What only this server's version or flavor refuses (a VIRTUAL generated column before PostgreSQL 18), as a single migrate asks.
  await conn?.validateDesired?.(plain.desired);
  // What this server can do when its session knows better than the adapter (MySQL's lower_case_table_names).
  const own = conn?.capabilities ? { capabilities: conn.capabilities } : {};
  if (!conn?.canonicalExpressions) return conn?.capabilities ? computePlan(adapter, current, desired, { ...engine, ...own }) : plain;
  const expressions = await canonicalOn(conn, { adapter, ...(engine.compat !== undefined ? { compat: engine.compat } : {}) }, desired, current);
  return computePlan(adapter, current, desired, { ...engine, expressions, ...own });
}

/**
 * One session per server for canonicalizing, leased on first need and given
 * back with `close()`: a pool has only `concurrency` sessions, so the fleet
 * closes them before its targets lease theirs.
 */
export class CanonicalSessions {
  private readonly sessions = new Map<string, Promise<Connection | undefined>>();

  /** The server's session (leased for `namespace` the first time), or undefined when it cannot be had. */
  get(server: string, pool: ServerPool | undefined, namespace: string): Promise<Connection | undefined> {
    let session = this.sessions.get(server);
    if (!session) {
      session = pool ? pool.lease(namespace).catch(() => undefined) : Promise.resolve(undefined);
      this.sessions.set(server, session);
    }
    return session;
  }

  async close(): Promise<void> {
    const all = await Promise.all(this.sessions.values());
    this.sessions.clear();
    await Promise.all(all.map((c) => c?.close().catch(() => undefined)));
  }
}
