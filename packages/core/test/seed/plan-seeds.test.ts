import { nanoid, planSeeds, rowQuerySql, sameValue, seedOrder, seedQueries, seedStatements, type Schema, type TableSeed } from '../../src/index.js';
import { id, schema, str, table } from '../helpers.js';

const users = table('users', [
  id(),
  { name: 'code', type: { kind: 'string', length: 21 }, nullable: false },
  str('email'),
  { name: 'active', type: { kind: 'boolean' }, nullable: true },
  { name: 'price', type: { kind: 'decimal', precision: 10, scale: 2 }, nullable: true },
  { name: 'ratio', type: { kind: 'float' }, nullable: true },
  { name: 'meta', type: { kind: 'json', binary: true }, nullable: true },
  { name: 'seen_at', type: { kind: 'timestamp', withTimeZone: true }, nullable: true },
  { name: 'born', type: { kind: 'date' }, nullable: true },
]);
const desired: Schema = schema(users);

const seed = (rows: TableSeed['rows']): TableSeed => ({ table: 'users', key: 'email', rows, generated: [{ column: 'code', length: 21 }] });
const counter = (): ((n: number) => string) => {
  let i = 0;
  return (n) => `gen${++i}`.padEnd(n, '_');
};

describe('planSeeds', () => {
  it('inserts every row into a table that does not exist yet, generating omitted nanoid columns', () => {
    const s = seed([{ email: 'a@x.io', active: true }, { email: 'b@x.io', code: 'given' }]);
    expect(seedQueries([s], desired, schema())).toEqual(new Map());
    const plan = planSeeds([s], desired, schema(), new Map(), { generate: counter() });
    expect(plan.tables).toEqual([
      {
        table: 'users',
        key: 'email',
        inserts: [
          { keyValue: 'a@x.io', columns: ['email', 'active', 'code'], values: ['a@x.io', true, 'gen1_________________'] },
          { keyValue: 'b@x.io', columns: ['email', 'code'], values: ['b@x.io', 'given'] },
        ],
        updates: [],
        unchanged: 0,
      },
    ]);
  });

  it('reads the key and the seeded columns that exist, for the seeded keys', () => {
    const s = seed([{ email: 'a@x.io', active: true, price: 9.5 }, { email: 'b@x.io', meta: { a: 1 } }]);
    const live = schema(table('users', [id(), str('email'), { name: 'active', type: { kind: 'boolean' }, nullable: true }]));
    expect(seedQueries([s], desired, live).get('users')).toEqual({ table: 'users', columns: ['email', 'active'], where: { column: 'email', values: ['a@x.io', 'b@x.io'] } });
  });

  it('updates only the seeded columns that differ, and leaves equal rows alone across driver forms', () => {
    const s = seed([
      { email: 'same@x.io', active: true, price: 9.5, ratio: 0.1, meta: { b: [1, 2], a: 'x' }, seen_at: '2024-01-02 03:04:05', born: '2000-01-31' },
      { email: 'diff@x.io', active: false, price: 10, ratio: 0.1, meta: '{"a":1}' },
    ]);
    const live = schema(users);
    const query = seedQueries([s], desired, live).get('users');
    expect(query?.columns).toEqual(['email', 'active', 'price', 'ratio', 'meta', 'seen_at', 'born']);
    // As PostgreSQL returns them in text form: booleans t/f, decimals padded, jsonb keys reordered, timestamptz with the session offset.
    const rows = new Map([
      [
        'users',
        [
          ['same@x.io', 't', '9.50', '0.1', '{"a": "x", "b": [1, 2]}', '2024-01-02 03:04:05+01', '2000-01-31'],
          // As MySQL/SQLite keep them: booleans 0/1.
          ['diff@x.io', 1, '10.00', 0.1, '{"a": 2}', null, null],
        ],
      ],
    ]);
    const plan = planSeeds([s], desired, live, rows);
    expect(plan.tables[0]).toMatchObject({ inserts: [], unchanged: 1, updates: [{ keyValue: 'diff@x.io', columns: ['active', 'meta'], values: [false, '{"a":1}'] }] });
  });

  it('sets a seeded column the table does not have yet (the schema sync adds it in the same run)', () => {
    const s = seed([{ email: 'a@x.io', price: 1 }]);
    const live = schema(table('users', [id(), str('email')]));
    const plan = planSeeds([s], desired, live, new Map([['users', [['a@x.io']]]]));
    expect(plan.tables[0]?.updates).toEqual([{ keyValue: 'a@x.io', columns: ['price'], values: [1] }]);
  });

  it('finds a text key case-insensitively when the database matched it so (MySQL collations)', () => {
    const s = seed([{ email: 'Admin@x.io', active: true }]);
    const plan = planSeeds([s], desired, schema(users), new Map([['users', [['admin@x.io', 1]]]]));
    expect(plan.tables[0]).toMatchObject({ inserts: [], updates: [], unchanged: 1 });
  });

  it('never compares a nanoid column the row leaves to the engine', () => {
    const s = seed([{ email: 'a@x.io', code: null }]);
    const plan = planSeeds([s], desired, schema(users), new Map([['users', [['a@x.io']]]]));
    expect(seedQueries([s], desired, schema(users)).get('users')?.columns).toEqual(['email']);
    expect(plan.tables[0]).toMatchObject({ inserts: [], updates: [], unchanged: 1 });
  });

  it('writes statements with the dialect quote and literal only', () => {
    const s = seed([{ email: "o'hara@x.io", active: true, code: 'c1' }, { email: 'b', price: 2 }]);
    const plan = planSeeds([s], desired, schema(users), new Map([['users', [['b', null]]]]));
    const dialect = { quote: (n: string) => `"${n.replace(/"/g, '""')}"`, literal: (v: unknown) => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : v === null ? 'NULL' : String(v)) };
    expect(seedStatements(plan, dialect).map((st) => st.sql)).toEqual([
      `INSERT INTO "users" ("email", "active", "code") VALUES ('o''hara@x.io', true, 'c1')`,
      `UPDATE "users" SET "price" = 2 WHERE "email" = 'b'`,
    ]);
    const query = seedQueries([s], desired, schema(users)).get('users');
    expect(query && rowQuerySql(query, dialect)).toEqual([`SELECT "email", "active", "code", "price" FROM "users" WHERE "email" IN ('o''hara@x.io', 'b')`]);
  });
});

describe('nanoid', () => {
  it('makes ids of letters and digits of the asked length', () => {
    const ids = Array.from({ length: 200 }, () => nanoid());
    expect(ids.every((i) => /^[A-Za-z0-9]{21}$/.test(i))).toBe(true);
    expect(new Set(ids).size).toBe(200);
    expect(nanoid(8)).toMatch(/^[A-Za-z0-9]{8}$/);
  });
});

describe('sameValue', () => {
  const decimal = { kind: 'decimal', precision: 8, scale: 2 } as const;
  it.each([
    [9.999, '10.00', true],
    [1.005, '1.01', true],
    [-0.004, '0.00', true],
    [-2.345, '-2.35', true],
    [9.5, '9.50', true],
    [9.5, '9.51', false],
    ['12', '12.00', true],
  ])('decimal(8,2): seed %p is stored as %p → same: %p', (seed, stored, same) => {
    expect(sameValue(seed, stored, decimal)).toBe(same);
  });

  it('reads PostgreSQL boolean and bytea text forms', () => {
    expect(sameValue('yes', 't', { kind: 'boolean' })).toBe(true);
    expect(sameValue('off', 'f', { kind: 'boolean' })).toBe(true);
    expect(sameValue('hi', '\\x6869', { kind: 'binary' })).toBe(true);
    expect(sameValue('ho', '\\x6869', { kind: 'binary' })).toBe(false);
  });

  it('compares date-times by instant when both give a zone, else by wall clock', () => {
    const ts = { kind: 'timestamp', withTimeZone: true } as const;
    expect(sameValue('2024-01-02T03:04:05Z', '2024-01-02 04:04:05+01', ts)).toBe(true);
    expect(sameValue('2024-01-02 03:04:05', '2024-01-02 03:04:05+05:30', ts)).toBe(true);
    expect(sameValue('2024-01-02 03:04:05', '2024-01-02 03:04:06', ts)).toBe(false);
    expect(sameValue('2024-01-02 03:04:05.500', '2024-01-02 03:04:05.5', { kind: 'datetime' })).toBe(true);
  });
});

describe('seedOrder', () => {
  it('puts the seeded tables a foreign key references first, by name otherwise, and survives cycles', () => {
    const fk = (table: string) => ({ columns: ['x'], references: { table, columns: ['id'] }, onDelete: 'NO ACTION' as const, onUpdate: 'NO ACTION' as const });
    const desired = schema(
      table('a_books', [id()], { foreignKeys: [fk('z_authors'), fk('a_books')] }),
      table('m_tags', [id()]),
      table('z_authors', [id()], { foreignKeys: [fk('countries')] }),
      table('c1', [id()], { foreignKeys: [fk('c2')] }),
      table('c2', [id()], { foreignKeys: [fk('c1')] }),
    );
    const seeds = ['m_tags', 'a_books', 'z_authors', 'c2', 'c1'].map((t): TableSeed => ({ table: t, key: 'id', rows: [], generated: [] }));
    expect(seedOrder(seeds, desired).map((s) => s.table)).toEqual(['z_authors', 'a_books', 'c2', 'c1', 'm_tags']);
  });
});
