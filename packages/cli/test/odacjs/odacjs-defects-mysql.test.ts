/** Issue 9: the ODAC.JS engine's known defects, absent from odac on MariaDB/MySQL. */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { defectsSuite } from './support/defects-suite.js';

describeWithServer('mysql', 'ODAC.JS defects odac does not have, on MariaDB/MySQL', (server) => {
  defectsSuite(mysqlKind(() => server.url()));
});
