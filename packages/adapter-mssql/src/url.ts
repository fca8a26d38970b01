/**
 * Connection URL handling: `mssql://` / `sqlserver://` URLs into a tedious
 * configuration, plus odac's own settings (`?schema=`, lock timeouts).
 *
 * `mssql://user:password@host:1433/database?encrypt=false&trustServerCertificate=true&schema=dbo`
 */
import { DEFAULT_CONNECT_TIMEOUT_MS, parseConnectionUrl, sessionSettings, type ConnectOptions, type SessionSettings } from '@odac/core';
import type { ConnectionConfiguration } from 'tedious';

export const DEFAULT_SCHEMA = 'dbo';
export const DEFAULT_PORT = 1433;
/** How long one DDL statement waits for a table lock (`SET LOCK_TIMEOUT`). */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;
/** How long `withLock` waits for another migrator before giving up (10 minutes). */
export const DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS = 600_000;

const BOOLEANS = [['true', '1', 'yes', 'on'], ['false', '0', 'no', 'off']] as const;
const DIALECT = {
  what: 'an SQL Server URL',
  schemes: ['mssql', 'sqlserver'],
  example: 'mssql://user:password@host:1433/database (optionally ?encrypt=false&trustServerCertificate=true&schema=dbo)',
  defaultPort: DEFAULT_PORT,
  known: ['encrypt', 'trustServerCertificate', 'connectTimeout', 'requestTimeout', 'schema', 'instanceName', 'appName'],
};

export interface ResolvedOptions extends SessionSettings {
  /** What tedious gets (holds the password: never print it). */
  readonly config: ConnectionConfiguration;
  readonly host: string;
  readonly port: number;
  /** The database named in the URL; empty for the login's default database. */
  readonly database: string;
}

/**
 * Parses an SQL Server URL. `options.schemaName` (the `--schema-name` flag)
 * wins over the URL's `?schema=`; the default is `dbo`. `encrypt` defaults
 * to true (tedious' default); a local server with a self-signed certificate
 * needs `trustServerCertificate=true` or `encrypt=false`.
 */
export function parseUrl(url: string, options: ConnectOptions = {}): ResolvedOptions {
  const parsed = parseConnectionUrl(url, DIALECT);
  if (!parsed.url.hostname) throw parsed.bad('it names no host');
  const instanceName = parsed.param('instanceName');
  const config: ConnectionConfiguration = {
    server: parsed.host,
    authentication: { type: 'default', options: { userName: parsed.user, password: parsed.password } },
    options: {
      // A named instance is found through the browser service: no port then.
      ...(instanceName !== undefined ? { instanceName } : { port: parsed.port }),
      ...(parsed.database ? { database: parsed.database } : {}),
      encrypt: parsed.flag('encrypt', ...BOOLEANS) ?? true,
      trustServerCertificate: parsed.flag('trustServerCertificate', ...BOOLEANS) ?? false,
      // ConnectOptions (--connect-timeout) wins over the URL; tedious's own default is 15 s.
      connectTimeout: options.connectTimeoutMs ?? parsed.count('connectTimeout', 'milliseconds') ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // A migration statement may run for minutes on a big table: no request timeout unless asked for.
      requestTimeout: parsed.count('requestTimeout', 'milliseconds') ?? 0,
      appName: parsed.param('appName') ?? 'odac',
      // Rows as { column: { value } } objects.
      useColumnNames: true,
    },
  };
  return {
    config,
    host: config.server,
    port: parsed.port,
    database: parsed.database,
    ...sessionSettings(parsed, options, { schema: DEFAULT_SCHEMA, lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS, migratorLockTimeoutMs: DEFAULT_MIGRATOR_LOCK_TIMEOUT_MS }),
  };
}
