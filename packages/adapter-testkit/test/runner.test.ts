/**
 * The runner against an in-memory reference adapter and the real core
 * planner: every scenario passes on a correct adapter (in-place and
 * SQLite-like rebuild capabilities), and broken adapters are caught.
 */
import type { DriverAdapter, Schema } from '@odac/core';
import { ConformanceError, describeConformance, describeRandomConvergence, emittedStatements, runScenario, scenarios, statementProblems, type Scenario } from '../src/index.js';
import { memoryAdapter, memoryTarget, sqliteLikeCapabilities } from './support/memory-adapter.js';

describeConformance(memoryTarget(memoryAdapter('memory')));
describeConformance(memoryTarget(memoryAdapter('memory-rebuild', sqliteLikeCapabilities)));
describeRandomConvergence(memoryTarget(memoryAdapter('memory')), { numRuns: 60, seed: [1] });
describeRandomConvergence(memoryTarget(memoryAdapter('memory-rebuild', sqliteLikeCapabilities)), { numRuns: 60, seed: [2] });

const named = (name: string): Scenario => {
  const s = scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
};

async function failure(adapter: DriverAdapter, name: string): Promise<string> {
  try {
    await runScenario(memoryTarget(adapter), named(name));
  } catch (e) {
    expect(e).toBeInstanceOf(ConformanceError);
    return (e as Error).message;
  }
  throw new Error(`scenario ${name} unexpectedly passed`);
}

/** Wraps the memory adapter, changing one behaviour. */
function broken(change: Partial<DriverAdapter> & { introspect?: (s: Schema) => Schema }): DriverAdapter {
  const base = memoryAdapter('broken');
  return {
    ...base,
    ...change,
    connect: async (url, options) => {
      const conn = await base.connect(url, options);
      const introspect = change.introspect;
      if (!introspect) return change.connect ? change.connect(url, options) : conn;
      return {
        introspect: async (o) => introspect(await conn.introspect(o)),
        preflight: (c) => conn.preflight(c),
        apply: (s, o) => conn.apply(s, o),
        withLock: (fn) => conn.withLock(fn),
        close: () => conn.close(),
      };
    },
  };
}

describe('the runner catches broken adapters', () => {
  it('reports an introspection that loses defaults as non-convergence', async () => {
    const adapter = broken({
      introspect: (s) => ({ tables: s.tables.map((t) => ({ ...t, columns: t.columns.map(({ default: _d, ...c }) => c) })) }),
    });
    const message = await failure(adapter, 'default-string-add');
    expect(message).toContain('Scenario "default-string-add" fails on adapter "broken"');
    expect(message).toMatch(/did not converge|fresh plan is not empty/);
  });

  it('reports index names that differ from the ones the schema gave, which the differ ignores', async () => {
    const adapter = broken({
      introspect: (s) => ({ tables: s.tables.map((t) => ({ ...t, indexes: t.indexes.map((i) => ({ ...i, name: `renamed_${i.name ?? ''}` })) })) }),
    });
    const message = await failure(adapter, 'named-indexes-create');
    expect(message).toContain('customers.indexes.unique (email).name: expected "customers_email_unique", got "renamed_customers_email_unique"');
  });

  it('reports a preflight that lets bad data through', async () => {
    const base = memoryAdapter('broken');
    const adapter: DriverAdapter = {
      ...base,
      connect: async (url, options) => {
        const conn = await base.connect(url, options);
        return { ...conn, introspect: (o) => conn.introspect(o), apply: (s, o) => conn.apply(s, o), withLock: (fn) => conn.withLock(fn), close: () => conn.close(), preflight: () => Promise.resolve([]) };
      },
    };
    const message = await failure(adapter, 'make-column-not-null-over-null-rows');
    expect(message).toMatch(/expected error APPLY.PREFLIGHT_FAILED, got APPLY.STATEMENT_FAILED/);
  });

  it('reports rows that change value', async () => {
    const adapter = memoryAdapter('broken');
    const target = memoryTarget(adapter);
    const corrupting = {
      ...target,
      openClient: async (url: string) => {
        const client = await target.openClient(url);
        let reads = 0;
        return {
          ...client,
          select: async (t: string) => {
            const rows = await client.select(t);
            reads += 1;
            return reads > 1 ? rows.map((r) => ({ ...r, email: 'changed@example.com' })) : rows;
          },
        };
      },
    };
    await expect(runScenario(corrupting, named('widen-string-length'))).rejects.toThrow(/missing: .*ada@example.com/);
  });
});

describe('per-adapter statement expectations', () => {
  const adapter = memoryAdapter('memory');
  const withStatements = (sql: readonly (string | RegExp)[], locks?: readonly (string | null)[]): Scenario => ({
    ...named('index-add'),
    statements: { memory: { sql, ...(locks ? { locks } : {}) }, other: { sql: ['never checked here'] } },
  });

  it('passes when the planned statements match, by string or RegExp', async () => {
    await expect(runScenario(memoryTarget(adapter), withStatements([/^\{"kind":"addIndex","table":"customers"/], [null]))).resolves.toBeUndefined();
  });

  it('fails the scenario when the SQL differs', async () => {
    await expect(runScenario(memoryTarget(adapter), withStatements(['CREATE INDEX wrong']))).rejects.toThrow(
      /planned statements: statement 0: expected SQL "CREATE INDEX wrong", got "\{\\"kind\\":\\"addIndex\\"/,
    );
  });

  it('fails the scenario when the count or a lock differs', async () => {
    await expect(runScenario(memoryTarget(adapter), withStatements([/addIndex/, /addIndex/], ['SHARE']))).rejects.toThrow(
      /expected 2 statements' SQL, got 1[\s\S]*statement 0: expected lock "SHARE", got null/,
    );
  });

  it('checks emit alone the same way, with locks on referenced tables spelled in parentheses', () => {
    const s = withStatements([/addIndex/]);
    expect(statementProblems(s.statements?.['memory'] ?? {}, emittedStatements(adapter, s))).toEqual([]);
    const statement = { sql: 'ALTER', transactional: true, lock: 'SHARE ROW EXCLUSIVE', referenced: { table: 'authors', lock: 'SHARE ROW EXCLUSIVE' } };
    expect(statementProblems({ locks: ['SHARE ROW EXCLUSIVE (authors: SHARE ROW EXCLUSIVE)'] }, [statement])).toEqual([]);
    expect(statementProblems({ locks: ['SHARE ROW EXCLUSIVE'] }, [statement])).toEqual([
      'statement 0: expected lock "SHARE ROW EXCLUSIVE", got "SHARE ROW EXCLUSIVE (authors: SHARE ROW EXCLUSIVE)"',
    ]);
  });
});
