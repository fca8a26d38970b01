/** Data migration files (`migration/*.js`) on PostgreSQL: run once in order, recorded as ODAC.JS records them, rolled back by batch. */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { dataMigrationsSuite } from './support/data-migrations-suite.js';

describeWithServer('postgres', 'data migrations on PostgreSQL', (server) => {
  dataMigrationsSuite(postgresKind(() => server.url()));
});
