/**
 * Acceptance 1 with the real example files (`examples/blog/schema`), through
 * the schema loader: migrate, then a second run plans nothing.
 */
import * as path from 'node:path';
import { describeWithServer, type TestDatabase } from '@odac/adapter-testkit';
import { migrate, plan } from '@odac/core';
import adapter from '../../src/index.js';
import { createTestDatabase, openClient } from '../helpers.js';

const schemaDir = path.resolve(__dirname, '../../../../examples/blog/schema');

describeWithServer('postgres', 'postgres: examples/blog', (server) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(server.url());
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('migrates the example, then plans zero operations', async () => {
    const first = await migrate({ adapter, url: db.url, schemaDir });
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.remaining).toEqual([]);
    const second = await plan({ adapter, url: db.url, schemaDir });
    expect(second.plan.operations).toEqual([]);
    const client = await openClient(db.url);
    try {
      const rows = await client.query<{ def: string }>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'posts'::regclass AND contype = 'f'`,
      );
      expect(rows.map((r) => r.def)).toEqual(['FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE']);
    } finally {
      await client.close();
    }
  });
});
