/**
 * Issue 14, acceptance 1: what `plan` prints is the order that runs, on
 * MySQL/MariaDB too, where a table's changes are merged into one ALTER
 * TABLE and dropped tables go first: the planner orders the operations that
 * way, so the emitter merges neighbours without re-ordering. Every SQL text
 * mysql2 is sent while migrate applies the plan (creates, a drop, foreign
 * key changes) is recorded; the plan's statements must be found there in
 * their order, with their operations in plan order.
 */
import mysql from 'mysql2';
import { describeWithServer, recordSql, runPlanOrder } from '@odac/adapter-testkit';
import adapter from '@odac/adapter-mysql';
import { withTestDatabase } from '../support/db.js';

describeWithServer('mysql', 'adapter-mysql: plan order is execution order (issue 14)', (server) => {
  it('runs the statements plan prints, in its order', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const { planned, problems } = await runPlanOrder({ adapter, url, record: () => recordSql(mysql.Connection.prototype, ['query']) });
      expect(problems).toEqual([]);
      const kinds = planned.plan.operations.map((op) => op.kind);
      expect(kinds).toEqual(expect.arrayContaining(['addForeignKey', 'addIndex', 'createTable', 'dropForeignKey', 'dropTable']));
      // Dropped tables first, then the created table with its index right after it (written inside its CREATE TABLE).
      expect(kinds.indexOf('dropTable')).toBeLessThan(kinds.indexOf('createTable'));
      expect(kinds[kinds.indexOf('createTable') + 1]).toBe('addIndex');
    });
  });
});
