/**
 * ODAC.JS projects keep their database credentials in `odac.json` under
 * `database`: one connection object, or named connections
 * (`{ "default": {...}, "analytics": {...} }`). Each becomes a connection
 * URL here. Any string may hold `${NAME}`, filled from the environment and
 * then the `.env` file. Read only when no URL comes from the flags, the
 * config file or `DATABASE_URL`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OdacError } from '@odac/core';
import { messageOf } from './errors.js';

export const ODAC_JSON = 'odac.json';

/** One connection of `odac.json`, resolved. */
export interface OdacJsonConnection {
  /** `default` for a single connection object, else its key. */
  readonly name: string;
  /** Holds the password: only for connecting, never for printing (see `redactUrl`). */
  readonly url: string;
  /** The odac adapter: `mysql`, `postgres`, `sqlite` or `mssql`. */
  readonly driver: string;
}

export interface OdacJsonDatabase {
  readonly file: string;
  /** In the order `odac.json` lists them. */
  readonly connections: readonly OdacJsonConnection[];
}

/** ODAC.JS `type` values and the adapter each means. */
const TYPES: Readonly<Record<string, string>> = {
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mysql',
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  'better-sqlite3': 'sqlite',
  mssql: 'mssql',
  sqlserver: 'mssql',
};

const CONNECTION_KEYS: readonly string[] = ['type', 'host', 'port', 'user', 'password', 'database', 'filename'];

type Vars = Readonly<Record<string, string | undefined>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function configError(file: string, text: string, details: Record<string, unknown> = {}): OdacError {
  return new OdacError('CLI.CONFIG', `${file}: ${text}`, { details: { file, ...details } });
}

/** `${NAME}` in `value`, filled from `env` then `dotenv`; a missing variable is an error naming it. */
export function expandVariables(value: string, lookup: (name: string) => string | undefined, where: () => string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const found = lookup(name);
    if (found === undefined) throw new OdacError('CLI.CONFIG', `${where()} uses \${${name}}, but ${name} is not set in the environment or in .env. Set it (e.g. ${name}=... in .env), or write the value into odac.json.`, { details: { variable: name } });
    return found;
  });
}

/** A single connection object, or named ones: a single one has connection keys holding plain values. */
function isSingleConnection(database: Record<string, unknown>): boolean {
  return CONNECTION_KEYS.some((key) => key in database && !isPlainObject(database[key]));
}

function stringSetting(raw: Record<string, unknown>, key: string, file: string, name: string, fill: (v: string, key: string) => string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && key === 'port') return String(value);
  if (typeof value !== 'string') throw configError(file, `connection "${name}": "${key}" must be a string, got ${JSON.stringify(value)}.`, { connection: name, key });
  const filled = fill(value, key);
  return filled === '' ? undefined : filled;
}

/**
 * The URL for one connection object. User, password and database name are
 * percent-encoded, so any character in them is safe; the SQLite `filename`
 * is relative to the project directory.
 */
export function connectionUrl(raw: Record<string, unknown>, name: string, file: string, vars: (name: string) => string | undefined): OdacJsonConnection {
  const fill = (value: string, key: string): string => expandVariables(value, vars, () => `${file}: connection "${name}", "${key}"`);
  const get = (key: string): string | undefined => stringSetting(raw, key, file, name, fill);
  const typeName = (get('type') ?? 'mysql').toLowerCase();
  const driver = TYPES[typeName];
  if (driver === undefined) {
    throw configError(file, `connection "${name}" has type "${typeName}", which odac does not migrate. Use one of mysql, mariadb, postgres, sqlite or mssql.`, { connection: name, type: typeName });
  }
  if (driver === 'sqlite') {
    const filename = get('filename') ?? get('database');
    if (filename === undefined) throw configError(file, `connection "${name}" (sqlite) needs "filename", the database file relative to the project (e.g. "./storage/app.db").`, { connection: name });
    const full = filename === ':memory:' ? filename : path.resolve(path.dirname(file), filename);
    return { name, driver, url: filename === ':memory:' ? 'sqlite::memory:' : `sqlite:${full}` };
  }
  const database = get('database');
  if (database === undefined) throw configError(file, `connection "${name}" (${typeName}) needs "database", the name of the database to migrate.`, { connection: name });
  const host = get('host') ?? 'localhost';
  const port = get('port');
  if (port !== undefined && !/^\d+$/.test(port)) throw configError(file, `connection "${name}": "port" must be a number, got "${port}".`, { connection: name });
  const user = get('user');
  const password = get('password');
  const auth = user !== undefined ? `${encodeURIComponent(user)}${password !== undefined ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const scheme = driver === 'mysql' ? 'mysql' : driver === 'postgres' ? 'postgres' : 'mssql';
  return { name, driver, url: `${scheme}://${auth}${hostPart}${port !== undefined ? `:${port}` : ''}/${encodeURIComponent(database)}` };
}

/**
 * Reads `dir/odac.json` → `database`. `undefined` when there is no such file
 * or it has no `database` (an ODAC.JS app may use odac.json for other things).
 * `env` wins over `dotenv` for `${NAME}`. Throws `CLI.CONFIG`.
 */
export function readOdacJson(dir: string, env: Vars, dotenv: Vars = {}): OdacJsonDatabase | undefined {
  const file = path.join(dir, ODAC_JSON);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new OdacError('CLI.CONFIG', `${file} is not valid JSON: ${messageOf(cause)}`, { cause, details: { file } });
  }
  if (!isPlainObject(json) || json['database'] === undefined) return undefined;
  const database = json['database'];
  if (!isPlainObject(database)) {
    throw configError(file, `"database" must be a connection object ({ "type": "mysql", "host": ..., "database": ... }) or named connections ({ "default": {...}, "analytics": {...} }).`);
  }
  const lookup = (name: string): string | undefined => env[name] ?? dotenv[name];
  if (isSingleConnection(database)) return { file, connections: [connectionUrl(database, 'default', file, lookup)] };
  const connections: OdacJsonConnection[] = [];
  for (const [name, value] of Object.entries(database)) {
    if (!isPlainObject(value)) {
      throw configError(file, `"database.${name}" must be a connection object ({ "type": ..., "host": ..., "database": ... }), got ${JSON.stringify(value)}.`, { connection: name });
    }
    connections.push(connectionUrl(value, name, file, lookup));
  }
  if (connections.length === 0) throw configError(file, `"database" names no connection; add one, e.g. "database": { "type": "sqlite", "filename": "./app.db" }.`);
  return { file, connections };
}
