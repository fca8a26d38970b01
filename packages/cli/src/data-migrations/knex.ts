/**
 * A knex instance on the database a command works on, for migration files
 * (knex is what ODAC.JS users write in `up(db)`). Loaded only when there is
 * a file to run or roll back.
 */
import path from 'node:path';
import { OdacError } from '@odac/core';
import type { Knex } from 'knex';

/** How long a SQLite writer waits for another one (a concurrent migrate) before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 30_000;

/** The file a SQLite URL names (`sqlite:./app.db`, `sqlite:///abs.db`, `file:app.db`, a plain path), resolved against `cwd`. */
export function sqliteFile(url: string, cwd: string): string {
  let rest = url.trim().replace(/\?.*$/, '');
  const scheme = /^(sqlite|file):/i.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    if (rest.startsWith('//')) rest = rest.slice(2);
    // Drop credentials a URL template may add (SQLite has none).
    rest = rest.replace(/^[^/@:]*:[^/]*@/, '');
  }
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // not percent-encoded
  }
  if (rest === ':memory:' || rest === '') {
    throw new OdacError('MIGRATION.UNSUPPORTED', 'Migration files need a database file: an in-memory SQLite database is gone when odac exits. Point the URL at a file.');
  }
  return path.resolve(cwd, rest);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** mysql2's options for a `mysql://` / `mariadb://` URL, percent-encoded parts decoded (odac.json passwords are encoded into URLs). */
export function mysqlConnection(url: string): Record<string, unknown> {
  const u = new URL(url);
  const options: Record<string, unknown> = {
    host: u.hostname || 'localhost',
    port: u.port ? Number(u.port) : 3306,
    database: decode(u.pathname.replace(/^\//, '')),
    ...(u.username ? { user: decode(u.username) } : {}),
    ...(u.password ? { password: decode(u.password) } : {}),
  };
  for (const [key, value] of u.searchParams) options[key] = value;
  return options;
}

/** knex's configuration for odac's driver name and URL. */
export function knexConfig(driver: string, url: string, options: { readonly cwd: string; readonly schemaName?: string | undefined }): Knex.Config {
  switch (driver) {
    case 'sqlite':
      return {
        client: 'better-sqlite3',
        connection: { filename: sqliteFile(url, options.cwd) },
        useNullAsDefault: true,
        pool: {
          min: 1,
          max: 1,
          afterCreate: (conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
            conn.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
            done(null, conn);
          },
        },
      };
    case 'postgres':
      return { client: 'pg', connection: url, pool: { min: 0, max: 2 }, ...(options.schemaName !== undefined ? { searchPath: [options.schemaName] } : {}) };
    case 'mysql':
      return { client: 'mysql2', connection: mysqlConnection(url), pool: { min: 0, max: 2 } };
    default:
      throw new OdacError(
        'MIGRATION.UNSUPPORTED',
        `Migration files run through knex, and odac does not yet open knex for the ${driver} driver. Run them with SQLite, PostgreSQL or MySQL/MariaDB, or move their work elsewhere.`,
        { details: { driver } },
      );
  }
}

/** Opens knex (imported now, not before). The caller destroys it. */
export async function openKnex(driver: string, url: string, options: { readonly cwd: string; readonly schemaName?: string | undefined }): Promise<Knex> {
  const config = knexConfig(driver, url, options);
  const mod = (await import('knex')) as unknown as { knex?: (c: Knex.Config) => Knex; default?: ((c: Knex.Config) => Knex) & { knex?: (c: Knex.Config) => Knex } };
  const make = mod.knex ?? mod.default?.knex ?? mod.default;
  if (typeof make !== 'function') throw new OdacError('MIGRATION.UNSUPPORTED', 'knex could not be loaded; reinstall @odac/cli (knex is one of its dependencies).');
  return make(config);
}
