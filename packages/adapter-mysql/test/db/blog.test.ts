/**
 * Acceptance 1 and 2 of issue #4 on a real server: the blog migrates onto
 * an empty database, a second run plans nothing, SHOW CREATE TABLE shows
 * both FK actions; CASCADE → SET NULL is one ALTER per table and phase,
 * rows untouched, next plan empty.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { blogSuite } from '../suites/blog.js';

describeWithServer('mysql', 'adapter-mysql: blog example', (server) => blogSuite(() => server.url()));
