/**
 * `pnpm test` without ODAC_TEST_*_URL: jest's globalSetup uses PostgreSQL and
 * MariaDB on their default local ports when they answer, and says so.
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const SETUP = path.resolve(__dirname, '..', '..', '..', 'scripts', 'jest-global-setup.cjs');

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function runSetup(): { stderr: string; env: Record<string, string | null> } {
  const env = { ...process.env };
  delete env['ODAC_TEST_PG_URL'];
  delete env['ODAC_TEST_MYSQL_URL'];
  const script = `require(${JSON.stringify(SETUP)})().then(() => console.log(JSON.stringify({ pg: process.env.ODAC_TEST_PG_URL ?? null, mysql: process.env.ODAC_TEST_MYSQL_URL ?? null })))`;
  const r = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { stderr: r.stderr, env: JSON.parse(r.stdout) as Record<string, string | null> };
}

describe('default local servers', () => {
  it('sets the URL of each server that answers on its default port, and says so; leaves the others unset', async () => {
    const { stderr, env } = runSetup();
    const cases = [
      { key: 'pg', port: 5432, variable: 'ODAC_TEST_PG_URL', url: 'postgres://postgres@127.0.0.1:5432/test' },
      { key: 'mysql', port: 3306, variable: 'ODAC_TEST_MYSQL_URL', url: 'mysql://root@127.0.0.1:3306/test' },
    ];
    for (const c of cases) {
      if (await answers(c.port)) {
        expect(env[c.key]).toBe(c.url);
        expect(stderr).toContain(`${c.variable} is not set: using`);
      } else {
        expect(env[c.key]).toBeNull();
        expect(stderr).toContain(`nothing answers on 127.0.0.1:${c.port}`);
      }
    }
  });

  it('never overrides a URL that is set', () => {
    const script = `process.env.ODAC_TEST_PG_URL = 'postgres://x@example.invalid/db'; require(${JSON.stringify(SETUP)})().then(() => console.log(process.env.ODAC_TEST_PG_URL))`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('postgres://x@example.invalid/db');
    expect(r.stderr).not.toContain('ODAC_TEST_PG_URL');
  });
});
