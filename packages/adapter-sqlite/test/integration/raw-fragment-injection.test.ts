/**
 * Issue 12, defect 3: a `;` in a raw index `where` ran a second statement
 * (`DROP TABLE canary`) past the destructive guard. Now the loader rejects
 * the fragment before any connection is opened, and apply runs each
 * statement through `prepare()`, which refuses a second statement even when
 * a model bypasses the loader.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplyError, migrate, SchemaValidationError, type Schema } from '@odac/core';
import { adapter } from '../../src/index.js';
import { id, int, table, tempDb, withRaw, type TempDb } from '../support.js';

const HOSTILE = 'v > 0; DROP TABLE canary';

describe('sqlite: raw fragments cannot run a second statement (issue 12 defect 3)', () => {
  let db: TempDb;
  beforeEach(() => {
    db = tempDb();
    withRaw(db.file, (raw) => raw.exec('CREATE TABLE canary (id INTEGER PRIMARY KEY); INSERT INTO canary VALUES (1);'));
  });
  afterEach(() => db.remove());

  const canaryRows = (): number => withRaw(db.file, (raw) => (raw.prepare('SELECT count(*) AS n FROM canary').get() as { n: number }).n);
  const tables = (): string[] =>
    withRaw(db.file, (raw) => (raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name));

  it('a schema file with `where: "v > 0; DROP TABLE canary"` is rejected at load time naming the file and table; canary survives', async () => {
    const dir = join(db.dir, 'schema');
    mkdirSync(dir);
    writeFileSync(join(dir, 't.js'), `module.exports = { columns: { id: { type: 'increments' }, v: { type: 'integer' } }, indexes: [{ columns: ['v'], where: ${JSON.stringify(HOSTILE)} }] };\n`);
    const run = migrate({ adapter, url: db.url, schemaDir: dir });
    await expect(run).rejects.toBeInstanceOf(SchemaValidationError);
    await expect(run).rejects.toThrow(/t\.js: table "t" has indexes\[0\]\.where .*a ';' that would end the statement and start another at character 6/);
    expect(tables()).toEqual(['canary']);
    expect(canaryRows()).toBe(1);
  });

  it('a model that bypasses the loader still cannot run the second statement: apply fails, rolls back, canary survives', async () => {
    const desired: Schema = { tables: [table('t', [id(), int('v')], { indexes: [{ columns: ['v'], unique: false, where: HOSTILE }] })] };
    const run = migrate({ adapter, url: db.url, schema: desired });
    await expect(run).rejects.toBeInstanceOf(ApplyError);
    await expect(run).rejects.toThrow(/more than one statement/);
    expect(tables()).toEqual(['canary']);
    expect(canaryRows()).toBe(1);
  });
});
