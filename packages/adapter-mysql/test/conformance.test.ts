/**
 * The shared conformance scenarios and the randomized convergence test
 * (`@odac/adapter-testkit`) against a real MySQL / MariaDB server:
 * `ODAC_TEST_MYSQL_URL`, or testcontainers where Docker is reachable. Each
 * scenario and random pair gets its own `odac_test_<suffix>` database,
 * dropped afterwards.
 */
import { describeConformance, describeRandomConvergence, describeWithServer } from '@odac/adapter-testkit';
import { mysqlTarget } from './support/db.js';

describeWithServer('mysql', 'adapter-mysql conformance', (server) => {
  const target = mysqlTarget(() => server.url());
  describeConformance(target);
  describeRandomConvergence(target);
});
