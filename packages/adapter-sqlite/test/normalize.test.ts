import type { Schema } from '@odac/core';
import { normalize } from '../src/normalize.js';
import { fk, id, int, schema, str, table } from './support.js';

describe('normalize', () => {
  it('drops unsigned, comments, onUpdateCurrentTimestamp, PK names; PK columns become NOT NULL', () => {
    const out = normalize(
      schema(
        table(
          'items',
          [
            int('code', { nullable: true, comment: 'c' }),
            { name: 'price', type: { kind: 'decimal', precision: 8, scale: 2, unsigned: true }, nullable: true },
            { name: 'at', type: { kind: 'timestamp', withTimeZone: false }, nullable: true, onUpdateCurrentTimestamp: true },
            { name: 'doc', type: { kind: 'json', binary: false }, nullable: true },
            { name: 'body', type: { kind: 'text', size: 'regular' }, nullable: true },
          ],
          { primaryKey: { name: 'pk_items', columns: ['code'] }, comment: 'items', checks: [] },
        ),
      ),
    );
    expect(out).toEqual({
      tables: [
        {
          name: 'items',
          columns: [
            { name: 'code', type: { kind: 'integer', size: 'regular' }, nullable: false },
            { name: 'price', type: { kind: 'decimal', precision: 8, scale: 2 }, nullable: true },
            { name: 'at', type: { kind: 'timestamp' }, nullable: true },
            { name: 'doc', type: { kind: 'json' }, nullable: true },
            { name: 'body', type: { kind: 'text' }, nullable: true },
          ],
          primaryKey: { columns: ['code'] },
          indexes: [],
          foreignKeys: [],
        },
      ],
    });
  });

  it('keeps autoIncrement only on a lone integer primary key, as size regular', () => {
    const big = table('big', [{ name: 'id', type: { kind: 'integer', size: 'big', unsigned: true }, nullable: false, autoIncrement: true }]);
    const compound = table('compound', [{ ...id('a') }, int('b', { nullable: false })], { primaryKey: { columns: ['a', 'b'] } });
    const notKey = table('not_key', [str('code', 3, { nullable: false }), { ...int('n'), autoIncrement: true }], { primaryKey: { columns: ['code'] } });
    const out = normalize(schema(big, compound, notKey));
    const col = (t: number, c: number) => out.tables[t]?.columns[c];
    expect(col(0, 0)).toEqual({ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true });
    expect(col(1, 0)?.autoIncrement).toBeUndefined();
    expect(col(2, 1)?.autoIncrement).toBeUndefined();
  });

  it('puts defaults in the form SQLite reports', () => {
    const out = normalize(
      schema(
        table('d', [
          id(),
          { name: 'flag', type: { kind: 'boolean' }, nullable: true, default: { kind: 'literal', value: 0 } },
          { name: 'none', type: { kind: 'text' }, nullable: true, default: { kind: 'literal', value: null } },
          { name: 'at', type: { kind: 'datetime' }, nullable: true, default: { kind: 'expression', sql: 'now()' } },
          { name: 'n', type: { kind: 'integer', size: 'regular' }, nullable: true, default: { kind: 'expression', sql: ' ( 7 ) ' } },
        ]),
      ),
    );
    expect(out.tables[0]?.columns.slice(1).map((c) => c.default)).toEqual([
      { kind: 'literal', value: false },
      undefined,
      { kind: 'expression', sql: 'CURRENT_TIMESTAMP' },
      { kind: 'literal', value: 7 },
    ]);
  });

  it('maps native types that name a known type; keeps others', () => {
    const out = normalize(
      schema(
        table('n', [
          id(),
          { name: 'a', type: { kind: 'native', sql: 'VARCHAR(12)' }, nullable: true },
          { name: 'b', type: { kind: 'native', sql: 'citext' }, nullable: true },
        ]),
      ),
    );
    expect(out.tables[0]?.columns.slice(1).map((c) => c.type)).toEqual([
      { kind: 'string', length: 12 },
      { kind: 'native', sql: 'citext' },
    ]);
  });

  it('keeps the desired-only hints the differ needs, and sorts', () => {
    const input: Schema = {
      tables: [
        table('z', [id(), { ...int('b'), renamedFrom: 'a' }], { renamedFrom: 'old_z', source: 'schema/z.js' }),
        table('a', [id(), int('z_id')], { foreignKeys: [fk(['z_id'], 'z', { name: 'fk_named' })] }),
      ],
    };
    const out = normalize(input);
    expect(out.tables.map((t) => t.name)).toEqual(['a', 'z']);
    expect(out.tables[1]).toMatchObject({ renamedFrom: 'old_z', source: 'schema/z.js' });
    expect(out.tables[1]?.columns[1]).toMatchObject({ renamedFrom: 'a' });
    expect(out.tables[0]?.foreignKeys[0]?.name).toBe('fk_named');
  });

  it('is pure: the input is not changed', () => {
    const input = schema(table('t', [id(), { ...int('x'), comment: 'keep me' }], { comment: 'and me' }));
    const copy = JSON.parse(JSON.stringify(input));
    normalize(input);
    expect(input).toEqual(copy);
  });
});
