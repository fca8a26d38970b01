/**
 * Small builders for canonical-model schemas, so scenarios stay readable:
 *
 * ```ts
 * schema(
 *   table('users', [col.increments('id'), col.string('email', 255, { nullable: false })], {
 *     indexes: [unique(['email'])],
 *   }),
 *   table('posts', [col.increments('id'), col.integer('user_id')], {
 *     foreignKeys: [fk('user_id', 'users', 'id', { onDelete: 'CASCADE' })],
 *   }),
 * )
 * ```
 *
 * Columns are nullable unless `nullable: false` (as in schema files);
 * `increments` columns are NOT NULL, auto-incrementing and, unless the table
 * says otherwise, its primary key.
 */
import {
  CURRENT_TIMESTAMP,
  deepFreeze,
  sortSchema,
  type Check,
  type Column,
  type ColumnType,
  type DefaultValue,
  type ForeignKey,
  type ForeignKeyAction,
  type Index,
  type IntegerSize,
  type PrimaryKey,
  type Schema,
  type Table,
  type TextSize,
} from '@odac/core';

/** A literal default, or a `DefaultValue` (use `now` for `CURRENT_TIMESTAMP`). */
export type DefaultInput = string | number | boolean | null | DefaultValue;

export interface ColumnOptions {
  /** Default true, except for `increments` / `bigIncrements`. */
  readonly nullable?: boolean;
  readonly default?: DefaultInput;
  readonly autoIncrement?: boolean;
  readonly onUpdateCurrentTimestamp?: boolean;
  /** A generated column: `{ expression, stored }` as in the model. */
  readonly generated?: { readonly expression: string; readonly stored: boolean };
  readonly comment?: string;
}

/** The `CURRENT_TIMESTAMP` expression default. */
export const now: DefaultValue = Object.freeze({ kind: 'expression', sql: CURRENT_TIMESTAMP });

/** An SQL expression default, kept verbatim. */
export function expression(sql: string): DefaultValue {
  return { kind: 'expression', sql };
}

function toDefault(value: DefaultInput): DefaultValue {
  if (value !== null && typeof value === 'object') return value;
  return { kind: 'literal', value };
}

/** A column of any type; the typed helpers in `col` call this. */
export function column(name: string, type: ColumnType, options: ColumnOptions = {}): Column {
  return {
    name,
    type,
    nullable: options.nullable ?? true,
    ...(options.default !== undefined ? { default: toDefault(options.default) } : {}),
    ...(options.autoIncrement ? { autoIncrement: true } : {}),
    ...(options.onUpdateCurrentTimestamp ? { onUpdateCurrentTimestamp: true } : {}),
    ...(options.generated ? { generated: { ...options.generated } } : {}),
    ...(options.comment !== undefined ? { comment: options.comment } : {}),
  };
}

type IntegerOptions = ColumnOptions & { readonly unsigned?: boolean };

function integer(size: IntegerSize): (name: string, options?: IntegerOptions) => Column {
  return (name, options = {}) =>
    column(name, { kind: 'integer', size, ...(options.unsigned ? { unsigned: true } : {}) }, options);
}

/** Typed column helpers, named like the schema-file types. */
export const col = {
  increments: (name: string, options: ColumnOptions = {}): Column =>
    column(name, { kind: 'integer', size: 'regular' }, { nullable: false, autoIncrement: true, ...options }),
  bigIncrements: (name: string, options: ColumnOptions = {}): Column =>
    column(name, { kind: 'integer', size: 'big' }, { nullable: false, autoIncrement: true, ...options }),
  tinyInteger: integer('tiny'),
  smallInteger: integer('small'),
  mediumInteger: integer('medium'),
  integer: integer('regular'),
  bigInteger: integer('big'),
  decimal: (name: string, precision: number, scale: number, options: IntegerOptions = {}): Column =>
    column(name, { kind: 'decimal', precision, scale, ...(options.unsigned ? { unsigned: true } : {}) }, options),
  float: (name: string, options?: ColumnOptions): Column => column(name, { kind: 'float' }, options),
  double: (name: string, options?: ColumnOptions): Column => column(name, { kind: 'double' }, options),
  string: (name: string, length = 255, options?: ColumnOptions): Column => column(name, { kind: 'string', length }, options),
  char: (name: string, length: number, options?: ColumnOptions): Column => column(name, { kind: 'char', length }, options),
  text: (name: string, options: ColumnOptions & { readonly size?: TextSize } = {}): Column =>
    column(name, { kind: 'text', ...(options.size ? { size: options.size } : {}) }, options),
  boolean: (name: string, options?: ColumnOptions): Column => column(name, { kind: 'boolean' }, options),
  date: (name: string, options?: ColumnOptions): Column => column(name, { kind: 'date' }, options),
  time: (name: string, options?: ColumnOptions): Column => column(name, { kind: 'time' }, options),
  datetime: (name: string, options?: ColumnOptions): Column => column(name, { kind: 'datetime' }, options),
  timestamp: (name: string, options: ColumnOptions & { readonly withTimeZone?: boolean } = {}): Column =>
    column(name, { kind: 'timestamp', ...(options.withTimeZone ? { withTimeZone: true } : {}) }, options),
  json: (name: string, options: ColumnOptions & { readonly binary?: boolean } = {}): Column =>
    column(name, { kind: 'json', ...(options.binary ? { binary: true } : {}) }, options),
  uuid: (name: string, options?: ColumnOptions): Column => column(name, { kind: 'uuid' }, options),
  binary: (name: string, options: ColumnOptions & { readonly length?: number } = {}): Column =>
    column(name, { kind: 'binary', ...(options.length !== undefined ? { length: options.length } : {}) }, options),
  enum: (name: string, values: readonly string[], options?: ColumnOptions): Column =>
    column(name, { kind: 'enum', values: [...values] }, options),
  native: (name: string, sql: string, options?: ColumnOptions): Column => column(name, { kind: 'native', sql }, options),
} as const;

/** A plain index; `unique(...)` for a unique one. */
export function index(columns: readonly string[] | string, options: { readonly name?: string; readonly unique?: boolean } = {}): Index {
  return {
    ...(options.name !== undefined ? { name: options.name } : {}),
    columns: typeof columns === 'string' ? [columns] : [...columns],
    unique: options.unique ?? false,
  };
}

export function unique(columns: readonly string[] | string, options: { readonly name?: string } = {}): Index {
  return index(columns, { ...options, unique: true });
}

export interface ForeignKeyOptions {
  /** Default `NO ACTION`, the database default everywhere. */
  readonly onDelete?: ForeignKeyAction;
  readonly onUpdate?: ForeignKeyAction;
  readonly name?: string;
  /** Default NOT DEFERRABLE (absent). */
  readonly deferrable?: 'immediate' | 'deferred';
  /** Default MATCH SIMPLE (absent). */
  readonly match?: 'full';
}

/** A foreign key from `columns` to `table(references)`. */
export function fk(
  columns: readonly string[] | string,
  table: string,
  references: readonly string[] | string,
  options: ForeignKeyOptions = {},
): ForeignKey {
  return {
    ...(options.name !== undefined ? { name: options.name } : {}),
    columns: typeof columns === 'string' ? [columns] : [...columns],
    references: { table, columns: typeof references === 'string' ? [references] : [...references] },
    onDelete: options.onDelete ?? 'NO ACTION',
    onUpdate: options.onUpdate ?? 'NO ACTION',
    ...(options.deferrable !== undefined ? { deferrable: options.deferrable } : {}),
    ...(options.match !== undefined ? { match: options.match } : {}),
  };
}

export interface TableOptions {
  /**
   * Column names, or a named key. When absent the auto-increment columns form
   * the key (none: no key); `[]` means no key at all.
   */
  readonly primaryKey?: readonly string[] | PrimaryKey;
  readonly indexes?: readonly Index[];
  readonly foreignKeys?: readonly ForeignKey[];
  readonly checks?: readonly Check[];
  readonly comment?: string;
}

function primaryKeyOf(columns: readonly Column[], given: TableOptions['primaryKey']): PrimaryKey | undefined {
  if (given === undefined) {
    const auto = columns.filter((c) => c.autoIncrement).map((c) => c.name);
    return auto.length > 0 ? { columns: auto } : undefined;
  }
  if ('columns' in given) return given.columns.length > 0 ? given : undefined;
  return given.length > 0 ? { columns: [...given] } : undefined;
}

export function table(name: string, columns: readonly Column[], options: TableOptions = {}): Table {
  const primaryKey = primaryKeyOf(columns, options.primaryKey);
  return {
    name,
    columns: [...columns],
    ...(primaryKey ? { primaryKey } : {}),
    indexes: [...(options.indexes ?? [])],
    foreignKeys: [...(options.foreignKeys ?? [])],
    ...(options.checks ? { checks: [...options.checks] } : {}),
    ...(options.comment !== undefined ? { comment: options.comment } : {}),
  };
}

/** A schema: tables sorted by name, indexes and keys sorted by meaning, deep-frozen. */
export function schema(...tables: readonly Table[]): Schema {
  return deepFreeze(sortSchema({ tables }));
}

/** The empty schema. */
export const empty: Schema = schema();
