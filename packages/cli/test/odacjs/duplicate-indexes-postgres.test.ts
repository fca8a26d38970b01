/**
 * Issue 9: duplicate equivalent indexes in a live database (here knex's
 * `users_email_unique` constraint next to an index made by hand) are a plan
 * warning naming both, on PostgreSQL; nothing is planned for them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithServer } from '@odac/adapter-testkit';
import { plan } from '@odac/core';
import { requireImporter } from '../helpers/importer.js';
import { runCli } from '../helpers/streams.js';
import { postgresKind, type ThrowawayDatabase } from '../support/databases.js';

describeWithServer('postgres', 'duplicate indexes on PostgreSQL', (server) => {
  const kind = postgresKind(() => server.url());
  let db: ThrowawayDatabase;
  let root: string;
  beforeEach(async () => {
    db = await kind.create();
    root = mkdtempSync(path.join(tmpdir(), 'odac-dup-'));
    mkdirSync(path.join(root, 'schema'));
    writeFileSync(
      path.join(root, 'schema', 'users.js'),
      "module.exports = { columns: { id: { type: 'increments' }, email: { type: 'string', unique: true }, name: { type: 'string' } }, indexes: [{ columns: ['name'] }] };\n",
    );
  });
  afterEach(async () => {
    rmSync(root, { recursive: true, force: true });
    await db.drop();
  });

  test('two equivalent unique indexes and two equivalent plain ones: one warning each, no operation', async () => {
    await kind.exec(
      db.url,
      `CREATE TABLE users (id serial PRIMARY KEY, email varchar(255), name varchar(255));
       ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE (email);
       CREATE UNIQUE INDEX users_email_idx ON users (email);
       CREATE INDEX users_name_index ON users (name);
       CREATE INDEX users_name_again ON users (name);`,
    );
    const result = await plan({ adapter: kind.adapter, url: db.url, schemaDir: path.join(root, 'schema') });
    expect(result.plan.operations).toEqual([]);
    expect(result.plan.warnings).toHaveLength(2);
    const [email, name] = result.plan.warnings;
    for (const words of ['"users"', 'unique indexes on (email)', '"users_email_unique"', '"users_email_idx"']) expect(email).toContain(words);
    for (const words of ['indexes on (name)', '"users_name_index"', '"users_name_again"']) expect(name).toContain(words);

    const r = await runCli(['plan', '--url', db.url, '--schema', path.join(root, 'schema')], { cwd: root, env: { NO_COLOR: '1' }, importModule: requireImporter });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Warnings:');
    expect(r.stdout).toContain('"users_email_idx"');
  });

  test('no warning when the indexes differ', async () => {
    await kind.exec(db.url, `CREATE TABLE users (id serial PRIMARY KEY, email varchar(255) UNIQUE, name varchar(255)); CREATE INDEX users_name_index ON users (name);`);
    const result = await plan({ adapter: kind.adapter, url: db.url, schemaDir: path.join(root, 'schema') });
    expect(result.plan.operations).toEqual([]);
    expect(result.plan.warnings).toEqual([]);
  });
});
