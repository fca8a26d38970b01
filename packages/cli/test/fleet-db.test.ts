/**
 * Fleets end to end (issue 15 acceptance): 50 PostgreSQL schemas and 20
 * MariaDB databases migrated as one fleet from a --targets file; one target
 * given orphan rows fails alone, with its reason, while every other one
 * converges; after the rows are fixed, the re-run touches only that target.
 * Every --json report is validated against schema/fleet-report.schema.json.
 * Also: a schema pattern on one server, --canary, --fail-fast, plan --exit-code.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithServer, uniqueSuffix } from '@odac/adapter-testkit';
import { loadSchema, migrate, type DriverAdapter } from '@odac/core';
import { runFleet } from '../src/fleet/engine.js';
import { importerWith } from './helpers/importer.js';
import { runCli, type RunResult } from './helpers/streams.js';
import { validate } from './support/json-schema.js';
import { mysqlKind, postgresKind } from './support/databases.js';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BLOG = path.join(ROOT, 'examples', 'blog', 'schema');
const REPORT_SCHEMA = JSON.parse(readFileSync(path.join(__dirname, '..', 'schema', 'fleet-report.schema.json'), 'utf8')) as Record<string, unknown>;
const PLAN_SCHEMA = JSON.parse(readFileSync(path.join(__dirname, '..', 'schema', 'plan.schema.json'), 'utf8')) as Record<string, unknown>;

const PG_SCHEMAS = 50;
const MY_DATABASES = 20;

interface Report {
  command: string;
  summary: Record<string, number>;
  plans: (Record<string, unknown> & { id: string; targets: number })[];
  targets: { target: string; namespace: string; driver: string; status: string; plan: string | null; operations: number; statements: number; error?: { code: string; message: string } }[];
}

function report(r: RunResult): Report {
  let value: unknown;
  try {
    value = JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  expect(validate(REPORT_SCHEMA, value)).toEqual([]);
  const rep = value as Report;
  // Each plan is a single-target plan (plan.schema.json) plus its id and member count.
  for (const { id: _id, targets: _n, ...plan } of rep.plans) expect(validate(PLAN_SCHEMA, plan)).toEqual([]);
  return rep;
}

function statuses(rep: Report): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of rep.targets) out[t.status] = (out[t.status] ?? 0) + 1;
  return out;
}

describeWithServer('postgres', 'fleet: PostgreSQL schemas', (pgServer) => {
  describeWithServer('mysql', 'and MariaDB databases', (myServer) => {
    const pg = postgresKind(() => pgServer.url());
    const my = mysqlKind(() => myServer.url());
    const prefix = `fleet_${uniqueSuffix()}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);
    const pgDatabase = prefix;
    const myDatabases = Array.from({ length: MY_DATABASES }, (_, i) => `${prefix}_${String(i).padStart(2, '0')}`);
    const pgSchemas = Array.from({ length: PG_SCHEMAS }, (_, i) => `${prefix}_${String(i).padStart(2, '0')}`);
    let dir = '';
    let pgUrl = '';
    const pgTarget = (schema: string): string => `${pgUrl}?schema=${schema}`;
    const myTarget = (db: string): string => {
      const u = new URL(myServer.url());
      u.pathname = `/${db}`;
      return u.toString();
    };
    const importModule = importerWith({ [pg.module]: { default: pg.adapter }, [my.module]: { default: my.adapter } });
    const odac = (args: string[]): Promise<RunResult> => runCli(args, { cwd: dir, importModule });
    // The failing target: a PostgreSQL schema in the middle of the list.
    const victim = pgSchemas[7] as string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'odac-fleet-'));
      // v1: the blog without the comments → posts foreign key; v2 (examples/blog) adds it.
      cpSync(BLOG, path.join(dir, 'v2'), { recursive: true });
      cpSync(BLOG, path.join(dir, 'v1'), { recursive: true });
      const comments = path.join(dir, 'v1', 'comments.js');
      writeFileSync(comments, readFileSync(comments, 'utf8').replace("references: 'posts.id', onDelete: 'CASCADE' ", ''));
      expect(readFileSync(comments, 'utf8')).not.toContain('posts.id');
      await pg.exec(pgServer.url(), `CREATE DATABASE "${pgDatabase}"`);
      const u = new URL(pgServer.url());
      u.pathname = `/${pgDatabase}`;
      pgUrl = u.toString();
      await pg.exec(pgUrl, pgSchemas.map((s) => `CREATE SCHEMA "${s}";`).join('\n'));
      await my.exec(myServer.url(), myDatabases.map((d) => `CREATE DATABASE \`${d}\`;`).join('\n'));
      const lines = ['# the fleet: PostgreSQL schemas, then MariaDB databases', ...pgSchemas.map(pgTarget), '', ...myDatabases.map(myTarget)];
      writeFileSync(path.join(dir, 'targets.txt'), lines.join('\n') + '\n');
    });

    afterAll(async () => {
      await pg.exec(pgServer.url(), `DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`).catch(() => undefined);
      await my.exec(myServer.url(), myDatabases.map((d) => `DROP DATABASE IF EXISTS \`${d}\`;`).join('\n')).catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('creates the schema in all 70 targets, one plan per driver', async () => {
      const r = await odac(['migrate', '--targets', 'targets.txt', '--schema', 'v1', '--json', '--concurrency', '6']);
      const rep = report(r);
      expect(r.code).toBe(0);
      expect(rep.summary).toMatchObject({ targets: PG_SCHEMAS + MY_DATABASES, applied: PG_SCHEMAS + MY_DATABASES, failed: 0, servers: 2 });
      // Every PostgreSQL schema was empty alike, so was every MariaDB database: two plans for 70 targets.
      expect(rep.plans.map((p) => [p['driver'], p.targets]).sort()).toEqual([['mysql', MY_DATABASES], ['postgres', PG_SCHEMAS]]);
      expect(rep.targets.map((t) => t.namespace)).toEqual([...pgSchemas, ...myDatabases]);
      expect(rep.targets.every((t) => t.statements > 0 && t.operations > 0)).toBe(true);
      // The report never shows a password; each target has its own URL.
      expect(new Set(rep.targets.map((t) => t.target)).size).toBe(PG_SCHEMAS + MY_DATABASES);
    });

    it('fails the one target with orphan rows alone, with its reason; every other one converges', async () => {
      await pg.exec(pgUrl, `SET search_path TO "${victim}"; INSERT INTO comments (post_id, body) VALUES (424242, 'orphan'), (424243, 'orphan too');`);
      const r = await odac(['migrate', '--targets', 'targets.txt', '--schema', 'v2', '--json']);
      const rep = report(r);
      expect(r.code).toBe(1);
      expect(statuses(rep)).toEqual({ applied: PG_SCHEMAS + MY_DATABASES - 1, failed: 1 });
      const failed = rep.targets.filter((t) => t.status === 'failed');
      expect(failed.map((t) => t.namespace)).toEqual([victim]);
      expect(failed[0]?.error?.code).toBe('APPLY.PREFLIGHT_FAILED');
      expect(failed[0]?.error?.message).toMatch(/"comments"\(post_id\).*2 rows reference no existing row/);

      const check = await odac(['plan', '--targets', 'targets.txt', '--schema', 'v2', '--json', '--exit-code']);
      const planned = report(check);
      expect(check.code).toBe(2);
      expect(statuses(planned)).toEqual({ unchanged: PG_SCHEMAS + MY_DATABASES - 1, pending: 1 });
      expect(planned.targets.find((t) => t.status === 'pending')?.namespace).toBe(victim);
      // Nothing of the failed plan stuck: the victim still lacks the foreign key and keeps its rows.
      expect(planned.targets.find((t) => t.status === 'pending')?.operations).toBe(1);
    });

    it('after the rows are fixed, the re-run touches only that target', async () => {
      await pg.exec(pgUrl, `DELETE FROM "${victim}".comments WHERE post_id >= 424242`);
      const r = await odac(['migrate', '--targets', 'targets.txt', '--schema', 'v2', '--json']);
      const rep = report(r);
      expect(r.code).toBe(0);
      expect(statuses(rep)).toEqual({ unchanged: PG_SCHEMAS + MY_DATABASES - 1, applied: 1 });
      expect(rep.targets.find((t) => t.status === 'applied')?.namespace).toBe(victim);
      const again = await odac(['plan', '--targets', 'targets.txt', '--schema', 'v2', '--exit-code']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`${PG_SCHEMAS + MY_DATABASES} unchanged`);
    });

    it('takes every schema matching a pattern on one server as a target', async () => {
      const r = await odac(['plan', '--url', pgUrl, '--schema-name', `${prefix}_1*`, '--schema', 'v2', '--json']);
      const rep = report(r);
      expect(r.code).toBe(0);
      expect(rep.targets.map((t) => t.namespace)).toEqual(pgSchemas.filter((s) => s.startsWith(`${prefix}_1`)));
      expect(statuses(rep)).toEqual({ unchanged: 10 });
      const none = await odac(['plan', '--url', pgUrl, '--schema-name', 'fleet_no_such_*', '--schema', 'v2']);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('matched no schema or database');
    });

    it('a target another migrator changed after the fleet looked is planned again under its lock', async () => {
      const three = pgSchemas.slice(20, 23);
      const v1 = await loadSchema(path.join(dir, 'v1'));
      const raced = three[0] as string;
      // Between the fleet's introspection and its lock, another migrator brings `raced` to v1 itself.
      const adapter: DriverAdapter = {
        ...pg.adapter,
        connectServer: async (url, options) => {
          const pool = await (pg.adapter.connectServer as NonNullable<DriverAdapter['connectServer']>)(url, options);
          return {
            ...pool,
            fingerprints: pool.fingerprints?.bind(pool),
            listNamespaces: pool.listNamespaces.bind(pool),
            introspectMany: pool.introspectMany.bind(pool),
            close: pool.close.bind(pool),
            lease: async (namespace: string) => {
              if (namespace === raced) await migrate({ adapter: pg.adapter, url: pgTarget(raced), schema: v1.schema, allowDestructive: true });
              return pool.lease(namespace);
            },
          };
        },
      };
      const result = await runFleet({
        mode: 'migrate',
        targets: three.map((s) => ({ url: pgTarget(s), adapter })),
        connectOptions: {},
        desired: v1.schema,
        external: [],
        // v2 → v1 drops a foreign key: destructive (integrity), so allowed here.
        allowDestructive: true,
        yes: true,
        dropUnmanagedTables: false,
        ignoreTables: [],
        online: false,
        concurrency: 1,
        failFast: false,
      });
      expect(result.outcomes.map((o) => [o.target.namespace, o.status, o.error?.message])).toEqual([
        [raced, 'unchanged', undefined],
        [three[1], 'applied', undefined],
        [three[2], 'applied', undefined],
      ]);
      const back = await odac(['migrate', '--targets', 'targets.txt', '--schema', 'v2', '--json']);
      expect(statuses(report(back))).toEqual({ unchanged: PG_SCHEMAS + MY_DATABASES - 3, applied: 3 });
    });

    it('--canary stops after a failing canary; --fail-fast stops starting targets', async () => {
      // Orphans in the first two PostgreSQL schemas, then back to v1 → v2 for the first five.
      const five = pgSchemas.slice(0, 5);
      writeFileSync(path.join(dir, 'five.txt'), five.map(pgTarget).join('\n'));
      const v1 = await odac(['migrate', '--targets', 'five.txt', '--schema', 'v1', '--json', '--allow-destructive', '--yes']);
      expect(statuses(report(v1))).toEqual({ applied: 5 });
      await pg.exec(pgUrl, five.slice(0, 2).map((s) => `INSERT INTO "${s}".comments (post_id, body) VALUES (99, 'orphan');`).join('\n'));

      const canary = await odac(['migrate', '--targets', 'five.txt', '--schema', 'v2', '--json', '--canary', '2']);
      const c = report(canary);
      expect(canary.code).toBe(1);
      expect(statuses(c)).toEqual({ failed: 2, skipped: 3 });
      expect(c.targets.filter((t) => t.status === 'skipped').map((t) => t.namespace)).toEqual(five.slice(2));

      const ff = await odac(['migrate', '--targets', 'five.txt', '--schema', 'v2', '--json', '--fail-fast', '--concurrency', '1']);
      const f = report(ff);
      expect(ff.code).toBe(1);
      expect(statuses(f)).toEqual({ failed: 1, skipped: 4 });

      const rest = await odac(['migrate', '--targets', 'five.txt', '--schema', 'v2', '--json']);
      expect(statuses(report(rest))).toEqual({ failed: 2, applied: 3 });
      await pg.exec(pgUrl, five.slice(0, 2).map((s) => `DELETE FROM "${s}".comments;`).join('\n'));
      const fixed = await odac(['migrate', '--targets', 'five.txt', '--schema', 'v2']);
      expect(fixed.code).toBe(0);
      expect(fixed.stdout).toContain('3 unchanged, 2 applied');
    });
  });
});
