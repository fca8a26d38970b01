/**
 * Issue 12, defect 1: a MariaDB plan that changes every key's action used to
 * drop all keys first and re-add them last, so kill -9 mid-plan left many
 * tables without keys; and the next run, finding one orphan, re-added none.
 * Now each replaced key is dropped right before its table's re-add, and a
 * run after a partial one re-adds every key the orphan checks allow and
 * names the ones they do not.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { computePlan, migrate, plan, PreflightError, type Column, type ForeignKeyAction, type Schema, type Table } from '@odac/core';
import adapter from '../../src/index.js';
import { query, withTestDatabase } from '../support/db.js';

const CHILDREN = Array.from({ length: 24 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
const id: Column = { name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true };
const ownerId: Column = { name: 'owner_id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: true };

function schema(onDelete: ForeignKeyAction): Schema {
  const owners: Table = { name: 'owners', columns: [id], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [] };
  const children = CHILDREN.map(
    (name): Table => ({
      name,
      columns: [id, ownerId],
      primaryKey: { columns: ['id'] },
      indexes: [],
      foreignKeys: [{ columns: ['owner_id'], references: { table: 'owners', columns: ['id'] }, onDelete, onUpdate: 'RESTRICT' }],
    }),
  );
  return { tables: [...children, owners] };
}

/** Child table → its key's ON DELETE rule, or undefined when the table has no key. */
async function keyRules(url: string): Promise<Record<string, string | undefined>> {
  const rows = await query(
    url,
    `SELECT TABLE_NAME AS t, DELETE_RULE AS r FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`,
  );
  const byTable = new Map(rows.map((r) => [String(r['t']), String(r['r'])]));
  return Object.fromEntries(CHILDREN.map((c) => [c, byTable.get(c)]));
}

async function totalRows(url: string): Promise<number> {
  const parts = CHILDREN.map((c) => `SELECT COUNT(*) AS n FROM \`${c}\``).join(' UNION ALL ');
  const rows = await query(url, `SELECT SUM(n) AS n FROM (${parts}) x`);
  return Number(rows[0]?.['n']);
}

describeWithServer('mysql', 'adapter-mysql: foreign keys after a partial run (issue 12 defect 1)', (server) => {
  it('drops each replaced key right before its table re-adds it, never all keys first', () => {
    const result = computePlan(adapter, adapter.normalize(schema('CASCADE')), schema('SET NULL'));
    const sql = result.statements.map((s) => s.sql);
    expect(sql).toHaveLength(CHILDREN.length * 2);
    CHILDREN.forEach((c, i) => {
      expect(sql[2 * i]).toBe(`ALTER TABLE \`${c}\` DROP FOREIGN KEY \`fk_${c}_owner_id\``);
      expect(sql[2 * i + 1]).toBe(
        `ALTER TABLE \`${c}\` ADD CONSTRAINT \`fk_${c}_owner_id\` FOREIGN KEY (\`owner_id\`) REFERENCES \`owners\` (\`id\`) ON DELETE SET NULL ON UPDATE RESTRICT`,
      );
    });
  });

  it('re-adds every key the orphan check allows, names the one it does not, then converges once the orphan is gone', async () => {
    await withTestDatabase(server.url(), async (url) => {
      await migrate({ adapter, url, schema: schema('CASCADE') });
      await query(url, 'INSERT INTO `owners` (`id`) VALUES (1), (2), (3)');
      for (const c of CHILDREN) await query(url, `INSERT INTO \`${c}\` (\`owner_id\`) VALUES (1), (2), (3), (NULL)`);

      // What kill -9 in the middle of the old all-drops-first plan left behind:
      // c01–c08 already changed, c09–c16 without a key, c17–c24 untouched; an orphan slipped into c12.
      const fkSql = (c: string, rule: string) =>
        `ALTER TABLE \`${c}\` ADD CONSTRAINT \`fk_${c}_owner_id\` FOREIGN KEY (\`owner_id\`) REFERENCES \`owners\` (\`id\`) ON DELETE ${rule} ON UPDATE RESTRICT`;
      for (const c of CHILDREN.slice(0, 16)) await query(url, `ALTER TABLE \`${c}\` DROP FOREIGN KEY \`fk_${c}_owner_id\``);
      for (const c of CHILDREN.slice(0, 8)) await query(url, fkSql(c, 'SET NULL'));
      await query(url, 'INSERT INTO `c12` (`owner_id`) VALUES (999)');
      const rowsBefore = await totalRows(url);

      const run = migrate({ adapter, url, schema: schema('SET NULL') });
      await expect(run).rejects.toBeInstanceOf(PreflightError);
      const error = (await run.catch((e: unknown) => e)) as PreflightError;
      expect(error.failures.map((f) => f.check.kind === 'foreignKey' && f.check.constraint)).toEqual(['fk_c12_owner_id']);
      expect(error.message).toMatch(/Every other change was applied .* foreign key fk_c12_owner_id on "c12"\(owner_id\) → "owners"\(id\) cannot be added: 1 row references no existing row/);

      const expected = Object.fromEntries(CHILDREN.map((c) => [c, c === 'c12' ? undefined : 'SET NULL']));
      expect(await keyRules(url)).toEqual(expected);
      expect(await totalRows(url)).toBe(rowsBefore);

      await query(url, 'DELETE FROM `c12` WHERE `owner_id` = 999');
      const fixed = await migrate({ adapter, url, schema: schema('SET NULL') });
      expect(fixed.applied.map((s) => s.sql)).toEqual([fkSql('c12', 'SET NULL')]);
      expect(fixed.remaining).toEqual([]);
      expect(await keyRules(url)).toEqual(Object.fromEntries(CHILDREN.map((c) => [c, 'SET NULL'])));
      expect((await plan({ adapter, url, schema: schema('SET NULL') })).plan.operations).toEqual([]);
    });
  });

  it('a plan that changes more than keys still refuses orphans with the database unchanged', async () => {
    await withTestDatabase(server.url(), async (url) => {
      const without: Schema = { tables: schema('CASCADE').tables.map((t) => (t.name === 'c01' ? { ...t, foreignKeys: [] } : t)) };
      await migrate({ adapter, url, schema: without });
      await query(url, 'INSERT INTO `c01` (`owner_id`) VALUES (999)');
      const wanted: Schema = {
        tables: schema('CASCADE').tables.map((t) => (t.name === 'c02' ? { ...t, columns: [...t.columns, { name: 'note', type: { kind: 'text' }, nullable: true }] } : t)),
      };
      await expect(migrate({ adapter, url, schema: wanted })).rejects.toThrow(/Nothing was changed: existing rows violate the new schema/);
      expect(Number((await query(url, "SELECT COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'note'"))[0]?.['n'])).toBe(0);
      expect((await keyRules(url))['c01']).toBeUndefined();
    });
  });
});
