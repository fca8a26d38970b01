/**
 * The shared conformance scenarios (`@odac/adapter-testkit`) against a real
 * PostgreSQL: each scenario gets its own database, dropped afterwards.
 */
import { describeConformance, describeWithServer } from '@odac/adapter-testkit';
import { pgTarget } from './helpers.js';

describeWithServer('postgres', 'postgres adapter', (server) => {
  describeConformance(pgTarget(server));
});
