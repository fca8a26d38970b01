/**
 * Mapping catalog rows (see `queries.ts`) to the canonical model. Pure, so
 * unit tests feed it fixture rows.
 */
import { FOREIGN_KEY_ACTIONS, groupBy, sortSchema, type Check, type Column, type ForeignKey, type ForeignKeyAction, type Index, type Schema, type SqliteTableOptions, type Table, type CatalogRowSets } from '@odac/core';
import { parseDefault } from './defaults.js';
import { parseCreateIndex, parseCreateTable, type ParsedForeignKeyClause, type ParsedTable } from './table-sql.js';
import { parseDeclaredType, parseEnumCheck, sqliteCollation } from './types.js';

export interface TableRow {
  readonly table_name: string;
  readonly sql: string | null;
}

export interface ColumnRow {
  readonly table_name: string;
  readonly cid: number;
  readonly name: string;
  readonly type: string;
  readonly not_null: number;
  readonly dflt_value: string | null;
  /** 1-based position in the primary key, 0 when not part of it. */
  readonly pk: number;
  readonly hidden: number;
}

export interface IndexRow {
  readonly table_name: string;
  readonly index_name: string;
  readonly is_unique: number;
  /** `c` CREATE INDEX, `u` UNIQUE constraint, `pk` PRIMARY KEY. */
  readonly origin: string;
  readonly partial: number;
  /** 1 for a DESC key part. */
  readonly is_desc?: number;
  /** The key part's collation (`BINARY`, `NOCASE`, …). */
  readonly coll?: string | null;
  readonly seqno: number;
  /** -2 for an expression. */
  readonly cid: number;
  readonly column_name: string | null;
  readonly sql: string | null;
}

export interface ForeignKeyRow {
  readonly table_name: string;
  readonly id: number;
  readonly seq: number;
  readonly ref_table: string;
  readonly from_column: string;
  /** NULL when the key references the parent's primary key implicitly. */
  readonly to_column: string | null;
  readonly on_update: string;
  readonly on_delete: string;
}

/** The results of the four catalog queries. */
export type IntrospectionRows = CatalogRowSets<{ tables: TableRow; columns: ColumnRow; indexes: IndexRow; foreignKeys: ForeignKeyRow }>;

function action(value: string): ForeignKeyAction {
  const upper = value.toUpperCase() as ForeignKeyAction;
  return FOREIGN_KEY_ACTIONS.includes(upper) ? upper : 'NO ACTION';
}

type ParsedColumn = ParsedTable['columns'][number];

const COLLATABLE: ReadonlySet<string> = new Set(['string', 'char', 'text', 'enum', 'native']);

function toColumn(row: ColumnRow, info: ParsedColumn | undefined, singlePk: boolean): { column: Column; enumCheck?: string } {
  let type = parseDeclaredType(row.type);
  let enumCheck: string | undefined;
  if (type.kind === 'text' && type.size === undefined) {
    for (const check of info?.checks ?? []) {
      const values = parseEnumCheck(row.name, check);
      if (values) {
        type = { kind: 'enum', values };
        enumCheck = check;
        break;
      }
    }
  }
  const autoIncrement = singlePk && row.pk === 1 && type.kind === 'integer' && info?.autoIncrement === true;
  // An INTEGER PRIMARY KEY is the rowid: it can never hold NULL, whether or not NOT NULL was written.
  // https://www.sqlite.org/lang_createtable.html#rowid
  const rowid = singlePk && row.pk === 1 && row.type.trim().toUpperCase() === 'INTEGER';
  const column: { -readonly [K in keyof Column]: Column[K] } = { name: row.name, type, nullable: row.not_null === 0 && !rowid };
  const dflt = parseDefault(row.dflt_value, type);
  if (dflt !== undefined) column.default = dflt;
  if (autoIncrement) column.autoIncrement = true;
  // table_xinfo: hidden 2 is a VIRTUAL generated column, 3 a STORED one; the expression is in the CREATE TABLE text.
  if ((row.hidden === 2 || row.hidden === 3) && info?.generated !== undefined) column.generated = { expression: info.generated.trim(), stored: row.hidden === 3 };
  // The schema files take a collation on text-like columns only (SQLite takes one on any column).
  const collation = COLLATABLE.has(type.kind) ? sqliteCollation(info?.collation) : undefined;
  if (collation !== undefined) column.collation = collation;
  return enumCheck === undefined ? { column } : { column, enumCheck };
}

/** Indexes of a table whose `columns` give each key part the collation it takes when the index names none. */
function toIndexes(rows: readonly IndexRow[], columns: readonly Column[]): Index[] {
  const collationOf = new Map(columns.map((c) => [c.name.toLowerCase(), c.collation] as const));
  // A key part whose collation is not its column's (`name COLLATE NOCASE`): only the verbatim key list says it.
  const ownCollation = (r: IndexRow): boolean => r.column_name !== null && (sqliteCollation(r.coll) ?? null) !== (collationOf.get(r.column_name.toLowerCase()) ?? null);
  const out: Index[] = [];
  for (const [name, keyRows] of groupBy(rows, (r) => r.index_name)) {
    const first = keyRows[0] as IndexRow;
    if (first.origin === 'pk') continue;
    const parsed = parseCreateIndex(first.sql);
    const index: { -readonly [K in keyof Index]: Index[K] } = {
      columns: keyRows.map((r) => r.column_name ?? ''),
      unique: first.is_unique === 1,
    };
    // Names SQLite made up for UNIQUE constraints are not names anyone chose.
    if (!name.startsWith('sqlite_autoindex_')) index.name = name;
    if (first.partial === 1 && parsed.where !== undefined) index.where = parsed.where;
    // Expression, DESC and COLLATE key parts: the model's column list cannot say them, the key list verbatim does.
    if (keyRows.some((r) => r.cid === -2 || r.is_desc === 1 || ownCollation(r)) && parsed.keys !== undefined) {
      index.native = parsed.keys;
      index.columns = [];
    }
    out.push(index);
  }
  return out;
}

function toForeignKeys(
  rows: readonly ForeignKeyRow[],
  parsed: ParsedTable,
  primaryKeyOf: (table: string) => readonly string[],
): ForeignKey[] {
  const out: ForeignKey[] = [];
  // Each name once: two keys with the same columns, target and actions are told apart by order.
  const names = [...parsed.foreignKeyNames];
  for (const keyRows of groupBy(rows, (r) => r.id).values()) {
    const sorted = [...keyRows].sort((a, b) => a.seq - b.seq);
    const first = sorted[0] as ForeignKeyRow;
    const columns = sorted.map((r) => r.from_column);
    const implicit = primaryKeyOf(first.ref_table);
    const references = sorted.map((r, i) => r.to_column ?? implicit[i] ?? '');
    // Columns, target and actions: two keys may share the first two (issue 10).
    const sameKey = (n: ParsedForeignKeyClause): boolean =>
      n.referencedTable === first.ref_table &&
      JSON.stringify(n.columns) === JSON.stringify(columns) &&
      n.onDelete === first.on_delete.toUpperCase() &&
      n.onUpdate === first.on_update.toUpperCase();
    const at = names.findIndex(sameKey);
    const named = at >= 0 ? names.splice(at, 1)[0] : undefined;
    const fk: ForeignKey = {
      ...(named ? { name: named.name } : {}),
      columns,
      references: { table: first.ref_table, columns: references },
      onDelete: action(first.on_delete),
      onUpdate: action(first.on_update),
      // The pragma does not report deferral; the table SQL does.
      ...(parsed.deferredForeignKeys.some(sameKey) ? { deferrable: 'deferred' as const } : {}),
    };
    out.push(fk);
  }
  return out;
}

/**
 * `STRICT` / `WITHOUT ROWID`, from the table options after the closing
 * parenthesis of the stored CREATE TABLE (`) STRICT, WITHOUT ROWID`): that
 * text works on every SQLite version (pragma table_list's `strict` and `wr`
 * need 3.37). Only `true` is reported.
 * https://www.sqlite.org/lang_createtable.html
 */
export function tableOptions(sql: string | null): SqliteTableOptions | undefined {
  if (!sql) return undefined;
  const tail = sql.slice(sql.lastIndexOf(')') + 1);
  const out: { -readonly [K in keyof SqliteTableOptions]: SqliteTableOptions[K] } = {};
  if (/\bSTRICT\b/i.test(tail)) out.strict = true;
  if (/\bWITHOUT\s+ROWID\b/i.test(tail)) out.withoutRowid = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Builds the model from catalog rows. Tables, indexes and foreign keys come
 * out sorted (`sortSchema`); columns keep their declaration order.
 */
export function fromRows(rows: IntrospectionRows): Schema {
  const columnsByTable = groupBy(rows.columns, (r) => r.table_name);
  const indexesByTable = groupBy(rows.indexes, (r) => r.table_name);
  const fksByTable = groupBy(rows.foreignKeys, (r) => r.table_name);
  const primaryKeys = new Map<string, string[]>();
  const primaryKeyOf = (table: string): string[] => {
    let pk = primaryKeys.get(table);
    if (!pk) {
      pk = (columnsByTable.get(table) ?? [])
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      primaryKeys.set(table, pk);
    }
    return pk;
  };

  const tables = rows.tables.map((t): Table => {
    const parsed = parseCreateTable(t.sql);
    const columnRows = [...(columnsByTable.get(t.table_name) ?? [])].sort((a, b) => a.cid - b.cid);
    const pk = primaryKeyOf(t.table_name);
    const enumChecks = new Set<string>();
    // Column names compare case-insensitively, as SQLite does; the first declaration wins.
    const parsedColumns = new Map<string, ParsedColumn>();
    for (const c of parsed.columns) if (!parsedColumns.has(c.name.toLowerCase())) parsedColumns.set(c.name.toLowerCase(), c);
    const columns = columnRows.map((row) => {
      const { column, enumCheck } = toColumn(row, parsedColumns.get(row.name.toLowerCase()), pk.length === 1);
      if (enumCheck !== undefined) enumChecks.add(`${row.name.toLowerCase()}\u0000${enumCheck}`);
      return column;
    });
    // Column-level checks that are not an enum's are table checks like any other.
    const checks: Check[] = [...parsed.checks];
    for (const c of parsed.columns) {
      for (const expression of c.checks) {
        if (!enumChecks.has(`${c.name.toLowerCase()}\u0000${expression}`)) checks.push({ expression });
      }
    }
    const table: { -readonly [K in keyof Table]: Table[K] } = {
      name: t.table_name,
      columns,
      indexes: toIndexes(indexesByTable.get(t.table_name) ?? [], columns),
      foreignKeys: toForeignKeys(fksByTable.get(t.table_name) ?? [], parsed, primaryKeyOf),
    };
    if (pk.length > 0) table.primaryKey = { columns: pk };
    if (checks.length > 0) table.checks = checks;
    const options = tableOptions(t.sql);
    if (options) table.sqlite = options;
    return table;
  });
  return sortSchema({ tables });
}
