import type { Schema, Table } from '@odac/core';
import { normalize } from '../../src/normalize.js';

const t = (partial: Partial<Table>): Table => ({ name: 't', columns: [], indexes: [], foreignKeys: [], ...partial });

describe('normalize', () => {
  it('drops unsigned, widens tiny/medium, maps datetime, text sizes, binary lengths and json flags', () => {
    const out = normalize({
      tables: [
        t({
          columns: [
            { name: 'a', type: { kind: 'integer', size: 'tiny', unsigned: true }, nullable: true },
            { name: 'b', type: { kind: 'integer', size: 'medium' }, nullable: true },
            { name: 'c', type: { kind: 'decimal', precision: 8, scale: 2, unsigned: true }, nullable: true },
            { name: 'd', type: { kind: 'datetime' }, nullable: true },
            { name: 'e', type: { kind: 'text', size: 'long' }, nullable: true },
            { name: 'f', type: { kind: 'binary', length: 16 }, nullable: true },
            { name: 'g', type: { kind: 'json' }, nullable: true },
            { name: 'h', type: { kind: 'timestamp' }, nullable: true },
            { name: 'i', type: { kind: 'native', sql: 'integer' }, nullable: true },
          ],
        }),
      ],
    });
    expect(out.tables[0]?.columns.map((c) => c.type)).toEqual([
      { kind: 'integer', size: 'small' },
      { kind: 'integer', size: 'regular' },
      { kind: 'decimal', precision: 8, scale: 2 },
      { kind: 'timestamp', withTimeZone: false },
      { kind: 'text' },
      { kind: 'binary' },
      { kind: 'json', binary: false },
      { kind: 'timestamp', withTimeZone: false },
      { kind: 'integer', size: 'regular' },
    ]);
  });

  it('makes auto-increment and primary key columns NOT NULL without default; drops NULL defaults and MySQL ON UPDATE', () => {
    const out = normalize({
      tables: [
        t({
          primaryKey: { columns: ['k'] },
          columns: [
            { name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: true, autoIncrement: true, default: { kind: 'literal', value: 1 } },
            { name: 'k', type: { kind: 'string', length: 5 }, nullable: true },
            { name: 'n', type: { kind: 'string', length: 5 }, nullable: true, default: { kind: 'literal', value: null }, onUpdateCurrentTimestamp: true },
            { name: 'ts', type: { kind: 'datetime' }, nullable: true, default: { kind: 'expression', sql: 'now()' } },
            { name: 'z', type: { kind: 'integer', size: 'regular' }, nullable: true, default: { kind: 'literal', value: '0' } },
          ],
        }),
      ],
    });
    expect(out.tables[0]?.columns).toEqual([
      { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
      { name: 'k', type: { kind: 'string', length: 5 }, nullable: false },
      { name: 'n', type: { kind: 'string', length: 5 }, nullable: true },
      { name: 'ts', type: { kind: 'timestamp', withTimeZone: false }, nullable: true, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
      { name: 'z', type: { kind: 'integer', size: 'regular' }, nullable: true, default: { kind: 'literal', value: 0 } },
    ]);
  });

  it('keeps checks and partial-index predicates as written (the server prints them when planning), and sorts', () => {
    const schema: Schema = {
      tables: [
        t({ name: 'z', columns: [{ name: 'n', type: { kind: 'integer', size: 'regular' }, nullable: true }], checks: [{ expression: 'n >= 0' }], indexes: [{ columns: ['n'], unique: false, where: 'n IS NOT NULL' }] }),
        t({ name: 'a', comment: '' }),
      ],
    };
    const out = normalize(schema);
    expect(out.tables.map((x) => x.name)).toEqual(['a', 'z']);
    expect(out.tables[0]?.comment).toBeUndefined();
    expect(out.tables[1]?.checks).toEqual([{ expression: 'n >= 0' }]);
    expect(out.tables[1]?.indexes).toEqual([{ columns: ['n'], unique: false, where: 'n IS NOT NULL' }]);
  });
});

describe('enum type names (typeName)', () => {
  const enumColumn = (name: string, values: string[], typeName?: string) => ({ name, type: { kind: 'enum' as const, values, ...(typeName ? { typeName } : {}) }, nullable: true });
  const tableOf = (name: string, columns: ReturnType<typeof enumColumn>[]) => ({ name, columns, indexes: [], foreignKeys: [] });
  it('keeps the name, and refuses one name with two lists of values', () => {
    const ok = normalize({ tables: [tableOf('a', [enumColumn('m', ['x', 'y'], 'mood')]), tableOf('b', [enumColumn('m', ['x', 'y'], 'mood')])] });
    expect(ok.tables.map((t) => t.columns[0]?.type)).toEqual([
      { kind: 'enum', values: ['x', 'y'], typeName: 'mood' },
      { kind: 'enum', values: ['x', 'y'], typeName: 'mood' },
    ]);
    expect(() => normalize({ tables: [tableOf('a', [enumColumn('m', ['x', 'y'], 'mood')]), tableOf('b', [enumColumn('m', ['y', 'x'], 'mood')])] })).toThrow(
      /"b"\."m" names enum type 'mood' with values \["y","x"\], but column "a"\."m" names it with \["x","y"\]/,
    );
  });
});
