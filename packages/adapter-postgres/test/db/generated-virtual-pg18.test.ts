/**
 * The testkit's VIRTUAL generated-column scenarios on PostgreSQL 18+
 * (create, add to a table with rows, stored ↔ virtual). The adapter lists
 * the `virtualGeneratedColumns` limitation because it serves 13+, so the
 * conformance suite skips them; here they run on a server that has them:
 * `ODAC_TEST_PG18_URL` (`scripts/pg-majors.sh start 18`) when set, else the
 * suite's server when it is 18 or newer. Otherwise one visible line says why
 * nothing ran.
 */
import pg from 'pg';
import { describeWithServer, generatedScenarios, runScenario, type ConformanceTarget } from '@odac/adapter-testkit';
import adapter from '../../src/index.js';
import { createTestDatabase, openClient } from '../helpers.js';

async function serverVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    return Number(rows[0]?.v ?? 0);
  } finally {
    await client.end();
  }
}

const virtualScenarios = generatedScenarios.filter((s) => (s.requires ?? []).includes('virtualGeneratedColumns'));

describeWithServer('postgres', 'PostgreSQL 18 virtual generated columns', (server) => {
  const url = (): string => process.env['ODAC_TEST_PG18_URL'] ?? server.url();
  // The limitation is the adapter's answer for every version it serves; this server has the feature.
  const target = (): ConformanceTarget => ({
    adapter: { ...adapter, capabilities: { ...adapter.capabilities, limitations: adapter.capabilities.limitations.filter((l) => l !== 'virtualGeneratedColumns') } },
    createDatabase: () => createTestDatabase(url()),
    openClient: (u) => openClient(u),
  });

  it('has virtual scenarios to run', () => {
    expect(virtualScenarios.map((s) => s.name)).toEqual(
      expect.arrayContaining(['generated-create-virtual', 'generated-add-virtual-to-table-with-rows', 'generated-stored-to-virtual', 'generated-virtual-to-stored']),
    );
  });

  for (const s of virtualScenarios) {
    it(s.name, async () => {
      const version = await serverVersion(url());
      if (version < 180000) {
        process.stderr.write(`[odac] skipped "${s.name}": needs PostgreSQL 18+ (set ODAC_TEST_PG18_URL), the server is ${version}.\n`);
        return;
      }
      await runScenario(target(), s);
    });
  }
});
