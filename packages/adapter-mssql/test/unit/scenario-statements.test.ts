/**
 * The SQL and lock levels the conformance scenarios and the blog expect of
 * SQL Server, checked on emit alone: no SQL Server here, so the suites that
 * check them on a real server are skipped (see ../conformance.test.ts).
 */
import { blogPostsUserSetNull, describeScenarioStatements, scenarios } from '@odac/adapter-testkit';
import adapter from '../../src/index.js';

describeScenarioStatements(adapter, { scenarios: [...scenarios, blogPostsUserSetNull] });
