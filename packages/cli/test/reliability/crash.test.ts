/**
 * Crash mid-apply (issue 12): `odac migrate` is killed with SIGKILL at random
 * moments while it changes the ON DELETE action of every foreign key of a
 * many-table schema with rows (on SQLite that rebuilds every child table,
 * which carries a trigger, and some have views). After each kill:
 * - SQLite and PostgreSQL hold exactly the old or exactly the new schema
 *   (a plan against one of them is empty) and every row (count and checksum);
 * - on MariaDB (no transactional DDL) the next migrate converges;
 * - no stale lock: the next `odac migrate` finishes, the plan after it is
 *   empty, and every row is still there.
 * Trials alternate direction (old → new, new → old), so one database serves
 * them all. Counts: a few per adapter under `pnpm test`, 50 under
 * `pnpm test:soak` (200 tables); the soak figures are in docs/reliability.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysqlAdapter from '@odac/adapter-mysql';
import postgresAdapter from '@odac/adapter-postgres';
import sqliteAdapter from '@odac/adapter-sqlite';
import { describeWithServer } from '@odac/adapter-testkit';
import { plan, type DriverAdapter } from '@odac/core';
import { mysqlDb, odac, odacRun, postgresDb, sqliteDb, SOAK, trials, type Db } from './support.js';

const TABLES = SOAK ? 200 : 24;
const ROWS = 30;
const TRIALS = trials(4, 50);
const children = Array.from({ length: TABLES }, (_, i) => `c${String(i + 1).padStart(3, '0')}`);

type Action = 'CASCADE' | 'SET NULL';

/** A schema directory where every child's key has `onDelete: action`. */
function schemaDir(root: string, action: Action): string {
  const dir = path.join(root, action === 'CASCADE' ? 'old' : 'new');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'owners.js'), "module.exports = { columns: { id: { type: 'increments' }, name: { type: 'string', length: 40 } } };\n");
  for (const c of children) {
    writeFileSync(
      path.join(dir, `${c}.js`),
      `module.exports = { columns: {
  id: { type: 'increments' },
  owner_id: { type: 'integer', unsigned: true, references: { table: 'owners', column: 'id' }, onDelete: '${action}' },
  v: { type: 'integer', nullable: false, default: 0 },
  note: { type: 'string', length: 40 },
} };\n`,
    );
  }
  return dir;
}

/** Per table: row count and a checksum of its rows. */
async function fingerprint(db: Db): Promise<string> {
  const q = (t: string): string => (db.kind === 'mysql' ? `\`${t}\`` : `"${t}"`);
  const parts = ['owners', ...children].map((t) => `SELECT '${t}' AS t, COUNT(*) AS n, COALESCE(SUM(id * 7 + ${t === 'owners' ? 'LENGTH(name)' : 'v'}), 0) AS s FROM ${q(t)}`);
  const rows = await db.rows(parts.join(' UNION ALL '));
  return rows.map((r) => `${String(r['t'])}:${String(r['n'])}:${String(r['s'])}`).join(' ');
}

async function fill(db: Db): Promise<void> {
  const owners = Array.from({ length: 10 }, (_, i) => `(${i + 1}, 'owner ${i + 1}')`).join(', ');
  const script = [`INSERT INTO owners (id, name) VALUES ${owners};`];
  for (const c of children) {
    const values = Array.from({ length: ROWS }, (_, i) => `(${(i % 10) + 1}, ${i * 3 + 1}, 'note ${i}')`).join(', ');
    script.push(`INSERT INTO ${c} (owner_id, v, note) VALUES ${values};`);
  }
  if (db.kind === 'sqlite') {
    // Rebuilds must carry triggers and views along.
    for (const [i, c] of children.entries()) {
      script.push(`CREATE TRIGGER trg_${c} AFTER UPDATE ON ${c} BEGIN UPDATE owners SET name = name WHERE id = NEW.owner_id; END;`);
      if (i % 10 === 0) script.push(`CREATE VIEW view_${c} AS SELECT id, v FROM ${c};`);
    }
  }
  await db.exec(script.join('\n'));
}

async function sqliteObjects(db: Db): Promise<string> {
  if (db.kind !== 'sqlite') return '';
  const rows = await db.rows("SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view') ORDER BY name");
  return rows.map((r) => `${String(r['type'])}:${String(r['name'])}`).join(',');
}

/** Which of the two schemas the database holds exactly, or 'neither'. */
async function holds(adapter: DriverAdapter, db: Db, dirs: Record<Action, string>): Promise<Action | 'neither'> {
  for (const action of ['CASCADE', 'SET NULL'] as const) {
    const result = await plan({ adapter, url: db.url, schemaDir: dirs[action] });
    if (result.plan.operations.length === 0) return action;
  }
  return 'neither';
}

interface Tally {
  trials: number;
  killedMidApply: number;
  killedBeforeApply: number;
  finishedFirst: number;
  exactOld: number;
  exactNew: number;
  rowsChecked: number;
}

function crashSuite(name: string, adapter: DriverAdapter, make: () => Promise<Db>, transactional: boolean): void {
  it(`${name}: ${TRIALS} SIGKILLs during a ${TABLES}-table foreign key change; every row survives and the next migrate converges`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'odac-crash-'));
    const db = await make();
    const dirs: Record<Action, string> = { CASCADE: schemaDir(root, 'CASCADE'), 'SET NULL': schemaDir(root, 'SET NULL') };
    const run = (action: Action) => ['migrate', '--url', db.url, '--schema', dirs[action], '--yes'];
    const tally: Tally = { trials: 0, killedMidApply: 0, killedBeforeApply: 0, finishedFirst: 0, exactOld: 0, exactNew: 0, rowsChecked: 0 };
    try {
      const first = await odacRun(run('CASCADE'), { cwd: root });
      expect(first.stderr).not.toMatch(/error\[/);
      expect(first.code).toBe(0);
      await fill(db);
      const rows = await fingerprint(db);
      const objects = await sqliteObjects(db);
      // Calibration: one full change and back, to know how long a run takes.
      const calibrate = await odacRun(run('SET NULL'), { cwd: root });
      expect(calibrate.code).toBe(0);
      expect(await odacRun(run('CASCADE'), { cwd: root })).toMatchObject({ code: 0 });
      const duration = calibrate.ms;

      let current: Action = 'CASCADE';
      for (let trial = 0; trial < TRIALS; trial++) {
        const target: Action = current === 'CASCADE' ? 'SET NULL' : 'CASCADE';
        const { child, done } = odac(run(target), { cwd: root });
        // Half the kills at any moment of the process, half once statements are running.
        let progressed = false;
        child.stderr?.on('data', (d: string) => {
          if (/^\[\d+\/\d+ /m.test(String(d))) progressed = true;
        });
        const afterProgress = trial % 2 === 1;
        const startedAt = Date.now();
        const delay = Math.random() * duration;
        let killed = false;
        await new Promise<void>((resolve) => {
          const tick = setInterval(() => {
            const due = afterProgress ? progressed && Date.now() - startedAt >= delay * 0.5 : Date.now() - startedAt >= delay;
            if (due || child.exitCode !== null) {
              clearInterval(tick);
              if (child.exitCode === null) {
                killed = child.kill('SIGKILL');
              }
              resolve();
            }
          }, 5);
        });
        const finished = await done;
        tally.trials++;
        if (!killed || finished.signal !== 'SIGKILL') tally.finishedFirst++;
        else if (progressed) tally.killedMidApply++;
        else tally.killedBeforeApply++;

        if (transactional) {
          const state = await holds(adapter, db, dirs);
          expect({ trial, state }).not.toEqual({ trial, state: 'neither' });
          if (state === 'CASCADE') tally.exactOld++;
          else tally.exactNew++;
        }
        expect(await fingerprint(db)).toBe(rows);
        expect(await sqliteObjects(db)).toBe(objects);
        tally.rowsChecked += TABLES * ROWS + 10;

        // Recovery: no stale lock, the next run converges.
        const recovery = await odacRun(run(target), { cwd: root });
        expect({ trial, code: recovery.code, stderr: recovery.stderr.replace(/^\[\d+\/\d+ [^\n]*\n/gm, '') }).toEqual({ trial, code: 0, stderr: '' });
        expect((await plan({ adapter, url: db.url, schemaDir: dirs[target] })).plan.operations).toEqual([]);
        expect(await fingerprint(db)).toBe(rows);
        current = target;
      }
      process.stderr.write(`[reliability] crash ${name}: ${JSON.stringify(tally)}\n`);
      expect(tally.trials).toBe(TRIALS);
    } finally {
      await db.drop();
      rmSync(root, { recursive: true, force: true });
    }
  }, SOAK ? 3_600_000 : 300_000);
}

describe('crash mid-apply: sqlite', () => {
  crashSuite('sqlite', sqliteAdapter, async () => sqliteDb(), true);
});

describeWithServer('postgres', 'crash mid-apply: postgres', (server) => {
  crashSuite('postgres', postgresAdapter, () => postgresDb(server.url()), true);
});

describeWithServer('mysql', 'crash mid-apply: mariadb', (server) => {
  crashSuite('mariadb', mysqlAdapter, () => mysqlDb(server.url()), false);
});
