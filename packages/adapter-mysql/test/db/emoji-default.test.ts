/**
 * Issue 12, defect 7: MariaDB reports metadata in utf8mb3, so a default with
 * a 4-byte character (`'ünï 😀'`) came back as `'ünï ?'` and every boot
 * re-ran MODIFY COLUMN, then failed APPLY.VERIFY_FAILED. Defaults that come
 * back with a `?` are read again through DEFAULT(col) on the utf8mb4
 * connection: the second plan is empty, and a real `?` stays a `?`.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { migrate, plan, type Column, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { query, withTestDatabase } from '../support/db.js';

const text = (name: string, value: string, length = 40): Column => ({
  name,
  type: { kind: 'string', length },
  nullable: true,
  default: { kind: 'literal', value },
});

function schema(emoji: string): Schema {
  return {
    tables: [
      {
        name: 'notes',
        columns: [
          { name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true },
          text('greeting', emoji),
          text('question', 'why?'),
          text('plain', 'plain'),
        ],
        primaryKey: { columns: ['id'] },
        indexes: [],
        foreignKeys: [],
      },
      { name: 'other', columns: [{ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false }], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [] },
    ],
  };
}

describeWithServer('mysql', 'adapter-mysql: 4-byte characters in defaults (issue 12 defect 7)', (server) => {
  it('an emoji default converges: the second plan is empty and new rows get the emoji', async () => {
    await withTestDatabase(server.url(), async (url) => {
      await migrate({ adapter, url, schema: schema('ünï 😀') });
      const again = await plan({ adapter, url, schema: schema('ünï 😀') });
      expect(again.plan.operations).toEqual([]);
      const live = again.current.tables.find((t) => t.name === 'notes')!;
      expect(live.columns.find((c) => c.name === 'greeting')?.default).toEqual({ kind: 'literal', value: 'ünï 😀' });
      expect(live.columns.find((c) => c.name === 'question')?.default).toEqual({ kind: 'literal', value: 'why?' });

      await query(url, 'INSERT INTO `notes` () VALUES ()');
      const [row] = await query(url, 'SELECT `greeting`, `question` FROM `notes`');
      expect(row).toEqual({ greeting: 'ünï 😀', question: 'why?' });
    });
  });

  it('a change from one emoji to another is seen and applied', async () => {
    await withTestDatabase(server.url(), async (url) => {
      await migrate({ adapter, url, schema: schema('ünï 😀') });
      const changed = await migrate({ adapter, url, schema: schema('ünï 😁') });
      expect(changed.plan.operations.map((o) => o.kind)).toEqual(['alterColumn']);
      expect((await plan({ adapter, url, schema: schema('ünï 😁') })).plan.operations).toEqual([]);
    });
  });
});
