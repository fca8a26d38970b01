/**
 * The shared conformance scenarios (`@odac/adapter-testkit`) against a real
 * SQL Server: `ODAC_TEST_MSSQL_URL`, otherwise visibly skipped. Each
 * scenario gets its own `odac_test_<suffix>` database, dropped afterwards.
 *
 * Never run in this repository's CI: no SQL Server there.
 */
import { describeConformance, describeWithServer } from '@odac/adapter-testkit';
import { mssqlTarget } from './support/db.js';

const IDENTITY = 'SQL Server cannot add or remove the IDENTITY property of an existing column (the adapter refuses with PLAN.UNSUPPORTED)';

describeWithServer('mssql', 'adapter-mssql conformance', (server) => {
  describeConformance(mssqlTarget(() => server.url()), {
    skip: { 'auto-increment-add': IDENTITY, 'auto-increment-drop': IDENTITY },
  });
});
