/**
 * Issue 13's CLI habits: `--sql`, the offline diff (`plan --from/--to
 * --dialect`, no database), `--tables`/`--exclude`, `odac diagram` (Mermaid),
 * `odac init`, did-you-mean for other tools' commands, colour switches, and
 * progress lines of a piped 300-table migrate (the built binary, spawned).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mssql from '@odac/adapter-mssql';
import mysql from '@odac/adapter-mysql';
import postgres from '@odac/adapter-postgres';
import sqlite from '@odac/adapter-sqlite';
import { importerWith } from './helpers/importer.js';
import { runCli } from './helpers/streams.js';

const BLOG = path.resolve(__dirname, '..', '..', '..', 'examples', 'blog', 'schema');
const BIN = path.resolve(__dirname, '..', 'dist', 'bin.js');
const importModule = importerWith({
  '@odac/adapter-postgres': { default: postgres },
  '@odac/adapter-mysql': { default: mysql },
  '@odac/adapter-sqlite': { default: sqlite },
  '@odac/adapter-mssql': { default: mssql },
});
const BLOG_TABLES = ['comments', 'post_tags', 'posts', 'tags', 'users'];

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-offline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The statements of a `--sql` script (each ends in `;` and starts a line). */
function statements(sql: string): string[] {
  return sql.split(/;\n(?:\n|$)/).map((s) => s.trim()).filter((s) => s.length > 0);
}

describe('odac plan --from --to --dialect --sql (no database)', () => {
  const quote: Record<string, (n: string) => string> = {
    postgres: (n) => `"${n}"`,
    sqlite: (n) => `"${n}"`,
    mysql: (n) => `\`${n}\``,
    mssql: (n) => `[${n}]`,
  };
  test.each(['postgres', 'mysql', 'sqlite', 'mssql'])('%s: the blog DDL, only SQL', async (dialect) => {
    const r = await runCli(['plan', '--dialect', dialect, '--from', 'empty', '--to', BLOG, '--sql'], { importModule, cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = statements(r.stdout);
    for (const t of BLOG_TABLES) expect(list.filter((s) => s.startsWith(`CREATE TABLE ${quote[dialect]!(t)}`))).toHaveLength(1);
    // Every statement is SQL: no headings, no hazards, no colour.
    for (const s of list) expect(s).toMatch(/^(CREATE|ALTER)\b/);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).toContain('ON DELETE CASCADE');
    expect(r.stdout.trimEnd().endsWith(';')).toBe(true);
  });

  test('the SQLite script, run on an empty database, leaves nothing to plan', async () => {
    const r = await runCli(['plan', '--dialect', 'sqlite', '--from', 'empty', '--to', BLOG, '--sql'], { importModule, cwd: dir });
    const db = path.join(dir, 'blog.db');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require(require.resolve('better-sqlite3', { paths: [path.resolve(__dirname, '..', '..', 'adapter-sqlite')] })) as new (file: string) => { exec(sql: string): void; close(): void };
    const conn = new Database(db);
    conn.exec(r.stdout);
    conn.close();
    const after = await runCli(['plan', '--exit-code', '--url', `sqlite:${db}`, '--schema', BLOG], { importModule, cwd: dir });
    expect(after.stdout).toContain('Nothing to do');
    expect(after.code).toBe(0);
  });

  test('two schema directories: the change between them; the same directory: nothing', async () => {
    const old = path.join(dir, 'old');
    mkdirSync(old);
    for (const t of ['users', 'posts', 'tags']) writeFileSync(path.join(old, `${t}.js`), readFileSync(path.join(BLOG, `${t}.js`), 'utf8'));
    const r = await runCli(['plan', '--dialect', 'postgres', '--from', old, '--to', BLOG, '--sql'], { importModule, cwd: dir });
    expect(r.code).toBe(0);
    const list = statements(r.stdout);
    expect(list.filter((s) => s.startsWith('CREATE TABLE')).map((s) => /"(\w+)"/.exec(s)?.[1])).toEqual(['comments', 'post_tags']);
    const same = await runCli(['plan', '--dialect', 'postgres', '--from', BLOG, '--to', BLOG, '--sql'], { importModule, cwd: dir });
    expect(same).toEqual({ code: 0, stdout: '', stderr: '' });
    const human = await runCli(['plan', '--dialect', 'mysql', '--from', old, '--to', BLOG], { importModule, cwd: dir });
    expect(human.stdout).toContain('SQL');
    expect(human.stdout).toContain('comments');
  });

  test('--tables and --exclude select tables by glob', async () => {
    const only = await runCli(['plan', '--dialect', 'sqlite', '--from', 'empty', '--to', BLOG, '--sql', '--tables', 'post*'], { importModule, cwd: dir });
    expect(statements(only.stdout).map((s) => /^CREATE TABLE "(\w+)"/.exec(s)?.[1]).filter(Boolean)).toEqual(['post_tags', 'posts']);
    const without = await runCli(['plan', '--dialect', 'sqlite', '--from', 'empty', '--to', BLOG, '--sql', '--exclude', 'post*,tags'], { importModule, cwd: dir });
    expect(statements(without.stdout).map((s) => /^CREATE TABLE "(\w+)"/.exec(s)?.[1]).filter(Boolean)).toEqual(['comments', 'users']);
  });

  test('without a dialect it says what to pass; migrate --sql without --dry-run is refused', async () => {
    const r = await runCli(['plan', '--from', 'empty', '--to', BLOG], { importModule, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--dialect postgres, mysql, sqlite or mssql');
    const m = await runCli(['migrate', '--sql', '--url', `sqlite:${path.join(dir, 'x.db')}`, '--schema', BLOG], { importModule, cwd: dir });
    expect(m.code).toBe(1);
    expect(m.stderr).toContain('migrate --dry-run --sql');
  });

  test('plan --sql and migrate --dry-run --sql against a database print only the SQL', async () => {
    const url = `sqlite:${path.join(dir, 'live.db')}`;
    for (const argv of [['plan', '--sql'], ['migrate', '--dry-run', '--sql']]) {
      const r = await runCli([...argv, '--url', url, '--schema', BLOG], { importModule, cwd: dir });
      expect(r.code).toBe(0);
      expect(statements(r.stdout).every((s) => /^(CREATE|ALTER)\b/.test(s))).toBe(true);
      expect(statements(r.stdout).length).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('odac diagram (Mermaid)', () => {
  test('the blog: entities with keys, and one relationship per foreign key with its actions', async () => {
    const r = await runCli(['diagram', '--schema', BLOG], { importModule, cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('erDiagram');
    for (const t of BLOG_TABLES) expect(lines).toContain(`  ${t} {`);
    expect(lines).toContain('    integer_unsigned id PK "not null; integer unsigned"');
    expect(lines).toContain('  users |o--o{ posts : "posts.user_id ON DELETE CASCADE, ON UPDATE CASCADE"');
    expect(lines).toContain('  posts ||--o{ comments : "comments.post_id ON DELETE CASCADE"');
    expect(lines).toContain('  comments |o--o{ comments : "comments.parent_id ON DELETE CASCADE"');
    expect(lines.filter((l) => /--o\{/.test(l))).toHaveLength(6);
  });

  test('--format html --output writes a page', async () => {
    const r = await runCli(['diagram', '--schema', BLOG, '--format', 'html', '-o', 'blog.html'], { importModule, cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Wrote blog.html: 5 tables, 6 foreign keys.\n');
    const html = readFileSync(path.join(dir, 'blog.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<g class="table"/g)).toHaveLength(5);
    expect(html.match(/<g class="edge"/g)).toHaveLength(6);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('odac init, did-you-mean, colour', () => {
  test('init writes a config and an example schema that plans offline', async () => {
    const r = await runCli(['init', '--driver', 'postgres'], { importModule, cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'odac.config.js'), 'utf8')).toContain("driver: 'postgres'");
    const plan = await runCli(['plan', '--dialect', 'postgres', '--from', 'empty', '--sql'], { importModule, cwd: dir });
    expect(plan.stdout).toMatch(/^CREATE TABLE "users"/);
    const again = await runCli(['init', '--driver', 'postgres'], { importModule, cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
  });

  test.each([
    [['push'], 'did you mean odac migrate?'],
    [['db', 'push'], 'Unknown command "db push" (did you mean odac migrate?)'],
    [['generate'], 'did you mean odac plan --sql?'],
    [['introspect'], 'did you mean odac pull?'],
  ])('odac %j', async (argv, text) => {
    const r = await runCli(argv, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(text);
  });

  test('FORCE_COLOR colours a pipe, FORCE_COLOR=0 and NO_COLOR keep a terminal plain', async () => {
    const url = `sqlite:${path.join(dir, 'c.db')}`;
    const args = ['plan', '--url', url, '--schema', BLOG];
    expect((await runCli(args, { importModule, cwd: dir, env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await runCli(args, { importModule, cwd: dir, env: {} })).stdout).not.toContain('\u001b[');
    expect((await runCli(args, { importModule, cwd: dir, env: {}, tty: true })).stdout).toContain('\u001b[');
    expect((await runCli(args, { importModule, cwd: dir, env: { NO_COLOR: '1' }, tty: true })).stdout).not.toContain('\u001b[');
    expect((await runCli(args, { importModule, cwd: dir, env: { FORCE_COLOR: '0' }, tty: true })).stdout).not.toContain('\u001b[');
  });
});

describe('progress in a pipe', () => {
  test('a piped migrate of 300 tables prints one progress line per table on stderr, plain', () => {
    const schema = path.join(dir, 'schema');
    mkdirSync(schema);
    for (let i = 0; i < 300; i++) {
      writeFileSync(path.join(schema, `t${String(i).padStart(3, '0')}.js`), "module.exports = { columns: { id: { type: 'increments' }, name: { type: 'string', length: 50 } } };\n");
    }
    const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '' };
    const r = spawnSync(process.execPath, [BIN, 'migrate', '--url', `sqlite:${path.join(dir, 'big.db')}`, '--schema', schema], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(300);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^\\[${i + 1}/300 \\d+\\.\\ds\\] t${String(i).padStart(3, '0')}$`)));
    expect(r.stderr + r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('Applied 300 statements');
  }, 120_000);
});
