/** odac.json → connection URLs: one or named connections, ${ENV} from the environment and .env, safe encoding. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OdacError } from '@odac/core';
import { readOdacJson } from '../../src/odac-json.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-json-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(json: unknown): void {
  writeFileSync(path.join(dir, 'odac.json'), typeof json === 'string' ? json : JSON.stringify(json));
}

function errorOf(fn: () => unknown): OdacError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OdacError) return err;
    throw err;
  }
  throw new Error('expected an OdacError');
}

test('no odac.json, or one without "database", is no connection', () => {
  expect(readOdacJson(dir, {})).toBeUndefined();
  write({ server: { port: 8080 } });
  expect(readOdacJson(dir, {})).toBeUndefined();
});

test('a single connection object is the "default" connection', () => {
  write({ database: { type: 'postgres', host: 'db.local', port: 5433, user: 'app', password: 'pw', database: 'shop' } });
  expect(readOdacJson(dir, {})?.connections).toEqual([{ name: 'default', driver: 'postgres', url: 'postgres://app:pw@db.local:5433/shop' }]);
});

test('named connections keep odac.json order and map every ODAC.JS type to its adapter', () => {
  write({
    database: {
      main: { type: 'mariadb', host: '127.0.0.1', user: 'root', database: 'main' },
      analytics: { type: 'pg', database: 'stats' },
      cache: { type: 'sqlite3', filename: './storage/cache.db' },
      legacy: { type: 'mssql', host: 'sql', user: 'sa', password: 'x', database: 'old' },
    },
  });
  const conns = readOdacJson(dir, {})?.connections ?? [];
  expect(conns.map((c) => [c.name, c.driver, c.url])).toEqual([
    ['main', 'mysql', 'mysql://root@127.0.0.1/main'],
    ['analytics', 'postgres', 'postgres://localhost/stats'],
    ['cache', 'sqlite', `sqlite:${path.join(dir, 'storage', 'cache.db')}`],
    ['legacy', 'mssql', 'mssql://sa:x@sql/old'],
  ]);
});

test('${ENV} comes from the environment first, then .env', () => {
  write({ database: { type: 'mysql', host: '${DB_HOST}', user: '${DB_USER}', password: '${DB_PASS}', database: 'app_${STAGE}' } });
  const conn = readOdacJson(dir, { DB_HOST: 'env-host', STAGE: 'test' }, { DB_HOST: 'dotenv-host', DB_USER: 'u', DB_PASS: 'p', STAGE: 'x' })?.connections[0];
  expect(conn?.url).toBe('mysql://u:p@env-host/app_test');
});

test('user, password and database are percent-encoded so any character is safe', () => {
  write({ database: { type: 'postgres', host: 'h', user: 'a@b', password: 'p@ss:w/rd#?%', database: 'my db' } });
  const url = readOdacJson(dir, {})?.connections[0]?.url ?? '';
  const parsed = new URL(url);
  expect(decodeURIComponent(parsed.username)).toBe('a@b');
  expect(decodeURIComponent(parsed.password)).toBe('p@ss:w/rd#?%');
  expect(parsed.hostname).toBe('h');
  expect(decodeURIComponent(parsed.pathname.slice(1))).toBe('my db');
});

test('a missing variable names odac.json, the connection, the key and the variable, and never a password', () => {
  write({ database: { default: { type: 'sqlite', filename: './a.db' }, analytics: { type: 'postgres', password: 'hunter2', user: '${PG_USER}', database: 'x' } } });
  const err = errorOf(() => readOdacJson(dir, {}, {}));
  expect(err.code).toBe('CLI.CONFIG');
  expect(err.message).toContain('odac.json');
  expect(err.message).toContain('connection "analytics"');
  expect(err.message).toContain('"user"');
  expect(err.message).toContain('PG_USER');
  expect(err.message).not.toContain('hunter2');
});

test('unknown types, missing database names and bad JSON are errors that say what to do', () => {
  write({ database: { type: 'clickhouse', database: 'x' } });
  expect(errorOf(() => readOdacJson(dir, {})).message).toMatch(/type "clickhouse".*Use one of mysql/);
  write({ database: { type: 'postgres', host: 'h' } });
  expect(errorOf(() => readOdacJson(dir, {})).message).toMatch(/needs "database"/);
  write({ database: { type: 'sqlite' } });
  expect(errorOf(() => readOdacJson(dir, {})).message).toMatch(/needs "filename"/);
  write('{ "database": ');
  expect(errorOf(() => readOdacJson(dir, {})).message).toMatch(/not valid JSON/);
  write({ database: { main: 'mysql://x' } });
  expect(errorOf(() => readOdacJson(dir, {})).message).toMatch(/"database.main" must be a connection object/);
});
