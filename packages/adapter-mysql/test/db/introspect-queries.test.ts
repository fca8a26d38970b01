/**
 * Introspection costs a fixed number of catalog queries, whatever the
 * number of tables, and reads the server flavor once at connect.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { introspectionCostSuite } from '../suites/introspect-queries.js';

describeWithServer('mysql', 'adapter-mysql: introspection cost', (server) => introspectionCostSuite(() => server.url()));
