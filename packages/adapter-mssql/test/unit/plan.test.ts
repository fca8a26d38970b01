/**
 * The whole pure pipeline (normalize → diff → plan → emit) on the
 * conformance scenarios, with `normalize(from)` standing in for what
 * introspection would read back (which `introspect.test.ts` checks on
 * catalog fixtures). No server is involved.
 */
import { computePlan, emptySchema, OdacError } from '@odac/core';
import { col, fk, schema, scenarios, table } from '@odac/adapter-testkit';
import adapter from '@odac/adapter-mssql';

/** Scenarios whose plan SQL Server cannot carry out in place (documented in the README). */
const UNSUPPORTED = new Set(['auto-increment-add', 'auto-increment-drop']);

describe('every conformance scenario plans and emits', () => {
  for (const s of scenarios) {
    it(s.name, () => {
      const created = computePlan(adapter, emptySchema, s.from, { allowDestructive: true });
      expect(created.statements.every((st) => st.transactional && st.sql.length > 0)).toBe(true);
      const run = () =>
        computePlan(adapter, adapter.normalize(s.from), s.to, {
          allowDestructive: s.allowDestructive ?? false,
          dropUnmanagedTables: s.dropUnmanagedTables ?? false,
          ...(s.ignoreTables ? { ignoreTables: s.ignoreTables } : {}),
        });
      if (UNSUPPORTED.has(s.name)) {
        expect(run).toThrow(OdacError);
        return;
      }
      const result = run();
      // The desired schema normalized twice is the same: normalize is idempotent.
      expect(adapter.normalize(result.desired)).toEqual(result.desired);
      // Planning the desired schema against itself finds nothing.
      expect(computePlan(adapter, result.desired, s.to).plan.operations).toEqual([]);
    });
  }
});

describe('the blog on SQL Server', () => {
  const blog = (onDelete: 'CASCADE' | 'SET NULL') =>
    schema(
      table('users', [col.increments('id'), col.string('email', 255, { nullable: false })]),
      table('posts', [col.increments('id'), col.integer('user_id'), col.string('title', 200)], {
        foreignKeys: [fk('user_id', 'users', 'id', { onDelete, onUpdate: 'CASCADE' })],
      }),
    );

  it('changes CASCADE to SET NULL by replacing the key under its live name', () => {
    const current = adapter.normalize(blog('CASCADE'));
    const live = {
      tables: current.tables.map((t) =>
        t.name === 'posts' ? { ...t, foreignKeys: t.foreignKeys.map((k) => ({ ...k, name: 'fk_posts_user_id' })) } : t,
      ),
    };
    const result = computePlan(adapter, live, blog('SET NULL'));
    expect(result.statements.map((s) => s.sql)).toEqual([
      'ALTER TABLE [posts] DROP CONSTRAINT [fk_posts_user_id]',
      'ALTER TABLE [posts] ADD CONSTRAINT [fk_posts_user_id] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE SET NULL ON UPDATE CASCADE',
    ]);
    expect(result.plan.preflight).toEqual([]);
  });

  it('creates tables first and adds the keys last', () => {
    const result = computePlan(adapter, emptySchema, blog('CASCADE'));
    expect(result.statements.map((s) => s.sql.split('\n')[0])).toEqual([
      'CREATE TABLE [posts] (',
      'CREATE TABLE [users] (',
      'ALTER TABLE [posts] ADD CONSTRAINT [fk_posts_user_id] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE CASCADE ON UPDATE CASCADE',
    ]);
  });
});
