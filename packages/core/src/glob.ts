/**
 * The one glob matcher for names: table selections (`ignoreTables`,
 * `--tables`, `--exclude`) and namespace patterns (`tenant_*`). `*` matches
 * any run of characters; with `single`, `?` matches exactly one; everything
 * else is literal. Patterns match whole names.
 */

/** `s` with every character a regular expression gives meaning escaped. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface GlobOptions {
  /** `?` matches one character (namespace patterns); otherwise it is literal. */
  readonly single?: boolean;
}

/** A regular expression matching whole names against `pattern`. */
export function globToRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  const literal = (s: string): string =>
    options.single ? s.split('?').map(escapeRegExp).join('.') : escapeRegExp(s);
  return new RegExp(`^${pattern.split('*').map(literal).join('.*')}$`);
}

/** A predicate true for names matching any of `patterns` (none: matches nothing). */
export function globMatcher(patterns: readonly string[], options: GlobOptions = {}): (name: string) => boolean {
  const res = patterns.map((p) => globToRegExp(p, options));
  return (name) => res.some((re) => re.test(name));
}
