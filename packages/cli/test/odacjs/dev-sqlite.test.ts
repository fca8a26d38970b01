/**
 * `odac dev` (issue 9, acceptance 4): spawned on a SQLite ODAC.JS project
 * with an app command. Saving a schema file with a new column adds it and
 * restarts the app; removing a column is shown as a skipped destructive
 * change and the column (with its data) stays; Ctrl-C stops odac and the app.
 * Spawns the built CLI: build first (`turbo run build --filter=@odac/cli...`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite from '@odac/adapter-sqlite';

const BIN = path.resolve(__dirname, '..', '..', 'dist', 'bin.js');

let dir: string;
let child: ChildProcess | undefined;
let output = '';

async function columns(table: string): Promise<string[]> {
  const conn = await sqlite.connect(`sqlite:${path.join(dir, 'dev.db')}`);
  try {
    return (await conn.introspect()).tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? [];
  } finally {
    await conn.close();
  }
}

/** Waits until `check` holds (polling), or fails with the dev output so far. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; odac dev printed:\n${output}`);
}

function starts(): number {
  try {
    return readFileSync(path.join(dir, 'starts.log'), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

function usersFile(columnsSource: string): void {
  writeFileSync(path.join(dir, 'schema', 'users.js'), `module.exports = {\n  columns: {\n    id: { type: 'increments' },\n${columnsSource}  },\n};\n`);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-dev-'));
  mkdirSync(path.join(dir, 'schema'));
  writeFileSync(path.join(dir, 'odac.json'), JSON.stringify({ database: { type: 'sqlite', filename: './dev.db' } }));
  usersFile("    email: { type: 'string' },\n    legacy: { type: 'string' },\n");
  // The app: records each start, then runs until it is stopped.
  writeFileSync(path.join(dir, 'app.js'), "require('fs').appendFileSync('starts.log', process.pid + '\\n');\nsetInterval(() => {}, 1000);\n");
  output = '';
});

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  // An app a failed test left behind would keep jest's output pipes open.
  for (const pid of (existsSync(path.join(dir, 'starts.log')) ? readFileSync(path.join(dir, 'starts.log'), 'utf8') : '').split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

test('a saved column appears, a removed one is skipped as destructive, Ctrl-C stops odac and the app', async () => {
  const dev = spawn(process.execPath, [BIN, 'dev', '--debounce', '100', '--', process.execPath, 'app.js'], {
    cwd: dir,
    env: { PATH: process.env['PATH'], NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = dev;
  dev.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  dev.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve(code)));

  await until('the first migrate, the app and the watcher', () => output.includes('watching schema') && starts() === 1);
  expect(await columns('users')).toEqual(['id', 'email', 'legacy']);
  expect(output).toMatch(/applied \d+ statement/);

  usersFile("    email: { type: 'string' },\n    legacy: { type: 'string' },\n    nickname: { type: 'string', nullable: true },\n");
  await until('nickname to be added', async () => (await columns('users')).includes('nickname'));
  await until('the app to restart', () => starts() === 2);
  expect(output).toMatch(/applied 1 statement\n {2}\+ users: add column users\.nickname/);

  usersFile("    email: { type: 'string' },\n    nickname: { type: 'string', nullable: true },\n");
  await until('the skipped destructive message', () => /skipped destructive change: users: drop column users\.legacy/.test(output));
  expect(await columns('users')).toEqual(['id', 'email', 'legacy', 'nickname']);
  expect(output).toContain('odac migrate --allow-destructive');
  // Nothing was applied, so the app was not restarted.
  expect(starts()).toBe(2);

  const appPid = Number(readFileSync(path.join(dir, 'starts.log'), 'utf8').trim().split('\n')[1]);
  dev.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(output).toContain('[odac dev] stopped.');
  const alive = (() => {
    try {
      process.kill(appPid, 0);
      return true;
    } catch {
      return false;
    }
  })();
  expect(alive).toBe(false);
});

test('a broken schema file is reported and dev keeps watching; fixing it applies', async () => {
  const dev = spawn(process.execPath, [BIN, 'dev', '--debounce', '100'], { cwd: dir, env: { PATH: process.env['PATH'], NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child = dev;
  dev.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  dev.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve(code)));
  await until('the watcher', () => output.includes('watching schema'));
  writeFileSync(path.join(dir, 'schema', 'posts.js'), 'module.exports = { columns: { id: { type: "increments" }, ');
  await until('the syntax error', () => /error\[SCHEMA\.SYNTAX_ERROR\][\s\S]*migrate failed; fix the files and save again/.test(output));
  writeFileSync(path.join(dir, 'schema', 'posts.js'), 'module.exports = { columns: { id: { type: "increments" }, title: { type: "string" } } };\n');
  await until('posts to be created', async () => (await columns('posts')).includes('title'));
  dev.kill('SIGTERM');
  expect(await exited).toBe(0);
});

test('a new migration file saved under migration/ runs once, is reported, and restarts the app', async () => {
  mkdirSync(path.join(dir, 'migration'));
  const dev = spawn(process.execPath, [BIN, 'dev', '--debounce', '100', '--', process.execPath, 'app.js'], {
    cwd: dir,
    env: { PATH: process.env['PATH'], NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = dev;
  dev.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  dev.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve(code)));
  await until('the watcher', () => /watching schema and migration/.test(output) && starts() === 1);
  writeFileSync(path.join(dir, 'migration', '20240101000000_first_user.js'), "module.exports = { async up(db) { await db('users').insert({ email: 'dev@example.com' }); } };\n");
  await until('the migration file to run', () => /\[odac dev\] Ran 1 migration file \(batch 1\): 20240101000000_first_user/.test(output));
  await until('the app to restart', () => starts() === 2);
  const conn = await sqlite.connect(`sqlite:${path.join(dir, 'dev.db')}`);
  try {
    const [rows = []] = (await conn.readRows?.([{ table: 'users', columns: ['email'] }])) ?? [];
    expect(rows.map((r) => r[0])).toEqual(['dev@example.com']);
  } finally {
    await conn.close();
  }
  dev.kill('SIGINT');
  expect(await exited).toBe(0);
});
