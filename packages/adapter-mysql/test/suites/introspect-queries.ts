/**
 * Introspection costs a fixed number of catalog queries, whatever the
 * number of tables, and reads the server flavor once at connect.
 */
import { migrate, type Schema, type Table } from '@odac/core';
import adapter, { MysqlConnection } from '@odac/adapter-mysql';
import { withTestDatabase } from '../support/db.js';

const tables = (n: number): Schema => ({
  tables: Array.from({ length: n }, (_, i): Table => ({
    name: `t${String(i).padStart(3, '0')}`,
    columns: [
      { name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true },
      { name: 'parent_id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: true },
    ],
    primaryKey: { columns: ['id'] },
    indexes: [],
    foreignKeys: i === 0 ? [] : [{ columns: ['parent_id'], references: { table: 't000', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'RESTRICT' }],
  })),
});

async function queriesToIntrospect(url: string): Promise<{ count: number; tables: number }> {
  const conn = (await adapter.connect(url)) as MysqlConnection;
  try {
    const driver = (conn as unknown as { conn: { query: (...args: unknown[]) => unknown } }).conn;
    const spy = jest.spyOn(driver, 'query');
    const schema = await conn.introspect();
    const count = spy.mock.calls.length;
    spy.mockRestore();
    return { count, tables: schema.tables.length };
  } finally {
    await conn.close();
  }
}

/** Registers the tests; `serverUrl` gives the server's URL inside tests. */
export function introspectionCostSuite(serverUrl: () => string): void {
  it('uses the same few queries for 2 tables and for 25', async () => {
    const small = await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: tables(2) });
      return queriesToIntrospect(url);
    });
    const large = await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema: tables(25) });
      return queriesToIntrospect(url);
    });
    expect(small.tables).toBe(2);
    expect(large.tables).toBe(25);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(8);
  });

  it('knows which server it talks to', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      const conn = (await adapter.connect(url)) as MysqlConnection;
      try {
        expect(['mysql', 'mariadb']).toContain(conn.server.flavor);
        expect(conn.server.major).toBeGreaterThanOrEqual(8);
      } finally {
        await conn.close();
      }
    });
  });
}
