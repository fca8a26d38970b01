/** Issue 9: the ODAC.JS engine's known defects, absent from odac on SQLite. */
import { sqliteKind } from '../support/databases.js';
import { defectsSuite } from './support/defects-suite.js';

describe('ODAC.JS defects odac does not have, on SQLite', () => {
  defectsSuite(sqliteKind());
});
