/**
 * The fleet engine: many targets (databases or schemas) brought to one
 * desired schema.
 *
 * Cheap at scale: targets are grouped by server, each server gets one pool
 * of sessions and one introspection of all its targets (a fixed number of
 * catalog queries, `ServerPool.introspectMany`); targets whose live schema is
 * identical share one plan, computed once. Safe like a single migrate: each
 * target is migrated on its own session under its own migrator lock, its
 * schema checked again under the lock (re-planned when it moved), preflight
 * checks run before any DDL, and it is introspected again afterwards. A
 * target that fails is recorded and never stops or touches another (unless
 * `failFast`); a re-run only touches targets that still differ.
 */
import { createHash } from 'node:crypto';
import {
  describePreflightFailure,
  findTable,
  OdacError,
  PreflightError,
  redactUrl,
  type Compat,
  type Connection,
  type ConnectOptions,
  type DriverAdapter,
  type ExternalReference,
  type Operation,
  type PlanResult,
  type Schema,
  type ServerPool,
  type Statement,
} from '@odac/core';
import { errorCode } from '../errors.js';
import { CanonicalSessions, planTarget } from './canonical.js';
import { isDestructive } from '../render/hazards.js';
import { isPattern } from './options.js';

/** One database or schema of the fleet. */
export interface FleetTarget {
  /** Position in the resolved target list (report order). */
  readonly index: number;
  /** The target's URL (with credentials: never print it, use `display`). */
  readonly url: string;
  /** The URL without its password. */
  readonly display: string;
  readonly adapter: DriverAdapter;
  readonly server: string;
  readonly namespace: string;
}

/** `unchanged`: nothing to do; `pending`: `plan` found changes; `skipped`: not attempted (canary, fail-fast). */
export type TargetStatus = 'unchanged' | 'pending' | 'applied' | 'failed' | 'skipped';

export interface TargetError {
  readonly code: string;
  readonly message: string;
}

export interface TargetOutcome {
  readonly target: FleetTarget;
  readonly status: TargetStatus;
  /** Id of the plan the target needed (absent when it could not be planned). */
  readonly plan?: string;
  /** Operations planned for it. */
  readonly operations: number;
  /** Statements planned (`plan`) or that ran (`migrate`). */
  readonly statements: number;
  readonly elapsedMs: number;
  readonly warnings: readonly string[];
  readonly error?: TargetError;
}

/** A plan shared by the targets whose live schema gave it. */
export interface FleetPlan {
  readonly id: string;
  readonly driver: string;
  readonly result: PlanResult;
}

/** What the engine reports as it goes. */
export interface FleetEvents {
  /** The number of targets is known (after patterns are expanded). */
  onTargets?(total: number): void;
  /** A target is finished (any status). */
  onOutcome?(outcome: TargetOutcome): void;
}

export interface FleetEngineOptions {
  readonly mode: 'plan' | 'migrate';
  /** Target URLs, each with its adapter; a schema or database may be a pattern. */
  readonly targets: readonly { readonly url: string; readonly adapter: DriverAdapter }[];
  readonly connectOptions: ConnectOptions;
  /** The desired schema, not yet normalized. */
  readonly desired: Schema;
  readonly external: readonly ExternalReference[];
  readonly allowDestructive: boolean;
  readonly dropUnmanagedTables: boolean;
  readonly ignoreTables: readonly string[];
  readonly online: boolean;
  /** Compatibility mode the desired schema is read in (`'odacjs'`). */
  readonly compat?: Compat;
  readonly concurrency: number;
  readonly failFast: boolean;
  /** Migrate this many targets first; stop if any of them fails. */
  readonly canary?: number;
  /**
   * Called once with the plans to apply, before anything changes; return
   * false to stop (nothing changed). Destructive operations in a plan found
   * only under a target's lock are refused unless this allowed them.
   */
  readonly confirm?: (plans: readonly FleetPlan[], targets: ReadonlyMap<string, number>) => Promise<boolean>;
  /** Destructive operations need no confirmation (`--yes`). */
  readonly yes?: boolean;
  readonly events?: FleetEvents;
}

export interface FleetResult {
  readonly outcomes: readonly TargetOutcome[];
  readonly plans: readonly FleetPlan[];
  readonly servers: number;
  readonly elapsedMs: number;
  /** False when `confirm` said no. */
  readonly confirmed: boolean;
}

/** The identity of a live schema: equal models give equal fingerprints. */
export function schemaFingerprint(driver: string, schema: Schema): string {
  return createHash('sha256').update(driver).update('\0').update(JSON.stringify(schema)).digest('hex');
}

function planId(driver: string, result: PlanResult): string {
  const text = JSON.stringify([driver, result.statements.map((s) => s.sql), result.plan.skipped]);
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function asTargetError(err: unknown): TargetError {
  return { code: errorCode(err), message: err instanceof Error ? err.message : String(err) };
}

/** Runs `fn` on each item, at most `limit` at a time, until `stop()` says so. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Adapters without fleet support: each target is its own "server" with one connection, opened when needed. */
function singleTargetPool(adapter: DriverAdapter, url: string, options: ConnectOptions): ServerPool {
  return {
    listNamespaces: async () => {
      throw new OdacError('CLI.BAD_ARGUMENTS', `The ${adapter.name} adapter cannot expand a schema or database pattern; list the targets one per line with --targets.`);
    },
    introspectMany: async (namespaces) => {
      const conn = await adapter.connect(url, { ...options, readOnly: true });
      try {
        const schema = await conn.introspect();
        return new Map(namespaces.map((n) => [n, schema] as const));
      } finally {
        await conn.close();
      }
    },
    lease: () => adapter.connect(url, options),
    close: async () => undefined,
  };
}

function checkExternalReferences(current: Schema, external: readonly ExternalReference[]): void {
  const missing = external.filter((ref) => {
    const target = findTable(current, ref.references.table);
    return !target || ref.references.columns.some((c) => !target.columns.some((col) => col.name === c));
  });
  if (missing.length === 0) return;
  const list = missing.map((m) => `${m.table}${m.column ? '.' + m.column : ''} → ${m.references.table}(${m.references.columns.join(', ')})`).join('; ');
  throw new OdacError('SCHEMA.MISSING_REFERENCE', `External references point at tables or columns that do not exist in this database: ${list}. Create them first, or add schema files for them.`);
}

interface Server {
  readonly adapter: DriverAdapter;
  /** A URL of the server (any target's). */
  readonly url: string;
  readonly key: string;
  readonly namespaces: string[];
  /** For each namespace, the URL of that target. */
  readonly urlFor: (namespace: string) => string;
  pool?: ServerPool;
  /** Why the server could not be used (every target on it fails with it). */
  error?: TargetError;
  cause?: unknown;
}

/** Runs a fleet. Never throws for one target's failure; throws only when nothing could start. */
export async function runFleet(options: FleetEngineOptions): Promise<FleetResult> {
  const started = Date.now();
  const engine = {
    allowDestructive: options.allowDestructive,
    dropUnmanagedTables: options.dropUnmanagedTables,
    ignoreTables: options.ignoreTables,
    emit: { online: options.online },
    ...(options.compat !== undefined ? { compat: options.compat } : {}),
  };
  const poolSize = Math.max(1, options.concurrency);

  // 1. Servers: targets that share a server share a pool.
  const servers = new Map<string, Server>();
  for (const t of options.targets) {
    const loc = t.adapter.locate?.(t.url, options.connectOptions);
    const key = `${t.adapter.name}\0${loc ? loc.server : t.url}`;
    let server = servers.get(key);
    if (!server) {
      server = { adapter: t.adapter, url: t.url, key, namespaces: [], urlFor: loc ? (n) => loc.urlFor(n) : () => t.url };
      servers.set(key, server);
    }
    server.namespaces.push(loc ? loc.namespace : '');
  }

  const outcomes: TargetOutcome[] = [];
  const targets: FleetTarget[] = [];
  const models = new Map<FleetTarget, Schema>();
  /** Schema tokens read before introspecting, for adapters whose pools have them (see ServerPool.fingerprints). */
  const tokens = new Map<FleetTarget, string>();
  const canonical = new CanonicalSessions();
  const sessionFor = (target: FleetTarget): Promise<Connection | undefined> => canonical.get(target.server, servers.get(target.server)?.pool, target.namespace);
  const failed = (target: FleetTarget, error: TargetError, elapsedMs = 0): TargetOutcome => ({ target, status: 'failed', operations: 0, statements: 0, elapsedMs, warnings: [], error });

  try {
    // 2. Per server: a pool, patterns expanded, every target introspected at once.
    await Promise.all(
      [...servers.values()].map(async (server) => {
        const { adapter } = server;
        try {
          server.pool = adapter.connectServer && adapter.locate
            ? await adapter.connectServer(server.url, { ...options.connectOptions, poolSize })
            : singleTargetPool(adapter, server.url, options.connectOptions);
          const names: string[] = [];
          for (const n of server.namespaces) {
            if (isPattern(n)) names.push(...(await server.pool.listNamespaces(n)));
            else names.push(n);
          }
          server.namespaces.splice(0, server.namespaces.length, ...new Set(names));
        } catch (err) {
          server.error = asTargetError(err);
          server.cause = err;
          server.namespaces.splice(0, server.namespaces.length, ...new Set(server.namespaces.filter((n) => !isPattern(n))));
        }
      }),
    );
    for (const server of servers.values()) {
      for (const namespace of server.namespaces) {
        const url = server.urlFor(namespace);
        targets.push({ index: targets.length, url, display: redactUrl(url), adapter: server.adapter, server: server.key, namespace });
      }
    }
    // Nothing to report per target (a pattern on a server that could not be reached): the server's error is the answer.
    const unreachable = [...servers.values()].find((s) => s.cause !== undefined);
    if (targets.length === 0 && unreachable) throw unreachable.cause;
    options.events?.onTargets?.(targets.length);
    const record = (o: TargetOutcome): void => {
      outcomes.push(o);
      options.events?.onOutcome?.(o);
    };

    await Promise.all(
      [...servers.values()].map(async (server) => {
        const mine = targets.filter((t) => t.server === server.key);
        if (server.error || !server.pool) {
          for (const t of mine) record(failed(t, server.error ?? { code: 'UNEXPECTED', message: 'no connection' }));
          return;
        }
        try {
          const names = mine.map((t) => t.namespace);
          // Read before introspecting: a change during introspection then shows as a different token under the lock.
          const before = options.mode === 'migrate' ? await server.pool.fingerprints?.(names) : undefined;
          for (const t of mine) {
            const token = before?.get(t.namespace);
            if (token !== undefined) tokens.set(t, token);
          }
          const found = await server.pool.introspectMany(names);
          for (const t of mine) models.set(t, found.get(t.namespace) ?? { tables: [] });
        } catch (err) {
          for (const t of mine) record(failed(t, asTargetError(err)));
        }
      }),
    );

    // 3. One plan per distinct live schema.
    const plans = new Map<string, FleetPlan>();
    const byFingerprint = new Map<string, { fingerprint: string; plan?: FleetPlan; error?: TargetError }>();
    const planFor = async (target: FleetTarget, current: Schema, session: () => Promise<Connection | undefined>): Promise<{ fingerprint: string; plan?: FleetPlan; error?: TargetError }> => {
      const fingerprint = schemaFingerprint(target.adapter.name, current);
      let entry = byFingerprint.get(fingerprint);
      if (!entry) {
        try {
          checkExternalReferences(current, options.external);
          const result = await planTarget(target.adapter, current, options.desired, engine, session);
          const id = planId(target.adapter.name, result);
          const plan = plans.get(id) ?? { id, driver: target.adapter.name, result };
          plans.set(id, plan);
          entry = { fingerprint, plan };
        } catch (err) {
          entry = { fingerprint, error: asTargetError(err) };
        }
        byFingerprint.set(fingerprint, entry);
      }
      return entry;
    };

    const toApply: { target: FleetTarget; fingerprint: string; plan: FleetPlan }[] = [];
    for (const target of targets) {
      const current = models.get(target);
      if (!current) continue;
      const entry = await planFor(target, current, () => sessionFor(target));
      if (!entry.plan) {
        record(failed(target, entry.error ?? { code: 'UNEXPECTED', message: 'no plan' }));
        continue;
      }
      const { result } = entry.plan;
      const ops = result.plan.operations.length;
      const pending = ops > 0 || (options.mode === 'plan' && result.plan.skipped.length > 0);
      if (options.mode === 'plan' || ops === 0) {
        record({ target, status: pending ? 'pending' : 'unchanged', plan: entry.plan.id, operations: ops, statements: result.statements.length, elapsedMs: 0, warnings: [] });
      } else {
        toApply.push({ target, fingerprint: entry.fingerprint, plan: entry.plan });
      }
    }

    // The pool has `concurrency` sessions: give back the canonicalizing ones before targets lease theirs.
    await canonical.close();
    const usedPlans = (): FleetPlan[] => {
      const ids = new Set(outcomes.map((o) => o.plan).filter((id): id is string => id !== undefined));
      for (const a of toApply) ids.add(a.plan.id);
      return [...plans.values()].filter((p) => ids.has(p.id));
    };
    const finish = (confirmed: boolean): FleetResult => ({
      outcomes: [...outcomes].sort((a, b) => a.target.index - b.target.index),
      plans: usedPlans(),
      servers: servers.size,
      elapsedMs: Date.now() - started,
      confirmed,
    });
    if (options.mode === 'plan' || toApply.length === 0) return finish(true);

    // 4. Apply, each target on its own session, lock and transaction.
    const confirmedPlans = new Set(toApply.map((a) => a.plan.id));
    const applying = [...plans.values()].filter((p) => confirmedPlans.has(p.id));
    const members = new Map<string, number>();
    for (const a of toApply) members.set(a.plan.id, (members.get(a.plan.id) ?? 0) + 1);
    if (options.confirm && !(await options.confirm(applying, members))) return finish(false);
    const destructiveAllowed = (result: PlanResult, id: string): boolean => options.yes === true || confirmedPlans.has(id) || !result.plan.operations.some(isDestructive);

    const migrateOne = async (item: { target: FleetTarget; fingerprint: string; plan: FleetPlan }): Promise<TargetOutcome> => {
      const { target } = item;
      const server = [...servers.values()].find((s) => s.key === target.server);
      const t0 = Date.now();
      let conn: Connection | undefined;
      try {
        conn = await (server?.pool as ServerPool).lease(target.namespace);
        const c = conn;
        const pool = server?.pool as ServerPool;
        return await c.withLock(async () => {
          // Another migrator may have run since the fleet looked: then plan again for what is there now.
          const token = tokens.get(target);
          const unchanged = token !== undefined && pool.fingerprints !== undefined && (await pool.fingerprints([target.namespace], c)).get(target.namespace) === token;
          const current = unchanged ? undefined : await c.introspect();
          const fresh = current === undefined || schemaFingerprint(target.adapter.name, current) === item.fingerprint;
          let plan = item.plan;
          if (!fresh && current !== undefined) {
            const entry = await planFor(target, current, async () => c);
            if (!entry.plan) throw new OdacError('APPLY.PLAN_CHANGED', entry.error?.message ?? 'The schema changed and could not be planned again.');
            plan = entry.plan;
          }
          const { result } = plan;
          const ops = result.plan.operations.length;
          if (ops === 0) return { target, status: 'unchanged', plan: plan.id, operations: 0, statements: 0, elapsedMs: Date.now() - t0, warnings: [] };
          if (!destructiveAllowed(result, plan.id)) {
            throw new OdacError(
              'CLI.CONFIRMATION_REQUIRED',
              'The schema of this target changed while the fleet ran and its new plan has destructive changes nobody confirmed; nothing was changed. Run again to see and confirm them.',
            );
          }
          if (result.plan.preflight.length > 0) {
            const failures = await c.preflight(result.plan.preflight);
            if (failures.length > 0) {
              throw new PreflightError(failures, `Nothing was changed: existing rows violate the new schema. ${failures.map(describePreflightFailure).join(' ')}`);
            }
          }
          const { executed, warnings = [] } = await c.apply(result.statements);
          // Verified after the batch, for all its targets of a server at once (see verify()).
          return { target, status: 'applied', plan: plan.id, operations: ops, statements: executed.length, elapsedMs: Date.now() - t0, warnings };
        });
      } catch (err) {
        return failed(target, asTargetError(err), Date.now() - t0);
      } finally {
        await conn?.close().catch(() => undefined);
      }
    };

    /**
     * Verify-after-apply: the applied targets of each server introspected
     * again together and planned; any operation left fails the target.
     */
    const verify = async (applied: readonly TargetOutcome[]): Promise<TargetOutcome[]> => {
      const out: TargetOutcome[] = [];
      for (const server of servers.values()) {
        const mine = applied.filter((o) => o.target.server === server.key);
        if (mine.length === 0 || !server.pool) continue;
        let found: ReadonlyMap<string, Schema>;
        try {
          found = await server.pool.introspectMany(mine.map((o) => o.target.namespace));
        } catch (err) {
          const e = asTargetError(err);
          out.push(...mine.map((o) => ({ ...o, status: 'failed' as const, error: { code: 'APPLY.VERIFY_FAILED', message: `Applied ${o.statements} statements, but could not introspect the target again to verify them: ${e.message}` } })));
          continue;
        }
        const remaining = new Map<string, readonly Operation[]>();
        for (const o of mine) {
          const model = found.get(o.target.namespace) ?? { tables: [] };
          const key = schemaFingerprint(o.target.adapter.name, model);
          let left = remaining.get(key);
          if (!left) {
            left = (await planTarget(o.target.adapter, model, options.desired, engine, () => sessionFor(o.target))).plan.operations;
            remaining.set(key, left);
          }
          if (left.length === 0) out.push(o);
          else {
            out.push({
              ...o,
              status: 'failed',
              error: {
                code: 'APPLY.VERIFY_FAILED',
                message: `Applied ${o.statements} statements, but the database still differs from the schema (${left.length} operations remain: ${describeOps(left)}). The adapter likely reports something differently from how it normalizes the schema; please report this with the output of \`odac plan --json\` on this target.`,
              },
            });
          }
        }
      }
      return out;
    };

    let stopped = false;
    const runBatch = async (batch: typeof toApply): Promise<void> => {
      const applied: TargetOutcome[] = [];
      await eachLimited(
        batch,
        options.concurrency,
        async (item) => {
          const outcome = await migrateOne(item);
          if (outcome.status === 'applied') {
            applied.push(outcome);
            options.events?.onOutcome?.(outcome);
          } else record(outcome);
          if (outcome.status === 'failed' && options.failFast) stopped = true;
        },
        () => stopped,
      );
      const verified = await verify(applied);
      await canonical.close();
      for (const o of verified) {
        outcomes.push(o);
        if (o.status === 'failed' && options.failFast) stopped = true;
      }
    };
    const canary = options.canary !== undefined ? Math.max(0, Math.min(options.canary, toApply.length)) : 0;
    const first = toApply.slice(0, canary);
    const rest = toApply.slice(canary);
    if (first.length > 0) {
      await runBatch(first);
      if (outcomes.some((o) => o.status === 'failed' && first.some((f) => f.target === o.target))) stopped = true;
    }
    if (!stopped) await runBatch(rest);
    const done = new Set(outcomes.map((o) => o.target));
    const reason = options.failFast ? 'not attempted: an earlier target failed (--fail-fast)' : `not attempted: a canary target failed (--canary ${String(options.canary)})`;
    for (const item of toApply) {
      if (!done.has(item.target)) {
        record({ target: item.target, status: 'skipped', plan: item.plan.id, operations: item.plan.result.plan.operations.length, statements: 0, elapsedMs: 0, warnings: [reason] });
      }
    }
    return finish(true);
  } finally {
    await canonical.close();
    await Promise.all([...servers.values()].map((s) => s.pool?.close().catch(() => undefined)));
  }
}

function describeOps(ops: readonly Operation[]): string {
  const text = ops.slice(0, 3).map((o) => `${o.kind} on "${o.table}"`).join(', ');
  return ops.length > 3 ? `${text}, …` : text;
}

/** Statements of a plan, for callers that print them. */
export function planStatements(plan: FleetPlan): readonly Statement[] {
  return plan.result.statements;
}
