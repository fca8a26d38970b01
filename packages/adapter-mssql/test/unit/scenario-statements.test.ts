/**
 * The SQL and lock levels the conformance scenarios expect of SQL Server,
 * checked on emit alone: no SQL Server here, so the conformance suite that
 * checks them on a real server is skipped (see ../conformance.test.ts).
 */
import { describeScenarioStatements } from '@odac/adapter-testkit';
import adapter from '../../src/index.js';

describeScenarioStatements(adapter);
