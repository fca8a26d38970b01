/**
 * How often `migrate()` reads the database: a run with nothing to do
 * introspects once and never takes the migrator lock; a run with changes
 * compares the adapter's cheap fingerprint under the lock instead of
 * introspecting again, and plans again only when the fingerprint moved (or
 * the adapter has none).
 */
import { migrate, type Connection, type DriverAdapter, type MigrateOptions, type Schema, type Statement } from '../../src/index.js';
import { id, pgLike, schema, str, table } from '../helpers.js';

interface Counts {
  introspect: number;
  fingerprint: number;
  lock: number;
  applied: string[];
}

interface Database {
  live: Schema;
  version: number;
  /** Called before each introspection (to simulate another migrator). */
  onIntrospect?: (n: number) => void;
}

function adapter(db: Database, counts: Counts, withFingerprint: boolean): DriverAdapter {
  const conn: Connection = {
    introspect: async () => {
      counts.introspect += 1;
      db.onIntrospect?.(counts.introspect);
      return db.live;
    },
    ...(withFingerprint
      ? {
          fingerprint: async () => {
            counts.fingerprint += 1;
            return String(db.version);
          },
        }
      : {}),
    preflight: async () => [],
    apply: async (statements: readonly Statement[]) => {
      counts.applied.push(...statements.map((s) => s.sql));
      db.live = desired;
      db.version += 1;
      return { executed: statements };
    },
    withLock: async (fn) => {
      counts.lock += 1;
      return fn();
    },
    close: async () => undefined,
  };
  return {
    name: 'memory',
    capabilities: pgLike,
    connect: async () => conn,
    normalize: (s) => s,
    emit: (ops) => ops.map((op, i) => ({ sql: `${op.kind} ${op.table}`, transactional: true, operation: i })),
  };
}

const desired = schema(table('users', [id(), str('email')]));

function setup(live: Schema, withFingerprint = true): { db: Database; counts: Counts; options: (extra?: Partial<MigrateOptions>) => MigrateOptions } {
  const db: Database = { live, version: 1 };
  const counts: Counts = { introspect: 0, fingerprint: 0, lock: 0, applied: [] };
  return { db, counts, options: (extra = {}) => ({ adapter: adapter(db, counts, withFingerprint), url: 'memory:', schema: desired, ...extra }) };
}

describe('migrate: introspections per run', () => {
  it.each([
    ['without confirm', {}],
    ['with confirm', { confirm: () => true }],
  ])('nothing to do (%s): one introspection, no lock', async (_, extra) => {
    const { counts, options } = setup(desired);
    const result = await migrate(options(extra));
    expect(result.plan.operations).toEqual([]);
    expect(result.performed).toBe(true);
    expect(counts).toEqual({ introspect: 1, fingerprint: 1, lock: 0, applied: [] });
  });

  it('changes with an unchanged fingerprint: the plan made before the lock is applied, then one introspection to verify', async () => {
    const { counts, options } = setup(schema());
    const confirmed: string[][] = [];
    const result = await migrate(options({ confirm: (r) => (confirmed.push(r.statements.map((s) => s.sql)), true) }));
    expect(counts).toEqual({ introspect: 2, fingerprint: 2, lock: 1, applied: ['createTable users'] });
    expect(confirmed).toEqual([['createTable users']]);
    expect(result.remaining).toEqual([]);
  });

  it('changes, and another migrator applied them before the lock: the moved fingerprint makes it plan again and find nothing to do', async () => {
    const { db, counts, options } = setup(schema());
    const result = await migrate(
      options({
        confirm: () => {
          // Someone else migrates while the question is asked.
          db.live = desired;
          db.version += 1;
          return true;
        },
      }),
    );
    expect(result.plan.operations).toEqual([]);
    expect(counts).toEqual({ introspect: 2, fingerprint: 2, lock: 1, applied: [] });
  });

  it('changes, the database moved to something else: the new plan is not applied (APPLY.PLAN_CHANGED)', async () => {
    const { db, counts, options } = setup(schema());
    const confirm = (): boolean => {
      db.live = schema(table('users', [id()]));
      db.version += 1;
      return true;
    };
    await expect(migrate(options({ confirm }))).rejects.toMatchObject({ code: 'APPLY.PLAN_CHANGED' });
    expect(counts.applied).toEqual([]);
    expect(counts.introspect).toBe(2);
  });

  it('an adapter without a fingerprint plans again under the lock', async () => {
    const { counts, options } = setup(schema(), false);
    await migrate(options({ confirm: () => true }));
    expect(counts).toEqual({ introspect: 3, fingerprint: 0, lock: 1, applied: ['createTable users'] });
  });

  it('a dry run introspects once and takes no lock', async () => {
    const { counts, options } = setup(schema());
    const result = await migrate(options({ dryRun: true }));
    expect(result.performed).toBe(false);
    expect(counts).toEqual({ introspect: 1, fingerprint: 1, lock: 0, applied: [] });
  });
});
