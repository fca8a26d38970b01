/**
 * Generated columns on MySQL/MariaDB, offline: the column definition (the
 * clause right after the type, no NULL / DEFAULT / AUTO_INCREMENT with it),
 * EXTRA + GENERATION_EXPRESSION read back in both flavors' spellings, and
 * the canonical form that makes `lower(name)` and MariaDB's `lcase(`name`)`
 * compare equal.
 */
import { fromRows, normalize, type ColumnRow } from '../src/index.js';
import { columnDefinitionSql } from '../src/emit/definitions.js';
import { canonicalGeneratedExpression } from '../src/expression.js';
import { mariadbGeneratedProblems } from '../src/validate.js';

const row = (column_name: string, position: number, extra: Partial<ColumnRow> = {}): ColumnRow => ({
  table_name: 't',
  column_name,
  position,
  column_type: 'int(11)',
  is_nullable: 'YES',
  column_default: null,
  extra: '',
  column_comment: '',
  charset: null,
  collation: null,
  ...extra,
});

describe('MySQL/MariaDB generated columns', () => {
  it('writes GENERATED ALWAYS AS (…) STORED|VIRTUAL after the type, NOT NULL only when asked, never NULL or DEFAULT', () => {
    const int = { kind: 'integer', size: 'regular' } as const;
    expect(columnDefinitionSql({ name: 's', type: int, nullable: true, default: { kind: 'literal', value: 1 }, generated: { expression: 'a * b', stored: true } })).toBe(
      '`s` int GENERATED ALWAYS AS (a * b) STORED',
    );
    expect(columnDefinitionSql({ name: 'v', type: int, nullable: false, comment: 'x', generated: { expression: 'a + b', stored: false } })).toBe(
      "`v` int GENERATED ALWAYS AS (a + b) VIRTUAL NOT NULL COMMENT 'x'",
    );
  });

  it('compares lower()/upper() with MariaDB\'s lcase()/ucase(), quoting and outer parentheses folded', () => {
    expect(canonicalGeneratedExpression("concat(lcase(`name`),'-x')")).toBe(canonicalGeneratedExpression("concat(lower(name), '-x')"));
    expect(canonicalGeneratedExpression('(`price` * `qty`)')).toBe('price * qty');
    expect(canonicalGeneratedExpression("ucase('lcase(x)')")).toBe("upper('lcase(x)')");
  });

  it('reads STORED GENERATED / VIRTUAL GENERATED with the expression (MySQL 8 unescaped), and no default', () => {
    const schema = fromRows(
      {
        tables: [{ table_name: 't', table_comment: '', table_collation: null }],
        columns: [
          row('a', 1),
          row('s', 2, { extra: 'STORED GENERATED', generation_expression: '(`a` * 2)', column_default: 'NULL' }),
          row('v', 3, { extra: 'VIRTUAL GENERATED', generation_expression: "concat(_utf8mb4\\'x\\',`a`)" }),
        ],
        indexes: [],
        foreignKeys: [],
        checks: [],
      },
      'mysql',
    );
    expect(schema.tables[0]?.columns.map((c) => [c.name, c.generated ?? null, c.default ?? null])).toEqual([
      ['a', null, null],
      ['s', { expression: 'a * 2', stored: true }, null],
      ['v', { expression: "concat('x', a)", stored: false }, null],
    ]);
  });

  it('normalize canonicalizes the authored expression; MariaDB refuses a NOT NULL generated column by name', () => {
    const int = { kind: 'integer', size: 'regular' } as const;
    const desired = normalize({
      tables: [{ name: 't', columns: [{ name: 'a', type: int, nullable: true }, { name: 'g', type: int, nullable: false, generated: { expression: '`a`*2', stored: true } }], indexes: [], foreignKeys: [] }],
    });
    expect(desired.tables[0]?.columns[1]?.generated).toEqual({ expression: 'a * 2', stored: true });
    const problems = mariadbGeneratedProblems(desired);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('Column "t"."g" is a generated column with nullable: false, and MariaDB has no NOT NULL generated columns')]);
  });
});
