/**
 * ODAC.JS compatibility (`compat: 'odacjs'`): the desired table with the
 * types ODAC.JS's knex-based engine declares on SQLite, so a database it
 * built adopts with an empty plan (SQLite keeps declared types verbatim, so
 * a different spelling would mean a rebuild) and new tables are declared
 * the same way: `decimal` and `double` are `float`, `timestamp` (and
 * `timestamps`) `datetime`, `uuid` `char(36)`, `binary` `blob` whatever its
 * length, `jsonb` `json`, every text size `text`. Enums are `text` with a
 * CHECK on both sides already.
 */
import type { Column, ColumnType, Table } from '@odac/core';

function knexType(type: ColumnType): ColumnType {
  switch (type.kind) {
    case 'decimal':
    case 'double':
      return { kind: 'float' };
    case 'timestamp':
      return { kind: 'datetime' };
    case 'uuid':
      return { kind: 'char', length: 36 };
    case 'binary':
      return { kind: 'binary' };
    case 'json':
      return { kind: 'json' };
    case 'text':
      return { kind: 'text' };
    default:
      return type;
  }
}

function knexColumn(column: Column): Column {
  return { ...column, type: knexType(column.type) };
}

/** A desired table in ODAC.JS's form, before the usual lowering. Pure. */
export function odacjsTable(table: Table): Table {
  return { ...table, columns: table.columns.map(knexColumn) };
}
