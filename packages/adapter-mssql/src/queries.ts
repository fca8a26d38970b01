/**
 * Catalog queries. Introspection runs these six, whatever the number of
 * tables; each takes `@schema` (the managed schema's name) and returns the
 * rows `introspect.ts` maps.
 */

/** User tables of the schema. */
export const TABLES_QUERY = `
SELECT t.object_id, t.name
FROM sys.tables t
WHERE t.schema_id = SCHEMA_ID(@schema) AND t.is_ms_shipped = 0
ORDER BY t.name`;

/** Columns with their type and default constraint. `max_length` is in bytes (-1 for max). */
export const COLUMNS_QUERY = `
SELECT c.object_id, c.column_id, c.name,
  ty.name AS type_name, ty.is_user_defined, c.max_length, c.precision, c.scale,
  c.is_nullable, c.is_identity, c.is_computed,
  dc.object_id AS default_object_id, dc.definition AS default_definition,
  cc.definition AS computed_definition, cc.is_persisted
FROM sys.columns c
JOIN sys.tables t ON t.object_id = c.object_id
JOIN sys.types ty ON ty.user_type_id = c.user_type_id
LEFT JOIN sys.default_constraints dc ON dc.parent_object_id = c.object_id AND dc.parent_column_id = c.column_id
LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
WHERE t.schema_id = SCHEMA_ID(@schema) AND t.is_ms_shipped = 0
ORDER BY c.object_id, c.column_id`;

/** Indexes (primary keys and unique constraints included, heaps excluded), one row per column. */
export const INDEXES_QUERY = `
SELECT i.object_id, i.index_id, i.name, i.type_desc,
  i.is_primary_key, i.is_unique_constraint, i.is_unique, i.has_filter, i.filter_definition,
  ic.key_ordinal, ic.is_descending_key, ic.is_included_column, c.name AS column_name
FROM sys.indexes i
JOIN sys.tables t ON t.object_id = i.object_id
JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE t.schema_id = SCHEMA_ID(@schema) AND t.is_ms_shipped = 0 AND i.type > 0 AND i.is_hypothetical = 0
ORDER BY i.object_id, i.index_id, ic.key_ordinal, ic.index_column_id`;

/** Foreign keys declared on tables of the schema, one row per column pair. */
export const FOREIGN_KEYS_QUERY = `
SELECT fk.parent_object_id, fk.name, fkc.constraint_column_id,
  pc.name AS column_name,
  SCHEMA_NAME(rt.schema_id) AS referenced_schema, rt.name AS referenced_table, rc.name AS referenced_column,
  fk.delete_referential_action_desc, fk.update_referential_action_desc
FROM sys.foreign_keys fk
JOIN sys.tables t ON t.object_id = fk.parent_object_id
JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
JOIN sys.tables rt ON rt.object_id = fkc.referenced_object_id
JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
WHERE t.schema_id = SCHEMA_ID(@schema) AND t.is_ms_shipped = 0
ORDER BY fk.parent_object_id, fk.name, fkc.constraint_column_id`;

/** Check constraints on tables of the schema. */
export const CHECKS_QUERY = `
SELECT cc.object_id, cc.parent_object_id, cc.name, cc.definition
FROM sys.check_constraints cc
JOIN sys.tables t ON t.object_id = cc.parent_object_id
WHERE t.schema_id = SCHEMA_ID(@schema) AND t.is_ms_shipped = 0
ORDER BY cc.parent_object_id, cc.name`;

/**
 * Comments (`MS_Description` on tables and columns) and odac's authored
 * text (on check and default constraints, class 1, and on indexes, class 7).
 */
export const PROPERTIES_QUERY = `
SELECT ep.class, ep.major_id, ep.minor_id, ep.name, CONVERT(nvarchar(4000), ep.value) AS value
FROM sys.extended_properties ep
JOIN sys.objects o ON o.object_id = ep.major_id
WHERE ep.class IN (1, 7) AND ep.name IN (N'MS_Description', N'odac_authored') AND o.schema_id = SCHEMA_ID(@schema)
ORDER BY ep.class, ep.major_id, ep.minor_id, ep.name`;

/** The name of the current database and the caller's default schema. */
export const SESSION_QUERY = `SELECT DB_NAME() AS database_name, SCHEMA_NAME() AS default_schema, CONVERT(int, SERVERPROPERTY('ProductMajorVersion')) AS major_version`;

/**
 * Takes the migrator lock for the session. Returns `sp_getapplock`'s result:
 * 0 granted, 1 granted after waiting, -1 timed out, -2 cancelled, -3 deadlock victim, -999 error.
 */
export const LOCK_QUERY = `
DECLARE @result int;
EXEC @result = sys.sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @timeout;
SELECT @result AS result`;

export const UNLOCK_QUERY = `EXEC sys.sp_releaseapplock @Resource = @resource, @LockOwner = 'Session'`;
