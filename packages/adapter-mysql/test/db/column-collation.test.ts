/**
 * Column collation and charset on MariaDB/MySQL (issue 10): created as the
 * schema says, changed in place (a key column's foreign key dropped around
 * the change and added back), rows kept, the second plan empty. A collation
 * equal to the table's default, or a charset whose default collation the
 * column has, plans nothing: the server says what those defaults are.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { migrate, plan, type Column, type Schema } from '@odac/core';
import adapter from '@odac/adapter-mysql';
import { query, withTestDatabase } from '../support/db.js';

const text = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: { kind: 'string', length: 20 }, nullable: true, ...extra });
const id: Column = { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false };

function schema(code: Partial<Column>, note: Partial<Column>): Schema {
  return {
    tables: [
      { name: 'countries', columns: [text('code', { nullable: false, ...code })], primaryKey: { columns: ['code'] }, indexes: [], foreignKeys: [], mysql: { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } },
      {
        name: 'people',
        columns: [id, text('country', code), text('note', note), text('legacy', { charset: 'latin1' }), text('same', { collation: 'utf8mb4_unicode_ci' })],
        primaryKey: { columns: ['id'] },
        indexes: [{ columns: ['note'], unique: true }],
        foreignKeys: [{ columns: ['country'], references: { table: 'countries', columns: ['code'] }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' }],
        mysql: { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' },
      },
    ],
  };
}

const COLLATIONS = "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS c, COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL ORDER BY 1";

describeWithServer('mysql', 'adapter-mysql: column collation and charset', (server) => {
  it('creates, changes under a foreign key and a unique index, keeps the rows and converges', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const first = schema({ collation: 'utf8mb4_bin' }, { charset: 'utf8mb4' });
      await migrate({ adapter, url, schema: first });
      const latin1 = (await query(url, "SELECT DEFAULT_COLLATE_NAME AS c FROM information_schema.CHARACTER_SETS WHERE CHARACTER_SET_NAME = 'latin1'"))[0]?.['c'];
      const utf8mb4 = (await query(url, "SELECT DEFAULT_COLLATE_NAME AS c FROM information_schema.CHARACTER_SETS WHERE CHARACTER_SET_NAME = 'utf8mb4'"))[0]?.['c'];
      expect(Object.fromEntries((await query(url, COLLATIONS)).map((r) => [r['c'], r['collation']]))).toEqual({
        'countries.code': 'utf8mb4_bin',
        'people.country': 'utf8mb4_bin',
        'people.legacy': latin1,
        'people.note': utf8mb4,
        'people.same': 'utf8mb4_unicode_ci',
      });
      expect((await plan({ adapter, url, schema: first })).plan.operations).toEqual([]);

      await query(url, "INSERT INTO countries (code) VALUES ('de'), ('fr')");
      await query(url, "INSERT INTO people (id, country, note, legacy) VALUES (1, 'de', 'Zoë', 'ä'), (2, 'fr', 'b', NULL)");
      const second = schema({ collation: 'utf8mb4_general_ci' }, { collation: 'utf8mb4_bin' });
      const result = await migrate({ adapter, url, schema: second });
      expect(result.plan.operations.map((o) => `${o.kind} ${o.table}${o.kind === 'alterColumn' ? ` ${o.to.name} ${o.changes.join()}` : ''}`)).toEqual(
        expect.arrayContaining(['dropForeignKey people', 'alterColumn countries code collation', 'alterColumn people country collation', 'alterColumn people note collation', 'addForeignKey people']),
      );
      expect(result.remaining).toEqual([]);
      expect((await plan({ adapter, url, schema: second })).plan.operations).toEqual([]);
      expect(Object.fromEntries((await query(url, COLLATIONS)).map((r) => [r['c'], r['collation']]))).toMatchObject({
        'countries.code': 'utf8mb4_general_ci',
        'people.country': 'utf8mb4_general_ci',
        'people.note': 'utf8mb4_bin',
      });
      expect(await query(url, 'SELECT id, country, note, legacy FROM people ORDER BY id')).toEqual([
        { id: 1, country: 'de', note: 'Zoë', legacy: 'ä' },
        { id: 2, country: 'fr', note: 'b', legacy: null },
      ]);
      // The key is back and in force.
      await expect(query(url, "DELETE FROM countries WHERE code = 'de'")).rejects.toThrow(/foreign key/i);

      // Back to the table's default: said or not, the same column.
      const plain = schema({ collation: 'utf8mb4_unicode_ci' }, {});
      expect((await migrate({ adapter, url, schema: plain })).remaining).toEqual([]);
      expect((await plan({ adapter, url, schema: schema({}, { collation: 'utf8mb4_unicode_ci' }) })).plan.operations).toEqual([]);

      // A table the schema gives no options keeps its live default (not the database's): a column equal to it plans nothing.
      await query(url, 'CREATE TABLE own (id int NOT NULL PRIMARY KEY, name varchar(20)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin');
      const own: Schema = { tables: [...plain.tables, { name: 'own', columns: [id, text('name', { collation: 'utf8mb4_bin' })], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [] }] };
      expect((await plan({ adapter, url, schema: own })).plan.operations).toEqual([]);
    });
  });
});
