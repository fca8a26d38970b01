/** Issue 9: a MariaDB/MySQL database ODAC.JS built with knex adopts with an empty plan under compat: 'odacjs'. */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { adoptionSuite } from './support/adoption-suite.js';

describeWithServer('mysql', 'adopting a database ODAC.JS built, on MariaDB/MySQL', (server) => {
  adoptionSuite(mysqlKind(() => server.url()));
});
