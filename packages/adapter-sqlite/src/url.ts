/**
 * Turning a connection string into a database file name.
 *
 * Accepted: `sqlite::memory:`, `sqlite:path`, `sqlite://path`
 * (`sqlite:///abs/path` is absolute, `sqlite://./rel` relative), `file:path`,
 * `file:///abs/path`, and a bare path (`./blog.db`, `blog.sqlite`). Relative
 * paths resolve against `cwd`. A query string on a URL form is ignored.
 */
import { isAbsolute, resolve } from 'node:path';
import { OdacError, redactUrl } from '@odac/core';

export const MEMORY = ':memory:';

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * SQLite has no user or password, but URL templates often add them
 * (`sqlite://user:pw@/app.db`): they are dropped so that no file name, error
 * or plan ever shows them. A host after them is refused (SQLite files have
 * none), without echoing the password.
 */
function withoutCredentials(rest: string, url: string): string {
  const userinfo = /^[^/@:]*:[^/]*@/.exec(rest);
  if (!userinfo) return rest;
  const after = rest.slice(userinfo[0].length);
  if (after === '' || after.startsWith('/')) return after;
  throw new OdacError(
    'CONNECT.BAD_URL',
    `The SQLite URL "${redactUrl(url)}" names a host; SQLite opens a local file. Use sqlite:///absolute/path.db or sqlite:./relative.db.`,
    { details: { adapter: 'sqlite' } },
  );
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
      path = decode(withoutCredentials(path.slice(2), url));
    }
  }
  if (path === MEMORY || path === '') {
    if (path === MEMORY) return MEMORY;
    throw new OdacError(
      'CONNECT.BAD_URL',
      `The SQLite URL "${redactUrl(url)}" names no file. Use sqlite:./app.db, sqlite:///absolute/path.db, a plain path, or sqlite::memory:.`,
      { details: { adapter: 'sqlite' } },
    );
  }
  return isAbsolute(path) ? path : resolve(cwd, path);
}
