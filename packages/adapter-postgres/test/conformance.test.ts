/**
 * The shared conformance scenarios (`@odac/adapter-testkit`) against a real
 * PostgreSQL: each scenario gets its own database, dropped afterwards.
 */
import { describeConformance, describeWithServer, type ConformanceTarget } from '@odac/adapter-testkit';
import adapter from '../src/index.js';
import { createTestDatabase, openClient } from './helpers.js';

describeWithServer('postgres', 'postgres adapter', (server) => {
  const target: ConformanceTarget = {
    adapter,
    createDatabase: () => createTestDatabase(server.url()),
    openClient: (url) => openClient(url),
  };
  describeConformance(target);
});
