/** Seeds (`seed` + `seedKey`) on SQLite: inserted once, updated column by column, a second run does nothing. */
import { sqliteKind } from '../support/databases.js';
import { seedsSuite } from './support/seeds-suite.js';

describe('seeds on SQLite', () => {
  seedsSuite(sqliteKind());
});
