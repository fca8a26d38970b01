/**
 * Issue 11: statements odac wrote whose raw fragments are proven single
 * expressions share simple-query round trips inside the apply transaction;
 * a statement pasting a fragment that is not proven runs alone; a failing
 * statement in a shared round trip is still named exactly, with the schema
 * left as it was; progress reports every statement once, in order.
 * Round trips are counted, never timed.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { ApplyError, computePlan, migrate, plan, type Schema, type Statement } from '@odac/core';
import adapter, { PgConnection } from '../../src/index.js';
import { ROUND_TRIP_LIMITS } from '../../src/batchable.js';
import { col, fk, increments, index, int, table, useDatabase } from '../helpers.js';

/** `n` tables, each with a unique index, a plain index, a check and a key to the previous table. */
function chain(n: number): Schema {
  return {
    tables: Array.from({ length: n }, (_, i) =>
      table(
        `t${i}`,
        [
          increments(),
          col('code', { kind: 'string', length: 20 }, { nullable: false }),
          col('qty', int(), { default: { kind: 'expression', sql: '(1 + 1)' } }),
          col('created_at', { kind: 'timestamp', withTimeZone: true }, { default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } }),
          col('parent_id', int()),
        ],
        {
          indexes: [index(['code'], true), index(['qty'], false, { where: 'qty > 0' })],
          checks: [{ name: `t${i}_qty`, expression: 'qty >= 0' }],
          foreignKeys: i === 0 ? [] : [fk(['parent_id'], `t${i - 1}`, ['id'])],
        },
      ),
    ),
  };
}

describeWithServer('postgres', 'postgres: statements share round trips (issue 11)', (server) => {
  const pg = useDatabase(server, 'each');

  async function introspect() {
    const conn = await adapter.connect(pg.db.url);
    try {
      return await conn.introspect();
    } finally {
      await conn.close();
    }
  }

  async function applyCounting(statements: readonly Statement[], onStatement?: (s: Statement, i: number, n: number) => void) {
    const conn = await adapter.connect(pg.db.url);
    const query = jest.spyOn(PgConnection.prototype, 'query');
    const execute = jest.spyOn(PgConnection.prototype, 'execute');
    try {
      let error: unknown;
      try {
        await conn.apply(statements, onStatement ? { onStatement } : {});
      } catch (e) {
        error = e;
      }
      const sent = [...query.mock.calls.map(([text]) => text), ...execute.mock.calls.map(([text]) => text)];
      // A round trip that carries a statement of the plan (not BEGIN, locks, COMMIT…).
      const carrying = sent.filter((text) => statements.some((s) => text.includes(s.sql)));
      return { error, carrying, executes: execute.mock.calls.map(([text]) => text) };
    } finally {
      query.mockRestore();
      execute.mockRestore();
      await conn.close();
    }
  }

  it('creating 30 tables from empty sends their statements in a few round trips, not one each, and converges', async () => {
    const desired = chain(30);
    const { statements } = computePlan(adapter, await introspect(), desired);
    expect(statements.length).toBeGreaterThan(100);
    expect(statements.every((s) => s.batchable === true)).toBe(true);

    const { error, carrying, executes } = await applyCounting(statements);
    expect(error).toBeUndefined();
    expect(executes).toEqual([]);
    expect(carrying).toHaveLength(Math.ceil(statements.length / ROUND_TRIP_LIMITS.statements));
    // Every statement ran exactly once, in plan order.
    expect(carrying.join(';\n')).toBe(statements.map((s) => s.sql).join(';\n'));
    expect((await plan({ adapter, url: pg.db.url, schema: desired })).plan.operations).toEqual([]);
  });

  it('migrate() batches the same way end to end and the next plan is empty', async () => {
    const query = jest.spyOn(PgConnection.prototype, 'query');
    const execute = jest.spyOn(PgConnection.prototype, 'execute');
    try {
      const result = await migrate({ adapter, url: pg.db.url, schema: chain(12) });
      expect(result.remaining).toEqual([]);
      const carrying = query.mock.calls.map(([text]) => text).filter((text) => result.applied.some((s) => text.includes(s.sql)));
      expect({ executes: execute.mock.calls.length, roundTrips: carrying.length }).toEqual({ executes: 0, roundTrips: Math.ceil(result.applied.length / ROUND_TRIP_LIMITS.statements) });
    } finally {
      query.mockRestore();
      execute.mockRestore();
    }
    expect((await migrate({ adapter, url: pg.db.url, schema: chain(12) })).plan.operations).toEqual([]);
  });

  it('a statement pasting a fragment that is not proven (a ";" in a string, a non-ASCII character) runs alone', async () => {
    const desired: Schema = {
      tables: [
        ...chain(3).tables,
        table('odd', [increments(), col('sep', { kind: 'string', length: 5 })], { checks: [{ name: 'odd_sep', expression: "sep <> ';'" }] }),
        table('accents', [increments(), col('v', { kind: 'string', length: 5 })], { checks: [{ name: 'accents_v', expression: "v <> 'é'" }] }),
      ],
    };
    const { statements } = computePlan(adapter, await introspect(), desired);
    const alone = statements.filter((s) => s.batchable !== true);
    expect(alone.map((s) => s.table).sort()).toEqual(['accents', 'odd']);
    const { error, carrying, executes } = await applyCounting(statements);
    expect(error).toBeUndefined();
    expect(executes.sort()).toEqual(alone.map((s) => s.sql).sort());
    expect(carrying.length).toBeLessThan(statements.length / 4);
    expect((await plan({ adapter, url: pg.db.url, schema: desired })).plan.operations).toEqual([]);
  });

  it('a failing statement inside a shared round trip is named exactly, everything is rolled back, progress reports each statement once', async () => {
    await migrate({ adapter, url: pg.db.url, schema: chain(2) });
    await pg.client.exec(`INSERT INTO t0 (code) VALUES ('a'); INSERT INTO t1 (code, parent_id) VALUES ('b', 1)`);
    const before = await introspect();
    const { statements } = computePlan(adapter, before, chain(8));
    expect(statements.length).toBeGreaterThan(20);
    const failing: Statement = { sql: 'ALTER TABLE "t1" ADD CONSTRAINT "broken" CHECK (no_such_column > 0)', transactional: true, table: 't1', batchable: true };
    const middle = Math.floor(statements.length / 2);
    const doomed = [...statements.slice(0, middle), failing, ...statements.slice(middle)];
    const announced: number[] = [];

    const { error, carrying } = await applyCounting(doomed, (_s, i, n) => {
      expect(n).toBe(doomed.length);
      announced.push(i);
    });

    expect(error).toBeInstanceOf(ApplyError);
    const applyError = error as ApplyError;
    expect(applyError.statement).toBe(failing);
    expect(applyError.rolledBack).toBe(true);
    expect(applyError.executed).toEqual(doomed.slice(0, middle));
    expect(applyError.message).toContain(`Statement ${middle + 1} of ${doomed.length} on table "t1" failed`);
    expect(applyError.message).toContain('no_such_column');
    // One shared round trip failed, then the same statements ran one by one up to the failing one.
    expect(carrying.filter((text) => text === failing.sql)).toHaveLength(1);
    expect(carrying.filter((text) => text.includes(failing.sql) && text !== failing.sql)).toHaveLength(1);
    // Announced once each, in order, up to the failing statement's round trip (the re-run announces nothing twice).
    expect(announced).toEqual(announced.map((_, i) => i));
    expect(announced.length).toBeGreaterThan(middle);
    expect(await introspect()).toEqual(before);
    expect(await pg.client.select('t1', ['id'])).toEqual([{ id: 1, code: 'b', qty: 2, created_at: expect.any(String), parent_id: 1 }]);
  });
});
