import { buildSchema } from '../../src/index.js';
import { problemsOf, sourced } from '../schema/helpers.js';

const columns = {
  id: { type: 'nanoid', primary: true },
  email: { type: 'string', nullable: false },
  role: { type: 'enum', values: ['admin', 'user'] },
  settings: { type: 'json' },
  stamps: { type: 'timestamps' },
};

const messages = (defs: Record<string, unknown>): string[] => problemsOf(() => buildSchema(sourced(defs))).map((e) => e.message);

describe('seed and seedKey', () => {
  it('are accepted and returned beside the model, with the nanoid columns to generate', () => {
    const loaded = buildSchema(sourced({ 'users.js': { columns, seed: [{ email: 'a@x.io', role: 'admin', settings: { theme: ['dark'] }, created_at: '2024-01-01 00:00:00' }], seedKey: 'email' } }));
    expect(loaded.seeds).toEqual([
      {
        table: 'users',
        key: 'email',
        rows: [{ email: 'a@x.io', role: 'admin', settings: { theme: ['dark'] }, created_at: '2024-01-01 00:00:00' }],
        generated: [{ column: 'id', length: 21 }],
        source: '/schema/users.js',
      },
    ]);
    // Data, not schema: the model is the same as without the seed.
    const plain = buildSchema(sourced({ 'users.js': { columns } }));
    expect(loaded.schema).toEqual(plain.schema);
    expect(plain.seeds).toEqual([]);
  });

  it('requires seedKey with seed rows, naming the file and table', () => {
    expect(messages({ 'users.js': { columns, seed: [{ email: 'a@x.io' }] } })).toEqual([
      expect.stringMatching(/^\/schema\/users\.js: table "users" has seed rows but no seedKey; add seedKey/),
    ]);
  });

  it('rejects a seedKey or a seeded column the table does not have, with a suggestion', () => {
    expect(messages({ 'users.js': { columns, seed: [{ email: 'a@x.io' }], seedKey: 'emial' } })).toEqual([
      expect.stringContaining(`has seedKey 'emial', but the table has no such column; did you mean 'email'?`),
    ]);
    expect(messages({ 'users.js': { columns, seed: [{ email: 'a@x.io', rol: 'admin' }], seedKey: 'email' } })).toEqual([
      expect.stringContaining(`has seed[0] with column 'rol', but the table has no such column; did you mean 'role'?`),
    ]);
  });

  it('rejects rows without a key value and repeated key values', () => {
    expect(messages({ 'users.js': { columns, seed: [{ role: 'user' }], seedKey: 'email' } })).toEqual([
      expect.stringContaining('column "users"."email" is the seedKey, but seed[0] gives it no value'),
    ]);
    expect(messages({ 'users.js': { columns, seed: [{ email: 'a' }, { email: 'b' }, { email: 'a' }], seedKey: 'email' } })).toEqual([
      expect.stringContaining('has the seed key "a" in seed[0] and seed[2]'),
    ]);
  });

  it('takes objects and arrays only for json columns, and no Dates', () => {
    expect(messages({ 'users.js': { columns, seed: [{ email: 'a', role: ['admin'] }], seedKey: 'email' } })).toEqual([
      expect.stringContaining('column "users"."role" has an array in seed[0], but only json and jsonb columns take objects and arrays'),
    ]);
    expect(messages({ 'users.js': { columns, seed: [{ email: 'a', created_at: new Date(0) }], seedKey: 'email' } })).toEqual([
      expect.stringContaining('column "users"."created_at" has a Date in seed[0]; write the date as text'),
    ]);
    expect(messages({ 'users.js': { columns, seed: [{ email: 'a', settings: { n: Number.NaN } }], seedKey: 'email' } })).toHaveLength(1);
  });

  it('rejects a seed that is not an array, and rows that are not objects', () => {
    expect(messages({ 'users.js': { columns, seed: { email: 'a' }, seedKey: 'email' } })).toEqual([expect.stringContaining('has seed that is not an array')]);
    expect(messages({ 'users.js': { columns, seed: ['a'], seedKey: 'email' } })).toEqual([expect.stringContaining('has seed[0] that is not an object')]);
  });

  it('uses the nanoid column length for generated ids', () => {
    const loaded = buildSchema(sourced({ 't.js': { columns: { code: { type: 'nanoid', length: 8 }, name: { type: 'string' } }, seed: [{ name: 'x' }], seedKey: 'name' } }));
    expect(loaded.seeds[0]?.generated).toEqual([{ column: 'code', length: 8 }]);
  });
});
