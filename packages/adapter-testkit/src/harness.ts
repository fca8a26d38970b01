/**
 * Finding a database server for integration tests.
 *
 * A URL from the environment wins (`ODAC_TEST_PG_URL`, `ODAC_TEST_MYSQL_URL`,
 * `ODAC_TEST_MSSQL_URL`). Without one, where a Docker engine is reachable,
 * testcontainers starts a server. Without either, the suite says so in one
 * visible line and is skipped, except under `CI=true` for PostgreSQL and
 * MySQL/MariaDB, where an unreachable server is a failure, never a skip.
 */
import { existsSync } from 'node:fs';

export type ServerKind = 'postgres' | 'mysql' | 'mssql';

export const SERVER_ENV: Readonly<Record<ServerKind, string>> = {
  postgres: 'ODAC_TEST_PG_URL',
  mysql: 'ODAC_TEST_MYSQL_URL',
  mssql: 'ODAC_TEST_MSSQL_URL',
};

export interface ServerHandle {
  /** The server URL; valid inside tests and hooks (after `beforeAll`). */
  url(): string;
}

function dockerReachable(): boolean {
  if (process.env['DOCKER_HOST']) return true;
  return existsSync('/var/run/docker.sock');
}

interface StartedContainer {
  url: string;
  stop(): Promise<unknown>;
}

// Loaded only when Docker is reachable, so testcontainers stays optional.
async function startContainer(kind: ServerKind): Promise<StartedContainer> {
  const load = (name: string): Promise<Record<string, unknown>> => import(name) as Promise<Record<string, unknown>>;
  type Ctor = new (image: string) => {
    start(): Promise<{ getConnectionUri(): string; stop(): Promise<unknown> }>;
  };
  if (kind === 'postgres') {
    const mod = await load('@testcontainers/postgresql');
    const C = mod['PostgreSqlContainer'] as Ctor;
    const started = await new C('postgres:15-alpine').start();
    return { url: started.getConnectionUri(), stop: () => started.stop() };
  }
  if (kind === 'mysql') {
    const mod = await load('@testcontainers/mariadb');
    const C = mod['MariaDbContainer'] as Ctor;
    const started = await new C('mariadb:10.11').start();
    return { url: started.getConnectionUri().replace(/^mariadb:/, 'mysql:'), stop: () => started.stop() };
  }
  throw new Error('No testcontainers recipe for SQL Server; set ODAC_TEST_MSSQL_URL.');
}

/**
 * `describe(title, body)` when a server of `kind` can be had; otherwise a
 * visible skip, or under CI a failing test for PostgreSQL and MySQL.
 */
export function describeWithServer(kind: ServerKind, title: string, body: (server: ServerHandle) => void): void {
  const envVar = SERVER_ENV[kind];
  const fromEnv = process.env[envVar];
  let url = fromEnv ?? '';
  const handle: ServerHandle = {
    url() {
      if (!url) throw new Error(`${title}: no ${kind} server URL (set ${envVar}).`);
      return url;
    },
  };

  if (fromEnv) {
    describe(title, () => body(handle));
    return;
  }
  if (dockerReachable()) {
    describe(title, () => {
      let container: StartedContainer | undefined;
      beforeAll(async () => {
        container = await startContainer(kind);
        url = container.url;
      }, 180_000);
      afterAll(async () => {
        await container?.stop();
      });
      body(handle);
    });
    return;
  }
  const message = `${title}: skipped, no ${kind} server (set ${envVar}, or run a Docker engine for testcontainers).`;
  if (process.env['CI'] === 'true' && kind !== 'mssql') {
    describe(title, () => {
      it(`reaches a ${kind} server`, () => {
        throw new Error(`${message.replace('skipped', 'FAILED')} Under CI=true a ${kind} suite must run.`);
      });
    });
    return;
  }
  // One visible line, then the suite is reported as skipped by jest.
  process.stderr.write(`[odac] ${message}\n`);
  describe.skip(title, () => body(handle));
}

/** A short random suffix for database and file names. */
export function uniqueSuffix(): string {
  return `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
