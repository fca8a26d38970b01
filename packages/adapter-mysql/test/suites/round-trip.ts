/**
 * Everything the adapter reads back must equal what `normalize` predicts:
 * defaults of every literal kind and CURRENT_TIMESTAMP, ON UPDATE, checks,
 * comments, json, enum, character sets, native indexes. A second plan is
 * empty.
 */
import { CURRENT_TIMESTAMP, migrate, plan, withCanonicalExpressions, type Column, type Schema } from '@odac/core';
import adapter from '@odac/adapter-mysql';
import { query, withTestDatabase } from '../support/db.js';

const lit = (value: string | number | boolean | null) => ({ kind: 'literal' as const, value });
const col = (name: string, type: Column['type'], extra: Partial<Column> = {}): Column => ({ name, type, nullable: true, ...extra });

const schema: Schema = {
  tables: [
    {
      name: 'kinds',
      comment: "every kind's default",
      columns: [
        col('id', { kind: 'integer', size: 'regular', unsigned: true }, { nullable: false, autoIncrement: true }),
        col('s_plain', { kind: 'string', length: 50 }, { default: lit('abc') }),
        col('s_quote', { kind: 'string', length: 50 }, { default: lit("it's") }),
        col('s_backslash', { kind: 'string', length: 50 }, { default: lit('C:\\temp\\') }),
        col('s_newline', { kind: 'string', length: 50 }, { default: lit('two\nlines\ttab') }),
        col('s_empty', { kind: 'string', length: 50 }, { nullable: false, default: lit('') }),
        col('s_null_word', { kind: 'string', length: 50 }, { default: lit('NULL') }),
        col('s_null', { kind: 'string', length: 50 }, { default: lit(null) }),
        col('s_unicode', { kind: 'string', length: 50 }, { default: lit('café ☕') }),
        col('i_neg', { kind: 'integer', size: 'regular' }, { nullable: false, default: lit(-42) }),
        col('i_zero', { kind: 'integer', size: 'small', unsigned: true }, { nullable: false, default: lit(0) }),
        col('i_big', { kind: 'integer', size: 'big' }, { default: lit('9007199254740993') }),
        col('d_dec', { kind: 'decimal', precision: 10, scale: 2 }, { default: lit(12.5) }),
        col('d_float', { kind: 'double' }, { default: lit(1.25) }),
        col('b_true', { kind: 'boolean' }, { nullable: false, default: lit(true) }),
        col('b_false', { kind: 'boolean' }, { nullable: false, default: lit(false) }),
        col('e_enum', { kind: 'enum', values: ['draft', "it's", 'done'] }, { nullable: false, default: lit("it's") }),
        col('t_date', { kind: 'date' }, { default: lit('2020-02-29') }),
        col('t_datetime', { kind: 'datetime' }, { default: lit('2020-02-29') }),
        col('t_time', { kind: 'time' }, { default: lit('12:30:00') }),
        col('t_created', { kind: 'timestamp' }, { nullable: false, default: { kind: 'expression', sql: CURRENT_TIMESTAMP } }),
        col('t_updated', { kind: 'timestamp', withTimeZone: true }, { nullable: false, default: { kind: 'expression', sql: 'now()' }, onUpdateCurrentTimestamp: true }),
        col('t_seen', { kind: 'timestamp' }),
        col('t_precise', { kind: 'native', sql: 'DATETIME(6)' }, { default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP(6)' }, onUpdateCurrentTimestamp: true }),
        col('x_text', { kind: 'text' }, { default: lit('long story') }),
        col('x_json', { kind: 'json', binary: true }, { default: lit('{"a": 1}') }),
        col('x_uuid', { kind: 'uuid' }, { default: { kind: 'expression', sql: '(UUID())' } }),
        col('x_blob', { kind: 'binary' }),
        col('x_bytes', { kind: 'binary', length: 16 }),
        col('x_latin', { kind: 'native', sql: 'varchar(20) CHARACTER SET latin1' }, { default: lit('latin') }),
        col('x_bin', { kind: 'native', sql: 'varchar(20) COLLATE utf8mb4_bin' }),
        col('x_set', { kind: 'native', sql: "SET('a','b')" }, { default: lit('a,b') }),
        col('x_commented', { kind: 'integer', size: 'regular' }, { comment: "the column's comment" }),
        col('qty', { kind: 'integer', size: 'regular' }, { nullable: false, default: lit(1) }),
      ],
      primaryKey: { columns: ['id'] },
      indexes: [
        { columns: ['s_plain', 'i_neg'], unique: true },
        { name: 'ft_text', columns: ['x_text'], unique: false, native: 'FULLTEXT (x_text)' },
        { name: 'ix_prefix', columns: ['s_quote', 'qty'], unique: false, native: '(s_quote(10), qty DESC)' },
      ],
      foreignKeys: [],
      checks: [
        { name: 'qty_range', expression: 'qty BETWEEN 0 AND 1000' },
        { name: 'state_ok', expression: "(qty > 0 OR e_enum <> 'done') AND i_neg < 0" },
      ],
    },
  ],
};

/** Registers the tests; `serverUrl` gives the server's URL inside tests. */
export function roundTripSuite(serverUrl: () => string): void {
  it('reads back exactly what normalize predicts, and the next plan is empty', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      const result = await migrate({ adapter, url, schema });
      expect(result.remaining).toEqual([]);
      const conn = await adapter.connect(url);
      try {
        const live = await conn.introspect();
        // What normalize predicts, with the column charsets the server resolves to their collations.
        const normalized = adapter.normalize(schema);
        const expected = withCanonicalExpressions(normalized, await conn.canonicalExpressions?.(normalized, live));
        // Names odac generated for unnamed indexes are not part of what the user declared.
        const unnamed = new Set(expected.tables[0]?.indexes.filter((i) => !i.name).map((i) => JSON.stringify(i.columns)));
        // The schema names no table options: the table has odac's engine and the server's default charset.
        expect(live.tables.map((t) => t.mysql?.engine)).toEqual(['InnoDB']);
        const stripped = {
          tables: live.tables.map(({ mysql: _mysql, ...t }) => ({
            ...t,
            indexes: t.indexes.map((i) => (unnamed.has(JSON.stringify(i.columns)) ? { columns: i.columns, unique: i.unique } : i)),
          })),
        };
        expect(stripped).toEqual(expected);
      } finally {
        await conn.close();
      }
      expect((await plan({ adapter, url, schema })).plan.operations).toEqual([]);

      // The defaults are real: a row inserted with none given gets them.
      await query(url, 'INSERT INTO `kinds` () VALUES ()');
      const [row] = await query(url, 'SELECT * FROM `kinds`');
      expect(row).toMatchObject({
        s_quote: "it's",
        s_backslash: 'C:\\temp\\',
        s_newline: 'two\nlines\ttab',
        s_empty: '',
        s_null_word: 'NULL',
        s_null: null,
        s_unicode: 'café ☕',
        i_neg: -42,
        i_big: '9007199254740993',
        d_dec: '12.50',
        b_true: 1,
        b_false: 0,
        e_enum: "it's",
        t_datetime: '2020-02-29 00:00:00',
        x_text: 'long story',
        x_latin: 'latin',
        x_set: 'a,b',
      });
      expect(String(row?.['x_uuid'])).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('changes defaults, checks and comments in place and converges', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      await migrate({ adapter, url, schema });
      const table = schema.tables[0]!;
      const changed: Schema = {
        tables: [
          {
            ...table,
            comment: undefined,
            columns: table.columns.map((c) => {
              if (c.name === 's_plain') return { ...c, default: lit("new 'value'") };
              if (c.name === 't_seen') return { ...c, default: { kind: 'expression' as const, sql: CURRENT_TIMESTAMP } };
              if (c.name === 'x_commented') return { ...c, comment: undefined };
              if (c.name === 'b_true') return { ...c, default: undefined };
              return c;
            }),
            checks: [{ name: 'qty_range', expression: 'qty between 0 and 5000' }],
          },
        ],
      };
      const result = await migrate({ adapter, url, schema: changed });
      expect(result.remaining).toEqual([]);
      expect(result.applied).toHaveLength(1);
      expect((await plan({ adapter, url, schema: changed })).plan.operations).toEqual([]);
    });
  });

  it('renames a table and a column, changing its type in the same statement, keeping rows', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      const from: Schema = {
        tables: [
          {
            name: 'people',
            columns: [
              col('id', { kind: 'integer', size: 'regular', unsigned: true }, { nullable: false, autoIncrement: true }),
              col('nick', { kind: 'string', length: 20 }, { nullable: false, default: lit('anon') }),
            ],
            primaryKey: { columns: ['id'] },
            indexes: [{ columns: ['nick'], unique: false }],
            foreignKeys: [],
          },
        ],
      };
      await migrate({ adapter, url, schema: from });
      await query(url, "INSERT INTO `people` (`nick`) VALUES ('ada'), ('bob')");
      const to: Schema = {
        tables: [
          {
            name: 'members',
            renamedFrom: 'people',
            columns: [
              col('id', { kind: 'integer', size: 'regular', unsigned: true }, { nullable: false, autoIncrement: true }),
              col('handle', { kind: 'string', length: 60 }, { nullable: false, default: lit('anon'), renamedFrom: 'nick', comment: 'was nick' }),
            ],
            primaryKey: { columns: ['id'] },
            indexes: [{ columns: ['handle'], unique: false }],
            foreignKeys: [],
          },
        ],
      };
      const result = await migrate({ adapter, url, schema: to });
      expect(result.applied.map((s) => s.sql)).toEqual([
        'RENAME TABLE `people` TO `members`',
        "ALTER TABLE `members` CHANGE COLUMN `nick` `handle` varchar(60) NOT NULL DEFAULT 'anon' COMMENT 'was nick'",
      ]);
      expect(result.remaining).toEqual([]);
      expect(await query(url, 'SELECT `id`, `handle` FROM `members` ORDER BY `id`')).toEqual([
        { id: 1, handle: 'ada' },
        { id: 2, handle: 'bob' },
      ]);
    });
  });

  it('changes a json column to text and back (MariaDB keeps json as longtext + a json_valid CHECK)', async () => {
    await withTestDatabase(serverUrl(), async (url) => {
      const docs = (type: Column['type']): Schema => ({
        tables: [
          {
            name: 'docs',
            columns: [col('id', { kind: 'integer', size: 'regular', unsigned: true }, { nullable: false, autoIncrement: true }), col('body', type)],
            primaryKey: { columns: ['id'] },
            indexes: [],
            foreignKeys: [],
          },
        ],
      });
      await migrate({ adapter, url, schema: docs({ kind: 'json' }) });
      await query(url, `INSERT INTO \`docs\` (\`body\`) VALUES ('{"a": [1, 2]}')`);
      for (const type of [{ kind: 'text', size: 'long' }, { kind: 'json' }, { kind: 'text' }] as const) {
        const result = await migrate({ adapter, url, schema: docs(type), allowDestructive: true });
        expect(result.remaining).toEqual([]);
        expect((await plan({ adapter, url, schema: docs(type) })).plan.operations).toEqual([]);
      }
      expect(await query(url, 'SELECT `body` FROM `docs`')).toEqual([{ body: '{"a": [1, 2]}' }]);
    });
  });
}
