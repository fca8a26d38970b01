/**
 * Generated columns on PostgreSQL, offline: the DDL (`GENERATED ALWAYS AS
 * (…) STORED | VIRTUAL`, never a DEFAULT with it), introspection of
 * `attgenerated` 's'/'v' with the expression from `pg_attrdef`, and the
 * plan-time refusal of VIRTUAL before PostgreSQL 18.
 */
import type { Operation, Table } from '@odac/core';
import { emit } from '../../src/emit.js';
import { fromRows, type ColumnRow } from '../../src/introspect.js';
import { normalize } from '../../src/normalize.js';
import { versionProblems } from '../../src/server-version.js';

const row = (name: string, position: number, extra: Partial<ColumnRow> = {}): ColumnRow => ({
  table_name: 'items',
  position,
  name,
  type: 'integer',
  type_kind: 'b',
  enum_values: null,
  not_null: false,
  identity: '',
  generated: '',
  default_sql: null,
  comment: null,
  collation: null,
  owned_sequence: null,
  ...extra,
});

const items: Table = {
  name: 'items',
  columns: [
    { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false },
    { name: 'price', type: { kind: 'integer', size: 'regular' }, nullable: true },
    { name: 'total', type: { kind: 'integer', size: 'regular' }, nullable: false, generated: { expression: 'price * 2', stored: true } },
    { name: 'half', type: { kind: 'integer', size: 'regular' }, nullable: true, generated: { expression: 'price / 2', stored: false } },
  ],
  primaryKey: { columns: ['id'] },
  indexes: [],
  foreignKeys: [],
};

describe('PostgreSQL generated columns', () => {
  it('creates stored and virtual generated columns', () => {
    const [create] = emit([{ kind: 'createTable', table: 'items', classification: 'additive', definition: items }]);
    expect(create?.sql).toBe(
      'CREATE TABLE "items" (\n  "id" integer NOT NULL,\n  "price" integer,\n  "total" integer GENERATED ALWAYS AS (price * 2) STORED NOT NULL,\n  "half" integer GENERATED ALWAYS AS (price / 2) VIRTUAL,\n  PRIMARY KEY ("id")\n)',
    );
  });

  it('re-creates a column as DROP COLUMN then ADD COLUMN … GENERATED', () => {
    const total = items.columns[2]!;
    const ops: Operation[] = [
      { kind: 'dropColumn', table: 'items', classification: 'changing', column: total, replace: true },
      { kind: 'addColumn', table: 'items', classification: 'additive', column: { ...total, generated: { expression: 'price * 3', stored: true } }, replace: true },
    ];
    expect(emit(ops).map((s) => s.sql)).toEqual([
      'ALTER TABLE "items" DROP COLUMN "total"',
      'ALTER TABLE "items" ADD COLUMN "total" integer GENERATED ALWAYS AS (price * 3) STORED NOT NULL',
    ]);
  });

  it('changes the type of a generated column without USING, which PostgreSQL refuses there (found by random convergence)', () => {
    const total = items.columns[2];
    if (!total) throw new Error('no total');
    const to = { ...total, type: { kind: 'decimal', precision: 6, scale: 2 } } as const;
    const [st] = emit([{ kind: 'alterColumn', table: 'items', classification: 'changing', from: total, to, changes: ['type'] }]);
    expect(st?.sql).toBe('ALTER TABLE "items" ALTER COLUMN "total" TYPE numeric(6,2)');
  });

  it('reads attgenerated s and v with the expression, which is no default', () => {
    const schema = fromRows({
      tables: [{ name: 'items', comment: null }],
      columns: [
        row('id', 1, { not_null: true }),
        row('total', 2, { generated: 's', default_sql: '(price * 2)', not_null: true }),
        row('half', 3, { generated: 'v', default_sql: '(price / 2)' }),
        row('plain', 4, { default_sql: '7' }),
      ],
      constraints: [],
      indexes: [],
    });
    const cols = schema.tables[0]?.columns ?? [];
    expect(cols.map((c) => [c.name, c.generated ?? null, c.default ?? null])).toEqual([
      ['id', null, null],
      ['total', { expression: '(price * 2)', stored: true }, null],
      ['half', { expression: '(price / 2)', stored: false }, null],
      ['plain', null, { kind: 'literal', value: 7 }],
    ]);
  });

  it('normalize keeps generated and drops a default that came with it', () => {
    const t: Table = { ...items, columns: [{ ...items.columns[2]!, default: { kind: 'literal', value: 1 } }] };
    expect(normalize({ tables: [t] }).tables[0]?.columns[0]).toEqual({
      name: 'total',
      type: { kind: 'integer', size: 'regular' },
      nullable: false,
      generated: { expression: 'price * 2', stored: true },
    });
  });

  it('refuses VIRTUAL before PostgreSQL 18, naming file, table and column; 18 takes it', () => {
    const problems = versionProblems({ tables: [{ ...items, source: '/app/schema/items.js' }] }, 150004);
    expect(problems.map((p) => [p.code, p.location])).toEqual([['SCHEMA.UNSUPPORTED', { file: '/app/schema/items.js', table: 'items', column: 'half' }]]);
    expect(problems[0]?.message).toContain('column "items"."half" is a virtual generated column (generated.stored: false), and PostgreSQL 15 has only STORED generated columns');
    expect(problems[0]?.message).toContain('Remove stored: false');
    expect(versionProblems({ tables: [items] }, 180000)).toEqual([]);
  });
});
