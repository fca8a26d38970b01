/**
 * A new table collation restates the table's text columns, and MySQL refuses
 * to restate a column a foreign key uses ("Cannot change column 'code': used
 * in a foreign key constraint"): the planner drops such keys first and adds
 * them back after, as around a type change (found by random convergence).
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { migrate, plan, type Schema, type Table } from '@odac/core';
import adapter from '@odac/adapter-mysql';
import { query, withTestDatabase } from '../support/db.js';

const options = { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_bin' } as const;
const schema = (mysql?: typeof options): Schema => {
  const countries: Table = {
    name: 'countries',
    columns: [{ name: 'code', type: { kind: 'string', length: 2 }, nullable: false }],
    primaryKey: { columns: ['code'] },
    indexes: [],
    foreignKeys: [],
    ...(mysql ? { mysql } : {}),
  };
  const tags: Table = {
    name: 'tags',
    columns: [
      { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
      { name: 'country_code', type: { kind: 'string', length: 2 }, nullable: true },
    ],
    primaryKey: { columns: ['id'] },
    indexes: [],
    foreignKeys: [{ columns: ['country_code'], references: { table: 'countries', columns: ['code'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' }],
    ...(mysql ? { mysql } : {}),
  };
  return { tables: [countries, tags] };
};

describeWithServer('mysql', 'adapter-mysql: table collation change under a foreign key', (server) => {
  it('drops the key around the restated columns, keeps the rows and converges', async () => {
    await withTestDatabase(server.url(), async (url) => {
      await migrate({ adapter, url, schema: schema() });
      await query(url, "INSERT INTO countries (code) VALUES ('de'), ('fr')");
      await query(url, "INSERT INTO tags (country_code) VALUES ('de'), ('fr'), (NULL)");

      const result = await migrate({ adapter, url, schema: schema(options), allowDestructive: true });
      expect(result.plan.operations.map((o) => `${o.kind} ${o.table}`)).toEqual(
        expect.arrayContaining(['dropForeignKey tags', 'addForeignKey tags', 'setTableOptions countries', 'setTableOptions tags']),
      );
      expect(result.remaining).toEqual([]);
      expect((await plan({ adapter, url, schema: schema(options), allowDestructive: true })).plan.operations).toEqual([]);
      const columns = await query(url, "SELECT TABLE_NAME AS t, COLLATION_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'varchar' ORDER BY TABLE_NAME");
      expect(columns.map((r) => [r['t'], r['c']])).toEqual([
        ['countries', 'utf8mb4_bin'],
        ['tags', 'utf8mb4_bin'],
      ]);
      expect((await query(url, 'SELECT country_code AS c FROM tags ORDER BY id')).map((r) => r['c'])).toEqual(['de', 'fr', null]);
      // The key is back and in force.
      await query(url, "DELETE FROM countries WHERE code = 'de'");
      expect((await query(url, 'SELECT country_code AS c FROM tags ORDER BY id')).map((r) => r['c'])).toEqual(['fr', null]);
    });
  });
});
