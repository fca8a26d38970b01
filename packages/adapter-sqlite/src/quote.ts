/**
 * The one way to write identifiers and values into SQLite SQL.
 */

/** Quotes an identifier: `my "table"` → `"my ""table"""`. */
export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes each name and joins them with `, `. */
export function quoteList(names: readonly string[]): string {
  return names.map(quote).join(', ');
}

/**
 * Writes a value as an SQL literal. Strings are single-quoted with inner
 * quotes doubled; booleans are `TRUE`/`FALSE` (SQLite ≥ 3.23 reads them as
 * 1/0, and `pragma table_info` reports the default back as written, which is
 * what introspection parses); `null` is `NULL`.
 */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`SQLite has no literal for the number ${String(value)}.`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}
