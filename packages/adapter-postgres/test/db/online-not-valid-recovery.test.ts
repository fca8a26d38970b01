/**
 * Issue 12, defect 2: kill -9 after an `--online` run committed and before
 * its `VALIDATE CONSTRAINT` left keys NOT VALID, and the next run said
 * "Nothing to do" forever. A constraint the database holds NOT VALID while
 * the schema wants it is now a difference: the planner validates it.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { computePlan, migrate, PreflightError, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { col, fk, increments, int, table, useDatabase } from '../helpers.js';

describeWithServer('postgres', 'postgres: keys left NOT VALID by an interrupted online run (issue 12 defect 2)', (server) => {
  const pg = useDatabase(server, 'each');

  const bare: Schema = {
    tables: [
      table('customers', [increments(), col('email', { kind: 'string', length: 100 })]),
      table('orders', [increments(), col('customer_id', int()), col('total', int(), { nullable: false })]),
    ],
  };
  const wanted: Schema = {
    tables: [
      bare.tables[0] as Schema['tables'][number],
      table('orders', [increments(), col('customer_id', int()), col('total', int(), { nullable: false })], {
        foreignKeys: [fk(['customer_id'], 'customers', ['id'], 'CASCADE')],
      }),
    ],
  };

  /** The state kill -9 leaves between the committed transaction and the VALIDATE statements. */
  async function crashState(): Promise<void> {
    await migrate({ adapter, url: pg.db.url, schema: bare });
    await pg.client.exec(`INSERT INTO customers (email) SELECT 'c' || g || '@x' FROM generate_series(1, 50) g`);
    await pg.client.exec(`INSERT INTO orders (customer_id, total) SELECT 1 + (g % 50), g FROM generate_series(1, 300) g`);
    await pg.client.exec(
      `ALTER TABLE orders ADD CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID`,
    );
  }

  async function validated(): Promise<Record<string, boolean>> {
    const rows = await pg.client.query<{ conname: string; convalidated: boolean }>(
      `SELECT conname::text, convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('f', 'c') ORDER BY 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.conname, r.convalidated]));
  }

  async function planAgainstLive(online: boolean) {
    const conn = await adapter.connect(pg.db.url);
    try {
      return computePlan(adapter, await conn.introspect(), wanted, { emit: { online } });
    } finally {
      await conn.close();
    }
  }

  it.each([false, true])('the next plan validates the key (online: %s), then plans nothing', async (online) => {
    await crashState();
    expect(await validated()).toEqual({ fk_orders_customer_id: false });

    const planned = await planAgainstLive(online);
    expect(planned.plan.operations.map((op) => `${op.kind} ${op.table} ${op.kind === 'validateConstraint' ? op.name : ''}`)).toEqual([
      'validateConstraint orders fk_orders_customer_id',
    ]);
    expect(planned.plan.operations.every((op) => op.classification === 'changing')).toBe(true);
    expect(planned.statements.map((s) => s.sql)).toEqual([
      'ALTER TABLE "orders" VALIDATE CONSTRAINT "fk_orders_customer_id"',
    ]);
    expect(planned.statements.every((s) => s.transactional === !online && s.lock === 'SHARE UPDATE EXCLUSIVE')).toBe(true);

    const result = await migrate({ adapter, url: pg.db.url, schema: wanted, emit: { online } });
    expect(result.applied).toHaveLength(1);
    expect(result.remaining).toEqual([]);
    expect(await validated()).toEqual({ fk_orders_customer_id: true });
    expect((await planAgainstLive(online)).plan.operations).toEqual([]);
    expect((await pg.client.query<{ n: string }>('SELECT count(*) AS n FROM orders'))[0]?.n).toBe('300');
  });

  it('an orphan that slipped in while the key was NOT VALID is named by the preflight, nothing changes', async () => {
    await migrate({ adapter, url: pg.db.url, schema: bare });
    await pg.client.exec(`INSERT INTO customers (email) VALUES ('a@x'); INSERT INTO orders (customer_id, total) VALUES (1, 1), (999, 2)`);
    await pg.client.exec(`ALTER TABLE orders ADD CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID`);
    const run = migrate({ adapter, url: pg.db.url, schema: { tables: [wanted.tables[0] as Schema['tables'][number], wanted.tables[1] as Schema['tables'][number]] } });
    await expect(run).rejects.toBeInstanceOf(PreflightError);
    await expect(run).rejects.toThrow(/foreign key fk_orders_customer_id on "orders"\(customer_id\) → "customers"\(id\) cannot be added: 1 row references no existing row/);
    expect(await validated()).toEqual({ fk_orders_customer_id: false });
  });
});
