/**
 * Randomized convergence (issue #5) against a real MySQL / MariaDB: a smaller
 * count than SQLite since each pair creates a database and MySQL DDL is slow.
 * ODAC_FUZZ_RUNS and ODAC_FUZZ_SEED override.
 */
import { describeRandomConvergence, describeWithServer } from '@odac/adapter-testkit';
import { mysqlTarget } from './support/db.js';

describeWithServer('mysql', 'adapter-mysql random convergence', (server) => {
  describeRandomConvergence(mysqlTarget(() => server.url()), { numRuns: 40, seed: [20240501] });
});
