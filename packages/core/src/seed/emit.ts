/**
 * The statements of a seed plan, written with a dialect's own `quote()` and
 * `literal()` (each adapter passes its one pair, so no value is ever
 * concatenated unescaped). INSERT and UPDATE with plain column lists are
 * the same text on every database odac supports.
 */
import type { Statement } from '../operations.js';
import type { RowQuery, SeedPlan, SqlValue } from './types.js';

export interface SeedDialect {
  /** Quotes an identifier. */
  quote(name: string): string;
  /** Writes a value as an SQL literal. */
  literal(value: SqlValue): string;
  /** Writes a table name (e.g. schema-qualified); default `quote`. */
  table?(name: string): string;
}

/** One INSERT per missing row, one UPDATE per row whose seeded columns differ. */
export function seedStatements(plan: SeedPlan, dialect: SeedDialect): Statement[] {
  const table = (name: string): string => (dialect.table ? dialect.table(name) : dialect.quote(name));
  const out: Statement[] = [];
  for (const t of plan.tables) {
    for (const row of t.inserts) {
      const sql = `INSERT INTO ${table(t.table)} (${row.columns.map(dialect.quote).join(', ')}) VALUES (${row.values.map(dialect.literal).join(', ')})`;
      out.push({ sql, transactional: true, table: t.table });
    }
    for (const row of t.updates) {
      const set = row.columns.map((c, i) => `${dialect.quote(c)} = ${dialect.literal(row.values[i] ?? null)}`).join(', ');
      out.push({ sql: `UPDATE ${table(t.table)} SET ${set} WHERE ${dialect.quote(t.key)} = ${dialect.literal(row.keyValue)}`, transactional: true, table: t.table });
    }
  }
  return out;
}

/** Most key values in one `IN (…)` list; longer lists are read in several queries. */
export const ROW_QUERY_CHUNK = 500;

/** The SELECT texts of a row query (one per chunk of `ROW_QUERY_CHUNK` key values). */
export function rowQuerySql(query: RowQuery, dialect: SeedDialect): string[] {
  const table = dialect.table ? dialect.table(query.table) : dialect.quote(query.table);
  const select = `SELECT ${query.columns.map(dialect.quote).join(', ')} FROM ${table}`;
  if (!query.where) return [select];
  const { column, values } = query.where;
  if (values.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < values.length; i += ROW_QUERY_CHUNK) {
    out.push(`${select} WHERE ${dialect.quote(column)} IN (${values.slice(i, i + ROW_QUERY_CHUNK).map(dialect.literal).join(', ')})`);
  }
  return out;
}
