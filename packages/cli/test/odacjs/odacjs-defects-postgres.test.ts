/** Issue 9: the ODAC.JS engine's known defects, absent from odac on PostgreSQL. */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { defectsSuite } from './support/defects-suite.js';

describeWithServer('postgres', 'ODAC.JS defects odac does not have, on PostgreSQL', (server) => {
  defectsSuite(postgresKind(() => server.url()));
});
