/**
 * Issue 14, acceptance 1: what `plan` prints is the order that runs. A plan
 * with creates, a drop, foreign key changes and table rebuilds; every SQL
 * text better-sqlite3 is given while migrate applies it is recorded, and
 * the plan's statements must be found there in their order, with their
 * operations in plan order.
 */
import Database from 'better-sqlite3';
import { planOrderAfter, planOrderBefore, planOrderProblems } from '@odac/adapter-testkit';
import { migrate, plan } from '@odac/core';
import adapter from '../../src/index.js';
import { tempDb, type TempDb } from '../support.js';

/** Records the SQL text of every `prepare` and `exec` better-sqlite3 receives until stopped. */
function recordSql(): { readonly log: string[]; stop(): void } {
  const proto = Database.prototype as unknown as Record<'prepare' | 'exec', (this: unknown, sql: string) => unknown>;
  const original = { prepare: proto.prepare, exec: proto.exec };
  const log: string[] = [];
  for (const name of ['prepare', 'exec'] as const) {
    const fn = original[name];
    proto[name] = function (this: unknown, sql: string) {
      log.push(sql);
      return fn.call(this, sql);
    };
  }
  return { log, stop: () => Object.assign(proto, original) };
}

describe('sqlite: plan order is execution order (issue 14)', () => {
  let db: TempDb;
  beforeEach(() => {
    db = tempDb();
  });
  afterEach(() => db.remove());

  it('runs the statements plan prints, in its order', async () => {
    await migrate({ adapter, url: db.url, schema: planOrderBefore });
    const options = { adapter, url: db.url, schema: planOrderAfter, allowDestructive: true, dropUnmanagedTables: true };
    const planned = await plan(options);
    const kinds = new Set(planned.plan.operations.map((op) => op.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['addIndex', 'createTable', 'dropTable', 'rebuildTable']));

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
