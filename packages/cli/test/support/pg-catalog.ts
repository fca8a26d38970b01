/**
 * An independent PostgreSQL catalog dump, the judge of the lossless round
 * trips (issue 10): it reads `pg_catalog` with PostgreSQL's own printers
 * (`format_type`, `pg_get_expr`, `pg_get_constraintdef`, `pg_get_indexdef`)
 * and never goes through odac's introspection, so a detail odac's model
 * drops still shows up as a difference between source and copy.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<unknown>;
}

const { Client } = createRequire(path.resolve(__dirname, '..', '..', '..', 'adapter-postgres', 'package.json'))('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};

const COLUMNS = `
SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
  a.attidentity AS identity, a.attgenerated AS generated, pg_get_expr(d.adbin, d.adrelid) AS "default",
  CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE c.relkind = 'r'
ORDER BY 1, 2`;

const CONSTRAINTS = `
SELECT c.relname AS "table", k.conname AS name, k.contype AS type, pg_get_constraintdef(k.oid) AS definition,
  k.condeferrable AS deferrable, k.condeferred AS deferred
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
ORDER BY 1, 2`;

/** Every index, with whether a constraint owns it (a UNIQUE constraint's index vs a bare unique index). */
const INDEXES = `
SELECT c.relname AS "table", ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
  (SELECT k.contype FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) AS constraint_type
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
ORDER BY 1, 2`;

/** Sequences with the column that owns them (`a`: serial's OWNED BY, `i`: an identity's). */
const SEQUENCES = `
SELECT s.relname AS name, format_type(q.seqtypid, NULL) AS type, t.relname AS "table", a.attname AS "column", d.deptype AS dependency
FROM pg_class s
JOIN pg_namespace n ON n.oid = s.relnamespace AND n.nspname = 'public'
JOIN pg_sequence q ON q.seqrelid = s.oid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class t ON t.oid = d.refobjid
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE s.relkind = 'S'
ORDER BY 1`;

/** Enum types with their labels in order. */
const ENUMS = `
SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
WHERE t.typtype = 'e'
ORDER BY 1`;

export interface CatalogDump {
  readonly columns: readonly Record<string, unknown>[];
  readonly constraints: readonly Record<string, unknown>[];
  readonly indexes: readonly Record<string, unknown>[];
  readonly sequences: readonly Record<string, unknown>[];
  readonly enums: readonly Record<string, unknown>[];
}

/** The public schema of the database at `url`, as PostgreSQL itself prints it. */
export async function pgCatalogDump(url: string): Promise<CatalogDump> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string): Promise<Record<string, unknown>[]> => (await client.query(sql)).rows;
    return {
      columns: await rows(COLUMNS),
      constraints: await rows(CONSTRAINTS),
      indexes: await rows(INDEXES),
      sequences: await rows(SEQUENCES),
      enums: await rows(ENUMS),
    };
  } finally {
    await client.end();
  }
}

/** The rows `sql` returns on the database at `url`. */
export async function pgRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The server's `server_version_num` (150004 for 15.4). */
export async function pgServerVersion(url: string): Promise<number> {
  return Number((await pgRows(url, 'SHOW server_version_num'))[0]?.['server_version_num']);
}

/**
 * True when the server is at least `min` (a `server_version_num`, 180000 for
 * 18). Otherwise says so in one visible line, and the caller returns: the
 * feature does not exist on this server (the lead's CI runs the newest one).
 */
export async function pgAtLeast(url: string, min: number, what: string): Promise<boolean> {
  const version = await pgServerVersion(url);
  if (version >= min) return true;
  process.stderr.write(`[odac] skipped "${what}": needs PostgreSQL ${Math.floor(min / 10000)}+, the server is ${version}.\n`);
  return false;
}

