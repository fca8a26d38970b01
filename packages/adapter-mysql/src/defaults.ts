/**
 * Column defaults: one canonical model for what the user wrote, what
 * MariaDB reports (`'abc'`, `NULL`, `current_timestamp()`) and what MySQL 8
 * reports (`abc`, SQL NULL, `CURRENT_TIMESTAMP` flagged `DEFAULT_GENERATED`),
 * and the SQL odac writes for it.
 */
import { CURRENT_TIMESTAMP, exactNumber, type ColumnType, type DefaultValue } from '@odac/core';
import { canonicalExpression, singleLiteral } from './expression.js';
import { literal, unescapeString } from './sql.js';
import { fractionalPrecision, isBlobLike, isNumeric, isTemporal } from './types.js';

/** Which server reported a row: the two spell defaults differently. */
export type Flavor = 'mysql' | 'mariadb';

const NOW = /^(current_timestamp|now|localtimestamp|localtime)(\s*\(\s*\d?\s*\))?$/i;

/** Whether an expression means "the current time" (any spelling, any precision). */
export function isCurrentTimestamp(sql: string): boolean {
  return NOW.test(sql.trim());
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function toNumeric(value: string | number | boolean): string | number | boolean {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (!NUMBER.test(text)) return value;
  // A number only when it holds every digit: integers past 2^53 and decimal(35,30) defaults stay exact text.
  return exactNumber(text) ?? value;
}

function toBoolean(value: string | number | boolean): string | number | boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 0 ? false : value === 1 ? true : value;
  const t = value.trim().toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return toNumeric(value);
}

function toText(value: string | number | boolean, type: ColumnType): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = String(value);
  // MySQL stores a date-only default of a datetime column as midnight.
  if ((type.kind === 'datetime' || type.kind === 'timestamp') && /^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text} 00:00:00`;
  return text;
}

/**
 * The canonical form of a default for a column of `type`: no default for
 * NULL, `CURRENT_TIMESTAMP` for every spelling of now, single-literal
 * expressions as literals, literals typed like the column.
 */
export function normalizeDefault(value: DefaultValue | undefined, type: ColumnType): DefaultValue | undefined {
  if (!value) return undefined;
  if (value.kind === 'expression') {
    if (isCurrentTimestamp(value.sql)) return { kind: 'expression', sql: CURRENT_TIMESTAMP };
    const lit = singleLiteral(value.sql);
    if (lit) return normalizeDefault({ kind: 'literal', value: lit.value }, type);
    const sql = canonicalExpression(value.sql);
    return isCurrentTimestamp(sql) ? { kind: 'expression', sql: CURRENT_TIMESTAMP } : { kind: 'expression', sql };
  }
  const v = value.value;
  if (v === null) return undefined;
  if (type.kind === 'boolean') return { kind: 'literal', value: toBoolean(v) };
  if (isNumeric(type)) return { kind: 'literal', value: toNumeric(v) };
  return { kind: 'literal', value: toText(v, type) };
}

/** Undoes the second round of backslash escaping MySQL 8 applies to generated defaults and checks. */
export function unescapeMysqlExpression(sql: string): string {
  return sql.replace(/\\(['\\])/g, '$1');
}

/**
 * Maps `COLUMN_DEFAULT` (+ `EXTRA`) to the model.
 * https://mariadb.com/kb/en/information-schema-columns-table/ (quoted since 10.2.7)
 * https://dev.mysql.com/doc/refman/8.0/en/information-schema-columns-table.html
 */
export function parseDefault(raw: string | null, extra: string, type: ColumnType, flavor: Flavor): DefaultValue | undefined {
  if (raw === null) return undefined;
  if (flavor === 'mariadb') {
    if (raw === 'NULL') return undefined;
    if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
      return normalizeDefault({ kind: 'literal', value: unescapeString(raw.slice(1, -1)) }, type);
    }
    if (NUMBER.test(raw)) return normalizeDefault({ kind: 'literal', value: toNumeric(raw) }, type);
    return normalizeDefault({ kind: 'expression', sql: raw }, type);
  }
  if (/\bDEFAULT_GENERATED\b/i.test(extra)) {
    return normalizeDefault({ kind: 'expression', sql: unescapeMysqlExpression(raw) }, type);
  }
  if (/^b'[01]*'$/i.test(raw) || (isTemporal(type) && isCurrentTimestamp(raw))) {
    return normalizeDefault({ kind: 'expression', sql: raw }, type);
  }
  return normalizeDefault({ kind: 'literal', value: raw }, type);
}

/** Whether `EXTRA` says `ON UPDATE CURRENT_TIMESTAMP` (any spelling, any precision). */
export function parseOnUpdate(extra: string): boolean {
  return /\bon update (current_timestamp|now|localtimestamp)\b/i.test(extra);
}

/** `CURRENT_TIMESTAMP` with the column's fractional precision, which MySQL requires to match. */
export function currentTimestampSql(type: ColumnType): string {
  const fsp = fractionalPrecision(type);
  return fsp === undefined ? 'CURRENT_TIMESTAMP' : `CURRENT_TIMESTAMP(${fsp})`;
}

/** The SQL after `DEFAULT` for a (normalized) default of a column of `type`. */
export function defaultSql(value: DefaultValue, type: ColumnType): string {
  if (value.kind === 'expression') {
    if (value.sql === CURRENT_TIMESTAMP || isCurrentTimestamp(value.sql)) return currentTimestampSql(type);
    // Parenthesized: the expression-default syntax of MySQL 8.0.13+ and MariaDB 10.2+.
    return `(${value.sql})`;
  }
  const sql = literal(value.value);
  // TEXT/BLOB/JSON take a literal default only as an expression on MySQL 8.
  return isBlobLike(type) ? `(${sql})` : sql;
}
