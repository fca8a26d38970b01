/**
 * Checks and partial-index predicates written the simple way plan nothing
 * against what PostgreSQL stores for them (`price > 0` is reported as
 * `(price > (0)::numeric)`): the server itself prints the desired
 * expressions (`canonicalize.ts`, ARCHITECTURE rule 10). Each test also
 * asserts that a plain textual comparison would see changes, so it fails
 * when canonicalization stops working.
 */
import { describeWithServer, uniqueSuffix } from '@odac/adapter-testkit';
import { computePlan, migrate, plan, type Check, type ColumnType, type Index, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { col, int, useDatabase } from '../helpers.js';

const columns: [string, ColumnType][] = [
  ['n', int()],
  ['b', int('big')],
  ['s', int('small')],
  ['price', { kind: 'decimal', precision: 10, scale: 2 }],
  ['f', { kind: 'float' }],
  ['g', { kind: 'double' }],
  ['email', { kind: 'string', length: 100 }],
  ['name', { kind: 'text' }],
  ['c', { kind: 'char', length: 2 }],
  ['active', { kind: 'boolean' }],
  ['deleted_at', { kind: 'datetime' }],
  ['dt', { kind: 'date' }],
  ['status', { kind: 'enum', values: ['a', 'b'] }],
  ['Weird Col', int()],
  ['select', int()],
];

/** Expressions the catalog prints otherwise (casts, parentheses, `= ANY (ARRAY[…])`, case). */
const expressions = [
  'deleted_at IS NULL',
  'deleted_at is not null',
  "email = 'x'",
  "name = 'x' AND n > 0",
  'active',
  'NOT Active',
  'active = true',
  'active IS TRUE',
  '"Weird Col" > 0 OR n < 5',
  'price > 0',
  'price >= 0.5',
  'price > -1',
  'price > -1.5',
  'n >= -1',
  'n > 5000000000',
  'f > 0',
  'g > 1.5',
  "email != ''",
  "email IN ('a', 'b')",
  "email NOT IN ('a','b')",
  "name IN ('a','b')",
  "name in ('x')",
  'n IN (1, 2, 3)',
  'n NOT IN (1,2)',
  'price in (1, 2.5)',
  'n BETWEEN 1 AND 10',
  "name LIKE 'a%'",
  "email NOT LIKE 'x%'",
  "email ILIKE 'x%'",
  "c = 'ab'",
  "dt > '2020-01-01'",
  'NOT (n = 1)',
  'n = 1 OR n = 2 OR n = 3',
  "email = 'it''s'",
  "status = 'a'",
  '"select" > 1',
  'length(email)   > 2',
  "EXTRACT(year FROM deleted_at) > 2000",
];

describeWithServer('postgres', 'postgres: checks and predicates are compared as the server prints them', (server) => {
  const pg = useDatabase(server, 'each');

  const schemaWith = (checks: Check[], indexes: Index[] = []): Schema => ({
    tables: [{ name: 't', columns: columns.map(([name, type]) => col(name, type)), checks, indexes, foreignKeys: [] }],
  });

  async function plans(schema: Schema): Promise<{ canonical: string[]; textual: number }> {
    const canonical = (await plan({ adapter, url: pg.db.url, schema })).plan.operations.map((o) => `${o.kind} ${o.table}`);
    const conn = await adapter.connect(pg.db.url);
    try {
      return { canonical, textual: computePlan(adapter, await conn.introspect(), schema).plan.operations.length };
    } finally {
      await conn.close();
    }
  }

  it('a migrated schema plans nothing, although every expression reads back otherwise', async () => {
    const schema = schemaWith(
      expressions.map((expression) => ({ expression })),
      expressions.map((where, i) => ({ name: `p${i + 1}`, columns: ['n'], unique: false, where })),
    );
    const first = await migrate({ adapter, url: pg.db.url, schema });
    expect(first.remaining).toEqual([]);
    const { canonical, textual } = await plans(schema);
    expect(canonical).toEqual([]);
    // Compared as written, every check and every index would be dropped and added again.
    expect(textual).toBeGreaterThanOrEqual(2 * expressions.length);
  });

  it("authored `price > 0` plans nothing against a check created by hand as `CHECK ((price > (0)::numeric))`", async () => {
    await pg.client.exec(
      'CREATE TABLE t (price numeric(10,2), deleted_at timestamp, CONSTRAINT positive CHECK ((price > (0)::numeric)));' +
        'CREATE INDEX live ON t (price) WHERE (deleted_at IS NULL)',
    );
    const schema: Schema = {
      tables: [
        {
          name: 't',
          columns: [col('price', { kind: 'decimal', precision: 10, scale: 2 }), col('deleted_at', { kind: 'datetime' })],
          checks: [{ name: 'positive', expression: 'price > 0' }],
          indexes: [{ name: 'live', columns: ['price'], unique: false, where: 'deleted_at is null' }],
          foreignKeys: [],
        },
      ],
    };
    const { canonical, textual } = await plans(schema);
    expect(canonical).toEqual([]);
    expect(textual).toBeGreaterThan(0);

    // A role that may not create schemas or tables here (only TEMP, which PUBLIC has) is answered as well.
    const role = `odac_ro_${uniqueSuffix()}`.toLowerCase();
    await pg.client.exec(`CREATE ROLE ${role} LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    try {
      const url = new URL(pg.db.url);
      url.username = role;
      await expect(pg.client.exec(`SET ROLE ${role}; CREATE TABLE x (n int)`)).rejects.toThrow(/permission denied/);
      await pg.client.exec('RESET ROLE');
      expect((await plan({ adapter, url: url.toString(), schema })).plan.operations).toEqual([]);
    } finally {
      await pg.client.exec(`RESET ROLE; DROP ROLE ${role}`);
    }
  });

  it('probes only what spelling can change: not the columns the database already has as desired', async () => {
    const table = (name: string, dflt: string): Schema['tables'][number] => ({
      name,
      columns: [{ ...col('id', int()), default: { kind: 'literal', value: 1 } }, { ...col('at', { kind: 'timestamp', withTimeZone: false }), default: { kind: 'expression', sql: dflt } }],
      indexes: [],
      foreignKeys: [],
    });
    await migrate({ adapter, url: pg.db.url, schema: { tables: [table('a', 'CURRENT_TIMESTAMP')] } });
    const conn = await adapter.connect(pg.db.url);
    try {
      const live = await conn.introspect();
      const probe = async (desired: Schema): Promise<number> => {
        const spy = jest.spyOn(conn, 'catalog' as never);
        try {
          await conn.canonicalExpressions?.(desired, live);
          return spy.mock.calls.length;
        } finally {
          spy.mockRestore();
        }
      };
      // Converged: no round trip at all.
      expect(await probe({ tables: [table('a', 'CURRENT_TIMESTAMP')] })).toBe(0);
      // A default the database prints otherwise (now() reads back as CURRENT_TIMESTAMP) is still asked, and compared by meaning.
      expect(await probe({ tables: [table('a', 'NOW()')] })).toBeGreaterThan(0);
      expect((await plan({ adapter, url: pg.db.url, schema: { tables: [table('a', 'NOW()')] } })).plan.operations).toEqual([]);
    } finally {
      await conn.close();
    }
  });
});
