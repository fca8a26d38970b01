/**
 * Catalog rows → canonical model. Pure: unit tests feed it fixture rows of
 * both flavors.
 */
import { groupBy, sortSchema, type Check, type Column, type ColumnType, type ForeignKey, type ForeignKeyAction, type Index, type MysqlTableOptions, type PrimaryKey, type Schema, type Table, type CatalogRowSets } from '@odac/core';
import { parseDefault, parseOnUpdate, unescapeMysqlExpression, type Flavor } from './defaults.js';
import { canonicalExpression, canonicalGeneratedExpression, isJsonValidCheck } from './expression.js';
import { nativeIndex, type IndexKind, type IndexPart } from './native-index.js';
import { normalizeAction } from './normalize.js';
import { parseColumnType } from './types.js';

export interface TableRow {
  readonly table_name: string;
  readonly table_comment: string | null;
  readonly table_collation: string | null;
  /** Absent in older fixtures. */
  readonly engine?: string | null;
  readonly table_charset?: string | null;
}

export interface ColumnRow {
  readonly table_name: string;
  readonly column_name: string;
  readonly position: number;
  readonly column_type: string;
  readonly is_nullable: string;
  readonly column_default: string | null;
  readonly extra: string | null;
  readonly column_comment: string | null;
  readonly charset: string | null;
  readonly collation: string | null;
  /** A generated column's expression (EXTRA says `STORED GENERATED` / `VIRTUAL GENERATED`); '' or null otherwise. Absent in old fixtures. */
  readonly generation_expression?: string | null;
}

export interface IndexRow {
  readonly table_name: string;
  readonly index_name: string;
  readonly non_unique: number | string;
  readonly seq: number;
  readonly column_name: string | null;
  readonly sub_part: number | string | null;
  readonly index_type: string;
  /** `A`, `D` (descending) or null (FULLTEXT). */
  readonly collation: string | null;
  /** Functional key part (MySQL 8.0.13+). */
  readonly expression?: string | null;
}

export interface ForeignKeyRow {
  readonly table_name: string;
  readonly constraint_name: string;
  readonly column_name: string;
  readonly position: number;
  readonly referenced_table: string;
  readonly referenced_column: string;
  readonly update_rule: string;
  readonly delete_rule: string;
}

export interface CheckRow {
  readonly table_name: string;
  readonly constraint_name: string;
  readonly check_clause: string;
}

/** What the catalog queries return. */
export type IntrospectionRows = CatalogRowSets<{ tables: TableRow; columns: ColumnRow; indexes: IndexRow; foreignKeys: ForeignKeyRow; checks: CheckRow }>;

function columnType(row: ColumnRow, jsonColumns: ReadonlySet<string>): ColumnType {
  return jsonColumns.has(row.column_name) ? { kind: 'json' } : parseColumnType(row.column_type);
}

/** The column's collation where it is not its table's default (MariaDB's `json` is utf8mb4_bin by itself). */
function columnCollation(row: ColumnRow, type: ColumnType, table: TableRow): string | undefined {
  if (type.kind === 'json' || row.collation === null || row.collation === table.table_collation) return undefined;
  return row.collation.toLowerCase();
}

function toColumn(row: ColumnRow, table: TableRow, jsonColumns: ReadonlySet<string>, flavor: Flavor): Column {
  const extra = row.extra ?? '';
  const autoIncrement = /\bauto_increment\b/i.test(extra);
  const type = columnType(row, jsonColumns);
  const out: { -readonly [K in keyof Column]: Column[K] } = { name: row.column_name, type, nullable: row.is_nullable === 'YES' };
  const collation = columnCollation(row, type, table);
  if (collation !== undefined) out.collation = collation;
  // EXTRA `STORED GENERATED` / `VIRTUAL GENERATED` (MySQL 8 and MariaDB); MySQL 8 escapes the expression like a check's.
  const kind = /\b(STORED|VIRTUAL|PERSISTENT) GENERATED\b/i.exec(extra)?.[1]?.toUpperCase();
  const expression = row.generation_expression ?? '';
  if (kind !== undefined && expression !== '') {
    out.generated = { expression: canonicalGeneratedExpression(flavor === 'mysql' ? unescapeMysqlExpression(expression) : expression), stored: kind !== 'VIRTUAL' };
  }
  const def = autoIncrement || out.generated ? undefined : parseDefault(row.column_default, extra, type, flavor);
  if (def) out.default = def;
  if (autoIncrement) out.autoIncrement = true;
  if (parseOnUpdate(extra)) out.onUpdateCurrentTimestamp = true;
  if (row.column_comment) out.comment = row.column_comment;
  return out;
}

function indexKind(type: string): IndexKind {
  const t = type.toUpperCase();
  return t === 'FULLTEXT' ? 'fulltext' : t === 'SPATIAL' ? 'spatial' : 'btree';
}

function toIndex(rows: readonly IndexRow[], flavor: Flavor): Index {
  const first = rows[0] as IndexRow;
  const sorted = [...rows].sort((a, b) => Number(a.seq) - Number(b.seq));
  const kind = indexKind(first.index_type);
  const parts: IndexPart[] = sorted.map((r) => {
    const part: { -readonly [K in keyof IndexPart]: IndexPart[K] } = {};
    if (r.column_name !== null) part.column = r.column_name;
    if (r.expression) part.expression = flavor === 'mysql' ? unescapeMysqlExpression(r.expression) : r.expression;
    // MariaDB reports SUB_PART 32 for a SPATIAL key's geometry column, a length no statement may give it
    // ("Incorrect prefix key"): a spatial key part has no prefix.
    if (r.sub_part !== null && r.sub_part !== undefined && kind !== 'spatial') part.length = Number(r.sub_part);
    if (r.collation === 'D') part.descending = true;
    return part;
  });
  const index: { -readonly [K in keyof Index]: Index[K] } = {
    name: first.index_name,
    columns: parts.filter((p) => p.column !== undefined).map((p) => p.column as string),
    unique: Number(first.non_unique) === 0,
  };
  const native = nativeIndex(kind, parts);
  if (native !== undefined) index.native = native;
  return index;
}

function action(rule: string): ForeignKeyAction {
  const upper = rule.toUpperCase().replace(/_/g, ' ') as ForeignKeyAction;
  return normalizeAction(upper);
}

function toForeignKey(rows: readonly ForeignKeyRow[]): ForeignKey {
  const sorted = [...rows].sort((a, b) => Number(a.position) - Number(b.position));
  const first = sorted[0] as ForeignKeyRow;
  return {
    name: first.constraint_name,
    columns: sorted.map((r) => r.column_name),
    references: { table: first.referenced_table, columns: sorted.map((r) => r.referenced_column) },
    onDelete: action(first.delete_rule),
    onUpdate: action(first.update_rule),
  };
}

function tableOptions(row: TableRow): MysqlTableOptions | undefined {
  const out: { -readonly [K in keyof MysqlTableOptions]: MysqlTableOptions[K] } = {};
  if (row.engine) out.engine = row.engine;
  if (row.table_charset) out.charset = row.table_charset;
  if (row.table_collation) out.collation = row.table_collation;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Builds the model from catalog rows. MariaDB's `json` (a `longtext` with a
 * column-level `json_valid` CHECK named after the column) comes back as
 * `json` and that CHECK is not listed; MySQL 8's doubly escaped CHECK and
 * generated-default text is unescaped first.
 */
export function fromRows(rows: IntrospectionRows, flavor: Flavor): Schema {
  const columns = groupBy(rows.columns, (r) => r.table_name);
  const indexes = groupBy(rows.indexes, (r) => r.table_name);
  const fks = groupBy(rows.foreignKeys, (r) => r.table_name);
  const checks = groupBy(rows.checks, (r) => r.table_name);
  const tables: Table[] = rows.tables.map((t) => {
    const tableColumns = [...(columns.get(t.table_name) ?? [])].sort((a, b) => Number(a.position) - Number(b.position));
    const clauses = (checks.get(t.table_name) ?? []).map((c) => ({
      name: c.constraint_name,
      clause: flavor === 'mysql' ? unescapeMysqlExpression(c.check_clause) : c.check_clause,
    }));
    const jsonColumns = new Set<string>();
    const jsonChecks = new Set<string>();
    for (const col of tableColumns) {
      if (col.column_type.toLowerCase() !== 'longtext') continue;
      const check = clauses.find((c) => c.name === col.column_name && isJsonValidCheck(c.clause, col.column_name));
      if (!check) continue;
      jsonColumns.add(col.column_name);
      jsonChecks.add(check.name);
    }
    const byIndex = groupBy(indexes.get(t.table_name) ?? [], (r) => r.index_name);
    let primaryKey: PrimaryKey | undefined;
    const tableIndexes: Index[] = [];
    for (const [name, list] of byIndex) {
      if (name === 'PRIMARY') {
        primaryKey = { columns: [...list].sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => r.column_name ?? '') };
      } else {
        tableIndexes.push(toIndex(list, flavor));
      }
    }
    const tableChecks: Check[] = clauses
      .filter((c) => !jsonChecks.has(c.name))
      .map((c) => ({ name: c.name, expression: canonicalExpression(c.clause) }));
    const table: { -readonly [K in keyof Table]: Table[K] } = {
      name: t.table_name,
      columns: tableColumns.map((c) => toColumn(c, t, jsonColumns, flavor)),
      indexes: tableIndexes,
      foreignKeys: [...groupBy(fks.get(t.table_name) ?? [], (r) => r.constraint_name).values()].map(toForeignKey),
    };
    if (primaryKey) table.primaryKey = primaryKey;
    if (tableChecks.length > 0) table.checks = tableChecks;
    if (t.table_comment) table.comment = t.table_comment;
    const mysql = tableOptions(t);
    if (mysql) table.mysql = mysql;
    return table;
  });
  return sortSchema({ tables });
}
