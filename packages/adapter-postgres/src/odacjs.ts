/**
 * ODAC.JS compatibility (`compat: 'odacjs'`): the desired table as ODAC.JS's
 * knex-based engine builds it on PostgreSQL, so a database it built adopts
 * with an empty plan and new tables come out the same way.
 *
 * - `timestamp`, `datetime` and `timestamps` are `timestamptz` (knex's
 *   `timestamp()` / `datetime()`); an explicit `withTimeZone: false` wins.
 * - `enum` is `text` with a CHECK `("col" IN (...))` named
 *   `<table>_<column>_check`, as PostgreSQL names knex's inline check; a
 *   change of values replaces the check under the same name.
 * - `increments` / `bigIncrements` are `serial` / `bigserial` (a sequence
 *   and a `nextval()` default) rather than identity columns.
 * - `float` is `real` whatever its precision (knex ignores it here).
 */
import type { Check, Column, ColumnType, Table } from '@odac/core';
import { literal, quote } from './quote.js';
import { MAX_IDENTIFIER_BYTES } from './types.js';

function knexType(type: ColumnType): ColumnType {
  switch (type.kind) {
    case 'timestamp':
      return { kind: 'timestamp', withTimeZone: type.withTimeZone ?? true };
    case 'datetime':
      return { kind: 'timestamp', withTimeZone: true };
    case 'enum':
      return { kind: 'text' };
    case 'float':
      return { kind: 'float' };
    default:
      return type;
  }
}

function knexColumn(column: Column): Column {
  const type = knexType(column.type);
  return { ...column, type, ...(column.autoIncrement && column.identity === undefined ? { identity: 'serial' as const } : {}) };
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * The name PostgreSQL gives an unnamed column CHECK (`makeObjectName`):
 * `<table>_<column>_check`, the longer of table and column shortened a
 * character at a time until the whole fits in 63 bytes.
 * https://github.com/postgres/postgres/blob/REL_15_STABLE/src/backend/commands/indexcmds.c (makeObjectName)
 */
export function columnCheckName(table: string, column: string): string {
  let a = table;
  let b = column;
  const available = MAX_IDENTIFIER_BYTES - bytes('_check') - 1;
  while (bytes(a) + bytes(b) > available) {
    if (bytes(a) > bytes(b)) a = [...a].slice(0, -1).join('');
    else b = [...b].slice(0, -1).join('');
  }
  return `${a}_${b}_check`;
}

/** The CHECK knex writes for an enum column, under the name PostgreSQL gives it. */
export function enumCheck(table: string, column: string, values: readonly string[]): Check {
  return { name: columnCheckName(table, column), expression: `${quote(column)} IN (${values.map(literal).join(', ')})` };
}

/** A desired table in ODAC.JS's form, before the usual lowering. Pure. */
export function odacjsTable(table: Table): Table {
  const enumChecks = table.columns.flatMap((c) => (c.type.kind === 'enum' ? [enumCheck(table.name, c.name, c.type.values)] : []));
  const checks = [...(table.checks ?? []), ...enumChecks];
  return { ...table, columns: table.columns.map(knexColumn), ...(checks.length > 0 ? { checks } : {}) };
}
