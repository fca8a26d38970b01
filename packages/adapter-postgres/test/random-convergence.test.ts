/**
 * Randomized convergence (issue #5) against a real PostgreSQL: a smaller
 * count than SQLite since each pair creates a database. ODAC_FUZZ_RUNS and
 * ODAC_FUZZ_SEED override.
 */
import { describeRandomConvergence, describeWithServer, type ConformanceTarget } from '@odac/adapter-testkit';
import adapter from '../src/index.js';
import { createTestDatabase, openClient } from './helpers.js';

describeWithServer('postgres', 'postgres adapter', (server) => {
  const target: ConformanceTarget = {
    adapter,
    createDatabase: () => createTestDatabase(server.url()),
    openClient: (url) => openClient(url),
  };
  describeRandomConvergence(target, { numRuns: 25, seed: [20240501] });
});
