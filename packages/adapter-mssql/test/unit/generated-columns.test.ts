/**
 * Computed (generated) columns on SQL Server, offline (no server here):
 * `AS CAST((expr) AS type) [PERSISTED] [NOT NULL]` with the authored text
 * recorded next to the column, `sys.computed_columns` read back (the
 * authored text while SQL Server's definition is unchanged), a new
 * expression re-created by drop + add, and NOT NULL without PERSISTED
 * refused at plan time.
 */
import { planMigration, SchemaValidationError, type Operation, type Table } from '@odac/core';
import adapter, { definitionHash, fromRows, normalize, type ColumnRow } from '@odac/adapter-mssql';

const int = { kind: 'integer', size: 'regular' } as const;

const lines = (total: Table['columns'][number]): Table => ({
  name: 'lines',
  columns: [{ name: 'id', type: int, nullable: false }, { name: 'price', type: int, nullable: false }, { name: 'qty', type: int, nullable: false }, total],
  primaryKey: { columns: ['id'] },
  indexes: [],
  foreignKeys: [],
});

const row = (column_id: number, name: string, extra: Partial<ColumnRow> = {}): ColumnRow => ({
  object_id: 7,
  column_id,
  name,
  type_name: 'int',
  is_user_defined: false,
  max_length: 4,
  precision: 10,
  scale: 0,
  is_nullable: false,
  is_identity: false,
  is_computed: false,
  default_object_id: null,
  default_definition: null,
  ...extra,
});

describe('SQL Server computed columns', () => {
  it('creates a persisted computed column with its declared type and records the authored expression', () => {
    const t = lines({ name: 'total', type: int, nullable: false, generated: { expression: 'price * qty', stored: true } });
    const sql = adapter.emit([{ kind: 'createTable', table: 'lines', classification: 'additive', definition: t }]).map((s) => s.sql);
    expect(sql[0]).toContain('[total] AS CAST((price * qty) AS int) PERSISTED NOT NULL');
    expect(sql.some((s) => s.includes("N'odac_authored'") && s.includes('sys.computed_columns') && s.includes("N'|', N'price * qty'"))).toBe(true);
  });

  it('a virtual one is neither PERSISTED nor NOT NULL; NOT NULL without PERSISTED is refused at plan time', () => {
    const t = lines({ name: 'total', type: int, nullable: true, generated: { expression: 'price * qty', stored: false } });
    const [create] = adapter.emit([{ kind: 'createTable', table: 'lines', classification: 'additive', definition: normalize({ tables: [t] }).tables[0] as Table }]);
    expect(create?.sql).toMatch(/\[total\] AS CAST\(\(price \* qty\) AS int\)(,|\n|$)/);
    const bad = lines({ name: 'total', type: int, nullable: false, generated: { expression: 'price * qty', stored: false } });
    expect(() => normalize({ tables: [bad] })).toThrow(SchemaValidationError);
    expect(() => normalize({ tables: [bad] })).toThrow(/SQL Server takes NOT NULL on a computed column only when it is PERSISTED/);
  });

  it('reads sys.computed_columns: the recorded expression while the definition is unchanged, else SQL Server\'s', () => {
    const definition = '(CONVERT([int],[price]*[qty]))';
    const rows = (recorded: string) =>
      fromRows({
        schema: 'dbo',
        tables: [{ object_id: 7, name: 'lines' }],
        columns: [row(1, 'id'), row(2, 'total', { is_computed: true, is_nullable: true, computed_definition: definition, is_persisted: true })],
        indexes: [],
        foreignKeys: [],
        checks: [],
        properties: [{ class: 1, major_id: 7, minor_id: 2, name: 'odac_authored', value: recorded }],
      }).tables[0]?.columns[1]?.generated;
    expect(rows(`${definitionHash(definition)}|price * qty`)).toEqual({ expression: 'price * qty', stored: true });
    expect(rows('STALE|price * qty')).toEqual({ expression: 'CONVERT([int],[price]*[qty])', stored: true });
  });

  it('a new expression re-creates the column: DROP COLUMN, then ADD … AS …', () => {
    const from = normalize({ tables: [lines({ name: 'total', type: int, nullable: true, generated: { expression: 'price * qty', stored: true } })] });
    const to = normalize({ tables: [lines({ name: 'total', type: int, nullable: true, generated: { expression: 'price + qty', stored: true } })] });
    const plan = planMigration(from, to, { capabilities: adapter.capabilities });
    expect(plan.operations.map((o: Operation) => o.kind)).toEqual(['dropColumn', 'addColumn']);
    const sql = adapter.emit(plan.operations).map((s) => s.sql);
    expect(sql[0]).toBe('ALTER TABLE [lines] DROP COLUMN [total]');
    expect(sql[1]).toBe('ALTER TABLE [lines] ADD [total] AS CAST((price + qty) AS int) PERSISTED');
  });
});
