/**
 * Issue 12, defect 3: a `;` in a raw index `where` ran a second statement
 * (`DROP TABLE canary`) past the destructive guard. Now the loader rejects
 * the fragment before any connection is opened, and apply sends each
 * statement over the extended query protocol, where the server refuses a
 * second statement even when a model bypasses the loader.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithServer } from '@odac/adapter-testkit';
import { ApplyError, migrate, SchemaValidationError, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { col, increments, int, table, useDatabase } from '../helpers.js';

const HOSTILE = 'v > 0; DROP TABLE canary';

describeWithServer('postgres', 'postgres: raw fragments cannot run a second statement (issue 12 defect 3)', (server) => {
  const pg = useDatabase(server, 'each');
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'odac-pg-fragment-'));
    await pg.client.exec('CREATE TABLE canary (id int PRIMARY KEY); INSERT INTO canary VALUES (1)');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const tables = async (): Promise<string[]> =>
    (await pg.client.query<{ name: string }>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.name);
  const canaryRows = async (): Promise<number> => Number((await pg.client.query<{ n: string }>('SELECT count(*) AS n FROM canary'))[0]?.n);

  it('a schema file with `where: "v > 0; DROP TABLE canary"` is rejected at load time naming the file and table; canary survives', async () => {
    const schemaDir = join(dir, 'schema');
    mkdirSync(schemaDir);
    writeFileSync(join(schemaDir, 't.js'), `module.exports = { columns: { id: { type: 'increments' }, v: { type: 'integer' } }, indexes: [{ columns: ['v'], where: ${JSON.stringify(HOSTILE)} }] };\n`);
    const run = migrate({ adapter, url: pg.db.url, schemaDir });
    await expect(run).rejects.toBeInstanceOf(SchemaValidationError);
    await expect(run).rejects.toThrow(/t\.js: table "t" has indexes\[0\]\.where .*a ';' that would end the statement and start another at character 6/);
    expect(await tables()).toEqual(['canary']);
    expect(await canaryRows()).toBe(1);
  });

  it('a model that bypasses the loader still cannot run the second statement: apply fails, rolls back, canary survives', async () => {
    const desired: Schema = { tables: [table('t', [increments(), col('v', int())], { indexes: [{ columns: ['v'], unique: false, where: HOSTILE }] })] };
    const run = migrate({ adapter, url: pg.db.url, schema: desired });
    await expect(run).rejects.toBeInstanceOf(ApplyError);
    await expect(run).rejects.toThrow(/cannot insert multiple commands into a prepared statement/);
    expect(await tables()).toEqual(['canary']);
    expect(await canaryRows()).toBe(1);
  });

  it('a check constraint and a raw default smuggling a statement are refused the same way', async () => {
    const desired: Schema = {
      tables: [
        table('t', [increments(), col('v', int(), { default: { kind: 'expression', sql: '1; DROP TABLE canary' } })], {
          checks: [{ name: 't_v', expression: 'v > 0); DROP TABLE canary; --' }],
        }),
      ],
    };
    await expect(migrate({ adapter, url: pg.db.url, schema: desired })).rejects.toBeInstanceOf(ApplyError);
    expect(await tables()).toEqual(['canary']);
    expect(await canaryRows()).toBe(1);
  });
});
