// The measurements. Each emits rows `{ group, db?, tables?, name, wallMs,
// cpuMs, rssMb, innerMs, ref?, ratio?, target? }`; a ratio compares a row
// with a reference measured in the same run.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeDrizzleSchema, writeOdacSchema } from './generate.mjs';
import { measure, run, runOk } from './process.mjs';

function childJson(result) {
  const line = result.stdout.trim().split('\n').pop();
  return { ...result, ...JSON.parse(line) };
}

function row(fields, m) {
  return { ...fields, wallMs: m.wallMs, cpuMs: m.cpuMs, rssMb: m.rssMb, innerMs: m.innerMs, runs: m.runs, samples: m.samples };
}

const ratio = (a, b) => (a !== undefined && b ? a / b : undefined);

/** Process start-up: `node -e 0`, `odac --version/--help`, a no-op migrate of examples/blog on SQLite, the boot API. */
export async function bootGroup(env, emit) {
  const runs = Math.max(env.runs, 5);
  const node = (args) => () => run(process.execPath, args, { cwd: env.root });
  const base = await measure({ once: node(['-e', '0']), runs });
  emit(row({ group: 'boot', name: 'node -e 0' }, base));
  const cpuRatio = (m, target) => ({ ref: 'node -e 0 (CPU)', ratio: ratio(m.cpuMs, base.cpuMs), target });
  for (const flag of ['--version', '--help']) {
    const m = await measure({ once: node([env.bin, flag]), runs });
    emit(row({ group: 'boot', name: `odac ${flag}`, ...cpuRatio(m) }, m));
  }
  const blogDb = path.join(env.work, 'blog.db');
  rmSync(blogDb, { force: true });
  const blog = ['--schema', path.join(env.root, 'examples', 'blog', 'schema'), '--url', `sqlite:${blogDb}`];
  await runOk(process.execPath, [env.bin, 'migrate', ...blog], { cwd: env.root });
  const noop = await measure({ once: node([env.bin, 'migrate', ...blog]), runs });
  emit(row({ group: 'boot', name: 'odac migrate (examples/blog, SQLite, no-op)', ...cpuRatio(noop, 'CPU ≤ 3× node -e 0, wall ≤ 300 ms') }, noop));
  const bootApi = path.join(env.children, 'boot-api.mjs');
  const importCore = await measure({ once: async () => childJson(await runOk(process.execPath, [bootApi, '', '', 'import'])), runs });
  emit(row({ group: 'boot', name: "boot API: import('@odac/core')", ...cpuRatio(importCore) }, importCore));
  const api = await measure({ once: async () => childJson(await runOk(process.execPath, [bootApi, blog[1], blog[3]])), runs });
  emit(row({ group: 'boot', name: 'boot API: migrate() examples/blog (no-op)', ...cpuRatio(api) }, api));
}

/** Loading 1,000 schema files per format, whole process (the child's own loadSchema time as `inner`). */
export async function loadGroup(env, emit) {
  const n = 1000;
  const child = path.join(env.children, 'load.mjs');
  const cacheDir = path.join(env.work, 'ts-cache');
  const load = (dir, extraEnv = {}) => async () => childJson(await runOk(process.execPath, [child, dir], { env: extraEnv }));
  let plain;
  for (const ext of ['js', 'cjs', 'mjs']) {
    const dir = writeOdacSchema(path.join(env.work, `load-${ext}`), n, ext);
    const m = await measure({ once: load(dir), runs: env.runs });
    plain ??= m;
    emit(row({ group: 'load', tables: n, name: `load ${n} .${ext} files`, target: ext === 'mjs' ? undefined : 'inner ≤ 250 ms' }, m));
  }
  const tsDir = writeOdacSchema(path.join(env.work, 'load-ts'), n, 'ts');
  const cold = await measure({
    before: () => rmSync(cacheDir, { recursive: true, force: true }),
    once: load(tsDir, { ODAC_CACHE_DIR: cacheDir }),
    runs: env.runs,
  });
  emit(row({ group: 'load', tables: n, name: `load ${n} .ts files (empty cache)`, ref: `.js`, ratio: ratio(cold.innerMs, plain.innerMs) }, cold));
  const warm = await measure({ once: load(tsDir, { ODAC_CACHE_DIR: cacheDir }), runs: env.runs });
  emit(row({ group: 'load', tables: n, name: `load ${n} .ts files (cached)`, ref: `.js`, ratio: ratio(warm.innerMs, plain.innerMs), target: '≤ 2× .js' }, warm));
}

/** Runs per measurement: fewer for big schemas; creating a big schema runs once without a warm-up. */
function runsFor(env, n, kind = 'read') {
  if (kind === 'create' && n >= 1000) return { runs: 1, warmup: 0 };
  if (n >= 5000) return { runs: 1, warmup: 1 };
  if (n >= 1000) return { runs: Math.min(env.runs, 3), warmup: 1 };
  return { runs: env.runs, warmup: 1 };
}

async function odacStatements(env, url, schemaDir) {
  const { stdout } = await runOk(process.execPath, [env.bin, 'plan', '--json', '--schema', schemaDir, '--url', url]);
  return JSON.parse(stdout).statements.map((s) => s.sql);
}

const PLAN_TARGETS = { postgres: { 1000: '< 1.0× pg_dump' } };
const INTROSPECT_TARGETS = { mariadb: { 1000: '≤ 1500 ms' }, sqlite: { 1000: '≤ 60 ms' } };

/** One database: create from empty (vs its own client), introspection, no-op plan and migrate (vs its dump tool and drizzle-kit). */
export async function dbGroup(env, db, emit) {
  for (const n of env.sizes) {
    try {
      await dbSize(env, db, n, emit);
    } catch (e) {
      // A shared server can refuse a size (e.g. a 1,000-table transaction finding the lock table full of other sessions' locks):
      // say so in the table and go on with the next one.
      const reason = String(e instanceof Error ? e.message : e).split('\n').filter((l) => /ERROR|error/.test(l))[0] ?? String(e).split('\n')[0];
      emit({ group: 'db', db: db.name, tables: n, name: `FAILED: ${reason.slice(0, 200)}` });
    }
  }
}

async function dbSize(env, db, n, emit) {
  {
    const schemaDir = writeOdacSchema(path.join(env.work, `schema-${n}`), n, 'js');
    const name = `odac_bench_${n}`;
    const fields = { group: 'db', db: db.name, tables: n };
    const { runs, warmup } = runsFor(env, n);
    const odac = (...args) => () => runOk(process.execPath, [env.bin, ...args, '--schema', schemaDir, '--url', url]);
    let url = await db.create(name);
    try {
      const script = path.join(env.work, `${db.name}-${n}.sql`);
      writeFileSync(script, db.script(await odacStatements(env, url, schemaDir)));
      const recreate = async () => {
        url = await db.create(name);
      };
      const c = db.client(url, script);
      const creating = runsFor(env, n, 'create');
      const client = await measure({ before: recreate, once: () => runOk(c.command, c.args, c), ...creating });
      emit(row({ ...fields, name: `${c.command} running odac's DDL as one script` }, client));
      // Past --create-max the database the client made (odac's own DDL) serves the no-op measurements.
      if (n <= env.createMax) {
        const create = await measure({ before: recreate, once: odac('migrate', '--yes'), ...creating });
        emit(row({ ...fields, name: 'odac migrate from empty', ref: c.command, ratio: ratio(create.wallMs, client.wallMs), target: n === 1000 ? '≤ 1.5×' : undefined }, create));
      }

      const introspect = await measure({
        once: async () => childJson(await runOk(process.execPath, [path.join(env.children, 'introspect.mjs'), db.name === 'mariadb' ? 'mysql' : db.name, url, '3'])),
        runs: 1,
        warmup: 0,
      });
      emit(row({ ...fields, name: 'introspect (in-process, median of 3 after a warm-up)', target: INTROSPECT_TARGETS[db.name]?.[n] }, introspect));

      const d = db.dump(url);
      const dump = await measure({ once: () => runOk(d.command, d.args, d), runs, warmup });
      emit(row({ ...fields, name: d.tool }, dump));
      const plan = await measure({ once: odac('plan', '--exit-code'), runs, warmup });
      emit(row({ ...fields, name: 'odac plan (no-op)', ref: d.tool, ratio: ratio(plan.wallMs, dump.wallMs), target: PLAN_TARGETS[db.name]?.[n] }, plan));
      const migrate = await measure({ once: odac('migrate'), runs, warmup });
      emit(row({ ...fields, name: 'odac migrate (no-op)', ref: d.tool, ratio: ratio(migrate.wallMs, dump.wallMs) }, migrate));

      if (env.compare && n <= env.createMax && n <= env.compareMax) await compareDrizzle(env, db, n, fields, plan, emit);
    } finally {
      await db.drop(name);
    }
  }
}

/** drizzle-kit's push, no-op, on a database it created itself from the same tables in its own format. */
async function compareDrizzle(env, db, n, fields, plan, emit) {
  const dialect = db.name === 'mariadb' ? 'mysql' : db.name;
  const moduleFile = writeDrizzleSchema(path.join(env.work, 'drizzle', `${dialect}-${n}.mjs`), n, dialect);
  const name = `odac_bench_drizzle_${n}`;
  const url = await db.create(name);
  const child = path.join(env.children, 'drizzle-push.mjs');
  try {
    await runOk(process.execPath, [child, db.name, url, moduleFile, '--apply']);
    const { runs, warmup } = runsFor(env, n);
    const push = await measure({ once: async () => childJson(await runOk(process.execPath, [child, db.name, url, moduleFile])), runs, warmup });
    emit(row({ ...fields, name: 'drizzle-kit pushSchema (no-op)' }, push));
    emit({ ...fields, name: 'odac plan (no-op) vs drizzle-kit push (no-op)', wallMs: plan.wallMs, ref: 'drizzle-kit', ratio: ratio(plan.wallMs, push.wallMs) });
  } finally {
    await db.drop(name);
    mkdirSync(path.dirname(moduleFile), { recursive: true });
  }
}
