import type { ForeignKey, Schema } from '@odac/core';
import { col, fk, index, normalizeValue, rowDifferences, schema, schemaDifferences, table, unique } from '../src/index.js';

const desired = schema(
  table('users', [col.increments('id'), col.string('email', 255, { nullable: false })], {
    indexes: [unique('email'), index('id', { name: 'users_by_id' })],
  }),
  table('posts', [col.increments('id'), col.integer('user_id', { default: 0 })], { foreignKeys: [fk('user_id', 'users', 'id')] }),
);

/** What an adapter might report: generated names everywhere, `'0'` for 0, columns in another order. */
const live: Schema = {
  tables: [
    {
      name: 'posts',
      columns: [
        { name: 'user_id', type: { kind: 'integer', size: 'regular', unsigned: false }, nullable: true, default: { kind: 'literal', value: '0' } },
        { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
      ],
      primaryKey: { name: 'posts_pkey', columns: ['id'] },
      indexes: [],
      foreignKeys: [{ name: 'fk_posts_user_id', columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }],
      checks: [],
    },
    {
      name: 'users',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
        { name: 'email', type: { kind: 'string', length: 255 }, nullable: false },
      ],
      primaryKey: { name: 'users_pkey', columns: ['id'] },
      indexes: [
        { name: 'uq_users_email', columns: ['email'], unique: true },
        { name: 'users_by_id', columns: ['id'], unique: false },
      ],
      foreignKeys: [],
    },
  ],
};

describe('schemaDifferences', () => {
  it('treats equal meaning as equal: generated names, spellings of defaults, column order', () => {
    expect(schemaDifferences(desired, live)).toEqual([]);
  });

  it('compares the names the desired schema gave', () => {
    const renamed: Schema = {
      tables: live.tables.map((t) => (t.name === 'users' ? { ...t, indexes: t.indexes.map((i) => (i.unique ? i : { ...i, name: 'other' })) } : t)),
    };
    expect(schemaDifferences(desired, renamed)).toEqual(['users.indexes.(id).name: expected "users_by_id", got "other"']);
  });

  it('tells two keys on the same columns and target apart (issue 10)', () => {
    const withKeys = (s: Schema, onDeletes: readonly ('CASCADE' | 'SET NULL')[]): Schema => ({
      tables: s.tables.map((t) => (t.name === 'posts' ? { ...t, foreignKeys: onDeletes.map((onDelete) => ({ ...(t.foreignKeys[0] as ForeignKey), onDelete })) } : t)),
    });
    expect(schemaDifferences(withKeys(desired, ['SET NULL', 'CASCADE']), withKeys(live, ['CASCADE', 'SET NULL']))).toEqual([]);
    expect(schemaDifferences(withKeys(desired, ['SET NULL', 'CASCADE']), withKeys(live, ['SET NULL']))).toEqual([
      'posts.foreignKeys.(user_id) → users(id).onDelete: expected "CASCADE", got "SET NULL"',
      'posts.foreignKeys.(user_id) → users(id) #2: expected {"onDelete":"SET NULL","onUpdate":"NO ACTION"}, missing from the database',
    ]);
  });

  it('reports each difference on its own line', () => {
    const changed: Schema = {
      tables: [
        ...live.tables.filter((t) => t.name !== 'posts'),
        { ...(live.tables[0] as Schema['tables'][number]), foreignKeys: [], columns: [{ name: 'id', type: { kind: 'integer', size: 'big' }, nullable: true }] },
        { name: 'extra', columns: [], indexes: [], foreignKeys: [] },
      ],
    };
    expect(schemaDifferences(desired, changed)).toEqual([
      'extra: table exists in the database but was not expected',
      'posts.columns.id.type: expected "integer(regular)", got "integer(big)"',
      'posts.columns.id.nullable: expected false, got true',
      'posts.columns.id.autoIncrement: expected true, got false',
      'posts.columns.user_id: expected {"type":"integer(regular)","nullable":true,"default":"literal 0","autoIncrement":false,"onUpdateCurrentTimestamp":false,"comment":""}, missing from the database',
      'posts.foreignKeys.(user_id) → users(id): expected {"onDelete":"NO ACTION","onUpdate":"NO ACTION"}, missing from the database',
    ]);
    expect(schemaDifferences(desired, changed, { tables: ['users'] })).toEqual([]);
  });
});

describe('row comparison', () => {
  it('reports a foreign key whose deferral or MATCH differs', () => {
    const deferred: Schema = {
      tables: live.tables.map((t) =>
        t.name === 'posts' ? { ...t, foreignKeys: t.foreignKeys.map((f) => ({ ...f, deferrable: 'deferred' as const, match: 'full' as const })) } : t,
      ),
    };
    expect(schemaDifferences(desired, deferred)).toEqual([
      'posts.foreignKeys.(user_id) → users(id).deferrable: not expected, but the database has "deferred"',
      'posts.foreignKeys.(user_id) → users(id).match: not expected, but the database has "full"',
    ]);
  });

  it('normalizes driver spellings of one value', () => {
    expect(normalizeValue(true)).toBe(normalizeValue(1));
    expect(normalizeValue('19.90')).toBe(normalizeValue(19.9));
    expect(normalizeValue(BigInt(42))).toBe(42);
    expect(normalizeValue('{"b":1,"a":[1,2]}')).toBe(normalizeValue({ a: [1, 2], b: 1 }));
    expect(normalizeValue(new Date('2024-01-02T03:04:05.000Z'))).toBe('2024-01-02T03:04:05.000Z');
    expect(normalizeValue(Buffer.from([1, 255]))).toBe('hex:01ff');
    expect(normalizeValue(undefined)).toBeNull();
    expect(normalizeValue('hello')).toBe('hello');
  });

  it('compares rows as multisets over the given columns', () => {
    const before = [
      { id: 1, name: 'a', gone: 'x' },
      { id: 2, name: 'b', gone: 'y' },
    ];
    expect(rowDifferences('t', before, [{ id: '2', name: 'b' }, { id: '1', name: 'a' }], ['id', 'name'])).toEqual([]);
    expect(rowDifferences('t', before, [{ id: 1, name: 'a' }], ['id', 'name'])).toEqual([
      't (id, name): 2 rows expected, 1 found',
      '  missing: [2,"b"]',
    ]);
  });
});
