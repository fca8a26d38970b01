/**
 * `mysql://` and `mariadb://` URLs → mysql2 connection options.
 */
import { OdacError, redactUrl } from '@odac/core';
import type { ConnectionOptions } from 'mysql2/promise';

const SCHEMES = new Set(['mysql:', 'mariadb:']);
const SSL_ON = new Set(['true', 'required', '1']);
const SSL_OFF = new Set(['false', '0', 'disabled']);

function badUrl(url: string, why: string): OdacError {
  return new OdacError(
    'CONNECT.BAD_URL',
    `Cannot use ${redactUrl(url)} as a MySQL/MariaDB URL: ${why}. Expected mysql://user:password@host:3306/database (or mariadb://…); percent-encode @ / # ? % in the password (encodeURIComponent).`,
    { details: { url: redactUrl(url) } },
  );
}

/**
 * Parses a URL. Query parameters understood: `ssl` (`true`/`required`, or
 * `false`), `socket` (a Unix socket path), `connectTimeout` (ms), `charset`.
 */
export function connectionOptions(url: string): ConnectionOptions & { database: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badUrl(url, 'it is not a URL');
  }
  if (!SCHEMES.has(u.protocol)) throw badUrl(url, `the scheme is "${u.protocol.replace(/:$/, '')}"`);
  // The parser ends the host at '#': what it would take for host and database are pieces of the password.
  if (u.hash !== '') throw badUrl(url, "it has a '#', which ends a URL's address");
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw badUrl(url, 'it names no database');
  const options: ConnectionOptions & { database: string } = {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: u.port ? Number(u.port) : 3306,
    database,
    // Catalog text and values come back as strings; odac never does arithmetic on them.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    multipleStatements: false,
    charset: u.searchParams.get('charset') ?? 'utf8mb4',
  };
  if (u.username) options.user = decodeURIComponent(u.username);
  if (u.password) options.password = decodeURIComponent(u.password);
  const socket = u.searchParams.get('socket');
  if (socket) options.socketPath = socket;
  const timeout = u.searchParams.get('connectTimeout');
  if (timeout !== null) {
    if (!/^\d+$/.test(timeout) || Number(timeout) === 0) throw badUrl(url, `connectTimeout=${timeout} is not a positive whole number of milliseconds`);
    options.connectTimeout = Number(timeout);
  }
  const ssl = u.searchParams.get('ssl');
  if (ssl !== null) {
    const value = ssl.toLowerCase();
    if (SSL_ON.has(value)) options.ssl = {};
    else if (!SSL_OFF.has(value)) throw badUrl(url, `ssl=${ssl} is neither on (${[...SSL_ON].join(', ')}) nor off (${[...SSL_OFF].join(', ')})`);
  }
  return options;
}
