/**
 * Concurrent boots with a pending change while a writer inserts (issue 12):
 * many `odac migrate` processes start at once (as app instances booting
 * together) against a schema whose foreign key actions change and whose
 * tables gain an index, while a separate writer process inserts rows without
 * pause. Every migrator exits 0; the writer loses no acknowledged row and no
 * insert fails; no constraint or index exists twice; the plan afterwards is
 * empty. Rounds alternate direction. Under `pnpm test` 1 round of 4
 * migrators, under `pnpm test:soak` 10 rounds of 16.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysqlAdapter from '@odac/adapter-mysql';
import postgresAdapter from '@odac/adapter-postgres';
import sqliteAdapter from '@odac/adapter-sqlite';
import { describeWithServer } from '@odac/adapter-testkit';
import { plan, type DriverAdapter } from '@odac/core';
import { mysqlDb, odacRun, postgresDb, sleep, sqliteDb, SOAK, trials, type Db } from './support.js';

const TABLES = SOAK ? 20 : 6;
const MIGRATORS = SOAK ? 16 : 4;
const ROUNDS = trials(1, 10);
const LOCK_TIMEOUT_MS = 5_000;
const children = Array.from({ length: TABLES }, (_, i) => `k${String(i + 1).padStart(2, '0')}`);
const load = createRequire(__filename);

type Action = 'CASCADE' | 'SET NULL';

function schemaDir(root: string, action: Action): string {
  const dir = path.join(root, action === 'CASCADE' ? 'a' : 'b');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'owners.js'), "module.exports = { columns: { id: { type: 'increments' } } };\n");
  for (const c of children) {
    // The SET NULL side also has an index on v: a pending index build in every other round.
    const indexes = action === 'SET NULL' ? ", indexes: [{ columns: ['v'] }]" : '';
    writeFileSync(
      path.join(dir, `${c}.js`),
      `module.exports = { columns: {
  id: { type: 'increments' },
  owner_id: { type: 'integer', unsigned: true, references: { table: 'owners', column: 'id' }, onDelete: '${action}' },
  v: { type: 'integer' },
}${indexes} };\n`,
    );
  }
  return dir;
}

/** A writer process: inserts into random child tables until `stop` exists, then writes its tally to `out`. */
const WRITER = `
const [kind, url, driver, stop, out, tablesCsv] = process.argv.slice(2);
const fs = require('fs');
const tables = tablesCsv.split(',');
const tally = { ok: 0, failed: 0, maxMs: 0, errors: [] };
async function main() {
  let insert, close;
  if (kind === 'sqlite') {
    const Database = require(driver);
    const db = new Database(url.replace(/^sqlite:/, ''));
    db.pragma('busy_timeout = 60000');
    insert = async (t, v) => db.prepare('INSERT INTO ' + t + ' (owner_id, v) VALUES (1, ?)').run(v);
    close = async () => db.close();
  } else if (kind === 'postgres') {
    const { Client } = require(driver);
    const c = new Client({ connectionString: url });
    await c.connect();
    insert = (t, v) => c.query('INSERT INTO ' + t + ' (owner_id, v) VALUES (1, $1)', [v]);
    close = () => c.end();
  } else {
    const mysql = require(driver);
    const c = await mysql.createConnection({ uri: url });
    insert = (t, v) => c.query('INSERT INTO ' + t + ' (owner_id, v) VALUES (1, ?)', [v]);
    close = () => c.end();
  }
  for (let v = 1; !fs.existsSync(stop); v++) {
    const t = tables[v % tables.length];
    const started = Date.now();
    try {
      await insert(t, v);
      tally.ok++;
    } catch (e) {
      tally.failed++;
      if (tally.errors.length < 5) tally.errors.push(String(e && e.message));
    }
    tally.maxMs = Math.max(tally.maxMs, Date.now() - started);
    if (kind === 'sqlite') await new Promise((r) => setImmediate(r));
  }
  await close();
  fs.writeFileSync(out, JSON.stringify(tally));
}
main().catch((e) => { fs.writeFileSync(out, JSON.stringify({ crashed: String(e && e.stack) })); process.exit(1); });
`;

const DRIVERS: Record<Db['kind'], string> = { sqlite: 'better-sqlite3', postgres: 'pg', mysql: 'mysql2/promise' };

async function childRows(db: Db): Promise<number> {
  const rows = await db.rows(children.map((c) => `SELECT COUNT(*) AS n FROM ${c}`).join(' UNION ALL '));
  return rows.reduce((sum, r) => sum + Number(r['n']), 0);
}

function suite(name: string, adapter: DriverAdapter, make: () => Promise<Db>): void {
  it(`${name}: ${ROUNDS} round(s) of ${MIGRATORS} concurrent migrates with a writer; no row lost, no insert failed, nothing twice`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'odac-boots-'));
    const db = await make();
    const dirs: Record<Action, string> = { CASCADE: schemaDir(root, 'CASCADE'), 'SET NULL': schemaDir(root, 'SET NULL') };
    const writerFile = path.join(root, 'writer.cjs');
    writeFileSync(writerFile, WRITER);
    const stats: { round: number; writes: number; maxWriteMs: number; migrateMs: number }[] = [];
    try {
      const first = await odacRun(['migrate', '--yes', '--url', db.url, '--schema', dirs.CASCADE], { cwd: root });
      expect(first.code).toBe(0);
      await db.exec('INSERT INTO owners (id) VALUES (1)');
      let current: Action = 'CASCADE';
      for (let round = 0; round < ROUNDS; round++) {
        const target: Action = current === 'CASCADE' ? 'SET NULL' : 'CASCADE';
        const before = await childRows(db);
        const stop = path.join(root, `stop-${round}`);
        const out = path.join(root, `tally-${round}.json`);
        const writer = spawn(process.execPath, [writerFile, db.kind, db.url, load.resolve(DRIVERS[db.kind]), stop, out, children.join(',')], { stdio: 'ignore' });
        const writerDone = new Promise<void>((resolve) => writer.on('close', () => resolve()));
        await sleep(300);
        const started = Date.now();
        const runs = await Promise.all(
          Array.from({ length: MIGRATORS }, () => odacRun(['migrate', '--yes', '--lock-timeout', String(LOCK_TIMEOUT_MS), '--url', db.url, '--schema', dirs[target]], { cwd: root })),
        );
        const migrateMs = Date.now() - started;
        await sleep(300);
        writeFileSync(stop, '');
        await writerDone;
        expect(existsSync(out)).toBe(true);
        const tally = JSON.parse(readFileSync(out, 'utf8')) as { ok: number; failed: number; maxMs: number; errors: string[]; crashed?: string };
        for (const r of runs) expect({ round, code: r.code, stderr: r.stderr.replace(/^\[\d+\/\d+ [^\n]*\n/gm, '') }).toEqual({ round, code: 0, stderr: '' });
        expect({ round, failed: tally.failed, errors: tally.errors, crashed: tally.crashed }).toEqual({ round, failed: 0, errors: [], crashed: undefined });
        expect(tally.ok).toBeGreaterThan(0);
        // Every acknowledged insert is there.
        expect(await childRows(db)).toBe(before + tally.ok);
        const result = await plan({ adapter, url: db.url, schemaDir: dirs[target] });
        expect(result.plan.operations).toEqual([]);
        for (const t of result.current.tables.filter((x) => x.name !== 'owners')) {
          expect({ table: t.name, keys: t.foreignKeys.length, indexes: t.indexes.filter((i) => i.columns.join() === 'v').length }).toEqual({
            table: t.name,
            keys: 1,
            indexes: target === 'SET NULL' ? 1 : 0,
          });
        }
        stats.push({ round, writes: tally.ok, maxWriteMs: tally.maxMs, migrateMs });
        current = target;
      }
      process.stderr.write(`[reliability] concurrent boots ${name}: ${JSON.stringify(stats)}\n`);
    } finally {
      await db.drop();
      rmSync(root, { recursive: true, force: true });
    }
  }, SOAK ? 3_600_000 : 300_000);
}

describe('concurrent boots: sqlite', () => suite('sqlite', sqliteAdapter, async () => sqliteDb()));

describeWithServer('postgres', 'concurrent boots: postgres', (server) => {
  suite('postgres', postgresAdapter, () => postgresDb(server.url()));
});

describeWithServer('mysql', 'concurrent boots: mariadb', (server) => {
  suite('mariadb', mysqlAdapter, () => mysqlDb(server.url()));
});
