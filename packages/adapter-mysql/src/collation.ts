/**
 * Column collations as the server resolves them (ARCHITECTURE rule 10). A
 * column that names a `charset` gets that charset's default collation, and
 * a collation equal to its table's default is no collation of its own
 * (introspection reports a column's collation only where it differs from its
 * table's). The defaults differ between servers (utf8mb4 defaults to
 * utf8mb4_general_ci on MariaDB 10, utf8mb4_0900_ai_ci on MySQL 8), so they
 * are read from the server, in one query, never written down here.
 */
import { expressionKey, type CanonicalExpressions, type Schema } from '@odac/core';

const text = (column: string): string => `CONVERT(${column} USING utf8mb4)`;

/**
 * Each charset's default collation and the database's (the live tables'
 * come from introspection). Every name in one charset: MySQL 8's catalog
 * columns have several collations, which a UNION would refuse to mix.
 */
export const COLLATION_DEFAULTS_SQL = `
SELECT 'charset' AS kind, ${text('CHARACTER_SET_NAME')} AS name, ${text('DEFAULT_COLLATE_NAME')} AS collation FROM information_schema.CHARACTER_SETS
UNION ALL
SELECT 'database', '', ${text('DEFAULT_COLLATION_NAME')} FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()`;

export interface CollationRow {
  readonly kind: string;
  readonly name: string;
  readonly collation: string | null;
}

/** Whether `schema` has a column collation or charset to resolve (else the server need not be asked). */
export const namesCollations = (schema: Schema): boolean => schema.tables.some((t) => t.columns.some((c) => c.collation !== undefined || c.charset !== undefined));

/**
 * The collation of each column of `schema` that names one or a charset,
 * '' where it is its table's default: the table's own option, else its
 * charset's default, else the live table's (in `live`), else the
 * database's. Pure.
 */
export function resolveCollations(schema: Schema, rows: readonly CollationRow[], live: Schema = { tables: [] }): CanonicalExpressions {
  const defaults = new Map(rows.map((r) => [`${r.kind}:${r.name.toLowerCase()}`, r.collation?.toLowerCase()]));
  for (const t of live.tables) if (t.mysql?.collation) defaults.set(`table:${t.name}`, t.mysql.collation.toLowerCase());
  const ofCharset = (charset: string): string | undefined => defaults.get(`charset:${charset.toLowerCase()}`);
  const out = new Map<string, string>();
  for (const t of schema.tables) {
    const options = t.mysql ?? {};
    const table = options.collation?.toLowerCase() ?? (options.charset ? ofCharset(options.charset) : (defaults.get(`table:${t.name}`) ?? defaults.get('database:')));
    for (const c of t.columns) {
      const collation = c.collation ?? (c.charset !== undefined ? ofCharset(c.charset) : undefined);
      if (collation !== undefined) out.set(expressionKey(t.name, 'collation', c.name), collation === table ? '' : collation);
    }
  }
  return out;
}
