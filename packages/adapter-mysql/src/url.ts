/**
 * `mysql://` and `mariadb://` URLs → mysql2 connection options.
 */
import { parseConnectionUrl } from '@odac/core';
import type { ConnectionOptions } from 'mysql2/promise';

const DIALECT = { what: 'a MySQL/MariaDB URL', schemes: ['mysql', 'mariadb'], example: 'mysql://user:password@host:3306/database (or mariadb://…)', defaultPort: 3306 };

/**
 * Parses a URL. Query parameters understood: `ssl` (`true`/`required`, or
 * `false`), `socket` (a Unix socket path), `connectTimeout` (ms), `charset`.
 */
export function connectionOptions(url: string): ConnectionOptions & { database: string } {
  const u = parseConnectionUrl(url, DIALECT);
  if (!u.database) throw u.bad('it names no database');
  const socket = u.param('socket');
  const connectTimeout = u.count('connectTimeout', 'milliseconds', 1);
  return {
    host: u.host,
    port: u.port,
    database: u.database,
    // Catalog text and values come back as strings; odac never does arithmetic on them.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    multipleStatements: false,
    charset: u.param('charset') ?? 'utf8mb4',
    ...(u.user ? { user: u.user } : {}),
    ...(u.password ? { password: u.password } : {}),
    ...(socket ? { socketPath: socket } : {}),
    ...(connectTimeout !== undefined ? { connectTimeout } : {}),
    ...(u.flag('ssl', ['true', 'required', '1'], ['false', '0', 'disabled']) ? { ssl: {} } : {}),
  };
}
