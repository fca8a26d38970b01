/**
 * `odac migrate` with no flags in an ODAC.JS layout: odac.json with two
 * SQLite connections, schema/*.js for the default one, schema/analytics/*.js
 * for the other; `--db` / `--db=` pick one; migrate:status is plan.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite from '@odac/adapter-sqlite';
import { requireImporter } from '../helpers/importer.js';
import { runCli } from '../helpers/streams.js';

let dir: string;

function odac(argv: string[], env: Record<string, string> = {}) {
  return runCli(argv, { cwd: dir, env: { NO_COLOR: '1', ...env }, importModule: requireImporter });
}

async function tables(file: string): Promise<string[]> {
  if (!existsSync(path.join(dir, file))) return [];
  const conn = await sqlite.connect(`sqlite:${path.join(dir, file)}`);
  try {
    return (await conn.introspect()).tables.map((t) => t.name);
  } finally {
    await conn.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-named-'));
  mkdirSync(path.join(dir, 'schema', 'analytics'), { recursive: true });
  writeFileSync(
    path.join(dir, 'odac.json'),
    JSON.stringify({ name: 'app', database: { default: { type: 'sqlite', filename: './${MAIN_DB}' }, analytics: { type: 'sqlite', filename: './storage/analytics.db' } } }),
  );
  mkdirSync(path.join(dir, 'storage'));
  writeFileSync(path.join(dir, '.env'), 'MAIN_DB=main.db\n');
  writeFileSync(path.join(dir, 'schema', 'users.js'), "module.exports = { columns: { id: { type: 'increments' }, email: { type: 'string' } } };\n");
  writeFileSync(path.join(dir, 'schema', 'analytics', 'events.js'), "module.exports = { columns: { id: { type: 'increments' }, name: { type: 'string' } } };\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('migrate with no flags syncs every connection from its own folder, and says which is which', async () => {
  const first = await odac(['migrate']);
  expect(first.stderr.replace(/^\[\d+\/\d+ .*\n/gm, '')).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Connection "default" \(sqlite, sqlite:.*main\.db\):[\s\S]*Connection "analytics" \(sqlite, sqlite:.*analytics\.db\):/);
  expect(await tables('main.db')).toEqual(['users']);
  expect(await tables('storage/analytics.db')).toEqual(['events']);

  const status = await odac(['migrate:status', '--exit-code']);
  expect(status.code).toBe(0);
  const plan = await odac(['plan', '--json']);
  const json = JSON.parse(plan.stdout) as { version: number; connections: { connection: string; operations: unknown[] }[] };
  expect(json.connections.map((c) => [c.connection, c.operations.length])).toEqual([
    ['default', 0],
    ['analytics', 0],
  ]);
});

test('--db <name> and --db=<name> run one connection only', async () => {
  expect((await odac(['migrate', '--db=analytics'])).code).toBe(0);
  expect(await tables('storage/analytics.db')).toEqual(['events']);
  expect(await tables('main.db')).toEqual([]);
  const status = await odac(['migrate:status', '--db', 'default', '--exit-code']);
  expect(status.code).toBe(2);
  expect(status.stdout).toContain('Connection "default"');
  expect(status.stdout).not.toContain('Connection "analytics"');
});

test('a schema sub-folder naming no connection stops the run before any database is touched', async () => {
  mkdirSync(path.join(dir, 'schema', 'reports'));
  writeFileSync(path.join(dir, 'schema', 'reports', 'daily.js'), "module.exports = { columns: { id: { type: 'increments' } } };\n");
  const run = await odac(['migrate']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^error\[CLI\.CONFIG\]: schema\/reports\/ names no connection of odac\.json/);
  expect(await tables('main.db')).toEqual([]);
});

test('a missing ${ENV} value is a clear error', async () => {
  writeFileSync(path.join(dir, '.env'), '');
  const run = await odac(['migrate']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/odac\.json: connection "default", "filename" uses \$\{MAIN_DB\}, but MAIN_DB is not set/);
});

test('migrate:snapshot writes each connection into its own folder', async () => {
  await odac(['migrate']);
  rmSync(path.join(dir, 'schema'), { recursive: true });
  mkdirSync(path.join(dir, 'schema'));
  const pulled = await odac(['migrate:snapshot']);
  expect(pulled.stderr).toBe('');
  expect(pulled.code).toBe(0);
  const again = await odac(['plan', '--exit-code']);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('Connection "analytics"');
  // events.js came back under schema/analytics/, not schema/.
  expect(await tables('storage/analytics.db')).toEqual(['events']);
  expect(existsSync(path.join(dir, 'schema', 'analytics', 'events.js'))).toBe(true);
  expect(existsSync(path.join(dir, 'schema', 'events.js'))).toBe(false);
});

test('a connection password never appears in output, not even when connecting fails', async () => {
  writeFileSync(
    path.join(dir, 'odac.json'),
    JSON.stringify({ database: { default: { type: 'sqlite', filename: './main.db' }, analytics: { type: 'postgres', host: '127.0.0.1', port: 1, user: 'app', password: '${PG_SECRET}', database: 'stats' } } }),
  );
  const run = await odac(['migrate'], { PG_SECRET: 's3cr#t:pw@x' });
  expect(run.code).toBe(1);
  const all = run.stdout + run.stderr;
  expect(all).toContain('Connection "analytics" (postgres, postgres://app:***@127.0.0.1:1/stats)');
  expect(all).toMatch(/error\[CONNECT\.FAILED\]: Connection "analytics": /);
  for (const leak of ['s3cr', encodeURIComponent('s3cr#t:pw@x')]) expect(all).not.toContain(leak);
  // The default connection ran before the failing one, and stays migrated.
  expect(await tables('main.db')).toEqual(['users']);
});
