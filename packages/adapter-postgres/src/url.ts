/**
 * Connection URL handling: `postgres://` / `postgresql://` URLs, the
 * `?schema=` parameter that selects the PostgreSQL schema, and the URL handed
 * to `pg` with odac's own parameters removed.
 */
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_QUERY_TIMEOUT_MS, parseConnectionUrl, sessionSettings, type ConnectOptions, type SessionSettings } from '@odac/core';

/** Query parameters odac reads itself; `pg` never sees them. */
const ODAC_PARAMS = ['schema', 'connect_timeout'];

/** libpq's `sslmode` values (and pg's `no-verify`); anything else is a typo, not a request for SSL. */
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];

const DIALECT = { what: 'a PostgreSQL URL', schemes: ['postgres', 'postgresql'], example: 'postgres://user:password@host:5432/database (optionally ?schema=name)', defaultPort: 5432 };

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

export interface ResolvedOptions extends ParsedUrl, SessionSettings {
  /** `ConnectOptions.connectTimeoutMs`, else the URL's `connect_timeout` (seconds), else the default. */
  readonly connectTimeoutMs: number;
  readonly queryTimeoutMs: number;
}

/**
 * Parses a PostgreSQL URL. `options.schemaName` (the `--schema-name` flag)
 * wins over the URL's `?schema=`; the default is `public`.
 */
export function parseUrl(url: string, options: ConnectOptions = {}): ResolvedOptions {
  const parsed = parseConnectionUrl(url, DIALECT);
  parsed.choice('sslmode', SSL_MODES);
  parsed.flag('ssl', ['true', '1'], ['false', '0']);
  // libpq's connect_timeout is in seconds, and 0 means wait forever; odac never waits forever, so 0 keeps the default.
  const urlConnectTimeout = (parsed.count('connect_timeout', "seconds (libpq's meaning)") ?? 0) * 1000 || undefined;
  const settings = sessionSettings(parsed, options, { schema: DEFAULT_SCHEMA, lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS, migratorLockTimeoutMs: DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS });
  for (const p of ODAC_PARAMS) parsed.url.searchParams.delete(p);
  return {
    ...settings,
    connectionString: parsed.url.toString(),
    host: parsed.url.hostname || 'localhost',
    port: String(parsed.port),
    database: parsed.database,
    connectTimeoutMs: options.connectTimeoutMs ?? urlConnectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
  };
}
