/**
 * `plan --from <url> --to <dir>` (and the other way round) compares checks
 * and partial-index predicates as the database of the URL prints them: the
 * files' `price > 0` is `(price > (0)::numeric)` in the catalog, and the
 * offline diff still finds nothing to do (ARCHITECTURE rule 10: no hand
 * printer stands in for the server).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from '@odac/adapter-postgres';
import { describeWithServer } from '@odac/adapter-testkit';
import { importerWith } from './helpers/importer.js';
import { runCli } from './helpers/streams.js';
import { postgresKind } from './support/databases.js';

const importModule = importerWith({ '@odac/adapter-postgres': { default: postgres } });

const ORDERS = `module.exports = {
  columns: {
    id: { type: 'increments' },
    price: { type: 'decimal', precision: 10, scale: 2 },
    status: { type: 'string', length: 20 },
    deleted_at: { type: 'datetime', nullable: true },
  },
  indexes: [{ columns: ['status'], where: 'deleted_at IS NULL' }],
  checks: [{ expression: 'price > 0' }, { expression: "status IN ('open', 'done')" }],
};
`;

describeWithServer('postgres', 'offline plan against a PostgreSQL URL', (server) => {
  const pg = postgresKind(() => server.url());
  let dir = '';
  let url = '';
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'odac-offline-pg-'));
    writeFileSync(path.join(dir, 'orders.js'), ORDERS);
    ({ url, drop } = await pg.create());
    const migrated = await runCli(['migrate', '--url', url, '--schema', dir], { importModule, cwd: dir });
    expect(migrated.code).toBe(0);
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the catalog spells the expressions otherwise than the files', async () => {
    const conn = await postgres.connect(url);
    try {
      const [orders] = (await conn.introspect()).tables;
      expect(orders?.checks?.map((c) => c.expression)).not.toContain('price > 0');
      expect(orders?.indexes.map((i) => i.where)).not.toContain('deleted_at IS NULL');
    } finally {
      await conn.close();
    }
  });

  it.each([
    ['--from <url> --to <dir>', () => ['--from', url, '--to', dir]],
    ['--from <dir> --to <url>', () => ['--from', dir, '--to', url]],
  ])('%s plans nothing', async (_label, sides) => {
    const r = await runCli(['plan', '--dialect', 'postgres', ...sides(), '--sql'], { importModule, cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a real change is still planned (the old check stays: dropping it is destructive)', async () => {
    writeFileSync(path.join(dir, 'orders.js'), ORDERS.replace('price > 0', 'price >= 1'));
    try {
      const r = await runCli(['plan', '--dialect', 'postgres', '--from', url, '--to', dir, '--sql'], { importModule, cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/ADD CONSTRAINT "[^"]+" CHECK \(\(price >= \(1\)::numeric\)\)/);
    } finally {
      writeFileSync(path.join(dir, 'orders.js'), ORDERS);
    }
  });
});
