/** Data migration files (`migration/*.js`) on MySQL/MariaDB: run once in order, recorded as ODAC.JS records them, rolled back by batch. */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { dataMigrationsSuite } from './support/data-migrations-suite.js';

describeWithServer('mysql', 'data migrations on MySQL/MariaDB', (server) => {
  dataMigrationsSuite(mysqlKind(() => server.url()));
});
