/**
 * Catalog queries for introspection. Four queries whatever the number of
 * tables and schemas; each takes `$1` = schema names (text[]: one for
 * `introspect`, any number for a fleet) and `$2` = table names (text[]) or
 * NULL for all tables, and tags each row with its schema (`odac_schema`).
 * Partitions and tables owned by extensions are left out.
 *
 * See https://www.postgresql.org/docs/current/catalogs.html for the columns.
 */
import type { CatalogRows } from './introspect.js';

/** The names of the attributes numbered `attnums` (an int2[], in its order) of the relation `rel`. */
const attributeNames = (attnums: string, rel: string): string => `ARRAY(
    SELECT a.attname::text
    FROM unnest(${attnums}) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum
    ORDER BY k.ord
  )`;

/** The tables to describe, shared by every query. */
const TABLES_CTE = `
WITH tables AS (
  SELECT c.oid, c.relname::text AS name, n.nspname::text AS odac_schema
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  -- A hashed semi-join: = ANY (array) compares every row with every element (seconds for 1,000 schemas).
  WHERE n.nspname IN (SELECT unnest($1::text[])::name)
    AND c.relkind IN ('r', 'p')
    AND NOT c.relispartition
    AND ($2::text[] IS NULL OR c.relname = ANY ($2::text[]))
    AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
    )
)`;

export const TABLES_QUERY = `${TABLES_CTE}
SELECT t.odac_schema, quote_ident(t.odac_schema) AS schema_sql, t.name, pg_catalog.obj_description(t.oid, 'pg_class') AS comment
FROM tables t
ORDER BY t.name`;

export const COLUMNS_QUERY = `${TABLES_CTE}
SELECT
  t.odac_schema,
  t.name AS table_name,
  a.attnum AS position,
  a.attname::text AS name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
  ty.typtype::text AS type_kind,
  CASE WHEN ty.typtype = 'e' THEN ARRAY(
    SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = ty.oid ORDER BY e.enumsortorder
  ) END AS enum_values,
  -- The enum type's own name, where it lives in the schema being read (a type elsewhere is odac's per-column one to the model).
  CASE WHEN ty.typtype = 'e' THEN ty.typname::text END AS enum_type,
  -- The enum type's schema, where it is not the table's.
  CASE WHEN ty.typtype = 'e' AND ty.typnamespace <> (SELECT tc.relnamespace FROM pg_catalog.pg_class tc WHERE tc.oid = t.oid)
    THEN (SELECT n.nspname::text FROM pg_catalog.pg_namespace n WHERE n.oid = ty.typnamespace) END AS enum_schema,
  a.attnotnull AS not_null,
  a.attidentity::text AS identity,
  a.attgenerated::text AS generated,
  pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default_sql,
  pg_catalog.col_description(a.attrelid, a.attnum) AS comment,
  -- The column's collation only where it is not its type's own (COLLATE "C" on a text column).
  CASE WHEN a.attcollation <> ty.typcollation AND a.attcollation <> 0 THEN
    (SELECT CASE WHEN cn.nspname IN ('pg_catalog', 'public') THEN quote_ident(co.collname) ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
     FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation)
  END AS collation,
  -- A sequence the column owns (ALTER SEQUENCE … OWNED BY, as serial makes it; identity sequences depend with 'i').
  (SELECT s.oid::regclass::text
   FROM pg_catalog.pg_depend d
   JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
   WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
     AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'a'
   ORDER BY s.oid LIMIT 1) AS owned_sequence
FROM tables t
JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
ORDER BY t.name, a.attnum`;

/** Primary keys, foreign keys and checks (unique constraints come with the indexes). */
export const CONSTRAINTS_QUERY = `${TABLES_CTE}
SELECT
  t.odac_schema,
  t.name AS table_name,
  co.conname::text AS name,
  co.contype::text AS type,
  ${attributeNames('co.conkey', 'co.conrelid')} AS columns,
  rt.relname::text AS ref_table,
  rn.nspname::text AS ref_schema,
  ${attributeNames('co.confkey', 'co.confrelid')} AS ref_columns,
  co.confupdtype::text AS on_update,
  co.confdeltype::text AS on_delete,
  co.confmatchtype::text AS match_type,
  co.condeferrable AS deferrable,
  co.condeferred AS deferred,
  co.convalidated AS validated,
  co.connoinherit AS no_inherit,
  -- PostgreSQL 18: temporal keys (WITHOUT OVERLAPS / PERIOD) and NOT ENFORCED checks; NULL on older servers.
  (to_jsonb(co) ->> 'conperiod')::boolean AS period,
  (to_jsonb(co) ->> 'conenforced')::boolean AS enforced,
  -- PostgreSQL 15+ ON DELETE SET NULL (cols): read through to_jsonb so that older servers, which lack the column, answer NULL.
  ${attributeNames(
    "ARRAY(SELECT e.n::int2 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(to_jsonb(co) -> 'confdelsetcols') = 'array' THEN to_jsonb(co) -> 'confdelsetcols' ELSE '[]'::jsonb END) WITH ORDINALITY AS e(n, o) ORDER BY e.o)",
    'co.conrelid',
  )} AS on_delete_columns,
  CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_expr(co.conbin, co.conrelid) END AS expression
FROM tables t
-- PostgreSQL 18 lists NOT NULL as constraints ('n'): only one left NOT VALID says more than attnotnull.
JOIN pg_catalog.pg_constraint co ON co.conrelid = t.oid AND (co.contype IN ('p', 'f', 'c') OR (co.contype = 'n' AND NOT co.convalidated))
LEFT JOIN pg_catalog.pg_class rt ON rt.oid = co.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace
ORDER BY t.name, co.conname`;

/** Every index but the primary key's and those behind exclusion constraints. */
export const INDEXES_QUERY = `${TABLES_CTE}
SELECT
  t.odac_schema,
  t.name AS table_name,
  ic.relname::text AS name,
  i.indisunique AS is_unique,
  i.indisvalid AS is_valid,
  ARRAY(
    SELECT COALESCE(a.attname::text, '')
    FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE k.ord <= i.indnkeyatts
    ORDER BY k.ord
  ) AS columns,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
  -- A UNIQUE constraint owns this index (a bare unique index has none).
  uc.oid IS NOT NULL AS is_constraint,
  COALESCE(uc.condeferrable, false) AS deferrable,
  COALESCE(uc.condeferred, false) AS deferred,
  -- PostgreSQL 18 UNIQUE (a, b WITHOUT OVERLAPS); NULL on older servers.
  (to_jsonb(uc) ->> 'conperiod')::boolean AS without_overlaps
FROM tables t
JOIN pg_catalog.pg_index i ON i.indrelid = t.oid AND NOT i.indisprimary
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
LEFT JOIN pg_catalog.pg_constraint uc ON uc.conindid = i.indexrelid AND uc.conrelid = i.indrelid AND uc.contype = 'u'
WHERE NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_constraint x WHERE x.conindid = i.indexrelid AND x.contype = 'x'
)
ORDER BY t.name, ic.relname`;

export const INTROSPECTION_QUERIES = [TABLES_QUERY, COLUMNS_QUERY, CONSTRAINTS_QUERY, INDEXES_QUERY] as const;

/**
 * The rows of the four introspection queries, each run through `run`: one
 * after another on one session (each under its own timeout), or `atOnce`
 * on as many sessions of a pool.
 */
export async function readCatalog(run: (sql: string) => Promise<readonly object[]>, atOnce = false): Promise<CatalogRows> {
  const rows = atOnce ? await Promise.all(INTROSPECTION_QUERIES.map(run)) : [];
  if (!atOnce) for (const sql of INTROSPECTION_QUERIES) rows.push(await run(sql));
  const [tables, columns, constraints, indexes] = rows;
  return { tables, columns, constraints, indexes } as CatalogRows;
}

/**
 * Per schema of `$1`, a token for everything the introspection queries
 * read: per catalog, how many rows concern the schema and the newest row
 * version (`xmin`) among them. DDL inserts, updates or deletes such rows, so
 * it changes a count or raises a newest version; reading is far cheaper than
 * introspecting (nothing is formatted or sent but one line per schema). One
 * query for any number of schemas (a fleet); a missing schema has no row.
 * See https://www.postgresql.org/docs/current/ddl-system-columns.html.
 */
export const FINGERPRINT_QUERY = `
WITH ns AS (SELECT oid, nspname FROM pg_catalog.pg_namespace WHERE nspname IN (SELECT unnest($1::text[])::name)),
rels AS (SELECT c.oid, c.relnamespace AS ns, c.xmin FROM pg_catalog.pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns)),
-- The types a schema's columns use, wherever they live (an enum's values are read with them).
used AS (SELECT DISTINCT r.ns, a.atttypid AS oid FROM pg_catalog.pg_attribute a JOIN rels r ON r.oid = a.attrelid),
v(ns, part, n, newest) AS (
  SELECT ns, 'class', count(*), max(xmin::text::bigint) FROM rels GROUP BY ns
  UNION ALL SELECT r.ns, 'attribute', count(*), max(a.xmin::text::bigint) FROM pg_catalog.pg_attribute a JOIN rels r ON r.oid = a.attrelid GROUP BY r.ns
  UNION ALL SELECT r.ns, 'attrdef', count(*), max(d.xmin::text::bigint) FROM pg_catalog.pg_attrdef d JOIN rels r ON r.oid = d.adrelid GROUP BY r.ns
  UNION ALL SELECT r.ns, 'constraint', count(*), max(co.xmin::text::bigint) FROM pg_catalog.pg_constraint co JOIN rels r ON r.oid = co.conrelid GROUP BY r.ns
  UNION ALL SELECT r.ns, 'referenced', count(*), max(rc.xmin::text::bigint) FROM pg_catalog.pg_constraint co JOIN rels r ON r.oid = co.conrelid
    JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid GROUP BY r.ns
  UNION ALL SELECT r.ns, 'index', count(*), max(i.xmin::text::bigint) FROM pg_catalog.pg_index i JOIN rels r ON r.oid = i.indrelid GROUP BY r.ns
  UNION ALL SELECT r.ns, 'description', count(*), max(ds.xmin::text::bigint) FROM pg_catalog.pg_description ds JOIN rels r ON r.oid = ds.objoid
    WHERE ds.classoid = 'pg_catalog.pg_class'::regclass GROUP BY r.ns
  UNION ALL SELECT r.ns, 'extension', count(*), max(dp.xmin::text::bigint) FROM pg_catalog.pg_depend dp JOIN rels r ON r.oid = dp.objid
    WHERE dp.classid = 'pg_catalog.pg_class'::regclass AND dp.deptype = 'e' GROUP BY r.ns
  UNION ALL SELECT t.typnamespace, 'type', count(*), max(t.xmin::text::bigint) FROM pg_catalog.pg_type t WHERE t.typnamespace IN (SELECT oid FROM ns) GROUP BY t.typnamespace
  UNION ALL SELECT u.ns, 'used type', count(*), max(t.xmin::text::bigint) FROM used u JOIN pg_catalog.pg_type t ON t.oid = u.oid GROUP BY u.ns
  UNION ALL SELECT u.ns, 'enum', count(*), max(e.xmin::text::bigint) FROM used u JOIN pg_catalog.pg_enum e ON e.enumtypid = u.oid GROUP BY u.ns
)
SELECT ns.nspname::text AS name, COALESCE(string_agg(v.part || '=' || v.n || '/' || COALESCE(v.newest, 0), ' ' ORDER BY v.part), '') AS fingerprint
FROM ns LEFT JOIN v ON v.ns = ns.oid
GROUP BY ns.nspname`;

/** Session-level migrator lock: waits (bounded by lock_timeout) for other migrators. */
export const LOCK_QUERY = 'SELECT pg_catalog.pg_advisory_lock($1::int4, $2::int4)';
export const UNLOCK_QUERY = 'SELECT pg_catalog.pg_advisory_unlock($1::int4, $2::int4)';
/** The same key, held until the transaction ends, for migrators that only take the transaction lock. */
export const XACT_LOCK_QUERY = 'SELECT pg_catalog.pg_advisory_xact_lock($1::int4, $2::int4)';

/** An index left invalid by a failed `CREATE INDEX CONCURRENTLY`, by schema and name. */
export const INVALID_INDEX_QUERY = `
SELECT 1 FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND NOT i.indisvalid`;

/**
 * Which of the tables `$2` exist in schema `$1`, each with the tables (of
 * `$2`) its foreign keys reference: the lock order of a migration.
 */
export const LOCK_ORDER_QUERY = `
SELECT c.relname::text AS name,
       (SELECT array_agg(DISTINCT p.relname::text) FROM pg_catalog.pg_constraint k
          JOIN pg_catalog.pg_class p ON p.oid = k.confrelid
         WHERE k.conrelid = c.oid AND k.contype = 'f' AND p.relname = ANY($2::text[])) AS parents
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind IN ('r', 'p')`;
