/**
 * An independent SQLite catalog dump, the judge of the lossless round trips
 * (issue 10): SQLite's own pragmas (`table_list`, `table_xinfo`,
 * `index_list`, `index_xinfo`, `foreign_key_list`) and the parts of the
 * `sqlite_master` SQL that no pragma reports (generated column expressions,
 * index expressions and predicates, column collations), never odac's introspection. SQL text is
 * compared with whitespace folded and identifier quotes taken off, since
 * SQLite keeps each statement as it was typed.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface Statement {
  all(...params: unknown[]): Record<string, unknown>[];
}
interface SqliteDatabase {
  prepare(sql: string): Statement;
  close(): unknown;
}

const Database = createRequire(path.resolve(__dirname, '..', '..', '..', 'adapter-sqlite', 'package.json'))('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean },
) => SqliteDatabase;

export interface SqliteCatalogDump {
  readonly tables: readonly Record<string, unknown>[];
  readonly columns: readonly Record<string, unknown>[];
  readonly indexes: readonly Record<string, unknown>[];
  readonly foreignKeys: readonly Record<string, unknown>[];
}

/** Whitespace folded, identifier quotes off, lower case: SQLite keeps statements as typed. */
export function foldSql(sql: string): string {
  return sql.replace(/["`[\]]/g, '').replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim().toLowerCase();
}

/** The `AS (…)` expression of each generated column in a CREATE TABLE, by column name (folded). */
function generatedExpressions(sql: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /["`[]?(\w+)["`\]]?\s+[^,(]*?\bGENERATED\s+ALWAYS\s+AS\s*\(|["`[]?(\w+)["`\]]?\s+[^,(]*?\bAS\s*\(/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sql)) !== null) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < sql.length && depth > 0; i++) depth += sql[i] === '(' ? 1 : sql[i] === ')' ? -1 : 0;
    out[(m[1] ?? m[2] ?? '').toLowerCase()] = foldSql(sql.slice(re.lastIndex, i - 1));
    re.lastIndex = i;
  }
  return out;
}

/** The `COLLATE` name of each column definition in a CREATE TABLE, by column name (lower case): no pragma reports it. */
function columnCollations(sql: string): Record<string, string> {
  const open = sql.indexOf('(');
  if (open < 0) return {};
  const parts: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | undefined;
  for (let i = open + 1; i < sql.length; i++) {
    const ch = sql[i] as string;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '[') quote = ']';
    else if (ch === '(') depth++;
    else if (ch === ')' && depth-- === 0) {
      parts.push(sql.slice(start, i));
      break;
    } else if (ch === ',' && depth === 0) {
      parts.push(sql.slice(start, i));
      start = i + 1;
    }
  }
  const out: Record<string, string> = {};
  for (const part of parts) {
    const m = /^\s*["`[]?(\w+)["`\]]?\s[\s\S]*?\bCOLLATE\s+["`[]?(\w+)/i.exec(part);
    if (m?.[1] !== undefined && m[2] !== undefined && !/^(constraint|primary|unique|check|foreign)$/i.test(m[1])) out[m[1].toLowerCase()] = m[2].toUpperCase();
  }
  return out;
}

/** The expressions of the CHECK constraints in a CREATE TABLE, folded, in order. */
function checks(sql: string): string[] {
  const out: string[] = [];
  const re = /\bCHECK\s*\(/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sql)) !== null) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < sql.length && depth > 0; i++) depth += sql[i] === '(' ? 1 : sql[i] === ')' ? -1 : 0;
    out.push(foldSql(sql.slice(re.lastIndex, i - 1)));
    re.lastIndex = i;
  }
  return out.sort();
}

/** What follows the column list of a CREATE INDEX: its WHERE predicate, folded. */
function predicate(sql: string | null): string | null {
  if (sql === null) return null;
  const m = /\)\s*WHERE\s+([\s\S]*)$/i.exec(sql);
  return m?.[1] === undefined ? null : foldSql(m[1]);
}

/** The rows a query returns from the database file at `url` (`sqlite:<path>`), read-only. */
export function sqliteRows(url: string, sql: string): Record<string, unknown>[] {
  const db = new Database(url.replace(/^sqlite:/, ''), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

/** The database file at `url` (`sqlite:<path>`), as SQLite itself describes it. */
export async function sqliteCatalogDump(url: string): Promise<SqliteCatalogDump> {
  const file = url.replace(/^sqlite:/, '');
  // A database nothing was written to has no file yet: it holds nothing.
  if (!existsSync(file)) return { tables: [], columns: [], indexes: [], foreignKeys: [] };
  const db = new Database(file, { readonly: true });
  try {
    const sqlOf = new Map(db.prepare('SELECT name, sql FROM sqlite_master').all().map((r) => [String(r['name']), r['sql'] as string | null] as const));
    // Checks and AUTOINCREMENT are only in the CREATE TABLE text.
    const tables = db
      .prepare("SELECT name, type, ncol, wr, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((t): Record<string, unknown> => {
        const sql = sqlOf.get(String(t['name'])) ?? '';
        return { ...t, autoincrement: /\bAUTOINCREMENT\b/i.test(sql), checks: checks(sql) };
      });
    const columns: Record<string, unknown>[] = [];
    const indexes: Record<string, unknown>[] = [];
    const foreignKeys: Record<string, unknown>[] = [];
    for (const t of tables) {
      const table = String(t['name']);
      const generated = generatedExpressions(sqlOf.get(table) ?? '');
      const collations = columnCollations(sqlOf.get(table) ?? '');
      const info = db.prepare('SELECT * FROM pragma_table_xinfo(?) ORDER BY cid').all(table);
      const keyColumns = info.filter((c) => Number(c['pk']) > 0);
      for (const c of info) {
        const hidden = Number(c['hidden']);
        // The rowid alias (a lone INTEGER PRIMARY KEY of a rowid table) can never hold NULL, whether or not it says NOT NULL.
        const rowid = Number(t['wr']) === 0 && keyColumns.length === 1 && Number(c['pk']) === 1 && String(c['type']).toUpperCase() === 'INTEGER';
        columns.push({ table, ...c, ...(rowid ? { notnull: 'rowid' } : {}), generated: hidden === 2 || hidden === 3 ? (generated[String(c['name']).toLowerCase()] ?? '?') : null, collation: collations[String(c['name']).toLowerCase()] ?? 'BINARY' });
      }
      for (const i of db.prepare('SELECT * FROM pragma_index_list(?) ORDER BY name').all(table)) {
        const name = String(i['name']);
        const sql = sqlOf.get(name) ?? null;
        // Collation names are case-insensitive; the pragma reports them as typed.
        const parts = db
          .prepare('SELECT seqno, cid, name, desc, upper(coll) AS coll, key FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno')
          .all(name);
        // An auto-index (UNIQUE / PRIMARY KEY constraint) is named by SQLite after the table: its number is not schema.
        indexes.push({ table, ...i, seq: undefined, name: i['origin'] === 'c' ? name : `(${String(i['origin'])})`, parts, where: predicate(sql), sql: sql === null ? null : foldSql(sql) });
      }
      for (const k of db.prepare('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq').all(table)) foreignKeys.push({ table, ...k, id: undefined });
    }
    return { tables, columns, indexes, foreignKeys };
  } finally {
    db.close();
  }
}
