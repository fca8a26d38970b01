/**
 * Everything the adapter reads back must equal what `normalize` predicts:
 * defaults of every literal kind and CURRENT_TIMESTAMP, ON UPDATE, checks,
 * comments, json, enum, character sets, native indexes. A second plan is
 * empty.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { roundTripSuite } from '../suites/round-trip.js';

describeWithServer('mysql', 'adapter-mysql: round trip', (server) => roundTripSuite(() => server.url()));
