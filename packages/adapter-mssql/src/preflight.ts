/**
 * Preflight queries: for each data check of a plan, one `SELECT COUNT_BIG(*)`
 * of the rows that would make the plan fail. Names are those in the
 * database before the plan runs. Pure SQL builders; the connection runs them.
 */
import { preflightQueries, type ColumnType } from '@odac/core';
import { nstring, quote } from './quote.js';
import { MAX_NVARCHAR, MAX_VARBINARY, typeSql } from './types.js';

/** Kinds whose fit `TRY_CAST` decides: NULL when the value does not convert (or overflows). */
const CASTABLE = new Set<ColumnType['kind']>(['integer', 'decimal', 'float', 'double', 'boolean', 'uuid', 'date', 'time', 'datetime', 'timestamp']);

/**
 * A condition true for a value of `col` that does not fit `to`, or
 * undefined when this adapter cannot tell (the type change itself then
 * fails inside the transaction and rolls back).
 */
export function doesNotFit(col: string, to: ColumnType): string | undefined {
  switch (to.kind) {
    case 'string':
    case 'char':
      if (to.length > MAX_NVARCHAR) return undefined;
      // LEN ignores trailing spaces: count them too, they would be cut as well.
      return `LEN(CONVERT(nvarchar(max), ${col}) + N'x') - 1 > ${to.length}`;
    case 'enum':
      return `CONVERT(nvarchar(max), ${col}) NOT IN (${to.values.map(nstring).join(', ')})`;
    case 'binary':
      return to.length === undefined || to.length > MAX_VARBINARY ? undefined : `DATALENGTH(${col}) > ${to.length}`;
    case 'json':
      return `ISJSON(CONVERT(nvarchar(max), ${col})) = 0`;
    default:
      return CASTABLE.has(to.kind) ? `TRY_CAST(${col} AS ${typeSql(to)}) IS NULL` : undefined;
  }
}

/** The counting query for one check (column `n`), or undefined; a unique index treats NULLs as equal here, so rows whose keys are NULL collide too. */
export const preflightSql = preflightQueries({ quote, misfit: (column, _from, to) => doesNotFit(column, to), count: 'COUNT_BIG(*)', nullKeysCollide: true });
