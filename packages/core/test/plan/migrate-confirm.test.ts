/**
 * migrate({ confirm }): the question is asked without holding the migrator
 * lock, and only the confirmed plan is applied.
 */
import { migrate, type Connection, type DriverAdapter, type Schema, type Statement } from '../../src/index.js';
import { id, pgLike, schema, str, table } from '../helpers.js';

/** An in-memory adapter whose "database" is a Schema; apply replaces it with the desired one. */
function memoryAdapter(state: { live: Schema; locked: boolean; applied: string[] }, onIntrospect?: () => void): DriverAdapter {
  const conn: Connection = {
    introspect: async () => {
      onIntrospect?.();
      return state.live;
    },
    preflight: async () => [],
    apply: async (statements: readonly Statement[]) => {
      state.applied.push(...statements.map((s) => s.sql));
      return { executed: statements };
    },
    withLock: async (fn) => {
      state.locked = true;
      try {
        return await fn();
      } finally {
        state.locked = false;
      }
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

describe('migrate with confirm', () => {
  it('asks without holding the lock, and applies the confirmed plan', async () => {
    const state = { live: schema(), locked: false, applied: [] as string[] };
    let lockedWhileAsking: boolean | undefined;
    await migrate({
      adapter: memoryAdapter(state),
      url: 'memory:',
      schema: desired,
      confirm: () => {
        lockedWhileAsking = state.locked;
        return true;
      },
    });
    expect(lockedWhileAsking).toBe(false);
    expect(state.applied).toEqual(['createTable users']);
  });

  it('applies nothing when declined', async () => {
    const state = { live: schema(), locked: false, applied: [] as string[] };
    const result = await migrate({ adapter: memoryAdapter(state), url: 'memory:', schema: desired, confirm: () => false });
    expect(result.performed).toBe(false);
    expect(state.applied).toEqual([]);
  });

  it('refuses to apply a plan that changed after it was confirmed', async () => {
    const state = { live: schema(), locked: false, applied: [] as string[] };
    let calls = 0;
    // Someone else creates a different table between the confirmation and the lock.
    const adapter = memoryAdapter(state, () => {
      calls += 1;
      if (calls === 2) state.live = schema(table('users', [id()]));
    });
    await expect(migrate({ adapter, url: 'memory:', schema: desired, confirm: () => true })).rejects.toMatchObject({ code: 'APPLY.PLAN_CHANGED' });
    expect(state.applied).toEqual([]);
  });
});
