/**
 * Equality of model parts "by meaning". Adapters normalize first; these
 * comparisons additionally treat spellings the model allows for one meaning
 * as equal (`unsigned: false` and no `unsigned`, `0` and `'0'` on a numeric
 * column, `null` default and no default), so no adapter can be tripped by them.
 */
import { canonicalDecimal, exactNumber } from './decimal.js';
import type { Column, ColumnType, DefaultValue, IntegerSize, TextSize } from './model.js';
import type { ColumnChange } from './operations.js';

const foldSql = (sql: string): string => sql.trim().replace(/\s+/g, ' ');

/** A canonical, comparable form of a column type. */
export function canonicalType(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
      return `integer:${type.size}:${type.unsigned ? 'u' : 's'}`;
    case 'decimal':
      return `decimal:${type.precision}:${type.scale}:${type.unsigned ? 'u' : 's'}`;
    case 'string':
    case 'char':
      return `${type.kind}:${type.length}`;
    case 'text':
      return `text:${type.size ?? 'regular'}`;
    case 'timestamp':
      return `timestamp:${type.withTimeZone ? 'tz' : ''}`;
    case 'json':
      return `json:${type.binary ? 'b' : ''}`;
    case 'binary':
      return `binary:${type.length ?? ''}`;
    case 'enum':
      return `enum:${JSON.stringify(type.values)}`;
    case 'native':
      return `native:${foldSql(type.sql).toLowerCase()}`;
    case 'float':
      return type.precision === undefined && type.scale === undefined ? 'float' : `float:${type.precision ?? ''}:${type.scale ?? ''}`;
    default:
      return type.kind;
  }
}

export function typesEqual(a: ColumnType, b: ColumnType): boolean {
  if (canonicalType(a) !== canonicalType(b)) return false;
  // An enum type's name counts only when both sides know it (databases without named enums never do).
  if (a.kind === 'enum' && b.kind === 'enum' && a.typeName !== undefined && b.typeName !== undefined) return a.typeName === b.typeName && a.typeSchema === b.typeSchema;
  return true;
}

const sameGenerated = (a: Column['generated'], b: Column['generated']): boolean =>
  (a === undefined && b === undefined) || (a !== undefined && b !== undefined && a.stored === b.stored && foldSql(a.expression) === foldSql(b.expression));

const NUMERIC_KINDS = new Set<ColumnType['kind']>(['integer', 'decimal', 'float', 'double']);

/**
 * A boolean written as text, in any of PostgreSQL's boolean input forms
 * (`t`/`true`/`y`/`yes`/`on`/`1` and their opposites, any case, spaces
 * around); undefined for any other text.
 */
export function booleanText(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['t', 'true', 'y', 'yes', 'on', '1'].includes(t)) return true;
  if (['f', 'false', 'n', 'no', 'off', '0'].includes(t)) return false;
  return undefined;
}

type Literal = string | number | boolean | null;

/**
 * A literal default for a column of `type` as catalogs report it: on a
 * numeric column a number when it holds every digit (integers past 2^53 and
 * decimal(35,30) defaults stay exact text; a boolean is 1 or 0), on a
 * boolean column a boolean from any of its text forms, text otherwise.
 */
export function coerceLiteral(type: ColumnType, value: Literal): Literal {
  if (value === null) return null;
  if (NUMERIC_KINDS.has(type.kind)) {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return exactNumber(value) ?? value.trim();
    return value;
  }
  if (type.kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    return booleanText(String(value)) ?? value;
  }
  return typeof value === 'string' ? value : String(value);
}

/** A canonical, comparable form of a default for a column of `type`; undefined = no default. */
export function canonicalDefault(type: ColumnType, value: DefaultValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'expression') return `expr:${foldSql(value.sql)}`;
  const v = value.value;
  if (v === null) return undefined;
  if (type.kind === 'boolean') {
    const truthy = v === true || v === 1 || (typeof v === 'string' && booleanText(v) === true);
    return `bool:${truthy}`;
  }
  if (NUMERIC_KINDS.has(type.kind)) {
    // Exact: 0.123456789012345678901234567890 and 0.123456789012345678901234567891 differ (as text, never through a number).
    const exact = canonicalDecimal(typeof v === 'boolean' ? Number(v) : v);
    if (exact !== undefined) return `num:${exact}`;
  }
  return `lit:${String(v)}`;
}

export function defaultsEqual(type: ColumnType, a: DefaultValue | undefined, b: DefaultValue | undefined): boolean {
  return canonicalDefault(type, a) === canonicalDefault(type, b);
}

/** What differs between two versions of one column (names are not compared). */
export function columnChanges(from: Column, to: Column): ColumnChange[] {
  const changes: ColumnChange[] = [];
  if (!typesEqual(from.type, to.type)) changes.push('type');
  // A valid NOT NULL holds what NOT NULL … NOT VALID asks: it stays (as a valid check stays valid).
  const strongerLive = !from.nullable && to.notNullNotValid === true;
  const renamed = to.notNullName !== undefined && to.notNullName !== from.notNullName;
  if (!strongerLive && (from.nullable !== to.nullable || Boolean(from.notNullNotValid) !== Boolean(to.notNullNotValid) || renamed)) changes.push('nullable');
  if (!defaultsEqual(to.type, from.default, to.default)) changes.push('default');
  if (Boolean(from.autoIncrement) !== Boolean(to.autoIncrement)) changes.push('autoIncrement');
  else if (from.autoIncrement && from.identity !== undefined && to.identity !== undefined && from.identity !== to.identity) changes.push('identity');
  if ((from.collation ?? '') !== (to.collation ?? '')) changes.push('collation');
  if (!sameGenerated(from.generated, to.generated)) changes.push('generated');
  if (Boolean(from.onUpdateCurrentTimestamp) !== Boolean(to.onUpdateCurrentTimestamp)) changes.push('onUpdate');
  if ((from.comment ?? '') !== (to.comment ?? '')) changes.push('comment');
  return changes;
}

const INTEGER_RANK: Record<IntegerSize, number> = { tiny: 1, small: 2, medium: 3, regular: 4, big: 5 };
const INTEGER_DIGITS: Record<IntegerSize, number> = { tiny: 3, small: 5, medium: 8, regular: 10, big: 19 };
const TEXT_RANK: Record<TextSize, number> = { regular: 1, medium: 2, long: 3 };

function integerFits(from: Extract<ColumnType, { kind: 'integer' }>, to: Extract<ColumnType, { kind: 'integer' }>): boolean {
  const rf = INTEGER_RANK[from.size];
  const rt = INTEGER_RANK[to.size];
  if (Boolean(from.unsigned) === Boolean(to.unsigned)) return rt >= rf;
  // signed → unsigned loses negatives; unsigned → signed needs a strictly wider type.
  if (!from.unsigned && to.unsigned) return false;
  return rt > rf;
}

/**
 * True when every value of `from` is representable in `to`, so changing the
 * column cannot lose data. Unknown pairs are treated as narrowing.
 */
export function isWidening(from: ColumnType, to: ColumnType): boolean {
  if (typesEqual(from, to)) return true;
  switch (to.kind) {
    case 'integer':
      if (from.kind === 'integer') return integerFits(from, to);
      return from.kind === 'boolean';
    case 'decimal':
      if (from.kind === 'decimal') {
        return to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale && (!to.unsigned || Boolean(from.unsigned));
      }
      if (from.kind === 'integer') return to.precision - to.scale >= INTEGER_DIGITS[from.size] && (!to.unsigned || Boolean(from.unsigned));
      return from.kind === 'boolean';
    case 'double':
      return from.kind === 'float' || from.kind === 'boolean' || (from.kind === 'integer' && from.size !== 'big');
    case 'string':
      if (from.kind === 'string' || from.kind === 'char') return to.length >= from.length;
      if (from.kind === 'uuid') return to.length >= 36;
      if (from.kind === 'enum') return from.values.every((v) => v.length <= to.length);
      return false;
    case 'char':
      return from.kind === 'char' && to.length >= from.length;
    case 'text':
      if (from.kind === 'text') return TEXT_RANK[to.size ?? 'regular'] >= TEXT_RANK[from.size ?? 'regular'];
      return ['string', 'char', 'enum', 'uuid', 'json', 'integer', 'decimal', 'float', 'double', 'boolean', 'date', 'time', 'datetime', 'timestamp'].includes(from.kind);
    case 'enum':
      return from.kind === 'enum' && from.values.every((v) => to.values.includes(v));
    case 'datetime':
    case 'timestamp':
      return from.kind === 'date' || from.kind === 'datetime' || from.kind === 'timestamp';
    case 'json':
      return from.kind === 'json';
    case 'binary':
      return from.kind === 'binary' && (to.length === undefined || (from.length !== undefined && to.length >= from.length));
    default:
      return false;
  }
}
