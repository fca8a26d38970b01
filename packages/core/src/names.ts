/**
 * Deterministic names for constraints and indexes the user did not name.
 * Matching is always by meaning, so a generated name never causes churn; it
 * only has to be stable and fit the database's identifier limit.
 */

/** 32-bit FNV-1a, hex: a short stable suffix when a name must be shortened. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** `prefix_table_col1_col2`, shortened with a hash suffix when longer than `maxLength`. */
export function generatedName(prefix: string, table: string, columns: readonly string[], maxLength: number): string {
  const full = [prefix, table, ...columns].join('_');
  if (full.length <= maxLength) return full;
  const suffix = shortHash(full);
  return `${full.slice(0, Math.max(1, maxLength - suffix.length - 1))}_${suffix}`;
}

export const foreignKeyName = (table: string, columns: readonly string[], maxLength: number): string =>
  generatedName('fk', table, columns, maxLength);

export const indexName = (table: string, columns: readonly string[], unique: boolean, maxLength: number): string =>
  generatedName(unique ? 'uq' : 'idx', table, columns, maxLength);

export const checkName = (table: string, expression: string, maxLength: number): string =>
  generatedName('ck', table, [shortHash(expression)], maxLength);
