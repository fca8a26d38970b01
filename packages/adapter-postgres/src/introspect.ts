/**
 * Catalog rows → the canonical model. Pure: unit tests feed it fixture rows.
 */
import { groupBy, matchingClose, POSTGRES_LEXICON, sortSchema, tokenizeSql, unquote } from '@odac/core';
import type { Check, Column, ColumnType, ForeignKey, ForeignKeyAction, Index, PrimaryKey, Schema, Table } from '@odac/core';
import { coerceDefault, parseDefault } from './defaults.js';
import { literal } from './quote.js';
import { ownNotNullName, typeFromSql } from './types.js';

export interface TableRow {
  /** The table's schema as `quote_ident` spells it in expressions (absent in old fixtures). */
  readonly schema_sql?: string;
  readonly name: string;
  readonly comment: string | null;
}

export interface ColumnRow {
  readonly table_name: string;
  readonly position: number;
  readonly name: string;
  /** `format_type(atttypid, atttypmod)`. */
  readonly type: string;
  /** `pg_type.typtype`: b base, e enum, d domain, c composite, r range… */
  readonly type_kind: string;
  readonly enum_values: readonly string[] | null;
  /** The enum type's name (`pg_type.typname`); absent in old fixtures. */
  readonly enum_type?: string | null;
  /** The enum type's schema where it is not the table's. */
  readonly enum_schema?: string | null;
  readonly not_null: boolean;
  /** `attidentity`: '' none, 'a' ALWAYS, 'd' BY DEFAULT. */
  readonly identity: string;
  /** `attgenerated`: '' none, 's' stored generated column, 'v' virtual (PostgreSQL 18+); its expression is `default_sql`. */
  readonly generated: string;
  readonly default_sql: string | null;
  readonly comment: string | null;
  /** The column's collation as SQL (`"C"`, `"de-x-icu"`) where it is not its type's default; null otherwise. */
  readonly collation: string | null;
  /** The sequence the column owns (`OWNED BY`, as `serial` makes it), as `regclass` text; null when none. */
  readonly owned_sequence: string | null;
}

export interface ConstraintRow {
  readonly table_name: string;
  readonly name: string;
  /** p primary key, f foreign key, c check. */
  readonly type: string;
  readonly columns: readonly string[];
  readonly ref_table: string | null;
  readonly ref_schema: string | null;
  readonly ref_columns: readonly string[];
  /** `confupdtype` / `confdeltype`: a no action, r restrict, c cascade, n set null, d set default. */
  readonly on_update: string;
  readonly on_delete: string;
  /** `confmatchtype`: s simple, f full, p partial (not implemented by PostgreSQL; read as simple). */
  readonly match_type: string;
  /** `condeferrable`. */
  readonly deferrable: boolean;
  /** `condeferred`: initially deferred (only when deferrable). */
  readonly deferred: boolean;
  readonly validated: boolean;
  /** `connoinherit`. Absent in old fixtures: false. */
  readonly no_inherit?: boolean;
  /** PostgreSQL 18 `conperiod`: WITHOUT OVERLAPS (keys) / PERIOD (foreign keys). Null or absent before 18. */
  readonly period?: boolean | null;
  /** PostgreSQL 18 `conenforced`. Null or absent before 18 (enforced). */
  readonly enforced?: boolean | null;
  /** `confdelsetcols` as column names (PostgreSQL 15+ `ON DELETE SET NULL (cols)`); empty when all. */
  readonly on_delete_columns?: readonly string[];
  readonly expression: string | null;
}

export interface IndexRow {
  readonly table_name: string;
  readonly name: string;
  readonly is_unique: boolean;
  readonly is_valid: boolean;
  /** Key columns; '' for an expression. */
  readonly columns: readonly string[];
  readonly predicate: string | null;
  /** `pg_get_indexdef()`. */
  readonly definition: string;
  /** A UNIQUE constraint owns the index. Absent in old fixtures: false. */
  readonly is_constraint?: boolean;
  /** The constraint's `condeferrable` / `condeferred`. */
  readonly deferrable?: boolean;
  readonly deferred?: boolean;
  /** PostgreSQL 18: the UNIQUE constraint is `WITHOUT OVERLAPS`. */
  readonly without_overlaps?: boolean | null;
}

export interface CatalogRows {
  readonly tables: readonly TableRow[];
  readonly columns: readonly ColumnRow[];
  readonly constraints: readonly ConstraintRow[];
  readonly indexes: readonly IndexRow[];
}

const ACTIONS: Readonly<Record<string, ForeignKeyAction>> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

function columnType(row: ColumnRow): ColumnType {
  if (row.type_kind === 'e' && row.enum_values) {
    return { kind: 'enum', values: [...row.enum_values], ...(row.enum_type ? { typeName: row.enum_type } : {}), ...(row.enum_type && row.enum_schema ? { typeSchema: row.enum_schema } : {}) };
  }
  // Domains, composites and ranges are the user's own types: kept by name.
  if (row.type_kind !== 'b') return { kind: 'native', sql: row.type };
  return typeFromSql(row.type);
}

export function columnFromRow(row: ColumnRow): Column {
  const type = columnType(row);
  // serial: a nextval() default on the very sequence the column owns. Any other nextval() (a shared
  // sequence) is an ordinary default expression.
  const serial = row.owned_sequence !== null && row.default_sql?.trim() === `nextval(${literal(row.owned_sequence)}::regclass)`;
  const identity = row.identity === 'a' ? 'always' : row.identity === 'd' ? 'byDefault' : serial ? 'serial' : undefined;
  const autoIncrement = identity !== undefined;
  // A generated column's expression is in pg_attrdef like a default, but it is no default.
  const generated = row.generated === 's' || row.generated === 'v' ? row.default_sql : null;
  const value =
    autoIncrement || row.generated !== '' || row.default_sql === null ? undefined : coerceDefault(type, parseDefault(row.default_sql));
  return {
    name: row.name,
    type,
    nullable: !row.not_null,
    ...(value !== undefined ? { default: value } : {}),
    ...(identity !== undefined ? { autoIncrement: true, identity } : {}),
    ...(row.collation !== null ? { collation: row.collation } : {}),
    ...(generated !== null ? { generated: { expression: generated, stored: row.generated === 's' } } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

/**
 * A plain index (btree over columns, optional predicate), or the part of
 * `pg_get_indexdef` after the table name as `native` for anything else
 * (expressions, DESC, operator classes, INCLUDE, other access methods).
 */
export function indexFromRow(row: IndexRow): Index {
  const def = row.definition;
  const using = def.indexOf(' USING ');
  const full = using >= 0 ? def.slice(using + 1) : def;
  // A UNIQUE constraint says NULLS NOT DISTINCT in its own flag; a bare index keeps it in `native`.
  const nullsNotDistinct = row.is_constraint === true && full.endsWith(NULLS_NOT_DISTINCT);
  const native = nullsNotDistinct ? full.slice(0, -NULLS_NOT_DISTINCT.length) : full;
  const constraint: Partial<Index> =
    row.is_constraint === true
      ? { constraint: true, ...(row.deferrable === true ? { deferrable: row.deferred === true ? 'deferred' : 'immediate' } : {}) }
      : {};
  // `USING btree (a, "B")`: each key a bare column name, then nothing or a WHERE.
  const simple = (): boolean => {
    const tokens = tokenizeSql(native, POSTGRES_LEXICON, { comments: false });
    const close = matchingClose(tokens, 2);
    const keys = tokens.slice(3, close);
    const names = keys.filter((_, i) => i % 2 === 0).map((t) => (t.kind === 'ident' ? unquote(t, POSTGRES_LEXICON) : t.text));
    return (
      /^USING btree \(/.test(native) &&
      close > 0 &&
      keys.every((t, i) => (i % 2 === 0 ? t.kind === 'word' || t.kind === 'ident' : t.kind === 'comma')) &&
      names.join('\0') === row.columns.join('\0') &&
      [undefined, 'WHERE'].includes(tokens[close + 1]?.text)
    );
  };
  // UNIQUE (a, b WITHOUT OVERLAPS) is a gist index the constraint owns: the constraint says it all.
  if (row.is_constraint === true && row.without_overlaps === true && row.columns.every((c) => c !== '')) {
    return { name: row.name, columns: [...row.columns], unique: true, ...constraint, withoutOverlaps: true };
  }
  if (simple()) {
    return {
      name: row.name,
      columns: [...row.columns],
      unique: row.is_unique,
      ...(row.predicate !== null ? { where: row.predicate } : {}),
      ...constraint,
      ...(nullsNotDistinct ? { nullsNotDistinct: true } : {}),
    };
  }
  // Anything else (INCLUDE on a constraint too) is kept whole, NULLS NOT DISTINCT included.
  return { name: row.name, columns: row.columns.filter((c) => c !== ''), unique: row.is_unique, native: full, ...constraint };
}

const NULLS_NOT_DISTINCT = ' NULLS NOT DISTINCT';

function foreignKeyFromRow(row: ConstraintRow): ForeignKey {
  return {
    name: row.name,
    columns: [...row.columns],
    references: { table: row.ref_table ?? '', columns: [...row.ref_columns] },
    onDelete: ACTIONS[row.on_delete] ?? 'NO ACTION',
    onUpdate: ACTIONS[row.on_update] ?? 'NO ACTION',
    ...(row.deferrable ? { deferrable: row.deferred ? 'deferred' : 'immediate' } : {}),
    ...(row.match_type === 'f' ? { match: 'full' } : {}),
    ...(row.on_delete_columns !== undefined && row.on_delete_columns.length > 0 ? { onDeleteColumns: [...row.on_delete_columns] } : {}),
    ...(row.period === true ? { period: true } : {}),
    // NOT ENFORCED keys are never validated; one added NOT VALID and never validated (an online run that
    // stopped in between) is validated by the planner.
    ...(row.enforced === false ? { notEnforced: true } : row.validated ? {} : { notValid: true }),
  };
}

function checkFromRow(row: ConstraintRow): Check {
  return {
    name: row.name,
    expression: row.expression ?? '',
    ...(row.no_inherit === true ? { noInherit: true } : {}),
    // A NOT ENFORCED check is never validated: that is not NOT VALID.
    ...(row.enforced === false ? { notEnforced: true } : row.validated ? {} : { notValid: true }),
  };
}

/** The model of the catalog rows of one schema. Pure. */
export function fromRows(rows: CatalogRows): Schema {
  const byTable = (row: { readonly table_name: string }): string => row.table_name;
  const columns = groupBy(rows.columns, byTable);
  const constraints = groupBy(rows.constraints, byTable);
  const indexes = groupBy(rows.indexes, byTable);
  const tables = rows.tables.map((t): Table => {
    const cons = constraints.get(t.name) ?? [];
    const pk = cons.find((c) => c.type === 'p');
    const primaryKey: PrimaryKey | undefined = pk
      ? {
          name: pk.name,
          columns: [...pk.columns],
          ...(pk.deferrable ? { deferrable: pk.deferred ? 'deferred' : 'immediate' } : {}),
          ...(pk.period === true ? { withoutOverlaps: true } : {}),
        }
      : undefined;
    // PostgreSQL 18 NOT NULL … NOT VALID: attnotnull is set, yet old rows may hold NULLs.
    const notNullNotValid = new Map(cons.filter((c) => c.type === 'n').flatMap((c) => c.columns.map((name) => [name, c.name] as const)));
    const checks: Check[] = cons.filter((c) => c.type === 'c' && c.expression !== null).map(checkFromRow);
    return {
      name: t.name,
      columns: [...(columns.get(t.name) ?? [])]
        .sort((a, b) => a.position - b.position)
        .map(columnFromRow)
        .map((c) => {
          const notNullName = notNullNotValid.get(c.name);
          return notNullName !== undefined ? { ...c, nullable: true, notNullNotValid: true, ...ownNotNullName(t.name, { name: c.name, notNullName }) } : c;
        }),
      ...(primaryKey ? { primaryKey } : {}),
      // An index left invalid by a failed concurrent build does not count: the next run rebuilds it.
      indexes: (indexes.get(t.name) ?? []).filter((i) => i.is_valid).map(indexFromRow),
      foreignKeys: cons.filter((c) => c.type === 'f').map(foreignKeyFromRow),
      ...(checks.length > 0 ? { checks } : {}),
      ...(t.comment ? { comment: t.comment } : {}),
    };
  });
  return sortSchema({ tables });
}
