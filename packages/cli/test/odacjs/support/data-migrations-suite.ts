/**
 * The data migration scenarios every database runs (issue 9): `migration/*.js`
 * files run once each in file-name order after the schema sync and before
 * seeds, recorded in `_odac_migrations` with ODAC.JS's columns (one batch per
 * run), an existing ODAC.JS history respected, `migrate:rollback` running
 * `down` of the last batch newest first, a failing `up` left unrecorded, and
 * the history table neither unmanaged nor pulled.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_TABLE } from '@odac/core';
import type { DatabaseKind, ThrowawayDatabase } from '../../support/databases.js';
import { project, stderrProblems, type Project } from './project.js';

const SCHEMA = {
  'schema/users.js': `module.exports = {
  columns: { id: { type: 'increments' }, email: { type: 'string', nullable: false }, role: { type: 'string' } },
  seed: [{ email: 'admin@example.com', role: 'admin' }],
  seedKey: 'email',
};
`,
  'schema/log.js': `module.exports = { columns: { id: { type: 'increments' }, msg: { type: 'string', nullable: false } } };\n`,
};

/** A migration file that logs its up and down into the `log` table. */
const logging = (name: string): string => `module.exports = {
  async up(db) { await db('log').insert({ msg: 'up:${name}' }); },
  async down(db) { await db('log').insert({ msg: 'down:${name}' }); },
};
`;

export function dataMigrationsSuite(kind: DatabaseKind): void {
  let db: ThrowawayDatabase;
  let app: Project;
  const q = (name: string): string => (kind.name === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const log = async (): Promise<string[]> => (await app.rows('log', ['id', 'msg'])).sort((a, b) => Number(a[0]) - Number(b[0])).map((r) => String(r[1]));
  const history = async (): Promise<string[]> =>
    (await app.rows(MIGRATIONS_TABLE, ['id', 'name', 'connection', 'type', 'batch'])).sort((a, b) => Number(a[0]) - Number(b[0])).map((r) => `${String(r[1])} ${String(r[2])} ${String(r[3])} ${String(r[4])}`);
  const migrate = async (): Promise<void> => {
    const r = await app.odac(['migrate']);
    expect(stderrProblems(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
  };

  beforeEach(async () => {
    db = await kind.create();
    app = project(kind, () => db.url);
    app.write(SCHEMA);
  });
  afterEach(async () => {
    app.cleanup();
    await db.drop();
  });

  test('files run once each in file-name order, recorded with ODAC.JS columns, one batch per run; plan lists the pending ones', async () => {
    app.write({ 'migration/20240102_b.js': logging('b'), 'migration/20240101_a.js': logging('a') });
    const planned = await app.odac(['plan', '--exit-code']);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('Migration files (migration/): 2 pending, run in this order before the seeds: 20240101_a.js, 20240102_b.js.');

    await migrate();
    expect(await log()).toEqual(['up:a', 'up:b']);
    expect(await history()).toEqual(['20240101_a.js default file 1', '20240102_b.js default file 1']);
    const [applied] = await app.rows(MIGRATIONS_TABLE, ['applied_at']);
    expect(applied?.[0]).not.toBeNull();
    const conn = await kind.adapter.connect(db.url);
    try {
      const table = (await conn.introspect({ tables: [MIGRATIONS_TABLE] })).tables[0];
      expect(table?.columns.map((c) => c.name)).toEqual(['id', 'name', 'connection', 'type', 'batch', 'applied_at']);
      expect(table?.indexes.some((i) => i.columns.join(',') === 'connection,type' && !i.unique)).toBe(true);
    } finally {
      await conn.close();
    }

    await migrate();
    expect(await log()).toEqual(['up:a', 'up:b']);
    expect((await app.odac(['plan', '--exit-code'])).code).toBe(0);

    app.write({ 'migration/20240103_c.js': logging('c') });
    await migrate();
    expect(await log()).toEqual(['up:a', 'up:b', 'up:c']);
    expect(await history()).toEqual(['20240101_a.js default file 1', '20240102_b.js default file 1', '20240103_c.js default file 2']);
  });

  test('a pending file runs after the schema sync and before the seeds', async () => {
    // A row the file renames to the seed's key: were seeds first, the seed row would be inserted twice.
    await migrate();
    await kind.exec(db.url, `UPDATE ${q('users')} SET ${q('email')} = 'old@example.com'`);
    app.write({
      'schema/users.js': SCHEMA['schema/users.js'].replace("role: { type: 'string' }", "role: { type: 'string' }, level: { type: 'integer', default: 0 }"),
      'migration/001_rename.js': `module.exports = { async up(db) { await db('users').where({ email: 'old@example.com' }).update({ email: 'admin@example.com', level: 5 }); } };\n`,
    });
    await migrate();
    expect(await app.rows('users', ['email', 'role', 'level'])).toEqual([['admin@example.com', 'admin', kind.name === 'sqlite' ? 5 : '5']]);
  });

  test("an existing ODAC.JS history carries over: recorded files do not run again, the next batch follows", async () => {
    await migrate();
    // As ODAC.JS's knex built and filled it.
    const { openKnex } = await import('../../../src/data-migrations/knex.js');
    const { ensureHistoryTable } = await import('../../../src/data-migrations/history.js');
    const knex = await openKnex(kind.name, db.url, { cwd: app.dir });
    try {
      await ensureHistoryTable(knex);
      await knex(MIGRATIONS_TABLE).insert({ name: '001_a.js', connection: 'default', type: 'file', batch: 3, applied_at: new Date() });
      await knex(MIGRATIONS_TABLE).insert({ name: '001_a.js', connection: 'analytics', type: 'file', batch: 7, applied_at: new Date() });
    } finally {
      await knex.destroy();
    }
    app.write({ 'migration/001_a.js': logging('a'), 'migration/002_b.js': logging('b') });
    await migrate();
    expect(await log()).toEqual(['up:b']);
    expect(await history()).toEqual(['001_a.js default file 3', '001_a.js analytics file 7', '002_b.js default file 4']);
  });

  test('migrate:rollback runs down of the last batch newest first and deletes its rows; then the batch before', async () => {
    app.write({ 'migration/001_a.js': logging('a') });
    await migrate();
    app.write({ 'migration/002_b.js': logging('b'), 'migration/003_c.js': logging('c') });
    await migrate();
    const first = await app.odac(['migrate:rollback']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Rolled back batch 2 of connection "default": 003_c.js, 002_b.js.');
    expect(await log()).toEqual(['up:a', 'up:b', 'up:c', 'down:c', 'down:b']);
    expect(await history()).toEqual(['001_a.js default file 1']);

    expect((await app.odac(['migrate:rollback'])).code).toBe(0);
    expect(await history()).toEqual([]);
    expect((await app.odac(['migrate:rollback'])).stdout).toContain('Nothing to roll back');
    // Rolled back files are pending again.
    await migrate();
    expect(await history()).toEqual(['001_a.js default file 1', '002_b.js default file 1', '003_c.js default file 1']);
  });

  test('a failing up stops the run naming the file, leaves it unrecorded and its writes undone; the files before it stay', async () => {
    app.write({
      'migration/001_a.js': logging('a'),
      'migration/002_fail.js': `module.exports = { async up(db) { await db('log').insert({ msg: 'partial' }); throw new Error('boom in 002'); } };\n`,
      'migration/003_c.js': logging('c'),
    });
    const r = await app.odac(['migrate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[MIGRATION.FAILED]: Migration file 002_fail.js failed in up(): boom in 002.');
    expect(await log()).toEqual(['up:a']);
    expect(await history()).toEqual(['001_a.js default file 1']);
    // The seeds wait for the files.
    expect(await app.rows('users', ['email'])).toEqual([]);

    app.write({ 'migration/002_fail.js': logging('b') });
    await migrate();
    expect(await log()).toEqual(['up:a', 'up:b', 'up:c']);
    expect(await history()).toEqual(['001_a.js default file 1', '002_fail.js default file 2', '003_c.js default file 2']);
    expect(await app.rows('users', ['email'])).toEqual([['admin@example.com']]);
  });

  // In one process only where the driver waits asynchronously; SQLite's busy wait blocks its thread, so its suite runs processes.
  (kind.name === 'sqlite' ? test.skip : test)('instances migrating at once run each file exactly once', async () => {
    app.write({ 'migration/001_a.js': logging('a'), 'migration/002_b.js': logging('b') });
    const runs = await Promise.all([app.odac(['migrate']), app.odac(['migrate']), app.odac(['migrate'])]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(await log()).toEqual(['up:a', 'up:b']);
    expect((await history()).map((h) => h.split(' ')[0])).toEqual(['001_a.js', '002_b.js']);
    expect(await app.rows('users', ['email'])).toEqual([['admin@example.com']]);
  });

  test('_odac_migrations is never listed as unmanaged, dropped or pulled', async () => {
    app.write({ 'migration/001_a.js': logging('a') });
    await migrate();
    const planned = await app.odac(['plan', '--drop-unmanaged', '--allow-destructive']);
    expect(planned.stdout).not.toContain(MIGRATIONS_TABLE);
    expect(planned.stdout).toContain('Nothing to do');
    const out = path.join(app.dir, 'pulled');
    const pulled = await app.odac(['pull', '--out', out]);
    expect(pulled.stderr).toBe('');
    expect(pulled.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['log.js', 'users.js']);
    expect(existsSync(path.join(out, `${MIGRATIONS_TABLE}.js`))).toBe(false);
  });
}
