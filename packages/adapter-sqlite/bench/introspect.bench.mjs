// Introspection and full no-op plan on big SQLite schemas. Run: pnpm bench
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { computePlan } from '@odac/core';
import adapter from '../dist/index.js';

function build(file, tables) {
  const db = new Database(file);
  db.exec('BEGIN');
  for (let t = 0; t < tables; t++) {
    const parent = t > 0 ? `, "parent_id" integer REFERENCES "t${t - 1}" ("id") ON DELETE CASCADE` : '';
    db.exec(`CREATE TABLE "t${t}" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL DEFAULT 'x', "body" text, "n" integer DEFAULT 0${parent})`);
    db.exec(`CREATE INDEX "idx_t${t}_name" ON "t${t}" ("name")`);
  }
  db.exec('COMMIT');
  db.close();
}

async function measure(label, fn, runs = 5) {
  await fn();
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${times[Math.floor(runs / 2)].toFixed(1).padStart(8)} ms   (${result})`);
}

const dir = mkdtempSync(join(tmpdir(), 'odac-bench-'));
try {
  for (const n of [100, 1000]) {
    const file = join(dir, `b${n}.db`);
    build(file, n);
    const conn = await adapter.connect(`sqlite:${file}`);
    const live = await conn.introspect();
    await measure(`sqlite introspect: ${n} tables`, async () => `${(await conn.introspect()).tables.length} tables`);
    await measure(`sqlite introspect + plan (no change): ${n} tables`, async () => {
      const current = await conn.introspect();
      return `${computePlan(adapter, current, live).plan.operations.length} ops`;
    });
    await conn.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
