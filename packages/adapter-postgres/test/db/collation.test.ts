/**
 * Column collations on PostgreSQL (issue 10): a file that gives a collation
 * creates the column with it, a changed or removed one is altered in place
 * (rows kept), and the next plan is empty each time.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { computePlan, migrate, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { collationSql } from '../../src/normalize.js';
import { col, table, useDatabase } from '../helpers.js';

describeWithServer('postgres', 'postgres: column collations', (server) => {
  const pg = useDatabase(server, 'all');

  const schema = (collation?: string): Schema => ({
    tables: [table('t', [col('id', { kind: 'integer', size: 'regular' }, { nullable: false }), col('name', { kind: 'string', length: 20 }, collation === undefined ? {} : { collation })], { primaryKey: { columns: ['id'] } })],
  });

  async function planned(desired: Schema): Promise<string[]> {
    const conn = await adapter.connect(pg.db.url);
    try {
      return computePlan(adapter, await conn.introspect(), desired).plan.operations.map((o) => `${o.kind} ${o.table}`);
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
    for (const [wanted, expected] of [['C', 'C'], ['ucs_basic', 'ucs_basic'], [undefined, null], ['"C"', 'C']] as const) {
      const desired = schema(wanted);
      const result = await migrate({ adapter, url: pg.db.url, schema: desired });
      expect(result.remaining).toEqual([]);
      expect(await collation()).toBe(expected);
      expect(await planned(desired)).toEqual([]);
      if (wanted === 'C') await pg.client.query(`INSERT INTO t VALUES (1, 'b'), (2, 'B')`);
    }
    expect(await pg.client.query(`SELECT id, name FROM t ORDER BY name`)).toEqual([{ id: 2, name: 'B' }, { id: 1, name: 'b' }]);
  });

  test('collation names are spelled as quote_ident spells them', () => {
    expect(['C', 'ucs_basic', '"C"', 'de-x-icu', 'public.C', 'x"; DROP TABLE t; --'].map(collationSql)).toEqual([
      '"C"',
      'ucs_basic',
      '"C"',
      '"de-x-icu"',
      'public."C"',
      '"x""; DROP TABLE t; --"',
    ]);
  });
});
