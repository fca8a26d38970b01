/**
 * The database's spelling of expressions (ARCHITECTURE rule 10): a map from
 * authored text to canonical text replaces checks, predicates, native
 * indexes and generated expressions; the live side is asked only about what
 * matches nothing desired.
 */
import { expressionKey, unmatchedExpressions, withCanonicalExpressions, type Schema, type Table } from '../../src/index.js';

const table = (over: Partial<Table> = {}): Table => ({
  name: 't',
  columns: [
    { name: 'a', type: { kind: 'integer', size: 'regular' }, nullable: true },
    { name: 'b', type: { kind: 'integer', size: 'regular' }, nullable: true, generated: { expression: 'a * 2', stored: true } },
  ],
  indexes: [
    { name: 'i_where', columns: ['a'], unique: false, where: 'a > 0' },
    { name: 'i_native', columns: [], unique: true, native: 'USING btree (lower(x))' },
  ],
  foreignKeys: [],
  checks: [{ name: 'c', expression: 'a IN (1, 2)' }],
  ...over,
});

describe('withCanonicalExpressions', () => {
  test('replaces each kind of expression the map knows and leaves the rest', () => {
    const map = new Map([
      [expressionKey('t', 'check', 'a IN (1, 2)'), '(a = ANY (ARRAY[1, 2]))'],
      [expressionKey('t', 'where', 'a > 0'), '(a > 0)'],
      [expressionKey('t', 'generated', 'a * 2'), '(a * 2)'],
    ]);
    const out = withCanonicalExpressions({ tables: [table()] }, map).tables[0];
    expect(out?.checks?.map((c) => c.expression)).toEqual(['(a = ANY (ARRAY[1, 2]))']);
    expect(out?.indexes.map((i) => i.where ?? i.native)).toEqual(['(a > 0)', 'USING btree (lower(x))']);
    expect(out?.columns[1]?.generated).toEqual({ expression: '(a * 2)', stored: true });
  });

  test("a column's type and default as the database reads them back (kind column) replace the normalized ones", () => {
    const read = { type: { kind: 'integer', size: 'big' }, default: { kind: 'literal', value: 0 } };
    const out = withCanonicalExpressions({ tables: [table()] }, new Map([[expressionKey('t', 'column', 'a'), JSON.stringify(read)]])).tables[0];
    expect(out?.columns[0]).toEqual({ name: 'a', nullable: true, ...read });
    expect(out?.columns[1]?.type).toEqual({ kind: 'integer', size: 'regular' });
  });

  test('a key of another table does not apply', () => {
    const map = new Map([[expressionKey('other', 'check', 'a IN (1, 2)'), 'x']]);
    expect(withCanonicalExpressions({ tables: [table()] }, map).tables[0]?.checks?.[0]?.expression).toBe('a IN (1, 2)');
  });
});

describe('unmatchedExpressions', () => {
  test('nothing to ask when the live expressions equal the desired ones', () => {
    const schema: Schema = { tables: [table()] };
    expect(unmatchedExpressions(schema, schema).tables).toEqual([]);
  });

  test('only the live expressions no desired one matches are left, with the columns they need', () => {
    const desired: Schema = { tables: [table()] };
    const current: Schema = { tables: [table({ checks: [{ name: 'c', expression: '(a = ANY (ARRAY[1, 2]))' }] })] };
    const [left] = unmatchedExpressions(current, desired).tables;
    expect(left?.checks).toEqual([{ name: 'c', expression: '(a = ANY (ARRAY[1, 2]))' }]);
    expect(left?.indexes).toEqual([]);
    expect(left?.columns.map((c) => c.name)).toEqual(['a', 'b']);
    // b's generated expression matched: it is not probed again.
    expect(left?.columns[1]?.generated).toBeUndefined();
  });
});
