/** Seeds (`seed` + `seedKey`) on PostgreSQL: inserted once, updated column by column, a second run does nothing. */
import { describeWithServer } from '@odac/adapter-testkit';
import { postgresKind } from '../support/databases.js';
import { seedsSuite } from './support/seeds-suite.js';

describeWithServer('postgres', 'seeds on PostgreSQL', (server) => {
  seedsSuite(postgresKind(() => server.url()));
});
