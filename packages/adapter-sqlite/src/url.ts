/**
 * Turning a connection string into a database file name.
 *
 * Accepted: `sqlite::memory:`, `sqlite:path`, `sqlite://path`
 * (`sqlite:///abs/path` is absolute, `sqlite://./rel` relative), `file:path`,
 * `file:///abs/path`, and a bare path (`./blog.db`, `blog.sqlite`). Relative
 * paths resolve against `cwd`. A query string on a URL form is ignored.
 */
import { isAbsolute, resolve } from 'node:path';
import { OdacError } from '@odac/core';

export const MEMORY = ':memory:';

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The file name (absolute) or `:memory:` for a SQLite URL. Throws `CONNECT.BAD_URL`. */
export function parseSqliteUrl(url: string, cwd: string): string {
  const trimmed = url.trim();
  let path = trimmed;
  const scheme = /^(sqlite3?|file):/i.exec(trimmed);
  if (scheme) {
    path = trimmed.slice(scheme[0].length).replace(/\?.*$/, '');
    if (path.startsWith('//')) {
      // sqlite:///abs → /abs ; sqlite://./rel → ./rel ; sqlite://rel → rel
      path = decode(path.slice(2));
    }
  }
  if (path === MEMORY || path === '') {
    if (path === MEMORY) return MEMORY;
    throw new OdacError(
      'CONNECT.BAD_URL',
      `The SQLite URL "${url}" names no file. Use sqlite:./app.db, sqlite:///absolute/path.db, a plain path, or sqlite::memory:.`,
      { details: { adapter: 'sqlite' } },
    );
  }
  return isAbsolute(path) ? path : resolve(cwd, path);
}
