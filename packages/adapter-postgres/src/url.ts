/**
 * Connection URL handling: `postgres://` / `postgresql://` URLs, the
 * `?schema=` parameter that selects the PostgreSQL schema, and the URL handed
 * to `pg` with odac's own parameters removed.
 */
import { OdacError, redactUrl, type ConnectOptions } from '@odac/core';

/** Query parameters odac reads itself; `pg` never sees them. */
const ODAC_PARAMS = ['schema'];

export const DEFAULT_SCHEMA = 'public';
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;
/** How long `withLock` waits for another migrator before giving up (10 minutes). */
export const DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS = 600_000;

export interface ParsedUrl {
  /** The URL for `pg`: same as given minus odac's parameters. */
  readonly connectionString: string;
  /** The PostgreSQL schema to manage. */
  readonly schema: string;
  readonly host: string;
  readonly port: string;
  readonly database: string;
}

export interface ResolvedOptions extends ParsedUrl {
  readonly lockTimeoutMs: number;
  readonly migratorLockTimeoutMs: number;
}

/**
 * Parses a PostgreSQL URL. `options.schemaName` (the `--schema-name` flag)
 * wins over the URL's `?schema=`; the default is `public`.
 */
export function parseUrl(url: string, options: ConnectOptions = {}): ResolvedOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new OdacError(
      'CONNECT.BAD_URL',
      `"${redactUrl(url)}" is not a PostgreSQL URL. Use postgres://user:password@host:5432/database (optionally ?schema=name).`,
      { cause },
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new OdacError(
      'CONNECT.BAD_URL',
      `"${redactUrl(url)}" is not a PostgreSQL URL (it starts with ${parsed.protocol}//). Use postgres://user:password@host:5432/database.`,
    );
  }
  const fromUrl = parsed.searchParams.get('schema');
  for (const p of ODAC_PARAMS) parsed.searchParams.delete(p);
  const schema = options.schemaName ?? (fromUrl !== null && fromUrl !== '' ? fromUrl : DEFAULT_SCHEMA);
  return {
    connectionString: parsed.toString(),
    schema,
    host: parsed.hostname || 'localhost',
    port: parsed.port || '5432',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    migratorLockTimeoutMs: options.migratorLockTimeoutMs ?? DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS,
  };
}
