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
import { describeWithServer, planOrderAfter, planOrderBefore, planOrderProblems } from '@odac/adapter-testkit';
import { migrate, plan } from '@odac/core';
import adapter from '@odac/adapter-mysql';
import { withTestDatabase } from '../support/db.js';

/** Records the SQL text of every query mysql2 is sent until stopped. */
function recordSql(): { readonly log: string[]; stop(): void } {
  const proto = mysql.Connection.prototype as unknown as Record<'query', (this: unknown, ...args: unknown[]) => unknown>;
  const original = proto.query;
  const log: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    log.push(typeof first === 'string' ? first : String((first as { sql?: unknown }).sql));
    return original.apply(this, args);
  };
  return { log, stop: () => void (proto.query = original) };
}

describeWithServer('mysql', 'adapter-mysql: plan order is execution order (issue 14)', (server) => {
  it('runs the statements plan prints, in its order', async () => {
    await withTestDatabase(server.url(), async (url) => {
      await migrate({ adapter, url, schema: planOrderBefore });
      const options = { adapter, url, schema: planOrderAfter, allowDestructive: true, dropUnmanagedTables: true };
      const planned = await plan(options);
      const kinds = planned.plan.operations.map((op) => op.kind);
      expect(kinds).toEqual(expect.arrayContaining(['addForeignKey', 'addIndex', 'createTable', 'dropForeignKey', 'dropTable']));
      // Dropped tables first, then the created table with its index right after it (written inside its CREATE TABLE).
      expect(kinds.indexOf('dropTable')).toBeLessThan(kinds.indexOf('createTable'));
      expect(kinds[kinds.indexOf('createTable') + 1]).toBe('addIndex');

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
});
