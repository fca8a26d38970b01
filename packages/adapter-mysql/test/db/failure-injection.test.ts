/**
 * Acceptance 3 of issue #4: MySQL cannot roll DDL back, so a migration that
 * stops after its k-th statement leaves a partial state. For every k of a
 * multi-table plan: the error says exactly what ran, a re-run converges,
 * and no row is lost.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { failureInjectionSuite } from '../suites/failure-injection.js';

describeWithServer('mysql', 'adapter-mysql: failure after statement k', (server) => failureInjectionSuite(() => server.url()));
