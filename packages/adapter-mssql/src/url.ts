/**
 * Connection URL handling: `mssql://` / `sqlserver://` URLs into a tedious
 * configuration, plus odac's own settings (`?schema=`, lock timeouts).
 *
 * `mssql://user:password@host:1433/database?encrypt=false&trustServerCertificate=true&schema=dbo`
 */
import { DEFAULT_CONNECT_TIMEOUT_MS, OdacError, redactUrl, type ConnectOptions } from '@odac/core';
import type { ConnectionConfiguration } from 'tedious';

export const DEFAULT_SCHEMA = 'dbo';
export const DEFAULT_PORT = 1433;
/** How long one DDL statement waits for a table lock (`SET LOCK_TIMEOUT`). */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;
/** How long `withLock` waits for another migrator before giving up (10 minutes). */
export const DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS = 600_000;

const BOOLEAN_PARAMS = ['encrypt', 'trustServerCertificate'] as const;
const NUMBER_PARAMS = ['connectTimeout', 'requestTimeout'] as const;
const TEXT_PARAMS = ['schema', 'instanceName', 'appName'] as const;
const KNOWN = new Set<string>([...BOOLEAN_PARAMS, ...NUMBER_PARAMS, ...TEXT_PARAMS]);

export interface ResolvedOptions {
  /** What tedious gets (holds the password: never print it). */
  readonly config: ConnectionConfiguration;
  readonly host: string;
  readonly port: number;
  /** The database named in the URL; empty for the login's default database. */
  readonly database: string;
  /** The SQL Server schema to manage. */
  readonly schema: string;
  readonly lockTimeoutMs: number;
  readonly migratorLockTimeoutMs: number;
}

function badUrl(url: string, problem: string, cause?: unknown): OdacError {
  return new OdacError(
    'CONNECT.BAD_URL',
    `"${redactUrl(url)}" ${problem} Use mssql://user:password@host:1433/database (optionally ?encrypt=false&trustServerCertificate=true&schema=dbo).`,
    cause === undefined ? {} : { cause },
  );
}

function parseBoolean(url: string, name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw badUrl(url, `has ${name}=${value}, which is not true or false.`);
}

function parseNumber(url: string, name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badUrl(url, `has ${name}=${value}, which is not a number of milliseconds.`);
  return n;
}

/**
 * Parses an SQL Server URL. `options.schemaName` (the `--schema-name` flag)
 * wins over the URL's `?schema=`; the default is `dbo`. `encrypt` defaults
 * to true (tedious' default); a local server with a self-signed certificate
 * needs `trustServerCertificate=true` or `encrypt=false`.
 */
export function parseUrl(url: string, options: ConnectOptions = {}): ResolvedOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw badUrl(url, 'is not an SQL Server URL.', cause);
  }
  if (parsed.protocol !== 'mssql:' && parsed.protocol !== 'sqlserver:') {
    throw badUrl(url, `is not an SQL Server URL (it starts with ${parsed.protocol}//).`);
  }
  if (!parsed.hostname) throw badUrl(url, 'names no host.');
  const unknown = [...parsed.searchParams.keys()].filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) {
    throw badUrl(url, `has unknown parameter${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (known: ${[...KNOWN].join(', ')}).`);
  }
  const param = (name: string): string | undefined => {
    const v = parsed.searchParams.get(name);
    return v === null || v === '' ? undefined : v;
  };
  const port = parsed.port ? Number(parsed.port) : DEFAULT_PORT;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const instanceName = param('instanceName');
  const encrypt = param('encrypt');
  const trust = param('trustServerCertificate');
  const connectTimeout = param('connectTimeout');
  const requestTimeout = param('requestTimeout');
  const appName = param('appName');
  const config: ConnectionConfiguration = {
    server: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    authentication: {
      type: 'default',
      options: { userName: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) },
    },
    options: {
      // A named instance is found through the browser service: no port then.
      ...(instanceName !== undefined ? { instanceName } : { port }),
      ...(database ? { database } : {}),
      encrypt: encrypt === undefined ? true : parseBoolean(url, 'encrypt', encrypt),
      trustServerCertificate: trust === undefined ? false : parseBoolean(url, 'trustServerCertificate', trust),
      // ConnectOptions (--connect-timeout) wins over the URL; tedious's own default is 15 s.
      connectTimeout: options.connectTimeoutMs ?? (connectTimeout !== undefined ? parseNumber(url, 'connectTimeout', connectTimeout) : DEFAULT_CONNECT_TIMEOUT_MS),
      // A migration statement may run for minutes on a big table: no request timeout unless asked for.
      requestTimeout: requestTimeout === undefined ? 0 : parseNumber(url, 'requestTimeout', requestTimeout),
      appName: appName ?? 'odac',
      // Rows as { column: { value } } objects.
      useColumnNames: true,
    },
  };
  const fromUrl = param('schema');
  return {
    config,
    host: config.server,
    port,
    database,
    schema: options.schemaName ?? fromUrl ?? DEFAULT_SCHEMA,
    lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    migratorLockTimeoutMs: options.migratorLockTimeoutMs ?? DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS,
  };
}
