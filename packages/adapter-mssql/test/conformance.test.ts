/**
 * The shared conformance scenarios (`@odac/adapter-testkit`) against a real
 * SQL Server: `ODAC_TEST_MSSQL_URL`, otherwise visibly skipped. Each
 * scenario gets its own `odac_test_<suffix>` database, dropped afterwards.
 *
 * Never run in this repository's CI: no SQL Server there.
 */
import { describeConformance, describeWithServer } from '@odac/adapter-testkit';
import { mssqlTarget } from './support/db.js';

describeWithServer('mssql', 'adapter-mssql conformance', (server) => {
  // auto-increment-add/-drop need alterIdentity, which SQL Server lacks: skipped by capability, visibly.
  describeConformance(mssqlTarget(() => server.url()));
});
