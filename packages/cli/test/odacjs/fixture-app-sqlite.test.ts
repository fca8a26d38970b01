/** Issue 9 acceptance 1 on SQLite: two database files, named in odac.json through ${ENV}. See support/fixture-app.ts. */
import path from 'node:path';
import { sqliteKind } from '../support/databases.js';
import { fixtureAppSuite } from './support/fixture-app.js';

describe('the ODAC.JS fixture app on SQLite', () => {
  fixtureAppSuite(sqliteKind(), (main, analytics) => {
    const mainFile = main.url.replace(/^sqlite:/, '');
    const analyticsFile = analytics.url.replace(/^sqlite:/, '');
    return {
      // The files live outside the project (the test made them), so the paths are absolute: one whole from the environment, one directory from .env.
      database: { default: { type: 'sqlite', filename: '${MAIN_DB_FILE}' }, analytics: { type: 'sqlite3', filename: '${ANALYTICS_DB_DIR}/' + path.basename(analyticsFile) } },
      env: { MAIN_DB_FILE: mainFile },
      dotenv: { ANALYTICS_DB_DIR: path.dirname(analyticsFile) },
      mainUrl: main.url,
      analyticsUrl: analytics.url,
    };
  });
});
