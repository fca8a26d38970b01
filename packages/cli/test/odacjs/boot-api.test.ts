/**
 * The boot API: `await migrate()` from `@odac/cli`, with the CLI's config
 * discovery, silent, throwing OdacErrors, and safe when many instances boot
 * at once (in-process on SQLite; as separate ESM and CommonJS processes on
 * PostgreSQL, through the built package).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sqlite from '@odac/adapter-sqlite';
import mysql from '@odac/adapter-mysql';
import postgres from '@odac/adapter-postgres';
import { describeWithServer } from '@odac/adapter-testkit';
import { OdacError, type DriverAdapter } from '@odac/core';
import { migrate } from '../../src/index.js';
import { mysqlKind, postgresKind, type DatabaseKind, type ThrowawayDatabase } from '../support/databases.js';

const DIST_ESM = path.resolve(__dirname, '..', '..', 'dist', 'index.js');
const DIST_CJS = path.resolve(__dirname, '..', '..', 'dist', 'cjs', 'index.js');

let dir: string;

function project(database: unknown): void {
  writeFileSync(path.join(dir, 'odac.json'), JSON.stringify({ database }));
  mkdirSync(path.join(dir, 'schema', 'analytics'), { recursive: true });
  writeFileSync(path.join(dir, 'schema', 'users.js'), "module.exports = { columns: { id: { type: 'increments' }, email: { type: 'string', nullable: false }, legacy: { type: 'string' } } };\n");
  writeFileSync(path.join(dir, 'schema', 'posts.js'), "module.exports = { columns: { id: { type: 'increments' }, user_id: { type: 'integer', unsigned: true, references: { table: 'users', column: 'id' } } } };\n");
  writeFileSync(path.join(dir, 'schema', 'analytics', 'events.js'), "module.exports = { columns: { id: { type: 'increments' }, name: { type: 'string' } } };\n");
}

async function tableNames(url: string, adapter: DriverAdapter = sqlite): Promise<string[]> {
  const conn = await adapter.connect(url);
  try {
    return (await conn.introspect()).tables.map((t) => t.name);
  } finally {
    await conn.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-boot-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('on SQLite, in-process', () => {
  beforeEach(() => project({ default: { type: 'sqlite', filename: './main.db' }, analytics: { type: 'sqlite', filename: '${ANALYTICS_DB}' } }));
  const env = { ANALYTICS_DB: './analytics.db' };

  test('migrates every connection, silently; a second boot applies nothing', async () => {
    const write = jest.spyOn(process.stdout, 'write');
    const errWrite = jest.spyOn(process.stderr, 'write');
    try {
      const first = await migrate({ cwd: dir, env });
      expect(first.connections.map((c) => [c.connection, c.driver, c.synced, c.applied > 0])).toEqual([
        ['default', 'sqlite', true, true],
        ['analytics', 'sqlite', true, true],
      ]);
      const second = await migrate({ cwd: dir, env });
      expect(second.connections.map((c) => c.applied)).toEqual([0, 0]);
      expect(write).not.toHaveBeenCalled();
      expect(errWrite).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      errWrite.mockRestore();
    }
    expect(await tableNames(`sqlite:${path.join(dir, 'main.db')}`)).toEqual(['posts', 'users']);
    expect(await tableNames(`sqlite:${path.join(dir, 'analytics.db')}`)).toEqual(['events']);
  });

  test('logs only when asked; destructive changes are skipped and listed unless allowed', async () => {
    await migrate({ cwd: dir, env });
    writeFileSync(path.join(dir, 'schema', 'users.js'), "module.exports = { columns: { id: { type: 'increments' }, email: { type: 'string', nullable: false } } };\n");
    const lines: string[] = [];
    const kept = await migrate({ cwd: dir, env, db: 'default', log: (text) => lines.push(text) });
    expect(kept.connections).toHaveLength(1);
    expect(kept.connections[0]?.skipped).toEqual([expect.stringMatching(/legacy/)]);
    expect(lines.join('')).toMatch(/Connection "default"/);
    expect((await sqlite.connect(`sqlite:${path.join(dir, 'main.db')}`).then(async (c) => { const s = await c.introspect(); await c.close(); return s; })).tables.find((t) => t.name === 'users')?.columns.map((c) => c.name)).toContain('legacy');
    const dropped = await migrate({ cwd: dir, env, db: 'default', allowDestructive: true });
    expect(dropped.connections[0]?.applied).toBeGreaterThan(0);
    expect(dropped.connections[0]?.skipped).toEqual([]);
  });

  test('failures are OdacErrors naming the connection', async () => {
    writeFileSync(path.join(dir, 'schema', 'analytics', 'events.js'), "throw new Error('analytics schema is broken');\n");
    const err = await migrate({ cwd: dir, env }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OdacError);
    expect((err as OdacError).message).toMatch(/^Connection "analytics": [\s\S]*analytics schema is broken/);
    const missing = await migrate({ cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OdacError);
    expect((missing as OdacError).message).toMatch(/ANALYTICS_DB is not set/);
  });

  test('many instances booting at once all succeed, and the schema is created once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => migrate({ cwd: dir, env })));
    const applied = results.map((r) => r.connections[0]?.applied ?? -1);
    // One instance did the work; the others waited for the lock and found nothing to do.
    expect(applied.filter((n) => n > 0)).toHaveLength(1);
    expect(await tableNames(`sqlite:${path.join(dir, 'main.db')}`)).toEqual(['posts', 'users']);
    expect((await migrate({ cwd: dir, env })).connections.map((c) => c.applied)).toEqual([0, 0]);
  });
});

function runNode(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env: { PATH: process.env['PATH'], ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function bootSuite(kindName: 'postgres' | 'mysql', kind: DatabaseKind, adapter: DriverAdapter): void {
  let db: ThrowawayDatabase;
  beforeEach(async () => {
    db = await kind.create();
  });
  afterEach(async () => db.drop());

  test(`ESM import and CommonJS require of @odac/cli, four processes each, one ${kindName} database`, async () => {
    const u = new URL(db.url);
    project({ type: kindName, host: u.hostname, port: u.port || (kindName === 'postgres' ? '5432' : '3306'), user: '${DB_USER_FOR_TEST}', password: '${DB_PASSWORD_FOR_TEST}', database: decodeURIComponent(u.pathname.slice(1)) });
    rmSync(path.join(dir, 'schema', 'analytics'), { recursive: true });
    writeFileSync(
      path.join(dir, 'boot.mjs'),
      `import { migrate } from ${JSON.stringify(pathToFileURL(DIST_ESM).href)};\nconst r = await migrate();\nconsole.log(JSON.stringify(r));\n`,
    );
    writeFileSync(
      path.join(dir, 'boot.cjs'),
      `const cli = require(${JSON.stringify(DIST_CJS)});\n` +
        // Requiring the package loads no adapter and no database driver.
        `const heavy = Object.keys(require.cache).filter((f) => /adapter-(sqlite|postgres|mysql|mssql)|node_modules\\/(pg|mysql2|better-sqlite3)\\//.test(f));\n` +
        `if (heavy.length > 0) { console.error('loaded at require: ' + heavy.join(', ')); process.exit(3); }\n` +
        `cli.migrate().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e.code, e.message); process.exit(1); });\n`,
    );
    const env = { DB_USER_FOR_TEST: decodeURIComponent(u.username), DB_PASSWORD_FOR_TEST: decodeURIComponent(u.password) };
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => runNode(path.join(dir, i % 2 === 0 ? 'boot.mjs' : 'boot.cjs'), dir, env)));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const applied = runs.map((r) => (JSON.parse(r.stdout) as { connections: { applied: number }[] }).connections[0]?.applied ?? -1);
    // One process did the work; the others waited for the migrator lock and found nothing to do.
    expect(applied.filter((n) => n > 0)).toHaveLength(1);
    expect((await tableNames(db.url, adapter)).sort()).toEqual(['posts', 'users']);
  });
}

describeWithServer('postgres', 'the built package booting as several processes at once on PostgreSQL', (server) => {
  bootSuite('postgres', postgresKind(() => server.url()), postgres);
});

describeWithServer('mysql', 'the built package booting as several processes at once on MariaDB', (server) => {
  bootSuite('mysql', mysqlKind(() => server.url()), mysql);
});
