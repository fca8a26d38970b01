/**
 * The database tests again on MySQL 8 (the default server here is MariaDB):
 * same scenarios, the other flavor's catalog spellings.
 */
import { describeBlog, describeConformance } from '@odac/adapter-testkit';
import { blogChecks } from './suites/blog.js';
import { concurrencySuite } from './suites/concurrency.js';
import { failureInjectionSuite } from './suites/failure-injection.js';
import { foreignKeyIndexSuite } from './suites/foreign-key-index.js';
import { introspectionCostSuite } from './suites/introspect-queries.js';
import { onlineSuite } from './suites/online.js';
import { roundTripSuite } from './suites/round-trip.js';
import { mysqlTarget } from './support/db.js';
import { describeWithMysql8 } from './support/mysql8.js';

describeWithMysql8('adapter-mysql on MySQL 8', (serverUrl) => {
  describeBlog(mysqlTarget(serverUrl), blogChecks);
  describe('failure after statement k', () => failureInjectionSuite(serverUrl));
  describe('concurrent migrations', () => concurrencySuite(serverUrl));
  describe('foreign key indexes', () => foreignKeyIndexSuite(serverUrl));
  describe('round trip', () => roundTripSuite(serverUrl));
  describe('online changes', () => onlineSuite(serverUrl));
  describe('introspection cost', () => introspectionCostSuite(serverUrl));
  describeConformance(mysqlTarget(serverUrl));
});
