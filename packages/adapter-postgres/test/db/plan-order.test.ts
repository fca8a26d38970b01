/**
 * Issue 14, acceptance 1: what `plan` prints is the order that runs. Every
 * SQL text pg is sent while migrate applies a plan with creates, a drop and
 * foreign key changes is recorded; the plan's statements must be found there
 * in their order, with their operations in plan order. Online, the planner
 * places what runs after the transaction (concurrent index builds, the
 * VALIDATE of keys added NOT VALID) last: neither emit nor apply re-orders.
 */
import pg from 'pg';
import { describeWithServer, planOrderAfter, planOrderBefore, planOrderProblems } from '@odac/adapter-testkit';
import { migrate, plan, type EngineOptions } from '@odac/core';
import adapter from '../../src/index.js';
import { useDatabase } from '../helpers.js';

/** Records the SQL text of every query pg is sent until stopped. */
function recordSql(): { readonly log: string[]; stop(): void } {
  const proto = pg.Client.prototype as unknown as Record<'query', (this: unknown, ...args: unknown[]) => unknown>;
  const original = proto.query;
  const log: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    log.push(typeof first === 'string' ? first : String((first as { text?: unknown }).text));
    return original.apply(this, args);
  };
  return { log, stop: () => void (proto.query = original) };
}

describeWithServer('postgres', 'postgres: plan order is execution order (issue 14)', (server) => {
  const db = useDatabase(server, 'each');

  it.each([false, true])('runs the statements plan prints, in its order (online: %s)', async (online) => {
    await migrate({ adapter, url: db.db.url, schema: planOrderBefore });
    const options: EngineOptions = { adapter, url: db.db.url, schema: planOrderAfter, allowDestructive: true, dropUnmanagedTables: true, emit: { online } };
    const planned = await plan(options);
    const kinds = planned.plan.operations.map((op) => op.kind);
    expect(kinds).toEqual(expect.arrayContaining(['addForeignKey', 'addIndex', 'createTable', 'dropForeignKey', 'dropTable']));
    if (online) {
      // The statements that run after the transaction come last, and so do their operations.
      const after = planned.statements.findIndex((s) => !s.transactional);
      expect(after).toBeGreaterThan(0);
      expect(planned.statements.slice(after).every((s) => !s.transactional)).toBe(true);
      expect(kinds.slice(planned.statements[after]?.operation)).toEqual(expect.arrayContaining(['addIndex', 'validateConstraint']));
    }

    const recorder = recordSql();
    let result: Awaited<ReturnType<typeof migrate>>;
    try {
      result = await migrate(options);
    } finally {
      recorder.stop();
    }
    expect(result.statements.map((s) => s.sql)).toEqual(planned.statements.map((s) => s.sql));
    expect(planOrderProblems({ operations: planned.plan.operations, statements: planned.statements }, recorder.log, result.applied)).toEqual([]);
    expect(result.remaining).toEqual([]);
  });
});
