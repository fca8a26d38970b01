/**
 * Issue 14, acceptance 1: what `plan` prints is the order that runs. Every
 * SQL text pg is sent while migrate applies a plan with creates, a drop and
 * foreign key changes is recorded; the plan's statements must be found there
 * in their order, with their operations in plan order. Online, the planner
 * places what runs after the transaction (concurrent index builds, the
 * VALIDATE of keys added NOT VALID) last: neither emit nor apply re-orders.
 */
import pg from 'pg';
import { describeWithServer, recordSql, runPlanOrder } from '@odac/adapter-testkit';
import adapter from '../../src/index.js';
import { useDatabase } from '../helpers.js';

describeWithServer('postgres', 'postgres: plan order is execution order (issue 14)', (server) => {
  const db = useDatabase(server, 'each');

  it.each([false, true])('runs the statements plan prints, in its order (online: %s)', async (online) => {
    const { planned, problems } = await runPlanOrder({ adapter, url: db.db.url, emit: { online }, record: () => recordSql(pg.Client.prototype, ['query']) });
    expect(problems).toEqual([]);
    const kinds = planned.plan.operations.map((op) => op.kind);
    expect(kinds).toEqual(expect.arrayContaining(['addForeignKey', 'addIndex', 'createTable', 'dropForeignKey', 'dropTable']));
    if (online) {
      // The statements that run after the transaction come last, and so do their operations.
      const after = planned.statements.findIndex((s) => !s.transactional);
      expect(after).toBeGreaterThan(0);
      expect(planned.statements.slice(after).every((s) => !s.transactional)).toBe(true);
      expect(kinds.slice(planned.statements[after]?.operation)).toEqual(expect.arrayContaining(['addIndex', 'validateConstraint']));
    }
  });
});
