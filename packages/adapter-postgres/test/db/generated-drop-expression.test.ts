/**
 * A stored generated column that the schema makes a plain column keeps its
 * values on PostgreSQL (`ALTER COLUMN … DROP EXPRESSION`, the
 * dropGeneratedExpression capability): planned as a change, never skipped,
 * and the next plan is empty. (Where a database must re-create the column
 * instead, the values would be lost: skipped as destructive.)
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { migrate, plan, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { col, int, table, useDatabase } from '../helpers.js';

const lines = (generated: boolean): Schema => ({
  tables: [
    table('lines', [
      col('id', int(), { nullable: false }),
      col('price', int(), { nullable: false }),
      col('qty', int(), { nullable: false }),
      col('total', int(), generated ? { generated: { expression: 'price * qty', stored: true } } : {}),
    ], { primaryKey: { columns: ['id'] } }),
  ],
});

describeWithServer('postgres', 'PostgreSQL: a stored generated column becoming plain', (server) => {
  const fx = useDatabase(server, 'each');

  it('drops the expression in place and keeps every value', async () => {
    await migrate({ adapter, url: fx.db.url, schema: lines(true) });
    await fx.client.exec('INSERT INTO lines (id, price, qty) VALUES (1, 3, 4), (2, 10, 1)');
    const result = await migrate({ adapter, url: fx.db.url, schema: lines(false) });
    expect(result.plan.skipped).toEqual([]);
    expect(result.applied.map((s) => s.sql)).toEqual(['ALTER TABLE "lines" ALTER COLUMN "total" DROP EXPRESSION']);
    expect(result.remaining).toEqual([]);
    expect(await fx.client.query('SELECT id, total FROM lines ORDER BY id')).toEqual([
      { id: 1, total: 12 },
      { id: 2, total: 10 },
    ]);
    // A plain column now: it takes what is written.
    await fx.client.exec('UPDATE lines SET total = 99 WHERE id = 1');
    expect((await plan({ adapter, url: fx.db.url, schema: lines(false) })).plan.operations).toEqual([]);
  });
});
