/**
 * Identifier and value quoting for PostgreSQL. Every identifier the adapter
 * emits goes through `quote()`, every value through `literal()`.
 */

/** Quotes an identifier: `users` → `"users"`, `a"b` → `"a""b"`. */
export function quote(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** Unqualified names in emitted SQL resolve in the managed schema; public stays visible for extension types. */
export function searchPath(schema: string): string {
  return schema === 'public' ? quote('public') : `${quote(schema)}, public`;
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
 * A name that may be schema-qualified (a collation: `C`, `ucs_basic`,
 * `public."C"`) as SQL, part by part: a part already in double quotes is
 * kept, any other is quoted; with `keepLowerCase`, a lower-case identifier
 * stays bare, as PostgreSQL prints it (bar keywords, which the server
 * spells itself when asked: `canonicalize.ts`).
 */
export function partsSql(name: string, keepLowerCase = false): string {
  const parts = /^("(?:[^"]|"")+"|[^".]+)(?:\.("(?:[^"]|"")+"|[^".]+))?$/.exec(name.trim());
  if (!parts) return quote(name.trim());
  const keep = (p: string): boolean => p.startsWith('"') || (keepLowerCase && /^[a-z_][a-z0-9_]*$/.test(p));
  return [parts[1], parts[2]].filter((p): p is string => p !== undefined).map((p) => (keep(p) ? p : quote(p))).join('.');
}

/** Wraps a PL/pgSQL body in a dollar quote whose tag does not occur in it. */
export function dollarQuote(body: string): string {
  let tag = 'odac';
  let n = 0;
  while (body.includes(`$${tag}$`)) tag = `odac${++n}`;
  return `$${tag}$${body}$${tag}$`;
}
