/**
 * Data migration files of named connections: migration/*.js belong to the
 * default connection of odac.json and migration/<connection>/*.js to that
 * connection; each is recorded under its connection name, and
 * `migrate:rollback --db <name>` rolls back that connection only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite from '@odac/adapter-sqlite';
import { MIGRATIONS_TABLE } from '@odac/core';
import { requireImporter } from '../helpers/importer.js';
import { runCli } from '../helpers/streams.js';

let dir: string;

const odac = (argv: string[]) => runCli(argv, { cwd: dir, env: { NO_COLOR: '1' }, importModule: requireImporter });

async function rows(file: string, table: string, columns: string[]): Promise<string[]> {
  const conn = await sqlite.connect(`sqlite:${path.join(dir, file)}`);
  try {
    const [result = []] = (await conn.readRows?.([{ table, columns }])) ?? [];
    return result.map((r) => r.map(String).join(' ')).sort();
  } finally {
    await conn.close();
  }
}

const logging = (msg: string): string => `module.exports = { async up(db) { await db('log').insert({ msg: '${msg}' }); }, async down(db) { await db('log').where({ msg: '${msg}' }).del(); } };\n`;
const LOG = "module.exports = { columns: { id: { type: 'increments' }, msg: { type: 'string' } } };\n";

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-named-migrations-'));
  mkdirSync(path.join(dir, 'schema', 'analytics'), { recursive: true });
  mkdirSync(path.join(dir, 'migration', 'analytics'), { recursive: true });
  writeFileSync(path.join(dir, 'odac.json'), JSON.stringify({ database: { default: { type: 'sqlite', filename: './main.db' }, analytics: { type: 'sqlite', filename: './analytics.db' } } }));
  writeFileSync(path.join(dir, 'schema', 'log.js'), LOG);
  writeFileSync(path.join(dir, 'schema', 'analytics', 'log.js'), LOG);
  writeFileSync(path.join(dir, 'migration', '001_main.js'), logging('main'));
  writeFileSync(path.join(dir, 'migration', 'analytics', '001_events.js'), logging('analytics'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("each connection runs its own folder's files, recorded under its name; rollback --db touches that connection only", async () => {
  const first = await odac(['migrate']);
  expect(first.stderr.replace(/^\[\d+\/\d+ .*\n/gm, '')).toBe('');
  expect(first.code).toBe(0);
  expect(await rows('main.db', 'log', ['msg'])).toEqual(['main']);
  expect(await rows('analytics.db', 'log', ['msg'])).toEqual(['analytics']);
  expect(await rows('main.db', MIGRATIONS_TABLE, ['name', 'connection', 'type', 'batch'])).toEqual(['001_main.js default file 1']);
  expect(await rows('analytics.db', MIGRATIONS_TABLE, ['name', 'connection', 'type', 'batch'])).toEqual(['001_events.js analytics file 1']);

  expect((await odac(['migrate:status', '--exit-code'])).code).toBe(0);
  const rolled = await odac(['migrate:rollback', '--db', 'analytics']);
  expect(rolled.code).toBe(0);
  expect(rolled.stdout).toContain('Rolled back batch 1 of connection "analytics": 001_events.js.');
  expect(await rows('analytics.db', 'log', ['msg'])).toEqual([]);
  expect(await rows('analytics.db', MIGRATIONS_TABLE, ['name'])).toEqual([]);
  expect(await rows('main.db', 'log', ['msg'])).toEqual(['main']);
  const status = await odac(['migrate:status', '--exit-code']);
  expect(status.code).toBe(2);
  expect(status.stdout).toContain('Migration files (migration/analytics/): 1 pending');
});

test('knex gets MySQL URLs with percent-encoded credentials decoded, and SQLite URLs as files', async () => {
  const { mysqlConnection, sqliteFile } = await import('../../src/data-migrations/knex.js');
  expect(mysqlConnection('mysql://us%40er:p%40ss%3Aw%2Frd@db.local:3307/my%20app')).toEqual({ host: 'db.local', port: 3307, database: 'my app', user: 'us@er', password: 'p@ss:w/rd' });
  expect(mysqlConnection('mariadb://root@127.0.0.1/app')).toEqual({ host: '127.0.0.1', port: 3306, database: 'app', user: 'root' });
  expect(sqliteFile('sqlite:./app.db', '/srv/app')).toBe('/srv/app/app.db');
  expect(sqliteFile('sqlite:///var/db/app.db', '/srv/app')).toBe('/var/db/app.db');
  expect(sqliteFile('file:data/app.db?mode=rwc', '/srv/app')).toBe('/srv/app/data/app.db');
  expect(() => sqliteFile('sqlite::memory:', '/srv/app')).toThrow(/in-memory SQLite database/);
});
