/**
 * `generated` on a column (issue 10): the schema-file syntax (shorthand and
 * object, `stored` defaulting to true), and the validation errors for what
 * every database rejects together with a generated column.
 */
import { buildSchema, type SchemaError } from '@odac/core';
import { problemsOf, sourced } from './helpers.js';

const build = (c: Record<string, unknown>) =>
  buildSchema(sourced({ 'items.js': { columns: { id: { type: 'integer', primary: true }, price: { type: 'integer' }, c } } })).schema.tables[0]?.columns.find((x) => x.name === 'c');

const problems = (c: Record<string, unknown>): readonly SchemaError[] =>
  problemsOf(() => buildSchema(sourced({ 'items.js': { columns: { id: { type: 'integer', primary: true }, price: { type: 'integer' }, c } } })));

describe('generated columns in schema files', () => {
  it('reads the shorthand string as a stored generated column', () => {
    expect(build({ type: 'integer', generated: ' price * 2 ' })?.generated).toEqual({ expression: 'price * 2', stored: true });
  });

  it('reads { expression, stored }; stored defaults to true', () => {
    expect(build({ type: 'integer', generated: { expression: 'price * 2', stored: false } })?.generated).toEqual({ expression: 'price * 2', stored: false });
    expect(build({ type: 'integer', generated: { expression: 'price * 2' } })?.generated).toEqual({ expression: 'price * 2', stored: true });
    expect(build({ type: 'integer' })?.generated).toBeUndefined();
  });

  it.each([
    ['an empty shorthand', { type: 'integer', generated: '  ' }, ['"items"."c"', 'generated without an expression', 'remove generated']],
    ['no expression', { type: 'integer', generated: { stored: true } }, ['generated without an expression']],
    ['a default as well', { type: 'integer', default: 0, generated: 'price * 2' }, ['both a default and generated', 'Remove default']],
    ['auto-increment', { type: 'increments', generated: 'price * 2' }, ['is increments (auto-increment) but generated']],
    ['identity', { type: 'integer', identity: 'always', generated: 'price * 2' }, ['is given identity (auto-increment) but generated']],
    ['a virtual primary key', { type: 'integer', primary: true, generated: { expression: 'price', stored: false } }, ['primary: true on a virtual generated column']],
    ['stored that is not a boolean', { type: 'integer', generated: { expression: 'price', stored: 'yes' } }, ['generated.stored "yes"']],
    ['an unknown key', { type: 'integer', generated: { expression: 'price', stord: false } }, ["unknown key 'stord' in generated", "did you mean 'stored'?"]],
    ['a number', { type: 'integer', generated: 3 }, ['generated of type number']],
    ['two statements', { type: 'integer', generated: 'price; DROP TABLE items' }, ['generated expression', 'single expression']],
  ])('rejects %s, naming the file, table and column', (_what, def, says) => {
    const found = problems({ ...def }).filter((p) => p.location.column === 'c');
    expect(found).toHaveLength(1);
    const [p] = found as [SchemaError];
    expect(p.message).toContain('/schema/items.js: column "items"."c"');
    for (const s of says) expect(p.message).toContain(s);
  });

  it('accepts a stored generated primary key, NOT NULL and unique (PostgreSQL, MySQL and SQL Server take them)', () => {
    expect(build({ type: 'integer', primary: true, nullable: false, unique: true, generated: 'price * 2' })?.generated).toEqual({ expression: 'price * 2', stored: true });
  });

  it('takes generated on a type odac passes through (specificType)', () => {
    expect(build({ type: 'specificType', native: 'tsvector', generated: "to_tsvector('simple', price::text)" })?.generated?.stored).toBe(true);
  });
});

describe('seed rows and generated columns', () => {
  it('refuses a seed value for a generated column (every database does), naming it', () => {
    const found = problemsOf(() =>
      buildSchema(
        sourced({
          'items.js': {
            columns: { id: { type: 'integer', primary: true }, price: { type: 'integer' }, twice: { type: 'integer', generated: 'price * 2' } },
            seedKey: 'id',
            seed: [{ id: 1, price: 3 }, { id: 2, price: 4, twice: 8 }],
          },
        }),
      ),
    );
    expect(found.map((p) => [p.location.column, p.message])).toEqual([
      ['twice', expect.stringContaining('/schema/items.js: column "items"."twice" is a generated column, and seed[1] gives it a value')],
    ]);
  });

  it('takes seed rows that leave generated columns out', () => {
    const built = buildSchema(
      sourced({ 'items.js': { columns: { id: { type: 'integer', primary: true }, price: { type: 'integer' }, twice: { type: 'integer', generated: 'price * 2' } }, seedKey: 'id', seed: [{ id: 1, price: 3 }] } }),
    );
    expect(built.seeds.map((s) => s.rows.length)).toEqual([1]);
  });
});
