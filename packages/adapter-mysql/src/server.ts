/**
 * Which server odac is talking to, read once at connect: MariaDB and MySQL
 * spell catalog data differently, and some catalog columns depend on the
 * version.
 */
import type { Flavor } from './defaults.js';

export interface ServerInfo {
  readonly flavor: Flavor;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** `VERSION()` as the server reports it. */
  readonly version: string;
  /**
   * `@@lower_case_table_names`: 0 (names as given, compared as given), 1
   * (stored lower case, compared case-insensitively), 2 (stored as given,
   * compared lower case). Absent: 0.
   * https://mariadb.com/kb/en/server-system-variables/#lower_case_table_names
   */
  readonly lowerCaseTableNames?: number;
}

/** The server info from the connect query's row (`version`, `lctn`). */
export function serverInfoOf(row: Readonly<Record<string, unknown>>): ServerInfo {
  const lctn = Number(row['lctn'] ?? 0);
  const info = parseServerVersion(String(row['version'] ?? ''));
  return lctn > 0 ? { ...info, lowerCaseTableNames: lctn } : info;
}

/** Reads `VERSION()`: `8.0.36`, `10.11.6-MariaDB-0+deb12u1`, `5.5.5-10.6.12-MariaDB` (old proxies). */
export function parseServerVersion(version: string): ServerInfo {
  const flavor: Flavor = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  // Replication-compatible MariaDB builds prefix a fake 5.5.5- version.
  const text = version.replace(/^5\.5\.5-/, '');
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(text);
  return {
    flavor,
    major: Number(m?.[1] ?? 0),
    minor: Number(m?.[2] ?? 0),
    patch: Number(m?.[3] ?? 0),
    version,
  };
}

/** True when the server is at least `major.minor.patch`. */
export function atLeast(server: ServerInfo, major: number, minor = 0, patch = 0): boolean {
  if (server.major !== major) return server.major > major;
  if (server.minor !== minor) return server.minor > minor;
  return server.patch >= patch;
}

/** CHECK constraints are enforced and listed: MySQL 8.0.16+, MariaDB 10.2+. */
export function hasCheckConstraints(server: ServerInfo): boolean {
  return server.flavor === 'mariadb' ? atLeast(server, 10, 2) : atLeast(server, 8, 0, 16);
}

/** `STATISTICS.EXPRESSION` (functional key parts): MySQL 8.0.13+. */
export function hasIndexExpressions(server: ServerInfo): boolean {
  return server.flavor === 'mysql' && atLeast(server, 8, 0, 13);
}
