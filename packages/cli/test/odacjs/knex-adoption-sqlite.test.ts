/** Issue 9: a SQLite database ODAC.JS built with knex adopts with an empty plan under compat: 'odacjs'. */
import { sqliteKind } from '../support/databases.js';
import { adoptionSuite } from './support/adoption-suite.js';

describe('adopting a database ODAC.JS built, on SQLite', () => {
  adoptionSuite(sqliteKind());
});
