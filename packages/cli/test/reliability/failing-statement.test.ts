/**
 * A statement fails that the preflight could not foresee (issue 12): a CHECK
 * over rows that violate it, a PostgreSQL event trigger that raises, and a
 * concurrent writer that creates an orphan after the preflight passed. The
 * transactional adapters roll everything back (the schema and every row are
 * as before); MariaDB keeps what ran and converges on the re-run once the
 * cause is fixed. The error names the statement and the database's message.
 */
import mysqlAdapter from '@odac/adapter-mysql';
import postgresAdapter from '@odac/adapter-postgres';
import sqliteAdapter from '@odac/adapter-sqlite';
import { describeWithServer } from '@odac/adapter-testkit';
import { ApplyError, migrate, plan, type Column, type DriverAdapter, type Schema, type Table } from '@odac/core';
import { mysqlDb, postgresDb, sqliteDb, type Db } from './support.js';

const id: Column = { name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true };
const int = (name: string, nullable = true): Column => ({ name, type: { kind: 'integer', size: 'regular' }, nullable });
const ref = (name: string): Column => ({ name, type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: true });
const tbl = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({ name, columns: [id, ...columns], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [], ...extra });

const before: Schema = {
  tables: [tbl('accounts', [int('balance')]), tbl('customers', []), tbl('orders', [int('qty'), ref('customer_id')])],
};
/** Adds a column to accounts, then a CHECK on orders that existing rows violate. */
const withCheck: Schema = {
  tables: [
    tbl('accounts', [int('balance'), int('limit_cents')]),
    tbl('customers', []),
    tbl('orders', [int('qty'), ref('customer_id')], { checks: [{ name: 'orders_qty_positive', expression: 'qty >= 0' }] }),
  ],
};
/** Adds a foreign key from orders to customers. */
const withKey: Schema = {
  tables: [
    tbl('accounts', [int('balance')]),
    tbl('customers', []),
    tbl('orders', [int('qty'), ref('customer_id')], { foreignKeys: [{ columns: ['customer_id'], references: { table: 'customers', columns: ['id'] }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' }] }),
  ],
};

async function rowsOf(db: Db): Promise<string> {
  const rows = await db.rows('SELECT (SELECT COUNT(*) FROM accounts) AS a, (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(*) FROM orders) AS o, (SELECT SUM(qty) FROM orders) AS q');
  return JSON.stringify(rows.map((r) => Object.values(r).map(String)));
}

async function seed(db: Db): Promise<void> {
  await db.exec('INSERT INTO accounts (balance) VALUES (10), (20); INSERT INTO customers (id) VALUES (1), (2); INSERT INTO orders (qty, customer_id) VALUES (5, 1), (-3, 2), (7, 1);');
}

async function failure(run: Promise<unknown>): Promise<ApplyError> {
  try {
    await run;
  } catch (e) {
    if (e instanceof ApplyError) return e;
    throw e;
  }
  throw new Error('the migrate did not fail');
}

function suite(name: string, adapter: DriverAdapter, make: () => Promise<Db>, transactional: boolean): void {
  let db: Db;
  beforeEach(async () => {
    db = await make();
    await migrate({ adapter, url: db.url, schema: before });
    await seed(db);
  });
  afterEach(async () => db.drop());

  it(`${name}: a CHECK that existing rows violate fails with the statement and the database's message; ${transactional ? 'everything rolls back' : 'the re-run converges once the rows are fixed'}`, async () => {
    const rows = await rowsOf(db);
    const error = await failure(migrate({ adapter, url: db.url, schema: withCheck }));
    expect(error.code).toBe('APPLY.STATEMENT_FAILED');
    // SQLite checks while copying the rows into the rebuilt table; the others at ADD CONSTRAINT.
    expect(error.statement?.sql).toMatch(/orders_qty_positive|INSERT INTO "orders__odac_new"/);
    expect(error.message).toMatch(/CHECK constraint failed|check constraint|violated|orders_qty_positive/i);
    expect(error.message).toContain(error.statement!.sql.split('\n')[0]!);
    expect(error.rolledBack).toBe(transactional);
    expect(await rowsOf(db)).toBe(rows);
    if (transactional) {
      expect((await plan({ adapter, url: db.url, schema: before })).plan.operations).toEqual([]);
    } else {
      // MariaDB cannot roll back DDL: the first table's change stays, the rest converges after the fix.
      await db.exec('UPDATE orders SET qty = 0 WHERE qty < 0');
      await migrate({ adapter, url: db.url, schema: withCheck });
      expect((await plan({ adapter, url: db.url, schema: withCheck })).plan.operations).toEqual([]);
    }
  });

  if (name === 'sqlite') return;
  // SQLite's migrator holds the database's write lock from before the preflight to the commit: no writer can slip in between.

  it(`${name}: a writer that creates an orphan after the preflight makes the new key fail, ${transactional ? 'and everything rolls back' : 'and the re-run converges once the orphan is gone'}`, async () => {
    const withKeyAndColumn: Schema = { tables: withKey.tables.map((t) => (t.name === 'accounts' ? { ...t, columns: [...t.columns, int('limit_cents')] } : t)) };
    // A third session holds accounts, so the migrator stops at its first statement, after the preflight passed.
    const locker = await db.session();
    await locker.exec(transactional ? 'BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE' : 'LOCK TABLES accounts WRITE');
    const run = migrate({ adapter, url: db.url, schema: withKeyAndColumn }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const waiting = transactional
      ? // PostgreSQL takes the transaction's table locks up front (LOCK TABLE), MariaDB at its ALTER.
        "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND (query LIKE 'LOCK TABLE%accounts%' OR query LIKE 'ALTER TABLE%accounts%')"
      : "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for table metadata lock' AND INFO LIKE 'ALTER TABLE%accounts%'";
    for (let i = 0; i < 200 && Number((await db.rows(waiting))[0]?.['n']) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(Number((await db.rows(waiting))[0]?.['n'])).toBe(1);
    const writer = await db.session();
    await writer.exec('INSERT INTO orders (qty, customer_id) VALUES (1, 999)');
    await locker.exec(transactional ? 'COMMIT' : 'UNLOCK TABLES');
    const error = await run;
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).message).toMatch(/fk_orders_customer_id|foreign key/i);
    expect((error as ApplyError).rolledBack).toBe(transactional);
    if (transactional) expect((await plan({ adapter, url: db.url, schema: before })).plan.operations).toEqual([]);
    await db.exec('DELETE FROM orders WHERE customer_id = 999');
    await migrate({ adapter, url: db.url, schema: withKeyAndColumn });
    expect((await plan({ adapter, url: db.url, schema: withKeyAndColumn })).plan.operations).toEqual([]);
  });
}

describe('failing statements: sqlite', () => suite('sqlite', sqliteAdapter, async () => sqliteDb(), true));

describeWithServer('postgres', 'failing statements: postgres', (server) => {
  suite('postgres', postgresAdapter, () => postgresDb(server.url()), true);

  it('postgres: an event trigger that raises on one table rolls back the whole plan', async () => {
    const db = await postgresDb(server.url());
    try {
      await migrate({ adapter: postgresAdapter, url: db.url, schema: before });
      await seed(db);
      await db.exec('UPDATE orders SET qty = 0 WHERE qty < 0');
      await db.exec(`
        CREATE FUNCTION refuse_orders() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity LIKE '%orders%') THEN
            RAISE EXCEPTION 'orders is frozen by policy';
          END IF;
        END $$;
        CREATE EVENT TRIGGER refuse_orders ON ddl_command_end EXECUTE FUNCTION refuse_orders();`);
      const rows = await rowsOf(db);
      const error = await failure(migrate({ adapter: postgresAdapter, url: db.url, schema: withCheck }));
      expect(error.message).toContain('orders is frozen by policy');
      expect(error.rolledBack).toBe(true);
      expect(await rowsOf(db)).toBe(rows);
      // accounts' column (applied before the failing statement) was rolled back with it.
      expect((await plan({ adapter: postgresAdapter, url: db.url, schema: before })).plan.operations).toEqual([]);
    } finally {
      await db.exec('DROP EVENT TRIGGER IF EXISTS refuse_orders').catch(() => undefined);
      await db.drop();
    }
  });
});

describeWithServer('mysql', 'failing statements: mariadb', (server) => {
  suite('mariadb', mysqlAdapter, () => mysqlDb(server.url()), false);
});
