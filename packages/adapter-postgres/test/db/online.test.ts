/**
 * `--online`: NOT VALID + VALIDATE for constraints, CREATE INDEX
 * CONCURRENTLY outside the transaction, on tables that hold rows; and the
 * clean-up of an index a failed concurrent build left invalid.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { ApplyError, computePlan, migrate, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { col, fk, increments, index, int, table, useDatabase } from '../helpers.js';

describeWithServer('postgres', 'postgres: online mode', (server) => {
  const pg = useDatabase(server, 'each');

  const before: Schema = {
    tables: [
      table('customers', [increments(), col('email', { kind: 'string', length: 100 })]),
      table('orders', [increments(), col('customer_id', int()), col('total', int(), { nullable: false })]),
    ],
  };
  const after: Schema = {
    tables: [
      table('customers', [increments(), col('email', { kind: 'string', length: 100 })], { indexes: [index(['email'], true)] }),
      table('orders', [increments(), col('customer_id', int()), col('total', int(), { nullable: false })], {
        foreignKeys: [fk(['customer_id'], 'customers', ['id'], 'CASCADE')],
        indexes: [index(['customer_id'])],
        checks: [{ expression: 'total >= 0' }],
      }),
    ],
  };

  async function seed(): Promise<void> {
    await migrate({ adapter, url: pg.db.url, schema: before });
    await pg.client.exec(`INSERT INTO customers (email) SELECT 'c' || g || '@x' FROM generate_series(1, 200) g`);
    await pg.client.exec(`INSERT INTO orders (customer_id, total) SELECT 1 + (g % 200), g FROM generate_series(1, 1000) g`);
  }

  it('emits NOT VALID / VALIDATE / CONCURRENTLY and works on tables with rows', async () => {
    await seed();
    const result = await migrate({ adapter, url: pg.db.url, schema: after, emit: { online: true } });
    const sql = result.applied.map((s) => `${s.transactional ? 'tx' : 'after'}: ${s.sql}`);
    expect(sql).toEqual([
      expect.stringMatching(/^tx: ALTER TABLE "orders" ADD CONSTRAINT "ck_orders_[0-9a-f]+" CHECK \(\(total >= 0\)\) NOT VALID$/),
      'tx: ALTER TABLE "orders" ADD CONSTRAINT "fk_orders_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE NOT VALID',
      expect.stringMatching(/^after: ALTER TABLE "orders" VALIDATE CONSTRAINT "ck_orders_[0-9a-f]+"$/),
      'after: CREATE UNIQUE INDEX CONCURRENTLY "uq_customers_email" ON "customers" ("email")',
      'after: CREATE INDEX CONCURRENTLY "idx_orders_customer_id" ON "orders" ("customer_id")',
      'after: ALTER TABLE "orders" VALIDATE CONSTRAINT "fk_orders_customer_id"',
    ]);
    expect(result.applied.filter((s) => !s.transactional).every((s) => s.lock === 'SHARE UPDATE EXCLUSIVE')).toBe(true);
    expect(result.remaining).toEqual([]);
    const constraints = await pg.client.query<{ conname: string; convalidated: boolean }>(
      `SELECT conname::text, convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('f', 'c') ORDER BY 1`,
    );
    expect(constraints.every((c) => c.convalidated)).toBe(true);
    expect(constraints).toHaveLength(2);
    const invalid = await pg.client.query(`SELECT 1 FROM pg_index WHERE NOT indisvalid`);
    expect(invalid).toEqual([]);
    expect((await pg.client.query<{ n: string }>('SELECT count(*) AS n FROM orders'))[0]?.n).toBe('1000');
  });

  it('a failed concurrent build is cleaned up, reported, and the next run builds the index', async () => {
    await seed();
    await pg.client.exec(`UPDATE customers SET email = 'dup@x' WHERE id IN (1, 2)`);
    const conn = await adapter.connect(pg.db.url);
    const current = await conn.introspect();
    await conn.close();
    // Skip preflight on purpose: apply the statements directly, as if duplicates appeared after it ran.
    const { statements } = computePlan(adapter, current, { tables: [after.tables[0]!, before.tables[1]!] }, { emit: { online: true } });
    expect(statements.map((s) => s.sql)).toEqual(['CREATE UNIQUE INDEX CONCURRENTLY "uq_customers_email" ON "customers" ("email")']);
    const applier = await adapter.connect(pg.db.url);
    let error: unknown;
    try {
      await applier.apply(statements);
    } catch (e) {
      error = e;
    } finally {
      await applier.close();
    }
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).rolledBack).toBe(false);
    expect((error as ApplyError).message).toContain('could not create unique index');
    expect(await pg.client.query(`SELECT 1 FROM pg_class WHERE relname = 'uq_customers_email'`)).toEqual([]);

    await pg.client.exec(`UPDATE customers SET email = 'other@x' WHERE id = 2`);
    const again = await migrate({ adapter, url: pg.db.url, schema: { tables: [after.tables[0]!, before.tables[1]!] }, emit: { online: true } });
    expect(again.remaining).toEqual([]);
  });

  it('a VALIDATE that fails after commit drops the NOT VALID constraint, so the next run adds it again', async () => {
    await seed();
    const conn = await adapter.connect(pg.db.url);
    try {
      const withFk: Schema = { tables: [before.tables[0]!, { ...before.tables[1]!, foreignKeys: after.tables[1]!.foreignKeys }] };
      const { statements } = computePlan(adapter, await conn.introspect(), withFk, { emit: { online: true } });
      // Orphans appear between the preflight and the validation.
      await pg.client.exec('INSERT INTO orders (customer_id, total) VALUES (12345, 1)');
      let error: unknown;
      try {
        await conn.apply(statements);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ApplyError);
      expect((error as ApplyError).statement?.sql).toBe('ALTER TABLE "orders" VALIDATE CONSTRAINT "fk_orders_customer_id"');
      expect((error as ApplyError).rolledBack).toBe(false);
      expect((await conn.introspect()).tables.find((t) => t.name === 'orders')?.foreignKeys).toEqual([]);
    } finally {
      await conn.close();
    }
  });

  it('drops an invalid index a crashed concurrent build left behind before building it again', async () => {
    await seed();
    await pg.client.exec(`UPDATE customers SET email = 'dup@x' WHERE id IN (1, 2)`);
    await expect(pg.client.exec(`CREATE UNIQUE INDEX CONCURRENTLY "uq_customers_email" ON customers (email)`)).rejects.toThrow(/could not create unique index/);
    expect(await pg.client.query(`SELECT 1 FROM pg_index WHERE indexrelid = 'uq_customers_email'::regclass AND NOT indisvalid`)).toHaveLength(1);
    await pg.client.exec(`UPDATE customers SET email = 'other@x' WHERE id = 2`);

    const result = await migrate({ adapter, url: pg.db.url, schema: { tables: [after.tables[0]!, before.tables[1]!] } });
    expect(result.applied.map((s) => s.sql)).toEqual(['CREATE UNIQUE INDEX "uq_customers_email" ON "customers" ("email")']);
    expect(result.remaining).toEqual([]);
    expect(await pg.client.query(`SELECT 1 FROM pg_index WHERE NOT indisvalid`)).toEqual([]);
  });
});
