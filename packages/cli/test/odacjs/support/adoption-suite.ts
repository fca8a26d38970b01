/**
 * Issue 9, acceptance 2: a database ODAC.JS built (knex's schema builder,
 * making ODAC.JS's calls) adopts with an empty plan under `compat:
 * 'odacjs'`, and odac builds the same tables from the same files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalDefault, migrate, plan, type Column, type Schema } from '@odac/core';
import { requireImporter } from '../../helpers/importer.js';
import { runCli } from '../../helpers/streams.js';
import type { DatabaseKind, ThrowawayDatabase } from '../../support/databases.js';
import { createTableLikeOdacjs, knexFor, schemaFilePath, schemaFileText, type OdacjsTable } from './knex-odacjs.js';

/** The tables of an ODAC.JS app, in creation order; `native` / `unknown` are types only that database has. */
export function odacjsApp(kind: DatabaseKind['name']): [string, OdacjsTable][] {
  const native = { postgres: 'citext', mysql: 'mediumint', sqlite: 'citext' }[kind];
  const unknown = { postgres: 'inet', mysql: 'tinytext', sqlite: 'inet' }[kind];
  return [
    [
      'users',
      {
        columns: {
          id: { type: 'increments' },
          email: { type: 'string', nullable: false, unique: true },
          name: { type: 'string', length: 100 },
          bio: { type: 'text', length: 500 },
          active: { type: 'boolean', default: true },
          role: { type: 'enum', values: ['admin', 'member'], default: 'member', nullable: false },
          balance: { type: 'decimal', precision: 12, scale: 2, default: 0 },
          rating: { type: 'float' },
          score: { type: 'float', precision: 10, scale: 3 },
          settings: { type: 'json' },
          profile: { type: 'jsonb' },
          token: { type: 'uuid' },
          born_on: { type: 'date' },
          wakes_at: { type: 'time' },
          avatar: { type: 'binary' },
          last_login: { type: 'timestamp' },
          seen_at: { type: 'datetime' },
          handle: { type: 'specificType', length: native },
          ip: { type: unknown },
          stamps: { type: 'timestamps' },
        },
      },
    ],
    [
      'posts',
      {
        columns: {
          id: { type: 'bigIncrements' },
          user_id: { type: 'integer', unsigned: true, nullable: false, references: { table: 'users', column: 'id' }, onDelete: 'CASCADE' },
          title: { type: 'string', length: 200, nullable: false },
          slug: { type: 'string', unique: true },
          body: { type: 'text', textType: 'mediumtext' },
          status: { type: 'enum', values: ['draft', 'published'], default: 'draft', nullable: false },
          views: { type: 'bigInteger', unsigned: true, default: 0 },
          published_at: { type: 'timestamp', nullable: true },
          stamps: { type: 'timestamps' },
        },
        indexes: [{ columns: ['user_id', 'status'] }, { columns: ['title'] }],
      },
    ],
    // nullable: false on the key: on SQLite knex leaves a non-integer primary key nullable, which odac tightens once (see below).
    ['tags', { columns: { id: { type: 'nanoid', primary: true, unique: true, nullable: false }, name: { type: 'string', nullable: false, unique: true } } }],
    [
      'post_tags',
      {
        columns: {
          post_id: { type: 'bigInteger', unsigned: true, nullable: false, references: { table: 'posts', column: 'id' }, onDelete: 'CASCADE' },
          tag_id: { type: 'string', length: 21, nullable: false, references: { table: 'tags', column: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        },
        indexes: [{ columns: ['post_id', 'tag_id'], unique: true }],
      },
    ],
  ];
}

/** Builds the app's tables with knex as ODAC.JS does (in dependency order, which ODAC.JS itself does not do). */
export async function buildWithKnex(kind: DatabaseKind, url: string, tables: readonly [string, OdacjsTable][]): Promise<void> {
  if (kind.name === 'postgres') await kind.exec(url, 'CREATE EXTENSION IF NOT EXISTS citext');
  const db = knexFor(kind.name, url);
  try {
    for (const [name, def] of tables) await createTableLikeOdacjs(db, name, def);
  } finally {
    await db.destroy();
  }
}

/** Writes the app's schema files into a fresh directory and returns it. */
export function writeSchemaFiles(root: string, tables: readonly [string, OdacjsTable][]): string {
  const dir = path.join(root, 'schema');
  mkdirSync(dir, { recursive: true });
  for (const [name, def] of tables) writeFileSync(schemaFilePath(dir, name), schemaFileText(def));
  return dir;
}

async function introspect(kind: DatabaseKind, url: string): Promise<Schema> {
  const conn = await kind.adapter.connect(url);
  try {
    return await conn.introspect();
  } finally {
    await conn.close();
  }
}

/** What a column is, without names the database made up; defaults by meaning (knex writes `'0'` where odac writes `0`). */
function columnShape(c: Column): unknown {
  return { name: c.name, type: c.type, nullable: c.nullable, default: canonicalDefault(c.type, c.default) ?? null, autoIncrement: c.autoIncrement ?? false };
}

function shape(schema: Schema): unknown {
  return schema.tables.map((t) => ({
    name: t.name,
    columns: t.columns.map(columnShape),
    primaryKey: t.primaryKey?.columns ?? [],
    indexes: t.indexes.map((i) => [i.columns, i.unique, i.where ?? null]),
    foreignKeys: t.foreignKeys.map((k) => [k.columns, k.references, k.onDelete, k.onUpdate]),
    checks: (t.checks ?? []).map((c) => c.expression),
  }));
}

export function adoptionSuite(kind: DatabaseKind): void {
  const tables = odacjsApp(kind.name);
  let root: string;
  const dbs: ThrowawayDatabase[] = [];
  const database = async (): Promise<string> => {
    const db = await kind.create();
    dbs.push(db);
    return db.url;
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), `odac-adopt-${kind.name}-`));
  });
  afterEach(async () => {
    rmSync(root, { recursive: true, force: true });
    for (const db of dbs.splice(0)) await db.drop();
  });

  test("a database ODAC.JS built with knex plans nothing with compat: 'odacjs'", async () => {
    const url = await database();
    await buildWithKnex(kind, url, tables);
    const schemaDir = writeSchemaFiles(root, tables);
    const result = await plan({ adapter: kind.adapter, url, schemaDir, compat: 'odacjs' });
    expect(result.plan.operations).toEqual([]);
    expect(result.plan.skipped).toEqual([]);
    expect(result.plan.preflight).toEqual([]);
    // The one note: length on a text column is ignored.
    expect(result.plan.warnings).toEqual([expect.stringContaining('"users"."bio" has length 500')]);
  });

  test('without compat, the same database would be changed (the mode is what makes it adopt)', async () => {
    const url = await database();
    await buildWithKnex(kind, url, tables);
    const result = await plan({ adapter: kind.adapter, url, schemaDir: writeSchemaFiles(root, tables) });
    expect(result.plan.operations.length + result.plan.skipped.length).toBeGreaterThan(0);
  });

  test('odac builds from the same files what knex built, and a second migrate plans nothing', async () => {
    const knexUrl = await database();
    await buildWithKnex(kind, knexUrl, tables);
    const odacUrl = await database();
    if (kind.name === 'postgres') await kind.exec(odacUrl, 'CREATE EXTENSION IF NOT EXISTS citext');
    const schemaDir = writeSchemaFiles(root, tables);
    const first = await migrate({ adapter: kind.adapter, url: odacUrl, schemaDir, compat: 'odacjs' });
    expect(first.remaining).toEqual([]);
    const again = await plan({ adapter: kind.adapter, url: odacUrl, schemaDir, compat: 'odacjs' });
    expect(again.plan.operations).toEqual([]);
    expect(shape(await introspect(kind, odacUrl))).toEqual(shape(await introspect(kind, knexUrl)));
    if (kind.name === 'postgres') {
      // What the model does not show: serial keys (a nextval default, no identity), no enum types.
      const db = knexFor(kind.name, odacUrl);
      try {
        const ids = await db.raw(
          "SELECT table_name, column_default, is_identity FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND table_name IN ('users', 'posts') ORDER BY table_name",
        );
        expect(ids.rows).toEqual([
          { table_name: 'posts', column_default: "nextval('posts_id_seq'::regclass)", is_identity: 'NO' },
          { table_name: 'users', column_default: "nextval('users_id_seq'::regclass)", is_identity: 'NO' },
        ]);
        expect((await db.raw("SELECT count(*)::int AS n FROM pg_type WHERE typtype = 'e'")).rows).toEqual([{ n: 0 }]);
      } finally {
        await db.destroy();
      }
    }
  });

  test('a key column knex left nullable is made NOT NULL once (SQLite lets such a key hold NULL), then nothing', async () => {
    const url = await database();
    const loose: [string, OdacjsTable][] = [['tags', { columns: { id: { type: 'nanoid', primary: true }, name: { type: 'string' } } }]];
    await buildWithKnex(kind, url, loose);
    const schemaDir = writeSchemaFiles(root, loose);
    const first = await migrate({ adapter: kind.adapter, url, schemaDir, compat: 'odacjs' });
    expect(first.remaining).toEqual([]);
    if (kind.name === 'sqlite') expect(first.applied.length).toBeGreaterThan(0);
    else expect(first.applied).toEqual([]);
    expect((await plan({ adapter: kind.adapter, url, schemaDir, compat: 'odacjs' })).plan.operations).toEqual([]);
  });

  test('an explicit withTimeZone: false wins over compat mode, and converges', async () => {
    const url = await database();
    const schemaDir = writeSchemaFiles(root, [['events', { columns: { id: { type: 'increments' }, at: { type: 'timestamp', withTimeZone: false } } }]]);
    const first = await migrate({ adapter: kind.adapter, url, schemaDir, compat: 'odacjs' });
    expect(first.remaining).toEqual([]);
    const at = (await introspect(kind, url)).tables[0]?.columns.find((c) => c.name === 'at');
    expect(at?.type).toEqual(kind.name === 'postgres' ? { kind: 'timestamp', withTimeZone: false } : kind.name === 'sqlite' ? { kind: 'datetime' } : { kind: 'timestamp' });
  });

  test('odac pull of that database writes files that plan nothing, with compat and without', async () => {
    const url = await database();
    await buildWithKnex(kind, url, tables);
    const out = path.join(root, 'pulled');
    const r = await runCli(['pull', '--url', url, '--out', out], { cwd: root, env: { NO_COLOR: '1' }, importModule: requireImporter });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Checked: these files load and plan no change');
    for (const compat of ['odacjs', undefined] as const) {
      const result = await plan({ adapter: kind.adapter, url, schemaDir: out, ...(compat !== undefined ? { compat } : {}) });
      expect(result.plan.operations).toEqual([]);
    }
  });

  test("the CLI reads compat from odac.config.js and plans nothing", async () => {
    const url = await database();
    await buildWithKnex(kind, url, tables);
    writeSchemaFiles(root, tables);
    writeFileSync(path.join(root, 'odac.config.js'), `module.exports = { url: ${JSON.stringify(url)}, compat: 'odacjs' };\n`);
    const r = await runCli(['plan', '--json'], { cwd: root, env: { NO_COLOR: '1' }, importModule: requireImporter });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { operations: unknown[]; warnings: string[] };
    expect(json.operations).toEqual([]);
    expect(json.warnings).toEqual([expect.stringContaining('"users"."bio" has length 500, which a text column does not take; it is ignored')]);
    const human = await runCli(['plan'], { cwd: root, env: { NO_COLOR: '1' }, importModule: requireImporter });
    expect(human.stdout).toContain('Warnings:');
    expect(human.stdout).toContain('"users"."bio" has length 500');
  });
}
