// Fleets: N tenant schemas (PostgreSQL) or databases (MariaDB), each with
// examples/blog, migrated by one `odac migrate` fleet run (a name pattern),
// against a shell loop of single `odac migrate` processes over tenants of
// the same server in the same run. Three phases: create all from empty, a
// no-op run, one foreign-key action change across all.
//
// The loop runs over `--fleet-loop-sample` tenants of its own (created empty
// like the fleet's) and is extrapolated linearly to N: a loop over 1,000
// processes would take many minutes per phase. The rows say so.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { run, runOk } from './process.mjs';

const pad = (i, n) => String(i).padStart(String(n).length, '0');

/** examples/blog as v1 and v2 = v1 with comments.post_id ON DELETE CASCADE → RESTRICT. */
function schemaDirs(env) {
  const blog = path.join(env.root, 'examples', 'blog', 'schema');
  const base = path.join(env.work, 'fleet');
  rmSync(base, { recursive: true, force: true });
  const v1 = path.join(base, 'v1');
  const v2 = path.join(base, 'v2');
  cpSync(blog, v1, { recursive: true });
  cpSync(blog, v2, { recursive: true });
  const comments = path.join(v2, 'comments.js');
  const text = readFileSync(comments, 'utf8');
  const changed = text.replace("references: 'posts.id', onDelete: 'CASCADE'", "references: 'posts.id', onDelete: 'RESTRICT'");
  if (changed === text) throw new Error('bench fleet: examples/blog/schema/comments.js changed; update the FK action edit in bench/src/fleet.mjs');
  writeFileSync(comments, changed);
  return { base, v1, v2 };
}

function postgresFleet(serverUrl, tag) {
  const database = `fleet_bench_${tag}`;
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  const url = u.toString();
  const sql = async (target, text) => {
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  return {
    name: 'postgres',
    unit: 'schemas',
    async setup(names) {
      await sql(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await sql(serverUrl, `CREATE DATABASE ${database}`);
      await sql(url, names.map((n) => `CREATE SCHEMA ${n};`).join('\n'));
    },
    async teardown() {
      await sql(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
    fleetArgs: (pattern) => ['--url', url, '--schema-name', pattern],
    targetUrl: (n) => `${url}?schema=${n}`,
  };
}

function mariadbFleet(serverUrl, tag) {
  const server = new URL(serverUrl);
  const prefix = `fleet_bench_${tag}`;
  const sql = async (text) => {
    const conn = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password), multipleStatements: true });
    try {
      await conn.query(text);
    } finally {
      await conn.end();
    }
  };
  let made = [];
  const urlOf = (db) => {
    const u = new URL(serverUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  return {
    name: 'mariadb',
    unit: 'databases',
    prefix,
    async setup(names) {
      made = names;
      await sql(names.map((n) => `DROP DATABASE IF EXISTS \`${n}\`; CREATE DATABASE \`${n}\`;`).join('\n'));
    },
    async teardown() {
      if (made.length > 0) await sql(made.map((n) => `DROP DATABASE IF EXISTS \`${n}\`;`).join('\n'));
    },
    fleetArgs: (pattern) => ['--url', urlOf(pattern)],
    targetUrl: urlOf,
  };
}

/**
 * The fleet benchmark on one database kind. `count` tenants for the fleet,
 * `sample` more for the loop of single processes.
 */
async function fleetOn(env, kind, count, sample, emit) {
  const dirs = schemaDirs(env);
  const stem = kind.name === 'mariadb' ? kind.prefix : 'tenant';
  const fleetNames = Array.from({ length: count }, (_, i) => `${stem}_f${pad(i, count)}`);
  const loopNames = Array.from({ length: sample }, (_, i) => `${stem}_l${pad(i, sample)}`);
  await kind.setup([...fleetNames, ...loopNames]);
  const loopFile = path.join(dirs.base, 'loop.txt');
  writeFileSync(loopFile, loopNames.map(kind.targetUrl).join('\n') + '\n');
  const loopScript = path.join(dirs.base, 'loop.sh');
  // The shell loop people write today: one odac process per tenant.
  writeFileSync(loopScript, `set -e\nwhile read -r url; do "$NODE" "$ODAC" migrate --url "$url" --schema "$SCHEMA" --yes > /dev/null; done < "$1"\n`);
  const fields = { group: 'fleet', db: kind.name, tables: count };
  const concurrency = String(env.fleetConcurrency);
  try {
    for (const [phase, schema, target] of [
      ['create all from empty', dirs.v1, undefined],
      ['no-op run', dirs.v1, kind.name === 'postgres' && count >= 1000 ? '< 5 s' : undefined],
      ['FK action change across all', dirs.v2, kind.name === 'postgres' && count >= 1000 ? '< 60 s' : undefined],
    ]) {
      const fleet = await runOk(process.execPath, [env.bin, 'migrate', ...kind.fleetArgs(`${stem}_f*`), '--schema', schema, '--json', '--yes', '--concurrency', concurrency]);
      const report = JSON.parse(fleet.stdout);
      const s = report.summary;
      if (s.targets !== count || s.failed > 0) throw new Error(`bench fleet: ${kind.name} ${phase}: ${JSON.stringify(s)}`);
      const loop = await run('bash', [loopScript, loopFile], { env: { NODE: process.execPath, ODAC: env.bin, SCHEMA: schema } });
      if (loop.code !== 0) throw new Error(`bench fleet: the loop failed: ${loop.stderr.slice(-2000)}`);
      const loopMs = (loop.wallMs * count) / sample;
      emit({ ...fields, name: `fleet: ${phase} (${count} ${kind.unit}, ${s.applied} applied, ${s.plans} plan${s.plans === 1 ? '' : 's'})`, wallMs: fleet.wallMs, cpuMs: fleet.cpuMs, rssMb: fleet.rssMb, ref: 'shell loop', ratio: fleet.wallMs / loopMs, target });
      emit({ ...fields, name: `shell loop of odac migrate: ${phase} (${sample} sampled, ×${(count / sample).toFixed(0)})`, wallMs: loopMs, cpuMs: loop.cpuMs === undefined ? undefined : (loop.cpuMs * count) / sample });
    }
  } finally {
    await kind.teardown();
  }
}

/** `--groups fleet`: PostgreSQL schemas and MariaDB databases, when their URLs are set. */
export async function fleetGroup(env, emit) {
  const tag = String(process.pid);
  mkdirSync(env.work, { recursive: true });
  const pgUrl = process.env.ODAC_TEST_PG_URL;
  const myUrl = process.env.ODAC_TEST_MYSQL_URL;
  if (pgUrl && env.fleetPostgres > 0) await fleetOn(env, postgresFleet(pgUrl, tag), env.fleetPostgres, Math.min(env.fleetLoopSample, env.fleetPostgres), emit);
  else console.log('fleet PostgreSQL: skipped (set ODAC_TEST_PG_URL)');
  if (myUrl && env.fleetMariadb > 0) await fleetOn(env, mariadbFleet(myUrl, tag), env.fleetMariadb, Math.min(env.fleetLoopSample, env.fleetMariadb), emit);
  else console.log('fleet MariaDB: skipped (set ODAC_TEST_MYSQL_URL)');
}
