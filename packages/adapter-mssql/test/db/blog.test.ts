/**
 * The shared blog suite (`describeBlog`) on a real SQL Server, plus
 * sys.foreign_keys' view of posts' key before and after CASCADE → SET NULL.
 *
 * Runs only with ODAC_TEST_MSSQL_URL; never run in this repository's CI.
 */
import { describeBlog, describeWithServer } from '@odac/adapter-testkit';
import { mssqlTarget, query } from '../support/db.js';

const postsKeys = (url: string) =>
  query(
    url,
    "SELECT name, delete_referential_action_desc AS on_delete, update_referential_action_desc AS on_update FROM sys.foreign_keys WHERE parent_object_id = OBJECT_ID(N'[posts]')",
  );

describeWithServer('mssql', 'adapter-mssql', (server) => {
  describeBlog(mssqlTarget(() => server.url()), {
    afterCreate: async (url) => {
      expect(await postsKeys(url)).toEqual([{ name: 'fk_posts_user_id', on_delete: 'CASCADE', on_update: 'CASCADE' }]);
    },
    afterChange: async (url) => {
      expect(await postsKeys(url)).toEqual([{ name: 'fk_posts_user_id', on_delete: 'SET_NULL', on_update: 'CASCADE' }]);
    },
  });
});
