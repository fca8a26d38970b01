/**
 * Preflight queries: for each data check of a plan, one `SELECT COUNT_BIG(*)`
 * of the rows that would make the plan fail. Names are those in the
 * database before the plan runs. Pure SQL builders; the connection runs them.
 */
import type { ColumnType, PreflightCheck } from '@odac/core';
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

/** The counting query for one check (column `n`), or undefined when there is nothing to count. */
export function preflightSql(check: PreflightCheck): string | undefined {
  const table = quote(check.table);
  switch (check.kind) {
    case 'notNull':
      return `SELECT COUNT_BIG(*) AS n FROM ${table} WHERE ${quote(check.column)} IS NULL`;
    case 'emptyTable':
      return `SELECT COUNT_BIG(*) AS n FROM ${table}`;
    case 'unique': {
      // A SQL Server unique index treats NULLs as equal: rows whose keys are NULL collide too.
      const cols = check.columns.map(quote).join(', ');
      return `SELECT COALESCE(SUM(d.n), 0) AS n FROM (SELECT COUNT_BIG(*) AS n FROM ${table} GROUP BY ${cols} HAVING COUNT_BIG(*) > 1) d`;
    }
    case 'foreignKey': {
      // A row with any NULL in the key is not checked (MATCH SIMPLE).
      const present = check.columns.map((c) => `c.${quote(c)} IS NOT NULL`).join(' AND ');
      if (check.targetIsNew) return `SELECT COUNT_BIG(*) AS n FROM ${table} c WHERE ${present}`;
      const join = check.columns.map((c, i) => `p.${quote(check.references.columns[i] ?? c)} = c.${quote(c)}`).join(' AND ');
      return `SELECT COUNT_BIG(*) AS n FROM ${table} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${quote(check.references.table)} p WHERE ${join})`;
    }
    case 'fitsType': {
      const col = quote(check.column);
      const cond = doesNotFit(col, check.to);
      return cond === undefined ? undefined : `SELECT COUNT_BIG(*) AS n FROM ${table} WHERE ${col} IS NOT NULL AND (${cond})`;
    }
  }
}
