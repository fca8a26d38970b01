/**
 * The shared blog suite (`describeBlog`), with the example schema files, on
 * PostgreSQL, checking the key as `psql \d posts` prints it
 * (`pg_get_constraintdef`) and that the change runs inside the one
 * migration transaction.
 */
import * as path from 'node:path';
import { describeBlog, describeWithServer } from '@odac/adapter-testkit';
import { openClient, pgTarget } from '../helpers.js';

async function postsKeys(url: string): Promise<string[]> {
  const client = await openClient(url);
  try {
    const rows = await client.query<{ def: string }>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'posts'::regclass AND contype = 'f'`);
    return rows.map((r) => r.def);
  } finally {
    await client.close();
  }
}

describeWithServer('postgres', 'postgres: blog', (server) => {
  describeBlog(pgTarget(server), {
    exampleDir: path.resolve(__dirname, '../../../../examples/blog/schema'),
    afterCreate: async (url) => {
      expect(await postsKeys(url)).toEqual(['FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE']);
    },
    afterChange: async (url, result) => {
      expect(result.statements.map((s) => s.transactional)).toEqual([true, true]);
      expect(await postsKeys(url)).toEqual(['FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE SET NULL']);
    },
  });
});
