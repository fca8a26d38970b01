/**
 * Connection URL handling: `postgres://` / `postgresql://` URLs, the
 * `?schema=` parameter that selects the PostgreSQL schema, and the URL handed
 * to `pg` with odac's own parameters removed.
 */
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_QUERY_TIMEOUT_MS, OdacError, redactUrl, type ConnectOptions } from '@odac/core';

/** Query parameters odac reads itself; `pg` never sees them. */
const ODAC_PARAMS = ['schema', 'connect_timeout'];

/** libpq's `sslmode` values (and pg's `no-verify`); anything else is a typo, not a request for SSL. */
const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']);
const SSL_FLAGS = new Set(['true', 'false', '1', '0']);

/** Said wherever a URL does not parse: the usual cause is a password with reserved characters. */
const ENCODE_HINT = 'If the password contains @ / # ? or %, percent-encode it (encodeURIComponent).';

function badUrl(url: string, why: string): OdacError {
  return new OdacError('CONNECT.BAD_URL', `"${redactUrl(url)}" ${why}`, { details: { url: redactUrl(url) } });
}

/** libpq's `connect_timeout` is in seconds; odac's options are in milliseconds. */
function connectTimeoutParam(url: string, value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw badUrl(url, `has connect_timeout=${value}; it must be a whole number of seconds (libpq's meaning), e.g. connect_timeout=10.`);
  const seconds = Number(value);
  // libpq: 0 means wait forever; odac never waits forever, so 0 keeps the default.
  return seconds === 0 ? undefined : seconds * 1000;
}

function checkSsl(url: string, params: URLSearchParams): void {
  const mode = params.get('sslmode');
  if (mode !== null && !SSL_MODES.has(mode)) {
    throw badUrl(url, `has sslmode=${mode}, which PostgreSQL does not know. Use one of ${[...SSL_MODES].join(', ')}.`);
  }
  const ssl = params.get('ssl');
  if (ssl !== null && !SSL_FLAGS.has(ssl.toLowerCase())) {
    throw badUrl(url, `has ssl=${ssl}; use ssl=true or ssl=false (or sslmode=require / disable).`);
  }
}

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
  /** `ConnectOptions.connectTimeoutMs`, else the URL's `connect_timeout` (seconds), else the default. */
  readonly connectTimeoutMs: number;
  readonly queryTimeoutMs: number;
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
      `"${redactUrl(url)}" is not a PostgreSQL URL. Use postgres://user:password@host:5432/database (optionally ?schema=name). ${ENCODE_HINT}`,
      { cause },
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new OdacError(
      'CONNECT.BAD_URL',
      `"${redactUrl(url)}" is not a PostgreSQL URL (it starts with ${parsed.protocol}//). Use postgres://user:password@host:5432/database.`,
    );
  }
  if (parsed.hash !== '') {
    // The WHATWG parser ends the host at '#': what it found as host and database are pieces of the password.
    throw badUrl(url, `has a '#', which ends a URL's address: PostgreSQL URLs have no fragment. ${ENCODE_HINT}`);
  }
  checkSsl(url, parsed.searchParams);
  const urlConnectTimeout = connectTimeoutParam(url, parsed.searchParams.get('connect_timeout'));
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
    connectTimeoutMs: options.connectTimeoutMs ?? urlConnectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
  };
}
