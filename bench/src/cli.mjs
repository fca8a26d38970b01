#!/usr/bin/env node
// `pnpm bench [--compare] [--sizes 10,100,1000,5000] [--dbs sqlite,postgres,mariadb]
//             [--runs 5] [--groups boot,load,db,fleet] [--create-max 1000] [--compare-max 100] [--out file.json]
//             [--fleet-postgres 1000] [--fleet-mariadb 200] [--fleet-loop-sample 20] [--fleet-concurrency 8]`
//
// Creating a schema from empty is timed up to --create-max tables; bigger
// schemas are created once by the database's own client (running odac's DDL)
// and measured for introspection, no-op plan/migrate and memory.
//
// Whole-process benchmarks of the built CLI (run `pnpm build` first; the root
// `pnpm bench` script does), medians of several runs after a warm-up, printed
// as a table and written as JSON. `--compare` adds drizzle-kit's push and the
// databases' own dump tools, with ratios.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootGroup, dbGroup, loadGroup } from './scenarios.mjs';
import { fleetGroup } from './fleet.mjs';
import { databases } from './databases.mjs';
import { printTable } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, '..');
const root = path.resolve(benchDir, '..');

const { values } = parseArgs({
  options: {
    compare: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '10,100,1000,5000' },
    dbs: { type: 'string', default: 'sqlite,postgres,mariadb' },
    groups: { type: 'string', default: 'boot,load,db,fleet' },
    'fleet-postgres': { type: 'string', default: '1000' },
    'fleet-mariadb': { type: 'string', default: '200' },
    'fleet-loop-sample': { type: 'string', default: '20' },
    'fleet-concurrency': { type: 'string', default: '8' },
    runs: { type: 'string', default: '5' },
    'create-max': { type: 'string', default: '1000' },
    // drizzle-kit's no-op push takes minutes per run at 1,000 PostgreSQL tables on a loaded machine.
    'compare-max': { type: 'string', default: '100' },
    out: { type: 'string', default: path.join(benchDir, 'results', 'latest.json') },
  },
});

const env = {
  root,
  bin: path.join(root, 'packages', 'cli', 'dist', 'bin.js'),
  work: path.join(benchDir, '.work'),
  children: path.join(here, 'children'),
  runs: Number(values.runs),
  compare: values.compare,
  sizes: values.sizes.split(',').map(Number),
  createMax: Number(values['create-max']),
  compareMax: Number(values['compare-max']),
  fleetPostgres: Number(values['fleet-postgres']),
  fleetMariadb: Number(values['fleet-mariadb']),
  fleetLoopSample: Number(values['fleet-loop-sample']),
  fleetConcurrency: Number(values['fleet-concurrency']),
};
mkdirSync(env.work, { recursive: true });
const groups = values.groups.split(',');
const dbs = databases(env.work, values.dbs.split(','));

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  databases: {},
};
for (const db of dbs) machine.databases[db.name] = await db.version();
console.log(`odac bench: ${machine.cpu} x${machine.cores}, ${machine.memoryGb} GiB, node ${machine.node}, load ${machine.load}`);
console.log(`databases: ${Object.entries(machine.databases).map(([k, v]) => `${k} ${v}`).join(', ')}; runs ${env.runs} after a warm-up\n`);

const rows = [];
const started = Date.now();
const progress = (row) => {
  rows.push(row);
  const ms = (v) => (v === undefined ? '-' : `${v.toFixed(0)} ms`);
  process.stderr.write(`  ${row.group} ${row.db ?? ''} ${row.tables ?? ''} ${row.name}: ${ms(row.wallMs)}${row.ratio !== undefined ? ` (x${row.ratio.toFixed(2)} ${row.ref})` : ''}\n`);
};
// The JSON is rewritten after every row, so a run stopped halfway keeps what it measured.
const loads = [machine.load];
const write = () => {
  const result = { date: new Date().toISOString(), machine: { ...machine, loads }, options: { ...values, runs: env.runs }, durationS: (Date.now() - started) / 1000, rows };
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(result, null, 2) + '\n');
  return result;
};
const emit = (row) => {
  progress(row);
  loads.push(os.loadavg().map((l) => l.toFixed(2)).join(' '));
  write();
};
if (groups.includes('boot')) await bootGroup(env, emit);
if (groups.includes('load')) await loadGroup(env, emit);
if (groups.includes('db')) for (const db of dbs) await dbGroup(env, db, emit);
if (groups.includes('fleet')) await fleetGroup(env, emit);

printTable(rows);
const result = write();
console.log(`\nWrote ${path.relative(process.cwd(), values.out)} (${result.durationS.toFixed(0)} s).`);
