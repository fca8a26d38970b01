/**
 * The shared conformance scenarios (`@odac/adapter-testkit`) against a real
 * MySQL / MariaDB server: `ODAC_TEST_MYSQL_URL`, or testcontainers where
 * Docker is reachable. Each scenario gets its own `odac_test_<suffix>`
 * database, dropped afterwards.
 */
import { describeConformance, describeWithServer } from '@odac/adapter-testkit';
import { mysqlTarget } from './support/db.js';

describeWithServer('mysql', 'adapter-mysql conformance', (server) => {
  describeConformance(mysqlTarget(() => server.url()));
});
