/**
 * What the schema file format accepts: type names, which options each type
 * takes, and the keys of tables, indexes, foreign keys and checks. Validation
 * and did-you-mean suggestions read these lists; nothing else hard-codes them.
 */
import type { ForeignKey, ForeignKeyAction, IntegerSize } from '../model.js';
import { FOREIGN_KEY_ACTIONS } from '../model.js';
import type { ColumnTypeName } from './types.js';

/** Every accepted `type`, in the order they are listed to the user. */
export const COLUMN_TYPE_NAMES: readonly ColumnTypeName[] = [
  'increments',
  'bigIncrements',
  'integer',
  'bigInteger',
  'mediumInteger',
  'smallInteger',
  'tinyInteger',
  'string',
  'char',
  'text',
  'boolean',
  'decimal',
  'float',
  'double',
  'date',
  'time',
  'datetime',
  'timestamp',
  'json',
  'jsonb',
  'uuid',
  'nanoid',
  'binary',
  'enum',
  'specificType',
  'timestamps',
];

/** Integer sizes of the integer-family type names (auto-increment ones included). */
export const INTEGER_SIZES: Readonly<Partial<Record<ColumnTypeName, IntegerSize>>> = {
  increments: 'regular',
  bigIncrements: 'big',
  integer: 'regular',
  bigInteger: 'big',
  mediumInteger: 'medium',
  smallInteger: 'small',
  tinyInteger: 'tiny',
};

/** The type name a user writes to get an integer of this size (for advice in messages). */
export const INTEGER_TYPE_FOR_SIZE: Readonly<Record<IntegerSize, ColumnTypeName>> = {
  tiny: 'tinyInteger',
  small: 'smallInteger',
  medium: 'mediumInteger',
  regular: 'integer',
  big: 'bigInteger',
};

/**
 * Names people reach for from SQL or other ORMs, mapped to ours, so the
 * suggestion is right even when the spelling is far away (`varchar` → `string`).
 */
export const TYPE_ALIASES: Readonly<Record<string, ColumnTypeName>> = {
  int: 'integer',
  int4: 'integer',
  int8: 'bigInteger',
  int2: 'smallInteger',
  bigint: 'bigInteger',
  smallint: 'smallInteger',
  tinyint: 'tinyInteger',
  mediumint: 'mediumInteger',
  serial: 'increments',
  bigserial: 'bigIncrements',
  autoincrement: 'increments',
  varchar: 'string',
  character: 'char',
  bool: 'boolean',
  numeric: 'decimal',
  number: 'integer',
  real: 'float',
  timestamptz: 'timestamp',
  mediumtext: 'text',
  longtext: 'text',
  blob: 'binary',
  bytea: 'binary',
  varbinary: 'binary',
  native: 'specificType',
};

/** Options every real column (not the `timestamps` pseudo-column) accepts. */
export const COMMON_COLUMN_OPTIONS: readonly string[] = [
  'type',
  'nullable',
  'default',
  'unique',
  'index',
  'primary',
  'comment',
  'references',
  'onDelete',
  'onUpdate',
  'deferrable',
  'match',
  'renamedFrom',
  'generated',
  'notNullNotValid',
  'notNullName',
];

/** The keys of `generated: { … }` on a column. */
export const GENERATED_KEYS: readonly string[] = ['expression', 'stored'];

/** Options that only some types accept, with the types that take them. */
export const TYPE_SPECIFIC_OPTIONS: Readonly<Record<string, readonly ColumnTypeName[]>> = {
  unsigned: ['increments', 'bigIncrements', 'integer', 'bigInteger', 'mediumInteger', 'smallInteger', 'tinyInteger', 'decimal'],
  // `text` takes a length only because ODAC.JS accepts (and ignores) it; `specificType` takes its raw type there, ODAC.JS style.
  length: ['string', 'char', 'nanoid', 'binary', 'text', 'specificType'],
  precision: ['decimal', 'float'],
  scale: ['decimal', 'float'],
  values: ['enum'],
  // PostgreSQL's name for the enum type (CREATE TYPE mood AS ENUM …); other databases have no named enum types.
  typeName: ['enum'],
  typeSchema: ['enum'],
  textType: ['text'],
  withTimeZone: ['timestamp'],
  // specificType: `datetime(3)` / `timestamp(6)`, which MySQL reports with a precision the logical types do not carry.
  onUpdateCurrentTimestamp: ['timestamp', 'datetime', 'specificType'],
  native: ['specificType'],
  // On the other integer types: a column that generates its values without being the lone key (PostgreSQL).
  identity: ['increments', 'bigIncrements', 'integer', 'bigInteger', 'smallInteger'],
  collation: ['string', 'char', 'text', 'enum', 'specificType'],
  charset: ['string', 'char', 'text', 'enum', 'specificType'],
  /** ODAC.JS's spelling of `native`: `{ type: 'specificType', specificType: 'citext' }`. */
  specificType: ['specificType'],
};

/** Every column option name, for did-you-mean on misspellings. */
export const ALL_COLUMN_OPTIONS: readonly string[] = [...COMMON_COLUMN_OPTIONS, ...Object.keys(TYPE_SPECIFIC_OPTIONS)];

/** Advice when a known option is used on a type that does not take it. */
export const MISPLACED_OPTION_ADVICE: Readonly<Record<string, string>> = {
  unsigned: 'only integer types and decimal can be unsigned',
  length: "only string, char, nanoid and binary take a length (use type 'string' for a bounded text column)",
  precision: "only decimal and float take a precision (use type 'decimal' for exact numbers)",
  scale: "only decimal and float take a scale (use type 'decimal' for exact numbers)",
  values: "only enum takes values (use type 'enum')",
  typeName: "only enum names its type (use type 'enum')",
  typeSchema: "only enum names its type's schema (use type 'enum' with a typeName)",
  textType: "only text takes a textType",
  withTimeZone: "only timestamp stores a time zone (use { type: 'timestamp', withTimeZone: true })",
  onUpdateCurrentTimestamp: 'only timestamp and datetime (or a specificType such as datetime(3)) can update themselves',
  collation: 'only string, char, text, enum and specificType columns have a collation',
  charset: 'only string, char, text, enum and specificType columns have a character set',
  identity: "only increments, bigIncrements and the integer, bigInteger and smallInteger types say how their values are generated",
  native: "only specificType takes a native type (use { type: 'specificType', native: '...' })",
  specificType: "only specificType takes a raw type (use { type: 'specificType', specificType: '...' })",
};

export const TEXT_TYPES: readonly string[] = ['text', 'mediumtext', 'longtext'];

/** The values `identity` takes on `increments` / `bigIncrements` (the model's `Column.identity`). */
export const IDENTITY_VALUES: readonly string[] = ['byDefault', 'always', 'serial'];

/** Keys of a table definition (the object a schema file exports). */
export const TABLE_KEYS: readonly string[] = ['table', 'columns', 'primary', 'indexes', 'foreignKeys', 'checks', 'comment', 'mysql', 'sqlite', 'renamedFrom', 'seed', 'seedKey'];

/** Keys of a table's `mysql` options (the model's `MysqlTableOptions`). */
export const MYSQL_TABLE_KEYS: readonly string[] = ['engine', 'charset', 'collation'];

/** Keys of a table's `sqlite` options (the model's `SqliteTableOptions`). */
export const SQLITE_TABLE_KEYS: readonly string[] = ['strict', 'withoutRowid'];

export const INDEX_KEYS: readonly string[] = ['columns', 'unique', 'name', 'where', 'native', 'constraint', 'deferrable', 'nullsNotDistinct', 'withoutOverlaps'];

export const FOREIGN_KEY_KEYS: readonly string[] = ['columns', 'references', 'onDelete', 'onUpdate', 'deferrable', 'match', 'onDeleteColumns', 'notValid', 'period', 'notEnforced', 'name'];

/** Keys of the object form of a table's `primary`. */
export const PRIMARY_KEY_KEYS: readonly string[] = ['columns', 'deferrable', 'withoutOverlaps'];

/** The string values `deferrable` takes (besides `true` and `false`). */
export const DEFERRABLE_VALUES: readonly string[] = ['immediate', 'deferred'];

/** The values `match` takes. */
export const MATCH_VALUES: readonly string[] = ['full', 'simple'];

export const FOREIGN_KEY_REFERENCE_KEYS: readonly string[] = ['table', 'columns'];

export const REFERENCE_KEYS: readonly string[] = ['table', 'column'];

export const CHECK_KEYS: readonly string[] = ['name', 'expression', 'noInherit', 'notValid', 'notEnforced'];

/** The `timestamps` pseudo-column expands to these two columns. */
export const TIMESTAMP_COLUMNS: readonly string[] = ['created_at', 'updated_at'];

/**
 * Longest identifier every supported database keeps as written: PostgreSQL
 * truncates names past 63 bytes, which would make every later run see a
 * different name and plan a change.
 */
export const MAX_IDENTIFIER_BYTES = 63;

/** Why no database can take `name` as an identifier (a NUL character), or undefined. */
export function identifierProblem(name: string): string | undefined {
  // PostgreSQL, MySQL and SQL Server refuse it; SQLite would cut the name at it.
  return name.includes('\u0000') ? 'contains a NUL character (\\0), which no database accepts in a name; remove it' : undefined;
}

/**
 * Normalizes a foreign key action written in any case with any spacing
 * (`'set null'`, `' Cascade '`, `'no   action'`) or `undefined` when it is not
 * one of the five actions.
 */
export function normalizeAction(input: unknown): ForeignKeyAction | undefined {
  if (typeof input !== 'string') return undefined;
  const folded = input.trim().replace(/\s+/g, ' ').toUpperCase();
  return FOREIGN_KEY_ACTIONS.find((a) => a === folded);
}

/**
 * The model's `deferrable` for a schema-file value: `true` and `'immediate'`
 * are `'immediate'`, `'deferred'` is `'deferred'`, `false` and `undefined`
 * are `null` (NOT DEFERRABLE); anything else is `undefined` (invalid).
 */
export function normalizeDeferrable(input: unknown): NonNullable<ForeignKey['deferrable']> | null | undefined {
  if (input === undefined || input === false) return null;
  if (input === true || input === 'immediate') return 'immediate';
  if (input === 'deferred') return 'deferred';
  return undefined;
}

/**
 * The model's `match` for a schema-file value: `'full'` is `'full'`,
 * `'simple'` and `undefined` are `null` (MATCH SIMPLE, the default); anything
 * else is `undefined` (invalid).
 */
export function normalizeMatch(input: unknown): NonNullable<ForeignKey['match']> | null | undefined {
  if (input === undefined || input === 'simple') return null;
  if (input === 'full') return 'full';
  return undefined;
}
