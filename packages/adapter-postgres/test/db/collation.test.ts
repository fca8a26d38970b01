/**
 * Column collations on PostgreSQL (issue 10): a file that gives a collation
 * creates the column with it, a changed or removed one is altered in place
 * (rows kept), and the next plan is empty each time.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { computePlan, migrate, plan, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { partsSql } from '../../src/quote.js';
import { col, table, useDatabase } from '../helpers.js';

describeWithServer('postgres', 'postgres: column collations', (server) => {
  const pg = useDatabase(server, 'all');

  const schema = (collation?: string): Schema => ({
    tables: [table('t', [col('id', { kind: 'integer', size: 'regular' }, { nullable: false }), col('name', { kind: 'string', length: 20 }, collation === undefined ? {} : { collation })], { primaryKey: { columns: ['id'] } })],
  });

  /** What `plan` does (the server spelling the files' collations), and what a textual comparison would do. */
  async function planned(desired: Schema): Promise<{ plan: string[]; textual: string[] }> {
    const conn = await adapter.connect(pg.db.url);
    try {
      const textual = computePlan(adapter, await conn.introspect(), desired).plan.operations.map((o) => `${o.kind} ${o.table}`);
      return { plan: (await plan({ adapter, url: pg.db.url, schema: desired })).plan.operations.map((o) => `${o.kind} ${o.table}`), textual };
    } finally {
      await conn.close();
    }
  }

  /** The collation as pg_catalog names it, or null for the type's own. */
  async function collation(): Promise<string | null> {
    const [row] = await pg.client.query<{ name: string | null }>(
      `SELECT CASE WHEN a.attcollation <> t.typcollation THEN c.collname::text END AS name FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation c ON c.oid = a.attcollation WHERE a.attrelid = 't'::regclass AND a.attname = 'name'`,
    );
    return row?.name ?? null;
  }

  test('created with COLLATE, changed, removed; rows kept; each next plan empty', async () => {
    // `default` (a keyword: the type's own collation) only the server spells as it reads it back.
    for (const [wanted, expected] of [['C', 'C'], ['ucs_basic', 'ucs_basic'], [undefined, null], ['"C"', 'C'], ['default', null]] as const) {
      const desired = schema(wanted);
      const result = await migrate({ adapter, url: pg.db.url, schema: desired });
      expect(result.remaining).toEqual([]);
      expect(await collation()).toBe(expected);
      const next = await planned(desired);
      expect(next.plan).toEqual([]);
      expect(next.textual).toEqual(wanted === 'default' ? ['alterColumn t'] : []);
      if (wanted === 'C') await pg.client.query(`INSERT INTO t VALUES (1, 'b'), (2, 'B')`);
    }
    expect(await pg.client.query(`SELECT id, name FROM t ORDER BY name`)).toEqual([{ id: 2, name: 'B' }, { id: 1, name: 'b' }]);
  });

  test('collation names: the model keeps lower-case identifiers bare, as PostgreSQL prints them; SQL quotes every part', () => {
    const names = ['C', 'ucs_basic', '"C"', 'de-x-icu', 'public.C', 'x"; DROP TABLE t; --'];
    expect(names.map((n) => partsSql(n))).toEqual(['"C"', '"ucs_basic"', '"C"', '"de-x-icu"', '"public"."C"', '"x""; DROP TABLE t; --"']);
    expect(names.map((n) => partsSql(n, true))).toEqual([
      '"C"',
      'ucs_basic',
      '"C"',
      '"de-x-icu"',
      'public."C"',
      '"x""; DROP TABLE t; --"',
    ]);
  });
});
