/**
 * Table definition → canonical model `Table`. Best effort over malformed
 * input (whatever is invalid is left out and was reported by validation), so
 * the cross-table checks can still run on everything that is well formed.
 */
import {
  CURRENT_TIMESTAMP,
  foreignKeyIdentity,
  foreignKeyMeaning,
  indexKey,
  sortTable,
  type Check,
  type Column,
  type ForeignKey,
  type ForeignKeyAction,
  type Index,
  type PrimaryKey,
  type Table,
} from '../model.js';
import { MYSQL_TABLE_KEYS, SQLITE_TABLE_KEYS, TIMESTAMP_COLUMNS, normalizeAction, normalizeDeferrable, normalizeMatch } from './catalog.js';
import { convertDefault, convertGenerated, convertType, isNonEmptyString, isRecord, type RawColumn } from './column-type.js';
import { parseReference } from './validate-column.js';

function isAuto(def: RawColumn): boolean {
  return def['type'] === 'increments' || def['type'] === 'bigIncrements';
}

const IDENTITY_KINDS: readonly unknown[] = ['byDefault', 'always', 'serial'];

/** An integer column with `identity`: it generates its values without being the increments key (PostgreSQL serial, smallserial, identity). */
function isGenerating(def: RawColumn): boolean {
  return (def['type'] === 'integer' || def['type'] === 'bigInteger' || def['type'] === 'smallInteger') && IDENTITY_KINDS.includes(def['identity']);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every(isNonEmptyString) ? [...(value as string[])] : undefined;
}

function action(value: unknown): ForeignKeyAction | undefined {
  return value === undefined ? 'NO ACTION' : normalizeAction(value);
}

/** `deferrable` and `match` as the model spells them (left out when default), or `undefined` when either is invalid. */
function behaviour(def: Readonly<Record<string, unknown>>): Pick<ForeignKey, 'deferrable' | 'match'> | undefined {
  const deferrable = normalizeDeferrable(def['deferrable']);
  const match = normalizeMatch(def['match']);
  if (deferrable === undefined || match === undefined) return undefined;
  return { ...(deferrable !== null ? { deferrable } : {}), ...(match !== null ? { match } : {}) };
}

/** The table-level `primary` as a column list: the list itself, or the `columns` of its object form. */
export function tablePrimaryList(value: unknown): unknown {
  return isRecord(value) ? value['columns'] : value;
}

/** Primary key columns: table-level `primary`, else increments and `primary: true` columns in declaration order. */
function primaryColumns(def: Readonly<Record<string, unknown>>, columns: Readonly<Record<string, unknown>>): string[] {
  const tableLevel = stringList(tablePrimaryList(def['primary']));
  if (tableLevel) return tableLevel;
  return Object.entries(columns)
    .filter(([, c]) => isRecord(c) && c['type'] !== 'timestamps' && (isAuto(c) || c['primary'] === true))
    .map(([key]) => key);
}

/** The model's primary key: its columns and, from the object form of `primary`, whether it is deferrable. */
function primaryKey(def: Readonly<Record<string, unknown>>, columns: readonly string[]): PrimaryKey {
  const options = def['primary'];
  const deferrable = isRecord(options) ? normalizeDeferrable(options['deferrable']) : null;
  return {
    columns: [...columns],
    ...(deferrable !== null && deferrable !== undefined ? { deferrable } : {}),
    ...(isRecord(options) && options['withoutOverlaps'] === true ? { withoutOverlaps: true } : {}),
  };
}

function timestampColumn(name: string): Column {
  return { name, type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: CURRENT_TIMESTAMP } };
}

function convertColumn(name: string, def: RawColumn, primary: boolean): Column | undefined {
  const type = convertType(def);
  if (!type) return undefined;
  const auto = isAuto(def) || isGenerating(def);
  let column: Column = { name, type, nullable: !(primary || auto || def['nullable'] === false) };
  if (def['default'] !== undefined && !auto) {
    const result = convertDefault(def['default'], type);
    if ('value' in result) column = { ...column, default: result.value };
  }
  if (auto) column = { ...column, autoIncrement: true };
  const identity = def['identity'];
  if (auto && IDENTITY_KINDS.includes(identity)) column = { ...column, identity: identity as NonNullable<Column['identity']> };
  if (isNonEmptyString(def['collation'])) column = { ...column, collation: def['collation'].trim() };
  if (isNonEmptyString(def['charset'])) column = { ...column, charset: def['charset'].trim() };
  if (def['onUpdateCurrentTimestamp'] === true) column = { ...column, onUpdateCurrentTimestamp: true };
  if (def['notNullNotValid'] === true && column.nullable) column = { ...column, notNullNotValid: true, ...(isNonEmptyString(def['notNullName']) ? { notNullName: def['notNullName'] } : {}) };
  const generated = convertGenerated(def['generated']);
  if (generated !== undefined) column = { ...column, generated };
  if (typeof def['comment'] === 'string') column = { ...column, comment: def['comment'] };
  if (isNonEmptyString(def['renamedFrom'])) column = { ...column, renamedFrom: def['renamedFrom'] };
  return column;
}

/** Keeps the first of each meaning, preferring one with a user-given name. */
function dedupe<T extends { readonly name?: string }>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const seen = byKey.get(k);
    if (!seen || (seen.name === undefined && item.name !== undefined)) byKey.set(k, item);
  }
  return [...byKey.values()];
}

/**
 * Indexes from `unique` / `index` on columns and from `indexes`. `unique` on
 * the column that alone is the primary key (an `increments` or a `nanoid`
 * key, as ODAC.JS files often write it) adds nothing: the key is unique.
 */
function convertIndexes(def: Readonly<Record<string, unknown>>, columns: Readonly<Record<string, unknown>>, names: ReadonlySet<string>, primary: readonly string[]): Index[] {
  const out: Index[] = [];
  const soleKey = primary.length === 1 ? primary[0] : undefined;
  for (const [key, col] of Object.entries(columns)) {
    if (!isRecord(col) || col['type'] === 'timestamps' || !names.has(key)) continue;
    if (col['unique'] === true && key !== soleKey) out.push({ columns: [key], unique: true });
    if (col['index'] === true) out.push({ columns: [key], unique: false });
  }
  const indexes = Array.isArray(def['indexes']) ? (def['indexes'] as unknown[]) : [];
  for (const index of indexes) {
    if (!isRecord(index)) continue;
    const native = isNonEmptyString(index['native']) ? index['native'].trim() : undefined;
    const cols = native !== undefined && Array.isArray(index['columns']) && index['columns'].length === 0 ? [] : stringList(index['columns']);
    if (!cols || !cols.every((c) => names.has(c))) continue;
    const unique = index['unique'] === true;
    const constraint = unique && index['constraint'] === true;
    const deferrable = constraint ? normalizeDeferrable(index['deferrable']) : null;
    let out1: Index = { columns: cols, unique };
    if (isNonEmptyString(index['name'])) out1 = { name: index['name'], ...out1 };
    if (isNonEmptyString(index['where'])) out1 = { ...out1, where: index['where'].trim() };
    if (native !== undefined) out1 = { ...out1, native };
    if (constraint) out1 = { ...out1, constraint: true };
    if (deferrable !== null && deferrable !== undefined) out1 = { ...out1, deferrable };
    if (constraint && index['nullsNotDistinct'] === true) out1 = { ...out1, nullsNotDistinct: true };
    if (constraint && index['withoutOverlaps'] === true) out1 = { ...out1, withoutOverlaps: true };
    out.push(out1);
  }
  return dedupe(out, indexKey);
}

/**
 * Foreign keys from `references` on columns and from `foreignKeys`.
 * Identical keys collapse into one; two keys on the same columns and target
 * with different actions, deferral or match are two keys, as in the database.
 */
function convertForeignKeys(def: Readonly<Record<string, unknown>>, columns: Readonly<Record<string, unknown>>, names: ReadonlySet<string>): ForeignKey[] {
  const out: ForeignKey[] = [];
  for (const [key, col] of Object.entries(columns)) {
    if (!isRecord(col) || col['type'] === 'timestamps' || !names.has(key) || col['references'] === undefined) continue;
    const ref = parseReference(col['references']);
    const onDelete = action(col['onDelete']);
    const onUpdate = action(col['onUpdate']);
    const options = behaviour(col);
    if (!ref || !onDelete || !onUpdate || !options) continue;
    out.push({ columns: [key], references: { table: ref.table, columns: [ref.column] }, onDelete, onUpdate, ...options });
  }
  const fks = Array.isArray(def['foreignKeys']) ? (def['foreignKeys'] as unknown[]) : [];
  for (const fk of fks) {
    if (!isRecord(fk) || !isRecord(fk['references'])) continue;
    const cols = stringList(fk['columns']);
    const refTable = fk['references']['table'];
    const refCols = stringList(fk['references']['columns']);
    const onDelete = action(fk['onDelete']);
    const onUpdate = action(fk['onUpdate']);
    const options = behaviour(fk);
    if (!cols || !cols.every((c) => names.has(c)) || !isNonEmptyString(refTable) || !refCols || refCols.length !== cols.length || !onDelete || !onUpdate || !options) continue;
    let converted: ForeignKey = { columns: cols, references: { table: refTable, columns: refCols }, onDelete, onUpdate, ...options };
    const setColumns = stringList(fk['onDeleteColumns']);
    if (setColumns && (onDelete === 'SET NULL' || onDelete === 'SET DEFAULT')) converted = { ...converted, onDeleteColumns: setColumns };
    if (fk['notValid'] === true) converted = { ...converted, notValid: true };
    if (fk['period'] === true) converted = { ...converted, period: true };
    if (fk['notEnforced'] === true) converted = { ...converted, notEnforced: true };
    if (isNonEmptyString(fk['name'])) converted = { name: fk['name'], ...converted };
    out.push(converted);
  }
  // Keys of one meaning are one key, named if either declaration names it; two names are two keys (the database takes both).
  const named = dedupe(out.filter((fk) => fk.name !== undefined), (fk) => `${foreignKeyIdentity(fk)}\u0000${foreignKeyMeaning(fk)}`);
  const meanings = new Set(named.map(foreignKeyMeaning));
  return [...named, ...dedupe(out.filter((fk) => fk.name === undefined && !meanings.has(foreignKeyMeaning(fk))), foreignKeyIdentity)];
}

function convertChecks(value: unknown): Check[] {
  if (!Array.isArray(value)) return [];
  const out: Check[] = [];
  for (const check of value as unknown[]) {
    if (!isRecord(check) || !isNonEmptyString(check['expression'])) continue;
    out.push({
      ...(isNonEmptyString(check['name']) ? { name: check['name'] } : {}),
      expression: check['expression'],
      ...(check['noInherit'] === true ? { noInherit: true } : {}),
      ...(check['notValid'] === true ? { notValid: true } : {}),
      ...(check['notEnforced'] === true ? { notEnforced: true } : {}),
    });
  }
  return out;
}

/** A table's `mysql` / `sqlite` options: the well-typed keys, or undefined when none. */
function tableOptions(value: unknown, keys: readonly string[], type: 'string' | 'boolean'): Record<string, never> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (typeof value[key] === type) out[key] = value[key];
  return Object.keys(out).length > 0 ? (out as Record<string, never>) : undefined;
}

/**
 * Converts a table definition named `name`, declared in `source` (an
 * absolute path), to a sorted model table. Columns keep declaration order
 * (the `timestamps` pseudo-column expands in place); columns whose type is
 * unknown are left out.
 */
export function convertTable(def: Readonly<Record<string, unknown>>, name: string, source: string): Table {
  const columnDefs = isRecord(def['columns']) ? def['columns'] : {};
  const primary = primaryColumns(def, columnDefs);
  const columns: Column[] = [];
  for (const [key, col] of Object.entries(columnDefs)) {
    if (!isRecord(col)) continue;
    if (col['type'] === 'timestamps') {
      for (const ts of TIMESTAMP_COLUMNS) columns.push(timestampColumn(ts));
      continue;
    }
    const column = convertColumn(key, col, primary.includes(key));
    if (column) columns.push(column);
  }
  const names = new Set(columns.map((c) => c.name));
  let table: Table = {
    name,
    columns,
    ...(primary.length > 0 && primary.every((c) => names.has(c)) ? { primaryKey: primaryKey(def, primary) } : {}),
    indexes: convertIndexes(def, columnDefs, names, primary),
    foreignKeys: convertForeignKeys(def, columnDefs, names),
  };
  const checks = convertChecks(def['checks']);
  if (checks.length > 0) table = { ...table, checks };
  if (typeof def['comment'] === 'string') table = { ...table, comment: def['comment'] };
  const mysql = tableOptions(def['mysql'], MYSQL_TABLE_KEYS, 'string');
  if (mysql) table = { ...table, mysql };
  const sqlite = tableOptions(def['sqlite'], SQLITE_TABLE_KEYS, 'boolean');
  if (sqlite) table = { ...table, sqlite };
  if (isNonEmptyString(def['renamedFrom'])) table = { ...table, renamedFrom: def['renamedFrom'] };
  return sortTable({ ...table, source });
}
