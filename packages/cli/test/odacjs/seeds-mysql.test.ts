/** Seeds (`seed` + `seedKey`) on MySQL/MariaDB: inserted once, updated column by column, a second run does nothing. */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { seedsSuite } from './support/seeds-suite.js';

describeWithServer('mysql', 'seeds on MySQL/MariaDB', (server) => {
  seedsSuite(mysqlKind(() => server.url()));
});
