/**
 * The one identifier quoter and the one value escaper for MySQL / MariaDB.
 *
 * String literals assume backslash escapes are on (the default); the
 * connection turns `NO_BACKSLASH_ESCAPES` off for its session so the text
 * emitted here means the same thing wherever odac runs it.
 */

/** Quotes an identifier with backticks, doubling embedded backticks. */
export function quote(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** A comma-separated list of quoted identifiers. */
export function quoteList(names: readonly string[]): string {
  return names.map(quote).join(', ');
}

/** Escapes the characters that end or alter a single-quoted string. */
export function escapeString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\0');
}

/** An SQL literal for a value: strings quoted, booleans as 1/0, null as NULL. */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as an SQL literal.`);
    return String(value);
  }
  return `'${escapeString(value)}'`;
}

/**
 * Decodes the body of a quoted string as MySQL writes it (`''` and the
 * backslash escapes), without the surrounding quotes.
 * https://dev.mysql.com/doc/refman/8.0/en/string-literals.html
 */
export function unescapeString(body: string, quoteChar = "'"): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[++i] as string;
      out += BACKSLASH_ESCAPES[next] ?? next;
    } else if (ch === quoteChar && body[i + 1] === quoteChar) {
      out += quoteChar;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  // `\%` and `\_` keep their backslash outside LIKE patterns.
  '%': '\\%',
  _: '\\_',
};
