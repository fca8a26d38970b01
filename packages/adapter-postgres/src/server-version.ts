/**
 * What a desired schema asks of the server's version: features of a newer
 * PostgreSQL than the one connected to are refused at plan time, naming the
 * column and what to do, instead of failing halfway through a migration.
 */
import { displayPath, SchemaError, type Schema } from '@odac/core';

/** `server_version_num` of PostgreSQL 18.0. */
export const PG18 = 180000;

/** The problems of `desired` on a server of `versionNum` (`server_version_num`). Pure. */
export function versionProblems(desired: Schema, versionNum: number): SchemaError[] {
  const out: SchemaError[] = [];
  if (versionNum >= PG18) return out;
  const major = Math.floor(versionNum / 10000);
  for (const table of desired.tables) {
    for (const column of table.columns) {
      if (!column.generated || column.generated.stored) continue;
      out.push(
        new SchemaError(
          'SCHEMA.UNSUPPORTED',
          `${table.source !== undefined ? `${displayPath(table.source)}: ` : ''}column "${table.name}"."${column.name}" is a virtual generated column (generated.stored: false), and PostgreSQL ${major} has only STORED generated columns (VIRTUAL came in PostgreSQL 18). Remove stored: false to store it (computed on write), or upgrade the server. Nothing was changed.`,
          { ...(table.source !== undefined ? { file: table.source } : {}), table: table.name, column: column.name },
        ),
      );
    }
  }
  return out;
}
