/**
 * Generated columns in a PostgreSQL fleet (issue 10): a stored one converges
 * (the expression compared as the server prints it), and a VIRTUAL one on a
 * server before 18 fails each target at plan time with the sentence naming
 * the column, before anything runs, as a single migrate does.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import type { Schema } from '@odac/core';
import type { FleetEngineOptions } from '../src/fleet/engine.js';
import { runFleetWith } from './helpers/fleet.js';
import { postgresKind } from './support/databases.js';
import { pgServerVersion } from './support/pg-catalog.js';

const lines = (stored: boolean): Schema => ({
  tables: [
    {
      name: 'lines',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false },
        { name: 'price', type: { kind: 'integer', size: 'regular' }, nullable: false },
        { name: 'qty', type: { kind: 'integer', size: 'regular' }, nullable: false },
        { name: 'total', type: { kind: 'integer', size: 'regular' }, nullable: true, generated: { expression: 'price * qty', stored } },
      ],
      primaryKey: { columns: ['id'] },
      indexes: [],
      foreignKeys: [],
    },
  ],
});

describeWithServer('postgres', 'fleet: generated columns on PostgreSQL', (server) => {
  const pg = postgresKind(() => server.url());
  let drop: () => Promise<void> = async () => undefined;
  let url = '';
  const run = (mode: FleetEngineOptions['mode'], desired: Schema, schemas: readonly string[]) =>
    runFleetWith({ mode, targets: schemas.map((s) => ({ url: `${url}?schema=${s}`, adapter: pg.adapter })), desired });

  beforeAll(async () => {
    const db = await pg.create();
    ({ url, drop } = db);
    for (const s of ['gen_a', 'gen_b', 'gen_v']) await pg.exec(url, `CREATE SCHEMA ${s}`);
  });
  afterAll(() => drop());

  it('a stored generated column converges across the fleet', async () => {
    const first = await run('migrate', lines(true), ['gen_a', 'gen_b']);
    expect(first.outcomes.map((o) => [o.status, o.error?.message])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
    ]);
    const again = await run('plan', lines(true), ['gen_a', 'gen_b']);
    expect(again.outcomes.map((o) => [o.status, o.operations])).toEqual([
      ['unchanged', 0],
      ['unchanged', 0],
    ]);
  });

  it('a virtual generated column fails the target at plan time before PostgreSQL 18', async () => {
    const version = await pgServerVersion(server.url());
    const result = await run('migrate', lines(false), ['gen_v']);
    const [outcome] = result.outcomes;
    if (version >= 180000) {
      expect(outcome?.status).toBe('applied');
      return;
    }
    expect(outcome?.status).toBe('failed');
    expect(outcome?.error?.message).toContain('column "lines"."total" is a virtual generated column');
  });
});
