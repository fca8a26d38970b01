/**
 * Issue 14, acceptance 1, without a server: on SQL Server the emitter
 * writes each operation's statements in plan order (apply runs them in the
 * order given, in one transaction), so the statements' operations never go
 * back, on a plan with creates, a drop and foreign key changes.
 */
import { planOrderAfter, planOrderBefore, planOrderProblems } from '@odac/adapter-testkit';
import { computePlan } from '@odac/core';
import adapter from '../../src/index.js';

describe('mssql: plan order is emission order (issue 14)', () => {
  it('emits statements whose operations follow the plan', () => {
    const current = adapter.normalize(planOrderBefore);
    const { plan, statements } = computePlan(adapter, current, planOrderAfter, { allowDestructive: true, dropUnmanagedTables: true });
    const kinds = plan.operations.map((op) => op.kind);
    expect(kinds).toEqual(expect.arrayContaining(['addForeignKey', 'addIndex', 'createTable', 'dropForeignKey', 'dropTable']));
    // No server: the "log" is the statements themselves, so this checks the order of their operations.
    expect(planOrderProblems({ operations: plan.operations, statements }, statements.map((s) => s.sql), statements)).toEqual([]);
    expect(statements.map((s) => s.operation)).toEqual([...statements.map((s) => s.operation)].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });
});
