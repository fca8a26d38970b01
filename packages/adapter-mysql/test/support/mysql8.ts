/**
 * A MySQL 8 server for the flavor-specific run: `ODAC_TEST_MYSQL8_URL`
 * when set; otherwise, where a Docker engine is reachable, a `mysql:8.0`
 * testcontainer (root user, so tests can create databases); otherwise one
 * visible line and a skipped suite. (`ODAC_TEST_MYSQL_URL` pointing at a
 * MySQL 8 server runs every database test against it too.)
 */
import { existsSync } from 'node:fs';

export const MYSQL8_ENV = 'ODAC_TEST_MYSQL8_URL';

function dockerReachable(): boolean {
  return Boolean(process.env['DOCKER_HOST']) || existsSync('/var/run/docker.sock');
}

interface Started {
  getConnectionUri(isRoot?: boolean): string;
  stop(): Promise<unknown>;
}

async function startMysql8(): Promise<Started> {
  const load = (name: string): Promise<Record<string, unknown>> => import(name) as Promise<Record<string, unknown>>;
  const mod = await load('@testcontainers/mysql');
  const C = mod['MySqlContainer'] as new (image: string) => { withRootPassword(p: string): { start(): Promise<Started> } };
  return new C('mysql:8.0').withRootPassword('odac').start();
}

/** `describe(title, body)` against MySQL 8 when one can be had; a visible skip otherwise. */
export function describeWithMysql8(title: string, body: (serverUrl: () => string) => void): void {
  const fromEnv = process.env[MYSQL8_ENV];
  let url = fromEnv ?? '';
  const serverUrl = (): string => {
    if (!url) throw new Error(`${title}: no MySQL 8 server URL (set ${MYSQL8_ENV}).`);
    return url;
  };
  if (fromEnv) {
    describe(title, () => body(serverUrl));
    return;
  }
  if (dockerReachable()) {
    describe(title, () => {
      let container: Started | undefined;
      beforeAll(async () => {
        container = await startMysql8();
        url = container.getConnectionUri(true);
      }, 300_000);
      afterAll(async () => {
        await container?.stop();
      });
      body(serverUrl);
    });
    return;
  }
  process.stderr.write(`[odac] ${title}: skipped, no MySQL 8 server (set ${MYSQL8_ENV}, or run a Docker engine for testcontainers).\n`);
  describe.skip(title, () => body(serverUrl));
}
