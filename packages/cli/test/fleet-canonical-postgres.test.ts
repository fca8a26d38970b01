/**
 * A fleet plans with PostgreSQL's own spelling of expressions, as a single
 * `migrate` does (issue 10: let the database canonicalize): a CHECK
 * `status IN ('a','b')` on a varchar column and a partial-index predicate
 * come back from the catalog spelt differently, and a second fleet run must
 * still find every target unchanged.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import type { Schema } from '@odac/core';
import type { FleetEngineOptions } from '../src/fleet/engine.js';
import { runFleetWith } from './helpers/fleet.js';
import { postgresKind } from './support/databases.js';

const desired: Schema = {
  tables: [
    {
      name: 'orders',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true },
        { name: 'status', type: { kind: 'string', length: 20 }, nullable: false },
        { name: 'placed_at', type: { kind: 'timestamp' }, nullable: true },
      ],
      primaryKey: { columns: ['id'] },
      indexes: [{ columns: ['status'], unique: false, where: "status IN ('open', 'held')" }],
      foreignKeys: [],
      checks: [{ expression: "status IN ('open', 'held', 'done')" }, { expression: 'EXTRACT(year FROM placed_at) > 2000' }],
    },
  ],
};

describeWithServer('postgres', 'fleet: expressions canonicalized by PostgreSQL', (server) => {
  const pg = postgresKind(() => server.url());
  let drop: () => Promise<void> = async () => undefined;
  let url = '';
  const schemas = ['fleet_canon_a', 'fleet_canon_b', 'fleet_canon_c'];
  const run = (mode: FleetEngineOptions['mode']) =>
    runFleetWith({
      mode,
      targets: schemas.map((s) => ({ url: `${url}?schema=${s}`, adapter: pg.adapter })),
      desired,
      // One session per server: the canonicalizing session must be given back before a target leases one.
      concurrency: 1,
    });

  beforeAll(async () => {
    const db = await pg.create();
    ({ url, drop } = db);
    for (const s of schemas) await pg.exec(url, `CREATE SCHEMA ${s}`);
  });
  afterAll(() => drop());

  it('migrates every target, then plans nothing for any of them', async () => {
    const first = await run('migrate');
    expect(first.outcomes.map((o) => [o.target.namespace, o.status, o.error?.message])).toEqual(schemas.map((s) => [s, 'applied', undefined]));
    const again = await run('plan');
    expect(again.outcomes.map((o) => [o.target.namespace, o.status, o.operations])).toEqual(schemas.map((s) => [s, 'unchanged', 0]));
    const rerun = await run('migrate');
    expect(rerun.outcomes.map((o) => o.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });
});
