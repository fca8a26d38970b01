/** Issue 9 acceptance 1 on MariaDB/MySQL: two databases on one server, credentials in odac.json through ${ENV}. See support/fixture-app.ts. */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { fixtureAppSuite } from './support/fixture-app.js';
import { serverDatabases } from './support/server-databases.js';

describeWithServer('mysql', 'the ODAC.JS fixture app on MariaDB', (server) => {
  fixtureAppSuite(mysqlKind(() => server.url()), (main, analytics) => serverDatabases('mariadb', main.url, analytics.url));
});
