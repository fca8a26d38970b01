/**
 * SQLite files in bad states (issue 12): read-only for the migrating
 * process, in a missing directory, not a database. Each is a clear error
 * that leaves the file as it was. A file locked by another connection is in
 * adapter-sqlite's locks.test.ts; writers in other processes racing the
 * migrators are in concurrent-boots.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, odacRun, sqliteDb, type Db } from './support.js';

let root: string;
let schema: string;
let db: Db;

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'odac-sqlite-files-'));
  chmodSync(root, 0o755);
  schema = path.join(root, 'schema');
  mkdirSync(schema);
  writeFileSync(path.join(schema, 'items.js'), "module.exports = { columns: { id: { type: 'increments' }, qty: { type: 'integer' } } };\n");
  db = sqliteDb();
  await db.exec('CREATE TABLE canary (id INTEGER PRIMARY KEY); INSERT INTO canary VALUES (1);');
});
afterEach(async () => {
  await db.drop();
  rmSync(root, { recursive: true, force: true });
});

const file = (): string => db.url.replace(/^sqlite:/, '');

it('a file the migrating process may not write: a clear error before anything runs; plan still works', () => {
  const before = readFileSync(file());
  // As root, permissions are not enforced: run odac as an unprivileged user instead.
  const asRoot = process.getuid?.() === 0;
  chmodSync(path.dirname(file()), 0o755);
  chmodSync(file(), 0o644);
  if (!asRoot) chmodSync(file(), 0o444);
  const run = (args: string[]) =>
    asRoot
      ? spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, ...args], { encoding: 'utf8', cwd: root, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } })
      : spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: root, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
  const migrated = run(['migrate', '--yes', '--url', db.url, '--schema', schema]);
  expect(migrated.status).toBe(1);
  expect(migrated.stderr).toMatch(/^error\[CONNECT\.FAILED\]: Cannot migrate the SQLite database .* is read-only for this process/);
  expect(readFileSync(file()).equals(before)).toBe(true);
  const planned = run(['plan', '--url', db.url, '--schema', schema]);
  expect(planned.status).toBe(0);
  expect(planned.stdout).toContain('create table items');
});

it('a path in a missing directory: a clear error naming the directory', async () => {
  const missing = path.join(root, 'no', 'such', 'dir', 'app.db');
  const result = await odacRun(['migrate', '--yes', '--url', `sqlite:${missing}`, '--schema', schema], { cwd: root });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`the directory "${path.dirname(missing)}" does not exist`);
});

it('a file that is not a database: a clear error, the file untouched', async () => {
  const notes = path.join(root, 'notes.db');
  writeFileSync(notes, 'these are notes, not a database; '.repeat(40));
  const before = readFileSync(notes);
  const result = await odacRun(['migrate', '--yes', '--url', `sqlite:${notes}`, '--schema', schema], { cwd: root });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error\[CONNECT\.FAILED\]: Could not open the SQLite database .*not a database/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(readFileSync(notes).equals(before)).toBe(true);
});
