/** Data migration files (`migration/*.js`) on SQLite: run once in order, recorded as ODAC.JS records them, rolled back by batch. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqliteAdapter from '@odac/adapter-sqlite';
import { sqliteKind } from '../support/databases.js';
import { dataMigrationsSuite } from './support/data-migrations-suite.js';

describe('data migrations on SQLite', () => {
  dataMigrationsSuite(sqliteKind());
});

/** The built `odac` (build first: turbo run build --filter=@odac/cli...), as separate processes booting at once. */
const BIN = path.resolve(__dirname, '..', '..', 'dist', 'bin.js');

function odac(cwd: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env['PATH'], HOME: process.env['HOME'], NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('SQLite: processes migrating one database at once run each migration file exactly once and insert each seed row once', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'odac-odacjs-race-'));
  try {
    mkdirSync(path.join(dir, 'schema'));
    mkdirSync(path.join(dir, 'migration'));
    writeFileSync(path.join(dir, 'schema', 'log.js'), `module.exports = { columns: { id: { type: 'increments' }, msg: { type: 'string' } } };\n`);
    writeFileSync(path.join(dir, 'schema', 'roles.js'), `module.exports = { columns: { id: { type: 'nanoid', primary: true }, name: { type: 'string' } }, seed: [{ name: 'admin' }, { name: 'user' }], seedKey: 'name' };\n`);
    for (const name of ['001_a', '002_b', '003_c']) {
      // Slow enough that the processes overlap.
      writeFileSync(path.join(dir, 'migration', `${name}.js`), `module.exports = { async up(db) { await new Promise((r) => setTimeout(r, 150)); await db('log').insert({ msg: '${name}' }); } };\n`);
    }
    const url = `sqlite:${path.join(dir, 'app.db')}`;
    const runs = await Promise.all([1, 2, 3, 4].map(() => odac(dir, ['migrate', '--url', url])));
    expect(runs.map((r) => r.stderr.split('\n').filter((l) => l !== '' && !/^\[\d+\/\d+ /.test(l)))).toEqual([[], [], [], []]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const conn = await sqliteAdapter.connect(url);
    try {
      const [log = [], history = [], roles = []] = (await conn.readRows?.([
        { table: 'log', columns: ['msg'] },
        { table: '_odac_migrations', columns: ['name'] },
        { table: 'roles', columns: ['name'] },
      ])) ?? [];
      expect(roles.map((r) => r[0]).sort()).toEqual(['admin', 'user']);
      expect(log.map((r) => r[0]).sort()).toEqual(['001_a', '002_b', '003_c']);
      expect(history.map((r) => r[0]).sort()).toEqual(['001_a.js', '002_b.js', '003_c.js']);
    } finally {
      await conn.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
