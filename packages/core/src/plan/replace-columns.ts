/**
 * Columns re-created instead of altered: no database changes a generated
 * column's expression or storage (STORED ↔ VIRTUAL) in place everywhere,
 * nor turns a plain column into a generated one, so where tables are
 * altered in place (`capabilities.alterColumn`) such a column is dropped and
 * added again under its name. What the database drops along with the column
 * (indexes, checks and foreign keys over it) is dropped first and re-created
 * after, so nothing is lost on the way. Databases that rebuild tables
 * (SQLite) keep the `alterColumn`: the rebuild writes the new definition.
 */
import type { Capabilities } from '../adapter.js';
import type { ColumnDiff, TableDiff } from '../diff/index.js';
import type { Check, Column, ForeignKey, Index } from '../model.js';

/** Whether re-creating the column loses values: only a generated column's values are derived from the row. */
export const replacementLosesData = (from: Column, to: Column): boolean => from.generated === undefined || to.generated === undefined;

/** Why a column re-creation that loses values was skipped. */
export function describeReplacementSkip(table: string, from: Column, to: Column): string {
  const what = `column "${table}"."${to.name}"`;
  return to.generated !== undefined
    ? `${what} would become generated: it is dropped and added again, and its current values are replaced by those of the expression`
    : `${what} would stop being generated: it is dropped and added again as a plain column, without the values the expression computed`;
}

const withoutNotValid = <T extends { readonly notValid?: boolean }>(x: T): T => {
  const { notValid: _n, ...rest } = x;
  void _n;
  return rest as T;
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `sql` names `column` as a word (conservative: a false match only re-creates one more object). */
function mentions(sql: string | undefined, column: string): boolean {
  if (sql === undefined) return false;
  return new RegExp(`(^|[^A-Za-z0-9_$])${escapeRegExp(column)}($|[^A-Za-z0-9_$])`, 'i').test(sql);
}

const indexTouches = (i: Index, cols: readonly string[]): boolean =>
  cols.some((c) => i.columns.includes(c) || mentions(i.native, c) || mentions(i.where, c));
const checkTouches = (k: Check, cols: readonly string[]): boolean => cols.some((c) => mentions(k.expression, c));
const keyTouches = (fk: ForeignKey, cols: readonly string[]): boolean => cols.some((c) => fk.columns.includes(c));

/**
 * The column changes this database makes by re-creating the column: every
 * `generated` change where columns are altered in place, except a stored
 * generated column becoming plain where the database can drop the
 * expression and keep the values (`dropGeneratedExpression`).
 */
export function replacedColumns(d: TableDiff, caps: Pick<Capabilities, 'alterColumn' | 'dropGeneratedExpression'>): readonly ColumnDiff[] {
  if (!caps.alterColumn) return [];
  const inPlace = (c: ColumnDiff): boolean => caps.dropGeneratedExpression && c.from.generated?.stored === true && c.to.generated === undefined;
  // A generated column that stays generated over a column whose type changes is re-created too (no loss:
  // its values are derived): PostgreSQL and SQL Server refuse to change the type of a column one uses.
  const retyped = d.alterColumns.filter((c) => c.changes.includes('type')).map((c) => c.to.name);
  const overRetyped = (from: Column | undefined, to: Column): boolean =>
    from?.generated !== undefined && to.generated !== undefined && retyped.some((c) => c !== to.name && mentions(to.generated?.expression, c));
  const altered = d.alterColumns.filter((c) => (c.changes.includes('generated') && !inPlace(c)) || overRetyped(c.from, c.to));
  const alteredNames = new Set(d.alterColumns.map((c) => c.to.name));
  const unchanged = d.to.columns
    .filter((to) => !alteredNames.has(to.name))
    .flatMap((to) => {
      const from = d.from.columns.find((c) => c.name === to.name);
      return from && overRetyped(from, to) ? [{ from, to, changes: [] }] : [];
    });
  return [...altered, ...unchanged];
}

/**
 * `d` with `replace` re-creating columns instead of altering them (they leave
 * `alterColumns`, listed in `replaceColumns`) and `skip` leaving them as they
 * are (they leave `alterColumns` too); the indexes, checks and foreign keys
 * the diff keeps over a re-created column are dropped and added again.
 */
export function withReplacedColumns(d: TableDiff, replace: readonly ColumnDiff[], skip: readonly ColumnDiff[]): TableDiff {
  if (replace.length === 0 && skip.length === 0) return d;
  const gone = new Set([...replace, ...skip]);
  const cols = replace.map((c) => c.to.name);
  // What the diff keeps over a re-created column goes with it: dropped, then re-created as it is live (same meaning, same name).
  const kept = <T>(live: readonly T[], dropped: readonly T[], touches: (x: T) => boolean): T[] => live.filter((x) => !dropped.includes(x) && touches(x));
  const indexes = kept(d.from.indexes, d.dropIndexes, (i) => indexTouches(i, cols));
  const checks = kept(d.from.checks ?? [], d.dropChecks, (k) => checkTouches(k, cols));
  const keys = kept(d.from.foreignKeys, d.dropForeignKeys, (fk) => keyTouches(fk, cols));
  return {
    ...d,
    alterColumns: d.alterColumns.filter((c) => !gone.has(c)),
    ...(replace.length > 0 ? { replaceColumns: replace } : {}),
    dropIndexes: [...d.dropIndexes, ...indexes],
    addIndexes: [...d.addIndexes, ...indexes],
    dropChecks: [...d.dropChecks, ...checks],
    addChecks: [...d.addChecks, ...checks.map(withoutNotValid)],
    dropForeignKeys: [...d.dropForeignKeys, ...keys],
    addForeignKeys: [...d.addForeignKeys, ...keys.map(withoutNotValid)],
  };
}
