/**
 * Names odac gives the constraints SQL Server needs but the model does not
 * name: primary keys, default constraints, and the CHECK behind an enum or
 * json column. Deterministic, shortened to 128 characters like core's.
 */
import { generatedName } from '@odac/core';

/** SQL Server's identifier limit (`sysname` is nvarchar(128)). */
export const MAX_IDENTIFIER_LENGTH = 128;

/** `PK_<table>`. */
export const primaryKeyName = (table: string): string => generatedName('PK', table, [], MAX_IDENTIFIER_LENGTH);

/** `DF_<table>_<column>`. */
export const defaultName = (table: string, column: string): string => generatedName('DF', table, [column], MAX_IDENTIFIER_LENGTH);

/** `CK_<table>_<column>_enum` / `CK_<table>_<column>_json`. */
export const typeCheckName = (table: string, column: string, kind: 'enum' | 'json'): string =>
  generatedName('CK', table, [column, kind], MAX_IDENTIFIER_LENGTH);
