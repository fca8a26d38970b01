/**
 * Acceptance 3 of issue #4: MySQL cannot roll DDL back, so a migration that
 * stops after its k-th statement leaves a partial state. For every k of a
 * multi-table plan: the error says exactly what ran, a re-run converges,
 * and no row is lost.
 */
import { ApplyError, computePlan, migrate, plan } from '@odac/core';
import adapter from '@odac/adapter-mysql';
import { blogSchema } from '../support/blog.js';
import { withTestDatabase } from '../support/db.js';
import { evolvedBlog } from '../support/evolve.js';
import { seedBlog, seededSnapshot } from '../support/seed.js';

// The statements of the plan, computed offline from what the blog introspects as.
// Dropping keys is integrity-destructive (issue 10): the evolved blog is applied with allowDestructive.
const statements = computePlan(adapter, adapter.normalize(blogSchema()), evolvedBlog(), { allowDestructive: true }).statements;

/** Registers the tests; `serverUrl` gives the server's URL inside tests. */
export function failureInjectionSuite(serverUrl: () => string): void {
  it('has a multi-table plan to break', () => {
    expect(new Set(statements.map((s) => s.table)).size).toBeGreaterThanOrEqual(5);
    expect(statements.length).toBeGreaterThanOrEqual(8);
  });

  it.each(statements.map((s, k) => [k, s.sql.split('\n')[0]] as const))('stopping before statement %i (%s) converges on re-run', async (k) => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema() });
      await seedBlog(url);
      const before = await seededSnapshot(url);

      let error: unknown;
      try {
        await migrate({
          adapter,
          url,
          schema: evolvedBlog(),
          allowDestructive: true,
          onStatement: (_s, i) => {
            if (i === k) throw new Error(`injected failure before statement ${i + 1}`);
          },
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ApplyError);
      const failure = error as ApplyError;
      expect(failure.executed.map((s) => s.sql)).toEqual(statements.slice(0, k).map((s) => s.sql));
      expect(failure.statement?.sql).toBe(statements[k]?.sql);
      expect(failure.rolledBack).toBe(false);
      expect(failure.message).toContain('injected failure');
      if (k > 0) expect(failure.message).toContain('partially migrated');

      const rerun = await migrate({ adapter, url, schema: evolvedBlog(), allowDestructive: true });
      expect(rerun.remaining).toEqual([]);
      // What the re-run did is the rest of the plan, no more.
      expect(rerun.applied.length).toBeLessThanOrEqual(statements.length - k);
      expect((await plan({ adapter, url, schema: evolvedBlog(), allowDestructive: true })).plan.operations).toEqual([]);
      expect(await seededSnapshot(url)).toEqual(before);
    });
  });

  it('reports the server error of a statement it rejects, with the statements that ran before it', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: blogSchema() });
      await seedBlog(url);
      const before = await seededSnapshot(url);
      const bad = { sql: 'ALTER TABLE `no_such_table` ADD COLUMN `x` int NULL', transactional: false, table: 'no_such_table' };
      const conn = await adapter.connect(url);
      let error: unknown;
      try {
        await conn.apply([statements[0]!, bad, statements[1]!]);
      } catch (e) {
        error = e;
      } finally {
        await conn.close();
      }
      const failure = error as ApplyError;
      expect(failure).toBeInstanceOf(ApplyError);
      expect(failure.executed).toEqual([statements[0]]);
      expect(failure.message).toMatch(/Statement 2 of 3 failed on table "no_such_table": .*doesn't exist/);
      expect(failure.message).toContain('partially migrated');
      const rerun = await migrate({ adapter, url, schema: evolvedBlog(), allowDestructive: true });
      expect(rerun.remaining).toEqual([]);
      expect(await seededSnapshot(url)).toEqual(before);
    });
  });
}
