/** Issue 9: a PostgreSQL database ODAC.JS built with knex adopts with an empty plan under compat: 'odacjs'. */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { adoptionSuite } from './support/adoption-suite.js';

describeWithServer('postgres', 'adopting a database ODAC.JS built, on PostgreSQL', (server) => {
  adoptionSuite(postgresKind(() => server.url()));
});
