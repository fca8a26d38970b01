/**
 * The one naming authority: deterministic names for the indexes, keys and
 * checks the user did not name, and the one way a name is cut to a
 * database's identifier limit. The planner names everything it plans with
 * these (`nameTable`), adapters that must predict a name (MySQL's index for
 * a foreign key) call the same functions with the same limit, and `pull`
 * recognises a generated name by asking them again.
 *
 * Matching is always by meaning, so a generated name never causes churn; it
 * only has to be stable, distinct within its table, and fit the limit.
 */
import type { Check, ForeignKey, Index, Table } from './model.js';

/** 32-bit FNV-1a, hex: a short stable suffix when a name must be shortened. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const encoder = new TextEncoder();
const utf8Bytes = (text: string): number => encoder.encode(text).length;

/**
 * `name` cut to `maxLength` with a hash of the whole as suffix, so two long
 * names stay distinct. The limit is counted in UTF-8 bytes (PostgreSQL
 * counts bytes; MySQL, SQLite and SQL Server count characters, of which
 * there are never more than bytes), and never splits a character.
 */
export function fitIdentifier(name: string, maxLength: number): string {
  if (utf8Bytes(name) <= maxLength) return name;
  const suffix = `_${shortHash(name)}`;
  const chars = [...name];
  while (chars.length > 1 && utf8Bytes(chars.join('') + suffix) > maxLength) chars.pop();
  return chars.join('') + suffix;
}

/** `prefix_table_col1_col2`, cut to `maxLength` by {@link fitIdentifier}. */
export function generatedName(prefix: string, table: string, columns: readonly string[], maxLength: number): string {
  return fitIdentifier([prefix, table, ...columns].join('_'), maxLength);
}

export const foreignKeyName = (table: string, columns: readonly string[], maxLength: number): string =>
  generatedName('fk', table, columns, maxLength);

/**
 * `idx_<table>_<columns>` / `uq_<table>_<columns>`. An index with an
 * expression (`native`) or a predicate (`where`) also gets a hash of them,
 * so two partial or expression indexes on one table never share a name.
 */
export function indexName(table: string, index: Pick<Index, 'columns' | 'unique' | 'where' | 'native'>, maxLength: number): string {
  const extra = index.native !== undefined || index.where !== undefined ? [shortHash(`${index.native ?? ''}\u0000${index.where ?? ''}`)] : [];
  return generatedName(index.unique ? 'uq' : 'idx', table, [...index.columns, ...extra], maxLength);
}

export const checkName = (table: string, expression: string, maxLength: number): string =>
  generatedName('ck', table, [shortHash(expression)], maxLength);

/** The index with its name: the user's, or the generated one. */
export const nameIndex = (table: string, index: Index, maxLength: number): Index & { name: string } => ({
  ...index,
  name: index.name ?? indexName(table, index, maxLength),
});

/** The foreign key with its name: the user's, or the generated one. */
export const nameForeignKey = (table: string, fk: ForeignKey, maxLength: number): ForeignKey & { name: string } => ({
  ...fk,
  name: fk.name ?? foreignKeyName(table, fk.columns, maxLength),
});

/**
 * One table's foreign keys, each with its name: the one it has (the user's,
 * or a live twin's the caller filled in), else `fk_<table>_<cols>`, or
 * `fk_<table>_<cols>_2`, `_3`, … when another key of the table (or a name in
 * `taken`, e.g. a live key that stays) already has that name: two keys on the
 * same columns are legal and must not share a name. Deterministic for a
 * given list (tables keep their keys sorted).
 */
export function nameForeignKeys(table: string, fks: readonly ForeignKey[], maxLength: number, taken: Iterable<string> = []): (ForeignKey & { name: string })[] {
  const used = new Set([...taken, ...fks.flatMap((fk) => (fk.name !== undefined ? [fk.name] : []))]);
  return fks.map((fk) => {
    if (fk.name !== undefined) return { ...fk, name: fk.name };
    let name = foreignKeyName(table, fk.columns, maxLength);
    for (let n = 2; used.has(name); n++) name = generatedName('fk', table, [...fk.columns, String(n)], maxLength);
    used.add(name);
    return { ...fk, name };
  });
}

/** The check with its name: the user's, or the generated one. */
export const nameCheck = (table: string, check: Check, maxLength: number): Check & { name: string } => ({
  ...check,
  name: check.name ?? checkName(table, check.expression, maxLength),
});

/** The table with every index, foreign key and check named. */
export function nameTable(table: Table, maxLength: number): Table {
  return {
    ...table,
    indexes: table.indexes.map((i) => nameIndex(table.name, i, maxLength)),
    foreignKeys: nameForeignKeys(table.name, table.foreignKeys, maxLength),
    ...(table.checks ? { checks: table.checks.map((c) => nameCheck(table.name, c, maxLength)) } : {}),
  };
}
