/**
 * Every normalization case from issue #3 round-trips: migrate, then a second
 * plan is empty. Also schemas written by hand in SQL (serial, identity
 * ALWAYS, casts in defaults) that describe the same thing plan nothing.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { computePlan, migrate, plan, type Column, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { col, increments, int, table, useDatabase } from '../helpers.js';

const lit = (value: string | number | boolean | null) => ({ kind: 'literal' as const, value });
const expr = (sql: string) => ({ kind: 'expression' as const, sql });

describeWithServer('postgres', 'postgres: normalization round trips', (server) => {
  const pg = useDatabase(server, 'all');

  /** What a `plan` would do now (with the server's own spelling of checks and predicates). */
  async function secondPlan(schema: Schema): Promise<string[]> {
    return (await plan({ adapter, url: pg.db.url, schema })).plan.operations.map((o) => `${o.kind} ${o.table}`);
  }

  async function roundTrip(schema: Schema): Promise<void> {
    const first = await migrate({ adapter, url: pg.db.url, schema });
    expect(first.remaining.map((o) => `${o.kind} ${o.table}`)).toEqual([]);
    expect(await secondPlan(schema)).toEqual([]);
  }

  const cases: [string, Column[]][] = [
    ['CURRENT_TIMESTAMP vs now()', [
      col('a', { kind: 'datetime' }, { default: expr('CURRENT_TIMESTAMP') }),
      col('b', { kind: 'timestamp', withTimeZone: true }, { default: expr('now()') }),
      col('c', { kind: 'timestamp' }, { default: expr('current_timestamp') }),
      col('d', { kind: 'date' }, { default: expr('current_date') }),
    ]],
    ["'x'::character varying vs 'x'", [
      col('a', { kind: 'string', length: 20 }, { default: lit('x') }),
      col('b', { kind: 'string', length: 20 }, { default: expr("'x'::character varying") }),
      col('c', { kind: 'text' }, { default: lit("it's \\ here") }),
      col('d', { kind: 'char', length: 3 }, { default: lit('ab') }),
      col('e', { kind: 'string', length: 5 }, { default: lit('') }),
    ]],
    ["0 vs '0'::integer, negatives, decimals, floats", [
      col('a', int(), { default: lit(0) }),
      col('b', int(), { default: lit('0') }),
      col('c', int(), { default: lit(-1) }),
      col('d', int('big'), { default: lit(5000000000) }),
      col('e', { kind: 'decimal', precision: 10, scale: 2 }, { default: lit(1.5) }),
      col('f', { kind: 'decimal', precision: 10, scale: 2 }, { default: lit(-2.25) }),
      col('g', { kind: 'float' }, { default: lit(1.5) }),
      col('h', { kind: 'double' }, { default: lit(-2.5) }),
      col('i', int('small'), { default: lit(7) }),
    ]],
    ['boolean literals', [
      col('a', { kind: 'boolean' }, { default: lit(true), nullable: false }),
      col('b', { kind: 'boolean' }, { default: lit(false) }),
      col('c', { kind: 'boolean' }, { default: lit(1) }),
      col('d', { kind: 'boolean' }, { default: lit('false') }),
    ]],
    ['unsigned is ignored (no CHECK), tiny/medium integers widen', [
      col('a', int('regular', true), { default: lit(3) }),
      col('b', { kind: 'integer', size: 'tiny', unsigned: true }),
      col('c', { kind: 'integer', size: 'medium' }),
      col('d', { kind: 'decimal', precision: 8, scale: 2, unsigned: true }),
    ]],
    ['enum values, in order, with a default', [
      col('a', { kind: 'enum', values: ['draft', 'published', 'archived'] }, { default: lit('draft'), nullable: false }),
      col('b', { kind: 'enum', values: ["it's", 'b c'] }),
    ]],
    ['other types and defaults', [
      col('a', { kind: 'json', binary: true }, { default: lit('{"b":1,"a":[1,2]}') }),
      col('b', { kind: 'json' }, { default: lit('{}') }),
      col('c', { kind: 'uuid' }, { default: expr('gen_random_uuid()') }),
      col('d', { kind: 'binary', length: 16 }),
      col('e', { kind: 'text', size: 'long' }),
      col('f', { kind: 'time' }, { default: lit('10:30') }),
      col('g', { kind: 'date' }, { default: lit('2020-01-01') }),
      col('h', { kind: 'datetime' }, { default: lit('2020-01-01') }),
      col('i', { kind: 'native', sql: 'int[]' }, { default: expr("'{}'::integer[]") }),
      col('j', { kind: 'native', sql: 'timestamptz(3)' }),
      col('k', { kind: 'native', sql: 'inet' }),
      col('l', { kind: 'string', length: 10 }, { default: lit(null) }),
    ]],
  ];

  it.each(cases)('%s', async (title, columns) => {
    const name = 'n_' + title.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 30);
    await roundTrip({ tables: [table(name, [increments(), ...columns], { comment: `case: ${title}` })] });
  });

  it('unsigned adds no CHECK: negative values are accepted (documented in the README)', async () => {
    await roundTrip({ tables: [table('unsigned_cols', [increments(), col('n', int('regular', true))])] });
    const checks = await pg.client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_constraint WHERE conrelid = 'unsigned_cols'::regclass AND contype = 'c'`);
    expect(Number(checks[0]?.n)).toBe(0);
    await pg.client.exec('INSERT INTO unsigned_cols (n) VALUES (-5)');
    expect((await pg.client.select('unsigned_cols', ['id'])).map((r) => r['n'])).toEqual([-5]);
  });

  it('increments vs bigIncrements vs serial vs GENERATED ALWAYS AS IDENTITY all read as auto-increment', async () => {
    await pg.client.exec(`
      CREATE TABLE legacy_serial (id serial PRIMARY KEY, n integer DEFAULT '0'::integer, s varchar(10) DEFAULT 'x'::character varying, ts timestamp DEFAULT now());
      CREATE TABLE legacy_identity (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, b boolean DEFAULT 'f');
      CREATE TABLE legacy_bigserial (id bigserial PRIMARY KEY);
    `);
    const big: Column = { name: 'id', type: int('big'), nullable: false, autoIncrement: true };
    const desired: Schema = {
      tables: [
        table('legacy_serial', [
          increments(),
          col('n', int(), { default: lit(0) }),
          col('s', { kind: 'string', length: 10 }, { default: lit('x') }),
          col('ts', { kind: 'datetime' }, { default: expr('CURRENT_TIMESTAMP') }),
        ]),
        table('legacy_identity', [big, col('b', { kind: 'boolean' }, { default: lit(false) })]),
        table('legacy_bigserial', [big]),
      ],
    };
    expect(await secondPlan(desired)).toEqual([]);
    await roundTrip({ tables: [table('new_increments', [increments(), col('x', int())]), table('new_big', [big])] });
  });

  it('checks, partial indexes and comments written the simple way', async () => {
    const schema: Schema = {
      tables: [
        table(
          'guarded',
          [
            increments(),
            col('price', { kind: 'decimal', precision: 10, scale: 2 }, { comment: 'in cents? no, in euros' }),
            col('qty', int(), { nullable: false, default: lit(0) }),
            col('email', { kind: 'string', length: 100 }),
            col('deleted_at', { kind: 'datetime' }),
            col('active', { kind: 'boolean' }, { nullable: false, default: lit(true) }),
            col('kind', { kind: 'enum', values: ['a', 'b'] }),
          ],
          {
            checks: [{ expression: 'price > 0' }, { expression: 'qty BETWEEN 0 AND 1000' }, { name: 'email_not_empty', expression: "email <> ''" }],
            indexes: [
              { columns: ['email'], unique: true, where: 'deleted_at IS NULL' },
              { columns: ['qty'], unique: false, where: 'active' },
              { columns: ['price'], unique: false, where: "kind = 'a' AND qty > 0" },
            ],
            comment: "A table's comment",
          },
        ),
      ],
    };
    await roundTrip(schema);
  });

  it('user-written types and default literals as the server spells them (a textual comparison would see changes)', async () => {
    const natives = ['int4', 'INT[]', 'int[3]', 'VARCHAR ( 20 )', 'varchar[]', 'timestamptz', 'timestamptz(3)', 'timestamp(0)', 'decimal(8)', 'float8', 'float(10)', 'bool', 'text array'];
    const schema: Schema = {
      tables: [
        table('spelled', [
          increments(),
          ...natives.map((sql, i) => col(`n${i}`, { kind: 'native', sql })),
          col('u', { kind: 'uuid' }, { default: lit('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11') }),
          col('j', { kind: 'json', binary: true }, { default: lit('{"bb":1,"a":[1,2]}') }),
          col('ts', { kind: 'timestamp' }, { default: lit('2020-01-01T10:30') }),
          col('tz', { kind: 'timestamp', withTimeZone: true }, { default: lit('2020-01-01 10:30:00+00') }),
          col('d', { kind: 'date' }, { default: expr('current_date') }),
          col('amount', { kind: 'decimal', precision: 35, scale: 30 }, { default: lit('0.123456789012345678901234567891') }),
        ]),
      ],
    };
    await roundTrip(schema);
    const conn = await adapter.connect(pg.db.url);
    const live = await conn.introspect().finally(() => conn.close());
    // Without the server's spelling every one of these would be a change (a type change to a native type counts as narrowing).
    const textual = computePlan(adapter, live, schema, { allowDestructive: true }).plan.operations.flatMap((o) => (o.kind === 'alterColumn' ? [o.to.name] : []));
    expect(textual.sort()).toEqual([...natives.map((_, i) => `n${i}`), 'd', 'j', 'ts', 'u'].sort());
  });
});
