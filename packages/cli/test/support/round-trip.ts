/**
 * The pull round trip, through the CLI: build database X, `odac pull` it
 * into files, `odac migrate` an empty database Y from those files, and
 * introspect both. "Identical" means the models are equal, except for the
 * names of indexes, keys and checks that X did not have (SQLite reports none
 * for inline UNIQUE constraints; Y gets odac's generated names), and the
 * names MySQL/MariaDB made up for the indexes they add to foreign keys (pull
 * leaves those indexes to the adapter, which names them its own way).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { schemaDifferences } from '@odac/adapter-testkit';
import { foreignKeyMeaning, indexKey, sortSchema, type DriverAdapter, type Schema, type Table } from '@odac/core';
import { isMadeUpIndexName } from '../../src/pull/definition.js';
import { importerWith } from '../helpers/importer.js';
import { runCli, type RunResult } from '../helpers/streams.js';
import type { DatabaseKind } from './databases.js';

export interface RoundTrip {
  readonly x: Schema;
  readonly y: Schema;
  readonly pull: RunResult;
  readonly migrate: RunResult;
  /** Plan of X against the pulled files: must be nothing to do. */
  readonly planX: RunResult;
  /** Plan of Y (migrated from the pulled files) against the same files: must be nothing to do. */
  readonly planY: RunResult;
  /** The pulled files, by name. */
  readonly files: Readonly<Record<string, string>>;
  /** `dump` of X and of Y, when the caller gave one (a catalog dump that does not use odac's introspection). */
  readonly dumps?: { readonly x: unknown; readonly y: unknown };
}

async function introspect(kind: DatabaseKind, url: string): Promise<Schema> {
  const conn = await kind.adapter.connect(url);
  try {
    return await conn.introspect();
  } finally {
    await conn.close();
  }
}

/**
 * Pulls from a database built by `build`, migrates a fresh one from the
 * files, introspects both. `prepareTarget` readies the fresh one first with
 * what odac does not manage (an extension such as btree_gist).
 */
export async function pullRoundTrip(
  kind: DatabaseKind,
  build: (url: string) => Promise<void>,
  flags: readonly string[] = [],
  dump?: (url: string) => Promise<unknown>,
  prepareTarget?: (url: string) => Promise<void>,
): Promise<RoundTrip> {
  const dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-pull-'));
  const importModule = importerWith({ [kind.module]: { default: kind.adapter } });
  const odac = (argv: string[]) => runCli(argv, { cwd: dir, importModule });
  const x = await kind.create();
  const y = await kind.create();
  try {
    await build(x.url);
    const out = path.join(dir, 'pulled');
    const pull = await odac(['pull', '--url', x.url, '--out', out, ...flags]);
    if (prepareTarget) await prepareTarget(y.url);
    const migrate = await odac(['migrate', '--url', y.url, '--schema', out]);
    const planX = await odac(['plan', '--url', x.url, '--schema', out]);
    const planY = await odac(['plan', '--url', y.url, '--schema', out]);
    // A pull of an empty database writes no files (and may not make the directory).
    const files = Object.fromEntries((existsSync(out) ? readdirSync(out) : []).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
    const dumps = dump ? { x: await dump(x.url), y: await dump(y.url) } : undefined;
    return { x: await introspect(kind, x.url), y: await introspect(kind, y.url), pull, migrate, planX, planY, files, ...(dumps ? { dumps } : {}) };
  } finally {
    await x.drop();
    await y.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `table` with the names X did not give removed, so generated names do not count as differences. */
function withNamesOf(table: Table, reference: Table | undefined): Table {
  const unnamedIndexes = new Set((reference?.indexes ?? []).filter((i) => i.name === undefined).map(indexKey));
  const unnamedKeys = new Set((reference?.foreignKeys ?? []).filter((k) => k.name === undefined).map(foreignKeyMeaning));
  const unnamedChecks = new Set((reference?.checks ?? []).filter((c) => c.name === undefined).map((c) => c.expression));
  const strip = <T extends { readonly name?: string }>(item: T, unnamed: boolean): T => {
    if (!unnamed) return item;
    const { name: _name, ...rest } = item;
    void _name;
    return rest as T;
  };
  return {
    ...table,
    ...(table.primaryKey && reference?.primaryKey?.name === undefined ? { primaryKey: strip(table.primaryKey, true) } : {}),
    indexes: table.indexes.map((i) => strip(i, unnamedIndexes.has(indexKey(i)))),
    foreignKeys: table.foreignKeys.map((k) => strip(k, unnamedKeys.has(foreignKeyMeaning(k)))),
    ...(table.checks ? { checks: table.checks.map((c) => strip(c, unnamedChecks.has(c.expression))) } : {}),
  };
}

/** X with the names of foreign key indexes the database made up removed (see the file comment). */
function withoutMadeUpNames(x: Schema, adapter: DriverAdapter): Schema {
  return {
    tables: x.tables.map((t) => {
      let implied: Map<string, string | undefined>;
      try {
        implied = new Map((adapter.normalize({ tables: [{ ...t, indexes: [] }] }).tables[0]?.indexes ?? []).map((i) => [indexKey(i), i.name] as const));
      } catch {
        return t;
      }
      const indexes = t.indexes.map((i) => {
        if (!implied.has(indexKey(i)) || !isMadeUpIndexName(t, i, implied.get(indexKey(i)))) return i;
        const { name: _name, ...rest } = i;
        void _name;
        return rest;
      });
      return { ...t, indexes };
    }),
  };
}

/** Asserts that X and Y introspect identically (see the file comment), with readable differences when not. */
export function expectSameIntrospection(x: Schema, y: Schema, adapter: DriverAdapter): void {
  const reference = withoutMadeUpNames(x, adapter);
  expect(schemaDifferences(reference, y, { namesFrom: reference })).toEqual([]);
  const yNamed = sortSchema({ tables: y.tables.map((t) => withNamesOf(t, reference.tables.find((r) => r.name === t.name))) });
  expect(JSON.parse(JSON.stringify(yNamed))).toEqual(JSON.parse(JSON.stringify(sortSchema(reference))));
}

/** Asserts a clean round trip: pull checked itself, migrate and plan succeed, X and Y introspect identically. */
export function expectCleanRoundTrip(trip: RoundTrip, adapter: DriverAdapter): void {
  expect(trip.pull.stderr).toBe('');
  expect(trip.pull.code).toBe(0);
  expect(trip.pull.stdout).toContain('Checked: these files load and plan no change against the database they came from.');
  expect(trip.migrate.code).toBe(0);
  // A piped migrate prints one progress line per table (`[1/2 0.0s] users`) on stderr; nothing else.
  expect(trip.migrate.stderr.split('\n').filter((line) => line !== '' && !/^\[\d+\/\d+ [\d.]+s\] /.test(line))).toEqual([]);
  expect(trip.planX).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });
  expect(trip.planY).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });
  if (trip.dumps) expect(trip.dumps.y).toEqual(trip.dumps.x);
  expectSameIntrospection(trip.x, trip.y, adapter);
}
