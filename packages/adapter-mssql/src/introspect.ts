/**
 * Catalog rows → the canonical model. Pure: unit tests feed it fixture rows
 * shaped like what `queries.ts` returns from the `sys.*` views.
 */
import { groupBy, sortSchema, type Check, type Column, type ForeignKey, type ForeignKeyAction, type Index, type PrimaryKey, type Schema, type Table, type CatalogRowSets } from '@odac/core';
import { AUTHORED_PROPERTY, authoredFor } from './authored.js';
import { coerceDefault, parseDefault } from './defaults.js';
import { stripOuterParens } from './expression.js';
import { absorbTypeChecks } from './normalize.js';
import { quote } from './quote.js';
import { typeFromCatalog, type CatalogType } from './types.js';

/** `sys.tables` in the managed schema. */
export interface TableRow {
  readonly object_id: number;
  readonly name: string;
}

/** `sys.columns` + `sys.types` + `sys.default_constraints`, one row per column. */
export interface ColumnRow extends CatalogType {
  readonly object_id: number;
  readonly column_id: number;
  readonly name: string;
  readonly is_nullable: boolean;
  readonly is_identity: boolean;
  readonly is_computed: boolean;
  /** `sys.default_constraints.object_id` / `.definition`, null without a default. */
  readonly default_object_id: number | null;
  readonly default_definition: string | null;
  /** `sys.computed_columns.definition` / `.is_persisted` of a computed column; absent or null otherwise. */
  readonly computed_definition?: string | null;
  readonly is_persisted?: boolean | null;
}

/** `sys.indexes` + `sys.index_columns`, one row per index column (heaps excluded). */
export interface IndexRow {
  readonly object_id: number;
  readonly index_id: number;
  readonly name: string;
  /** `CLUSTERED`, `NONCLUSTERED`, `CLUSTERED COLUMNSTORE`, `XML`, `SPATIAL`… */
  readonly type_desc: string;
  readonly is_primary_key: boolean;
  readonly is_unique_constraint: boolean;
  readonly is_unique: boolean;
  readonly has_filter: boolean;
  /** e.g. `([deleted_at] IS NULL)`; null without a filter. */
  readonly filter_definition: string | null;
  /** 1-based position among key columns; 0 for an included column. */
  readonly key_ordinal: number;
  readonly is_descending_key: boolean;
  readonly is_included_column: boolean;
  readonly column_name: string;
}

/** `sys.foreign_keys` + `sys.foreign_key_columns`, one row per column pair. */
export interface ForeignKeyRow {
  /** The referencing table. */
  readonly parent_object_id: number;
  readonly name: string;
  readonly constraint_column_id: number;
  readonly column_name: string;
  readonly referenced_schema: string;
  readonly referenced_table: string;
  readonly referenced_column: string;
  /** `NO_ACTION`, `CASCADE`, `SET_NULL`, `SET_DEFAULT`. */
  readonly delete_referential_action_desc: string;
  readonly update_referential_action_desc: string;
}

/** `sys.check_constraints`. */
export interface CheckRow {
  readonly object_id: number;
  readonly parent_object_id: number;
  readonly name: string;
  /** As SQL Server stores it: `([price]>=(0))`. */
  readonly definition: string;
}

/** `sys.extended_properties` odac reads (`MS_Description`, `odac_authored`) of objects in the schema. */
export interface PropertyRow {
  /** 1 = object or column, 7 = index. */
  readonly class: number;
  /** The object (table, constraint) the property is on. */
  readonly major_id: number;
  /** Column id (class 1 on a table), index id (class 7), otherwise 0. */
  readonly minor_id: number;
  readonly name: string;
  readonly value: string | null;
}

export type CatalogRows = CatalogRowSets<{ tables: TableRow; columns: ColumnRow; indexes: IndexRow; foreignKeys: ForeignKeyRow; checks: CheckRow; properties: PropertyRow }> & {
  /** The schema the rows were read from (foreign keys into other schemas name it). */
  readonly schema: string;
};

const ACTIONS: Readonly<Record<string, ForeignKeyAction>> = {
  NO_ACTION: 'NO ACTION',
  CASCADE: 'CASCADE',
  SET_NULL: 'SET NULL',
  SET_DEFAULT: 'SET DEFAULT',
};

/** Property values by `class:major:minor:name`. */
class Properties {
  private readonly map = new Map<string, string>();
  constructor(rows: readonly PropertyRow[]) {
    for (const r of rows) if (r.value !== null) this.map.set(`${r.class}:${r.major_id}:${r.minor_id}:${r.name}`, r.value);
  }
  get(cls: number, major: number, minor: number, name: string): string | undefined {
    return this.map.get(`${cls}:${major}:${minor}:${name}`);
  }
}

function columnFromRow(row: ColumnRow, props: Properties): Column {
  const type = typeFromCatalog(row);
  const autoIncrement = row.is_identity;
  let value;
  if (!autoIncrement && row.default_definition !== null) {
    const recorded = row.default_object_id === null ? undefined : props.get(1, row.default_object_id, 0, AUTHORED_PROPERTY);
    const authored = authoredFor(row.default_definition, recorded);
    value = coerceDefault(type, authored !== undefined ? { kind: 'expression', sql: authored } : parseDefault(row.default_definition));
  }
  const comment = props.get(1, row.object_id, row.column_id, 'MS_Description');
  // A computed column: the expression odac recorded while SQL Server's definition is unchanged, else SQL Server's own text.
  const computed = row.is_computed && row.computed_definition ? row.computed_definition : undefined;
  const expression =
    computed === undefined ? undefined : (authoredFor(computed, props.get(1, row.object_id, row.column_id, AUTHORED_PROPERTY)) ?? stripOuterParens(computed));
  return {
    name: row.name,
    type,
    nullable: row.is_nullable,
    ...(value !== undefined ? { default: value } : {}),
    ...(expression !== undefined ? { generated: { expression, stored: row.is_persisted === true } } : {}),
    ...(autoIncrement ? { autoIncrement: true } : {}),
    ...(comment ? { comment } : {}),
  };
}

/**
 * A plain index (nonclustered, ascending keys, no included columns, an
 * optional filter), or `native` (`CLUSTERED ([a] DESC) INCLUDE ([b])`) for
 * anything the model cannot express.
 */
function indexFromRows(rows: readonly IndexRow[], props: Properties): Index {
  const first = rows[0] as IndexRow;
  const keys = rows.filter((r) => !r.is_included_column).sort((a, b) => a.key_ordinal - b.key_ordinal);
  const included = rows.filter((r) => r.is_included_column);
  const recorded = props.get(7, first.object_id, first.index_id, AUTHORED_PROPERTY);
  const filter = first.has_filter && first.filter_definition !== null ? first.filter_definition : undefined;
  const where = filter === undefined ? undefined : (authoredFor(filter, recorded) ?? stripOuterParens(filter));
  const columns = keys.map((k) => k.column_name);
  const plain = first.type_desc === 'NONCLUSTERED' && included.length === 0 && keys.every((k) => !k.is_descending_key);
  if (plain) return { name: first.name, columns, unique: first.is_unique, ...(where !== undefined ? { where } : {}) };
  const keyList = keys.map((k) => quote(k.column_name) + (k.is_descending_key ? ' DESC' : '')).join(', ');
  const native =
    `${first.type_desc} (${keyList})` +
    (included.length > 0 ? ` INCLUDE (${included.map((r) => quote(r.column_name)).join(', ')})` : '') +
    (where !== undefined ? ` WHERE ${where}` : '');
  return { name: first.name, columns, unique: first.is_unique, native };
}

function foreignKeyFromRows(rows: readonly ForeignKeyRow[], schema: string): ForeignKey {
  const sorted = [...rows].sort((a, b) => a.constraint_column_id - b.constraint_column_id);
  const first = sorted[0] as ForeignKeyRow;
  const table = first.referenced_schema === schema ? first.referenced_table : `${first.referenced_schema}.${first.referenced_table}`;
  return {
    name: first.name,
    columns: sorted.map((r) => r.column_name),
    references: { table, columns: sorted.map((r) => r.referenced_column) },
    onDelete: ACTIONS[first.delete_referential_action_desc] ?? 'NO ACTION',
    onUpdate: ACTIONS[first.update_referential_action_desc] ?? 'NO ACTION',
  };
}

function checkFromRow(row: CheckRow, props: Properties): Check {
  const authored = authoredFor(row.definition, props.get(1, row.object_id, 0, AUTHORED_PROPERTY));
  return { name: row.name, expression: authored ?? stripOuterParens(row.definition) };
}

/** The model of the catalog rows of one schema. Pure. */
export function fromRows(rows: CatalogRows): Schema {
  const props = new Properties(rows.properties);
  const columns = groupBy(rows.columns, (r) => r.object_id);
  const indexes = groupBy(rows.indexes, (r) => r.object_id);
  const foreignKeys = groupBy(rows.foreignKeys, (r) => r.parent_object_id);
  const checks = groupBy(rows.checks, (r) => r.parent_object_id);
  const tables = rows.tables.map((t): Table => {
    const byIndex = groupBy(indexes.get(t.object_id) ?? [], (r) => r.index_id);
    const pkRows = [...byIndex.values()].find((list) => list[0]?.is_primary_key);
    const primaryKey: PrimaryKey | undefined = pkRows
      ? { name: (pkRows[0] as IndexRow).name, columns: [...pkRows].filter((r) => !r.is_included_column).sort((a, b) => a.key_ordinal - b.key_ordinal).map((r) => r.column_name) }
      : undefined;
    const plainColumns = [...(columns.get(t.object_id) ?? [])].sort((a, b) => a.column_id - b.column_id).map((c) => columnFromRow(c, props));
    const checkList = [...(checks.get(t.object_id) ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // odac's enum and json checks are part of their column's type; other checks stay checks.
    const absorbed = absorbTypeChecks(plainColumns, checkList.map((c) => ({ name: c.name, expression: c.definition })));
    const kept = new Set(absorbed.checks.map((c) => c.name));
    const tableChecks = checkList.filter((c) => kept.has(c.name)).map((c) => checkFromRow(c, props));
    const comment = props.get(1, t.object_id, 0, 'MS_Description');
    return {
      name: t.name,
      columns: absorbed.columns,
      ...(primaryKey ? { primaryKey } : {}),
      indexes: [...byIndex.values()].filter((list) => !list[0]?.is_primary_key).map((list) => indexFromRows(list, props)),
      foreignKeys: [...groupBy(foreignKeys.get(t.object_id) ?? [], (r) => r.name).values()].map((list) => foreignKeyFromRows(list, rows.schema)),
      ...(tableChecks.length > 0 ? { checks: tableChecks } : {}),
      ...(comment ? { comment } : {}),
    };
  });
  return sortSchema({ tables });
}
