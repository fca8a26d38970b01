/** Issue 9 acceptance 1 on PostgreSQL: two databases on one server, credentials in odac.json through ${ENV}. See support/fixture-app.ts. */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { fixtureAppSuite } from './support/fixture-app.js';
import { serverDatabases } from './support/server-databases.js';

describeWithServer('postgres', 'the ODAC.JS fixture app on PostgreSQL', (server) => {
  fixtureAppSuite(postgresKind(() => server.url()), (main, analytics) => serverDatabases('postgres', main.url, analytics.url));
});
