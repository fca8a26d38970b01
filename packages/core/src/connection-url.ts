/**
 * The generic half of a server adapter's connection URL: parsing, the
 * scheme check, decoding host, user, password and database, reading and
 * checking query parameters, and `CONNECT.BAD_URL` errors that name the URL
 * without its password. An adapter adds only what its driver needs.
 */
import type { ConnectOptions } from './adapter.js';
import { OdacError, redactUrl } from './errors.js';

/** What a dialect's URLs look like. */
export interface UrlDialect {
  /** For messages, with its article: `a PostgreSQL URL`, `an SQL Server URL`. */
  readonly what: string;
  /** Accepted schemes without the colon (`postgres`, `postgresql`). */
  readonly schemes: readonly string[];
  /** A URL to copy, for messages: `postgres://user:password@host:5432/database`. */
  readonly example: string;
  readonly defaultPort: number;
  /** The only query parameters allowed; any when undefined (the driver reads the rest). */
  readonly known?: readonly string[];
}

/** A parsed connection URL; everything decoded. */
export interface ConnectionUrl {
  /** A copy of the parsed URL (an adapter may remove its own parameters before handing it on). */
  readonly url: URL;
  /** Without IPv6 brackets; `localhost` when the URL names none. */
  readonly host: string;
  readonly port: number;
  /** The path without its `/`; empty when the URL names none. */
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** The `CONNECT.BAD_URL` error for this URL: `problem` is one clause (`it names no database`). */
  bad(problem: string, cause?: unknown): OdacError;
  /** A query parameter; undefined when absent or empty. */
  param(name: string): string | undefined;
  /** A parameter that is one of `values` (case as written), else `bad`. */
  choice(name: string, values: readonly string[]): string | undefined;
  /** An on/off parameter (case-insensitive), else `bad`. */
  flag(name: string, on: readonly string[], off: readonly string[]): boolean | undefined;
  /** A whole number of `unit` (`seconds`, `milliseconds`) of at least `min` (default 0), else `bad`. */
  count(name: string, unit: string, min?: number): number | undefined;
}

const ENCODE_HINT = 'If the password contains @ / # ? or %, percent-encode it (encodeURIComponent).';

function decode(value: string, bad: (problem: string) => OdacError): string {
  try {
    return decodeURIComponent(value);
  } catch (cause) {
    throw bad(`it holds a % that starts no percent-encoded character (${String(cause)})`);
  }
}

/** Parses `url` as one of `dialect`'s URLs. Throws `CONNECT.BAD_URL`, never showing the password. */
export function parseConnectionUrl(url: string, dialect: UrlDialect): ConnectionUrl {
  const bad = (problem: string, cause?: unknown, hint = false): OdacError =>
    new OdacError('CONNECT.BAD_URL', `"${redactUrl(url)}" is not ${dialect.what}: ${problem}. Use ${dialect.example}.${hint ? ` ${ENCODE_HINT}` : ''}`, {
      ...(cause === undefined ? {} : { cause }),
      details: { url: redactUrl(url) },
    });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw bad('it is not a URL', cause, true);
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!dialect.schemes.includes(scheme)) throw bad(`the scheme is "${scheme}" (it starts with ${parsed.protocol}//)`);
  // The parser ends the host at '#': what it found as host and database are pieces of the password.
  if (parsed.hash !== '') throw bad("it has a '#', which ends a URL's address", undefined, true);
  const params = parsed.searchParams;
  if (dialect.known !== undefined) {
    const unknown = [...new Set(params.keys())].filter((k) => !dialect.known?.includes(k));
    if (unknown.length > 0) throw bad(`it has the unknown parameter${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (known: ${dialect.known.join(', ')})`);
  }
  const param = (name: string): string | undefined => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const badDecode = (problem: string): OdacError => bad(problem, undefined, true);
  return {
    url: new URL(parsed.toString()),
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: parsed.port ? Number(parsed.port) : dialect.defaultPort,
    database: decode(parsed.pathname.replace(/^\//, ''), badDecode),
    user: decode(parsed.username, badDecode),
    password: decode(parsed.password, badDecode),
    bad,
    param,
    choice(name, values) {
      const value = param(name);
      if (value !== undefined && !values.includes(value)) throw bad(`it has ${name}=${value}; use one of ${values.join(', ')}`);
      return value;
    },
    flag(name, on, off) {
      const value = param(name);
      if (value === undefined) return undefined;
      const v = value.trim().toLowerCase();
      if (on.includes(v)) return true;
      if (off.includes(v)) return false;
      throw bad(`it has ${name}=${value}, which is neither on (${on.join(', ')}) nor off (${off.join(', ')})`);
    },
    count(name, unit, min = 0) {
      const value = param(name);
      if (value === undefined) return undefined;
      if (!/^\d+$/.test(value) || Number(value) < min) throw bad(`it has ${name}=${value}; it must be a whole number of ${unit}${min > 0 ? ` from ${min}` : ''}`);
      return Number(value);
    },
  };
}

/** The schema a connection manages and how long it waits for locks. */
export interface SessionSettings {
  readonly schema: string;
  readonly lockTimeoutMs: number;
  readonly migratorLockTimeoutMs: number;
}

/** {@link SessionSettings}: `options` (the flags) win, then the URL's `?schema=`, then the adapter's `defaults`. */
export function sessionSettings(parsed: ConnectionUrl, options: ConnectOptions, defaults: SessionSettings): SessionSettings {
  return {
    schema: options.schemaName ?? parsed.param('schema') ?? defaults.schema,
    lockTimeoutMs: options.lockTimeoutMs ?? defaults.lockTimeoutMs,
    migratorLockTimeoutMs: options.migratorLockTimeoutMs ?? defaults.migratorLockTimeoutMs,
  };
}
