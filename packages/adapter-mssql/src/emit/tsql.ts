/**
 * Small T-SQL blocks for what only the server knows at apply time: the real
 * name of a default constraint, of the CHECK behind an enum column, of the
 * indexes on a column. Emission stays pure: the block looks the name up
 * when it runs.
 */
import { AUTHORED_PROPERTY, MAX_AUTHORED_LENGTH } from '../authored.js';
import { likeEscape, nameString, nstring, quote } from '../quote.js';

/** `OBJECT_ID(N'[t]')`: the table as the session's default schema resolves it. */
export const objectId = (table: string): string => `OBJECT_ID(${nameString(table)})`;

/** `COLUMNPROPERTY(OBJECT_ID(N'[t]'), N'c', 'ColumnId')`. */
export const columnId = (table: string, column: string): string => `COLUMNPROPERTY(${objectId(table)}, ${nstring(column)}, 'ColumnId')`;

/** Declares `@schema`: the schema of the table (for the extended-property procedures). */
const declareSchema = (table: string): string => `DECLARE @schema sysname = OBJECT_SCHEMA_NAME(${objectId(table)});`;

/** Runs `@sql` (built by the block) when it is not NULL. */
const EXEC_SQL = 'IF @sql IS NOT NULL EXEC sys.sp_executesql @sql;';

/** Drops the default constraint of a column, whatever its name, if it has one. */
export function dropDefault(table: string, column: string): string {
  return [
    `DECLARE @name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = ${objectId(table)} AND parent_column_id = ${columnId(table, column)});`,
    // EXEC (…) takes literals and variables only, not QUOTENAME(): build the text first.
    `DECLARE @sql nvarchar(max) = ${nstring(`ALTER TABLE ${quote(table)} DROP CONSTRAINT `)} + QUOTENAME(@name);`,
    EXEC_SQL,
  ].join('\n');
}

/**
 * Drops the CHECK odac put on an enum or json column, whatever its name:
 * the checks of the table whose definition starts like SQL Server prints
 * odac's (`([c]=N'…' OR …)` for an enum, `(isjson([c])…` for json).
 */
export function dropTypeCheck(table: string, column: string, kind: 'enum' | 'json'): string {
  const head = kind === 'enum' ? `(${quote(column)}=` : `(isjson(${quote(column)})`;
  const pattern = nstring(likeEscape(head.toLowerCase()) + '%');
  return [
    `DECLARE @sql nvarchar(max) = (SELECT STRING_AGG(CONVERT(nvarchar(max), ${nstring(`ALTER TABLE ${quote(table)} DROP CONSTRAINT `)} + QUOTENAME(name)), N'; ')`,
    `  FROM sys.check_constraints WHERE parent_object_id = ${objectId(table)} AND LOWER(definition) LIKE ${pattern} ESCAPE N'\\');`,
    EXEC_SQL,
  ].join('\n');
}

type AuthoredTarget =
  | { readonly kind: 'check'; readonly name: string }
  | { readonly kind: 'index'; readonly name: string }
  | { readonly kind: 'default'; readonly column: string }
  /** A computed column's expression (`sys.computed_columns.definition`). */
  | { readonly kind: 'computed'; readonly column: string };

/**
 * Records the authored text of a check, filtered index, expression
 * default or computed column as an extended property, with the hash of the definition SQL
 * Server stored (see `authored.ts`). Undefined when the text is too long to
 * record (introspection then reports SQL Server's own spelling).
 */
export function recordAuthored(table: string, target: AuthoredTarget, authored: string): string | undefined {
  if (authored.length > MAX_AUTHORED_LENGTH) return undefined;
  const hash = (definition: string): string => `CONVERT(nvarchar(64), HASHBYTES('SHA2_256', ${definition}), 2)`;
  let lookup: string;
  let level2: string;
  if (target.kind === 'check') {
    lookup = `DECLARE @value nvarchar(4000) = CONCAT((SELECT ${hash('definition')} FROM sys.check_constraints WHERE parent_object_id = ${objectId(table)} AND name = ${nstring(target.name)}), N'|', ${nstring(authored)});`;
    level2 = `@level2type = N'CONSTRAINT', @level2name = ${nstring(target.name)}`;
  } else if (target.kind === 'index') {
    lookup = `DECLARE @value nvarchar(4000) = CONCAT((SELECT ${hash('filter_definition')} FROM sys.indexes WHERE object_id = ${objectId(table)} AND name = ${nstring(target.name)}), N'|', ${nstring(authored)});`;
    level2 = `@level2type = N'INDEX', @level2name = ${nstring(target.name)}`;
  } else if (target.kind === 'computed') {
    lookup = `DECLARE @value nvarchar(4000) = CONCAT((SELECT ${hash('definition')} FROM sys.computed_columns WHERE object_id = ${objectId(table)} AND column_id = ${columnId(table, target.column)}), N'|', ${nstring(authored)});`;
    level2 = `@level2type = N'COLUMN', @level2name = ${nstring(target.column)}`;
  } else {
    lookup = [
      `DECLARE @name sysname, @definition nvarchar(max);`,
      `SELECT @name = name, @definition = definition FROM sys.default_constraints WHERE parent_object_id = ${objectId(table)} AND parent_column_id = ${columnId(table, target.column)};`,
      `DECLARE @value nvarchar(4000) = CONCAT(${hash('@definition')}, N'|', ${nstring(authored)});`,
    ].join('\n');
    level2 = `@level2type = N'CONSTRAINT', @level2name = @name`;
  }
  return [
    declareSchema(table),
    lookup,
    `EXEC sys.sp_addextendedproperty @name = ${nstring(AUTHORED_PROPERTY)}, @value = @value, @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = ${nstring(table)}, ${level2};`,
  ].join('\n');
}

/**
 * Sets (adds or updates) or removes the `MS_Description` of a table or, with
 * `column`, of a column: what SSMS and most tools show as its comment.
 */
export function setDescription(table: string, column: string | undefined, comment: string | undefined): string {
  const level2 = column === undefined ? '' : `, @level2type = N'COLUMN', @level2name = ${nstring(column)}`;
  const minor = column === undefined ? '0' : columnId(table, column);
  const args = (value: string | undefined): string =>
    `@name = N'MS_Description'${value === undefined ? '' : `, @value = ${nstring(value)}`}, @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = ${nstring(table)}${level2}`;
  const exists = `EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = ${objectId(table)} AND minor_id = ${minor} AND name = N'MS_Description')`;
  const lines = [declareSchema(table)];
  if (comment === undefined || comment === '') {
    lines.push(`IF ${exists} EXEC sys.sp_dropextendedproperty ${args(undefined)};`);
  } else {
    lines.push(`IF ${exists} EXEC sys.sp_updateextendedproperty ${args(comment)}`, `ELSE EXEC sys.sp_addextendedproperty ${args(comment)};`);
  }
  return lines.join('\n');
}

/** Adds the `MS_Description` of a table or column that has none yet (new tables and columns). */
export function addDescription(table: string, column: string | undefined, comment: string): string {
  const level2 = column === undefined ? '' : `, @level2type = N'COLUMN', @level2name = ${nstring(column)}`;
  return [
    declareSchema(table),
    `EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = ${nstring(comment)}, @level0type = N'SCHEMA', @level0name = @schema, @level1type = N'TABLE', @level1name = ${nstring(table)}${level2};`,
  ].join('\n');
}

/**
 * Wraps an `ALTER TABLE … ALTER COLUMN` so that the indexes, primary key and
 * unique constraints on the column are dropped before it and recreated
 * after it, as SQL Server refuses to alter an indexed column otherwise
 * (https://learn.microsoft.com/sql/t-sql/statements/alter-table-transact-sql#alter-column).
 * The definitions are read from the catalog when the block runs.
 */
export function aroundIndexes(table: string, column: string, alter: string): string {
  const t = quote(table);
  const constraint = 'i.is_primary_key = 1 OR i.is_unique_constraint = 1';
  return [
    `DECLARE @table int = ${objectId(table)};`,
    `DECLARE @column int = ${columnId(table, column)};`,
    `DECLARE @drop nvarchar(max), @create nvarchar(max);`,
    `SELECT`,
    `  @drop = STRING_AGG(CONVERT(nvarchar(max), CASE WHEN ${constraint} THEN ${nstring(`ALTER TABLE ${t} DROP CONSTRAINT `)} + QUOTENAME(i.name) ELSE N'DROP INDEX ' + QUOTENAME(i.name) + ${nstring(` ON ${t}`)} END), N'; '),`,
    `  @create = STRING_AGG(CONVERT(nvarchar(max), CASE`,
    `    WHEN i.is_primary_key = 1 THEN ${nstring(`ALTER TABLE ${t} ADD CONSTRAINT `)} + QUOTENAME(i.name) + N' PRIMARY KEY ' + i.type_desc + N' (' + k.keys + N')'`,
    `    WHEN i.is_unique_constraint = 1 THEN ${nstring(`ALTER TABLE ${t} ADD CONSTRAINT `)} + QUOTENAME(i.name) + N' UNIQUE ' + i.type_desc + N' (' + k.keys + N')'`,
    `    ELSE N'CREATE ' + CASE WHEN i.is_unique = 1 THEN N'UNIQUE ' ELSE N'' END + i.type_desc + N' INDEX ' + QUOTENAME(i.name) + ${nstring(` ON ${t} (`)} + k.keys + N')'`,
    `      + ISNULL(N' INCLUDE (' + k.included + N')', N'') + CASE WHEN i.has_filter = 1 THEN N' WHERE ' + i.filter_definition ELSE N'' END`,
    `  END), N'; ')`,
    `FROM sys.indexes i`,
    `CROSS APPLY (`,
    `  SELECT`,
    `    STRING_AGG(CASE WHEN ic.is_included_column = 0 THEN QUOTENAME(c.name) + CASE WHEN ic.is_descending_key = 1 THEN N' DESC' ELSE N'' END END, N', ') WITHIN GROUP (ORDER BY ic.key_ordinal) AS keys,`,
    `    STRING_AGG(CASE WHEN ic.is_included_column = 1 THEN QUOTENAME(c.name) END, N', ') AS included`,
    `  FROM sys.index_columns ic JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id`,
    `  WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id`,
    `) k`,
    `WHERE i.object_id = @table AND i.type IN (1, 2)`,
    `  AND EXISTS (SELECT 1 FROM sys.index_columns x WHERE x.object_id = @table AND x.index_id = i.index_id AND x.column_id = @column);`,
    `IF @drop IS NOT NULL EXEC sys.sp_executesql @drop;`,
    alter + ';',
    `IF @create IS NOT NULL EXEC sys.sp_executesql @create;`,
  ].join('\n');
}

/** Drops an index, or the unique constraint of that name when it is one (created by another tool). */
export function dropUniqueIndex(table: string, name: string): string {
  return [
    `IF EXISTS (SELECT 1 FROM sys.key_constraints WHERE parent_object_id = ${objectId(table)} AND name = ${nstring(name)})`,
    `  ALTER TABLE ${quote(table)} DROP CONSTRAINT ${quote(name)}`,
    `ELSE`,
    `  DROP INDEX ${quote(name)} ON ${quote(table)};`,
  ].join('\n');
}

/** Drops the primary key of a table whatever its name (when the plan does not know it). */
export function dropPrimaryKey(table: string): string {
  return [
    `DECLARE @name sysname = (SELECT name FROM sys.key_constraints WHERE parent_object_id = ${objectId(table)} AND type = 'PK');`,
    `DECLARE @sql nvarchar(max) = ${nstring(`ALTER TABLE ${quote(table)} DROP CONSTRAINT `)} + QUOTENAME(@name);`,
    EXEC_SQL,
  ].join('\n');
}

/**
 * Renames a column's default constraint to `name` after the column was
 * renamed, so a new column taking the old name can have its own
 * `DF_<table>_<column>` (constraint names are unique per schema).
 */
export function renameDefault(table: string, column: string, name: string): string {
  return [
    `DECLARE @name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = ${objectId(table)} AND parent_column_id = ${columnId(table, column)});`,
    `DECLARE @qualified nvarchar(300) = QUOTENAME(OBJECT_SCHEMA_NAME(${objectId(table)})) + N'.' + QUOTENAME(@name);`,
    `IF @name IS NOT NULL AND @name <> ${nstring(name)} AND OBJECT_ID(QUOTENAME(OBJECT_SCHEMA_NAME(${objectId(table)})) + N'.' + QUOTENAME(${nstring(name)})) IS NULL`,
    `  EXEC sys.sp_rename @qualified, ${nstring(name)}, N'OBJECT';`,
  ].join('\n');
}
