/**
 * ODAC.JS compatibility (`compat: 'odacjs'`): the desired table as ODAC.JS's
 * knex-based engine builds it on MySQL/MariaDB. Almost everything already
 * agrees (`increments` is `int unsigned auto_increment`, `boolean` is
 * `tinyint(1)`, `uuid` is `char(36)`; knex's `<table>_<column>_foreign` and
 * `<table>_<columns>_index` names do not matter, keys and indexes are
 * matched by meaning). What differs: knex writes a `float` as `float(8,2)`
 * when no precision is given, and with a precision but no scale gives it
 * scale 2.
 */
import type { Column, Table } from '@odac/core';

function knexColumn(column: Column): Column {
  if (column.type.kind !== 'float') return column;
  return { ...column, type: { kind: 'float', precision: column.type.precision ?? 8, scale: column.type.scale ?? 2 } };
}

/** A desired table in ODAC.JS's form, before the usual lowering. Pure. */
export function odacjsTable(table: Table): Table {
  return { ...table, columns: table.columns.map(knexColumn) };
}
