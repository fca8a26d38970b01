/**
 * Catalog queries. Each one covers every table at once through SQLite's
 * table-valued pragma functions joined to `sqlite_schema`, so introspection
 * costs a fixed number of queries however many tables there are.
 * https://www.sqlite.org/pragma.html#pragfunc
 *
 * Every query takes one named parameter, `@tables`: a JSON array of table names to keep, or
 * NULL for all tables.
 */

/** The user tables to look at (no `sqlite_*` internals, no virtual tables). */
const TABLES = `
  m.type = 'table'
  AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
  AND m.sql NOT LIKE 'CREATE VIRTUAL %'
  AND (@tables IS NULL OR m.name IN (SELECT value FROM json_each(@tables)))`;

/** One row per table: its name and stored CREATE TABLE statement. */
export const TABLES_QUERY = `
SELECT m.name AS table_name, m.sql AS sql
FROM sqlite_schema AS m
WHERE ${TABLES}
ORDER BY m.name`;

/** One row per column (hidden columns of virtual tables excluded). */
export const COLUMNS_QUERY = `
SELECT m.name AS table_name, p.cid AS cid, p.name AS name, p.type AS type,
       p."notnull" AS not_null, p.dflt_value AS dflt_value, p.pk AS pk, p.hidden AS hidden
FROM sqlite_schema AS m
JOIN pragma_table_xinfo(m.name) AS p
WHERE ${TABLES} AND p.hidden <> 1
ORDER BY m.name, p.cid`;

/** One row per key column of each index, with the index's stored SQL. */
export const INDEXES_QUERY = `
SELECT m.name AS table_name, il.name AS index_name, il."unique" AS is_unique, il.origin AS origin,
       il.partial AS partial, ii.seqno AS seqno, ii.cid AS cid, ii.name AS column_name, ii."desc" AS is_desc, ii.coll AS coll, s.sql AS sql
FROM sqlite_schema AS m
JOIN pragma_index_list(m.name) AS il
JOIN pragma_index_xinfo(il.name) AS ii
LEFT JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = il.name
WHERE ${TABLES} AND ii.key = 1
ORDER BY m.name, il.name, ii.seqno`;

/** One row per column pair of each foreign key. */
export const FOREIGN_KEYS_QUERY = `
SELECT m.name AS table_name, f.id AS id, f.seq AS seq, f."table" AS ref_table, f."from" AS from_column,
       f."to" AS to_column, f.on_update AS on_update, f.on_delete AS on_delete
FROM sqlite_schema AS m
JOIN pragma_foreign_key_list(m.name) AS f
WHERE ${TABLES}
ORDER BY m.name, f.id, f.seq`;

/** Triggers attached to a table (dropped with it, so a rebuild recreates them). */
export const TABLE_TRIGGERS_QUERY = `
SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid`;

/** Every view, in creation order. */
export const VIEWS_QUERY = `SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY rowid`;

/** Foreign key violations in the whole database: table, rowid, parent, fkid. */
export const FOREIGN_KEY_CHECK_QUERY = 'SELECT "table" AS table_name, parent, fkid, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2, 3';

/** The columns of one foreign key of one table, for messages. */
export const FOREIGN_KEY_COLUMNS_QUERY = `
SELECT "from" AS from_column, "to" AS to_column, "table" AS ref_table FROM pragma_foreign_key_list(?) WHERE id = ? ORDER BY seq`;
