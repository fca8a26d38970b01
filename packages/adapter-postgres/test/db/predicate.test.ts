/**
 * The predicate printer against the real deparser: every simple predicate of
 * the unit test is added as a CHECK and read back with pg_get_expr.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import type { ColumnType } from '@odac/core';
import { normalizePredicate } from '../../src/predicate.js';
import { quote } from '../../src/quote.js';
import { typeSql } from '../../src/types.js';
import { cases, columns } from '../predicate-cases.js';
import { useDatabase } from '../helpers.js';

describeWithServer('postgres', 'postgres: predicates print like pg_get_expr', (server) => {
  const pg = useDatabase(server, 'all');
  beforeAll(async () => {
    const status = columns.get('status') as Extract<ColumnType, { kind: 'enum' }>;
    await pg.client.exec(`CREATE TYPE t_status_enum AS ENUM (${status.values.map((v) => `'${v}'`).join(', ')})`);
    const defs = [...columns].map(([name, type]) => `${quote(name)} ${typeSql(type, 't_status_enum')}`);
    await pg.client.exec(`CREATE TABLE t (${defs.join(', ')})`);
  });

  it.each(cases)('%s', async (input, expected) => {
    await pg.client.exec(`ALTER TABLE t ADD CONSTRAINT probe CHECK (${input})`);
    try {
      const [row] = await pg.client.query<{ expr: string }>(`SELECT pg_get_expr(conbin, conrelid) AS expr FROM pg_constraint WHERE conrelid = 't'::regclass AND conname = 'probe'`);
      expect(row?.expr).toBe(expected);
      expect(normalizePredicate(input, 't', columns)).toBe(row?.expr);
    } finally {
      await pg.client.exec('ALTER TABLE t DROP CONSTRAINT probe');
    }
  });
});
