/**
 * The predicate printer against the real deparser: every simple predicate of
 * the unit test is added as a CHECK and read back with pg_get_expr.
 */
import { describeWithServer, type TestDatabase } from '@odac/adapter-testkit';
import type { ColumnType } from '@odac/core';
import { normalizePredicate } from '../../src/predicate.js';
import { quote } from '../../src/quote.js';
import { typeSql } from '../../src/types.js';
import { cases, columns } from '../predicate-cases.js';
import { createTestDatabase, openClient, type PgTestClient } from '../helpers.js';

describeWithServer('postgres', 'postgres: predicates print like pg_get_expr', (server) => {
  let db: TestDatabase;
  let client: PgTestClient;
  beforeAll(async () => {
    db = await createTestDatabase(server.url());
    client = await openClient(db.url);
    const status = columns.get('status') as Extract<ColumnType, { kind: 'enum' }>;
    await client.exec(`CREATE TYPE t_status_enum AS ENUM (${status.values.map((v) => `'${v}'`).join(', ')})`);
    const defs = [...columns].map(([name, type]) => `${quote(name)} ${typeSql(type, 't_status_enum')}`);
    await client.exec(`CREATE TABLE t (${defs.join(', ')})`);
  });
  afterAll(async () => {
    await client?.close();
    await db?.drop();
  });

  it.each(cases)('%s', async (input, expected) => {
    await client.exec(`ALTER TABLE t ADD CONSTRAINT probe CHECK (${input})`);
    try {
      const [row] = await client.query<{ expr: string }>(`SELECT pg_get_expr(conbin, conrelid) AS expr FROM pg_constraint WHERE conrelid = 't'::regclass AND conname = 'probe'`);
      expect(row?.expr).toBe(expected);
      expect(normalizePredicate(input, 't', columns)).toBe(row?.expr);
    } finally {
      await client.exec('ALTER TABLE t DROP CONSTRAINT probe');
    }
  });
});
