/**
 * Every ODAC.JS schema key and type is accepted with ODAC.JS's meaning
 * (issue 9): float precision/scale, specificType's raw type in `specificType`
 * or `length`, length on text (ignored, with a plan note), unique on the key
 * column (no second index); enum without values stays an error.
 */
import { buildSchema, type Table } from '@odac/core';
import { problemsOf, sourced } from './helpers.js';

function table(def: unknown, name = 'posts'): { table: Table; warnings: readonly string[] } {
  const loaded = buildSchema(sourced({ [`${name}.js`]: def }));
  const found = loaded.schema.tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return { table: found, warnings: loaded.warnings };
}

describe('float', () => {
  it('keeps precision and scale as written; without them it is a plain float', () => {
    const { table: t } = table({ columns: { a: { type: 'float', precision: 8, scale: 2 }, b: { type: 'float', precision: 30 }, c: { type: 'float' } } });
    expect(t.columns.map((c) => c.type)).toEqual([{ kind: 'float', precision: 8, scale: 2 }, { kind: 'float', precision: 30 }, { kind: 'float' }]);
  });

  it('refuses a scale without precision, and a scale above the precision', () => {
    expect(problemsOf(() => table({ columns: { a: { type: 'float', scale: 2 } } })).map((p) => p.message)).toEqual([expect.stringContaining('a scale but no precision')]);
    expect(problemsOf(() => table({ columns: { a: { type: 'float', precision: 4, scale: 6 } } })).map((p) => p.message)).toEqual([expect.stringContaining('scale 6 larger than its precision 4')]);
  });
});

describe('specificType', () => {
  it.each([
    ['native (odac)', { native: 'citext' }],
    ['specificType (ODAC.JS)', { specificType: 'citext' }],
    ['length (ODAC.JS)', { length: 'citext' }],
  ])('takes its raw type from %s', (_label, extra) => {
    const { table: t } = table({ columns: { email: { type: 'specificType', ...extra } } });
    expect(t.columns[0]?.type).toEqual({ kind: 'native', sql: 'citext' });
  });

  it('refuses two different raw types, a numeric length, and none at all', () => {
    expect(problemsOf(() => table({ columns: { a: { type: 'specificType', native: 'citext', specificType: 'inet' } } }))[0]?.message).toContain("native: 'citext', specificType: 'inet'");
    expect(problemsOf(() => table({ columns: { a: { type: 'specificType', length: 20 } } }))[0]?.message).toContain("length: 'citext'");
    expect(problemsOf(() => table({ columns: { a: { type: 'specificType' } } }))[0]?.message).toContain("native: 'citext'");
  });

  it('checks the raw type is one SQL fragment, wherever it is given', () => {
    expect(problemsOf(() => table({ columns: { a: { type: 'specificType', specificType: 'text; DROP TABLE x' } } }))[0]?.message).toContain('single expression');
  });
});

describe('length on text', () => {
  it('is accepted and ignored, with a note for the plan naming the column', () => {
    const { table: t, warnings } = table({ columns: { body: { type: 'text', length: 500 } } });
    expect(t.columns[0]?.type).toEqual({ kind: 'text' });
    expect(warnings).toHaveLength(1);
    for (const words of ['posts.js', '"posts"."body"', 'length 500', 'ignored']) expect(warnings[0]).toContain(words);
  });
});

describe('unique on the key column', () => {
  it('adds no second index on an increments key', () => {
    const { table: t } = table({ columns: { id: { type: 'increments', unique: true } } });
    expect(t.primaryKey?.columns).toEqual(['id']);
    expect(t.indexes).toEqual([]);
  });

  it('adds no second index on a nanoid primary key, but a unique nanoid that is not the key is unique', () => {
    const { table: t } = table({ columns: { id: { type: 'nanoid', primary: true, unique: true }, code: { type: 'nanoid', unique: true } } });
    expect(t.primaryKey?.columns).toEqual(['id']);
    expect(t.indexes.map((i) => [i.columns, i.unique])).toEqual([[['code'], true]]);
  });
});

describe('enum', () => {
  it('without values is still an error', () => {
    expect(problemsOf(() => table({ columns: { status: { type: 'enum' } } }))[0]?.message).toContain("add values: ['a', 'b']");
  });
});
