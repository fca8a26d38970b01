/**
 * The index MySQL requires on foreign key columns: odac's desired schema
 * includes it (no churn), drops it with the key it was made for, and keeps
 * it through an action change. Also: a key made by hand (MySQL creates the
 * index itself) matches without churn, and an int vs int unsigned key is
 * refused before anything runs.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { foreignKeyIndexSuite } from '../suites/foreign-key-index.js';

describeWithServer('mysql', 'adapter-mysql: foreign key indexes', (server) => foreignKeyIndexSuite(() => server.url()));
