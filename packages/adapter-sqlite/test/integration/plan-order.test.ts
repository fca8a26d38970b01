/**
 * Issue 14, acceptance 1: what `plan` prints is the order that runs. A plan
 * with creates, a drop, foreign key changes and table rebuilds; every SQL
 * text better-sqlite3 is given (`prepare` and `exec`) while migrate applies
 * it is recorded, and the plan's statements must be found there in their
 * order, with their operations in plan order.
 */
import Database from 'better-sqlite3';
import { recordSql, runPlanOrder } from '@odac/adapter-testkit';
import adapter from '../../src/index.js';
import { tempDb, type TempDb } from '../support.js';

describe('sqlite: plan order is execution order (issue 14)', () => {
  let db: TempDb;
  beforeEach(() => {
    db = tempDb();
  });
  afterEach(() => db.remove());

  it('runs the statements plan prints, in its order', async () => {
    const { planned, problems } = await runPlanOrder({ adapter, url: db.url, record: () => recordSql(Database.prototype, ['prepare', 'exec']) });
    expect(problems).toEqual([]);
    expect(planned.plan.operations.map((op) => op.kind)).toEqual(expect.arrayContaining(['addIndex', 'createTable', 'dropTable', 'rebuildTable']));
  });
});
