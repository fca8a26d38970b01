/**
 * Identifier and value quoting for PostgreSQL. Every identifier the adapter
 * emits goes through `quote()`, every value through `literal()`.
 */

/** Quotes an identifier: `users` → `"users"`, `a"b` → `"a""b"`. */
export function quote(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** `"schema"."name"`, or just `"name"` when no schema is given. */
export function qualified(name: string, schema?: string): string {
  return schema === undefined ? quote(name) : `${quote(schema)}.${quote(name)}`;
}

/**
 * A SQL literal for a value. Strings use standard-conforming quoting (the
 * default since PostgreSQL 9.1, so a backslash is an ordinary character).
 */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `'${String(value)}'`;
    return String(value);
  }
  return "'" + value.replace(/'/g, "''") + "'";
}

/**
 * Keywords PostgreSQL's deparser quotes when used as identifiers
 * (`pg_get_keywords()` where `catcode <> 'U'`, PostgreSQL 15).
 */
const QUOTED_KEYWORDS = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case cast char character ' +
    'check coalesce collate collation column concurrently constraint create cross current_catalog current_date current_role current_schema ' +
    'current_time current_timestamp current_user dec decimal default deferrable desc distinct do else end except exists extract false fetch ' +
    'float for foreign freeze from full grant greatest group grouping having ilike in initially inner inout int integer intersect interval ' +
    'into is isnull join lateral leading least left like limit localtime localtimestamp national natural nchar none normalize not notnull ' +
    'null nullif numeric offset on only or order out outer overlaps overlay placing position precision primary real references returning ' +
    'right row select session_user setof similar smallint some substring symmetric table tablesample then time timestamp to trailing treat ' +
    'trim true union unique user using values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists ' +
    'xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable'
  ).split(' '),
);

/**
 * Quotes an identifier only when PostgreSQL's own `quote_ident` would
 * (`quote_identifier` in ruleutils.c), so a collation or schema name we
 * spell matches what the catalog queries report.
 */
export function quoteIfNeeded(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !QUOTED_KEYWORDS.has(name)) return name;
  return quote(name);
}

/** Wraps a PL/pgSQL body in a dollar quote whose tag does not occur in it. */
export function dollarQuote(body: string): string {
  let tag = 'odac';
  let n = 0;
  while (body.includes(`$${tag}$`)) tag = `odac${++n}`;
  return `$${tag}$${body}$${tag}$`;
}
