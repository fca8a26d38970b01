/**
 * Identifier and value quoting for SQL Server. Every identifier the adapter
 * emits goes through `quote()`, every value through `literal()`.
 */

/** Quotes an identifier: `users` → `[users]`, `a]b` → `[a]]b]` (what `QUOTENAME` does). */
export function quote(name: string): string {
  return '[' + name.replace(/\]/g, ']]') + ']';
}

/** A Unicode string literal: `it's` → `N'it''s'`. */
export function nstring(value: string): string {
  return "N'" + value.replace(/'/g, "''") + "'";
}

/**
 * A SQL literal for a value. Strings are always Unicode (`N'…'`), booleans
 * are `bit` values `1` / `0` (SQL Server has no TRUE / FALSE literals).
 */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    // SQL Server has no literal for NaN or infinity: pass the text and let the cast fail loudly.
    if (!Number.isFinite(value)) return nstring(String(value));
    return String(value);
  }
  return nstring(value);
}

/**
 * A quoted identifier as a Unicode string, for the procedures and functions
 * that take an object name (`OBJECT_ID(N'[t]')`, `sp_rename N'[t].[c]'`).
 */
export function nameString(...parts: readonly string[]): string {
  return nstring(parts.map(quote).join('.'));
}

/** Escapes `text` for a `LIKE` pattern with `\` as the escape character. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_[]/g, (c) => '\\' + c);
}
