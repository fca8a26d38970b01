/**
 * Bad connections and secrets (issue 12, defects 4, 8 and 9): servers that
 * accept and never answer, answer the handshake and then go silent, drop the
 * connection, refuse it; wrong passwords, wrong databases, malformed URLs.
 * Every case ends with one clear paragraph within a bounded time, and the
 * password never appears in plain, `--json` or `--verbose` output.
 */
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from '@odac/adapter-mysql';
import postgres from '@odac/adapter-postgres';
import sqlite from '@odac/adapter-sqlite';
import { describeWithServer } from '@odac/adapter-testkit';
import { importerWith } from '../helpers/importer.js';
import { runCli, type RunResult } from '../helpers/streams.js';

const importModule = importerWith({
  '@odac/adapter-postgres': { default: postgres },
  '@odac/adapter-mysql': { default: mysql },
  '@odac/adapter-sqlite': { default: sqlite },
});

const SECRET = 'Sup3r-s3cret';

/** A TCP server running `onSocket` for each connection, on a free port. */
async function fakeServer(onSocket: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers PostgreSQL's startup message with AuthenticationOk + ReadyForQuery, then never answers a query. */
function pgHandshakeThenSilence(socket: net.Socket): void {
  socket.once('data', () => {
    const auth = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
    const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
    socket.write(Buffer.concat([auth, ready]));
  });
}

let project: string;
beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'odac-bad-conn-'));
  mkdirSync(path.join(project, 'schema'));
  writeFileSync(path.join(project, 'schema', 'items.js'), "module.exports = { columns: { id: { type: 'increments' } } };\n");
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** `odac plan` in the three output modes; each must fail with `code` and never print the secret. */
async function planEveryWay(url: string, extra: readonly string[] = []): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const mode of [[], ['--json'], ['--verbose']]) {
    const result = await runCli(['plan', '--url', url, '--schema', path.join(project, 'schema'), ...extra, ...mode], { importModule, cwd: project });
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
    expect(`${result.stdout}${result.stderr}`).not.toContain(encodeURIComponent(SECRET));
    results.push(result);
  }
  return results;
}

function errorCode(result: RunResult): string | undefined {
  return /error\[([A-Z_.]+)\]/.exec(result.stderr)?.[1];
}

describe('servers that never answer', () => {
  it('postgres: a listener that accepts and stays silent fails with CONNECT.TIMEOUT after --connect-timeout', async () => {
    const server = await fakeServer(() => undefined);
    try {
      const started = Date.now();
      const [plain, json] = await planEveryWay(`postgres://app:${SECRET}@127.0.0.1:${server.port}/shop`, ['--connect-timeout', '400']);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(plain!.code).toBe(1);
      expect(errorCode(plain!)).toBe('CONNECT.TIMEOUT');
      expect(plain!.stderr).toContain('127.0.0.1');
      expect(plain!.stderr).toContain('did not accept the connection within 0.4 s');
      expect(plain!.stderr).not.toMatch(/\n\s+at /);
      expect(JSON.parse(json!.stdout).error.code).toBe('CONNECT.TIMEOUT');
    } finally {
      await server.close();
    }
  });

  it('postgres: the URL parameter connect_timeout (seconds, as in libpq) bounds the wait too', async () => {
    const server = await fakeServer(() => undefined);
    try {
      const { code, stderr } = await runCli(['plan', '--url', `postgres://app@127.0.0.1:${server.port}/shop?connect_timeout=1`, '--schema', path.join(project, 'schema')], { importModule, cwd: project });
      expect(code).toBe(1);
      expect(stderr).toContain('within 1 s');
    } finally {
      await server.close();
    }
  });

  it('postgres: a server that finishes the handshake and then never answers a query fails with CONNECT.TIMEOUT after --query-timeout', async () => {
    const server = await fakeServer(pgHandshakeThenSilence);
    try {
      const started = Date.now();
      const [plain] = await planEveryWay(`postgres://app:${SECRET}@127.0.0.1:${server.port}/shop`, ['--query-timeout', '400']);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(errorCode(plain!)).toBe('CONNECT.TIMEOUT');
      expect(plain!.stderr).toContain('did not answer a catalog query within 0.4 s');
    } finally {
      await server.close();
    }
  });

  it('mysql: a listener that accepts and stays silent fails with CONNECT.TIMEOUT after --connect-timeout', async () => {
    const server = await fakeServer(() => undefined);
    try {
      const started = Date.now();
      const [plain] = await planEveryWay(`mysql://app:${SECRET}@127.0.0.1:${server.port}/shop`, ['--connect-timeout', '400']);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(errorCode(plain!)).toBe('CONNECT.TIMEOUT');
      expect(plain!.stderr).toContain('did not accept the connection within 0.4 s');
    } finally {
      await server.close();
    }
  });

  it.each([
    ['postgres', (port: number) => `postgres://app:${SECRET}@127.0.0.1:${port}/shop`],
    ['mysql', (port: number) => `mysql://app:${SECRET}@127.0.0.1:${port}/shop`],
  ])('%s: a server that drops the connection at once is a CONNECT.FAILED naming the server', async (_name, url) => {
    const server = await fakeServer((socket) => socket.destroy());
    try {
      const [plain] = await planEveryWay(url(server.port));
      expect(errorCode(plain!)).toBe('CONNECT.FAILED');
      expect(plain!.stderr).toContain(`127.0.0.1:${server.port}`);
    } finally {
      await server.close();
    }
  });

  it('rejects a non-numeric timeout flag with the flag named', async () => {
    const { code, stderr } = await runCli(['plan', '--url', 'postgres://app@127.0.0.1:1/shop', '--connect-timeout', '-5'], { importModule, cwd: project });
    expect(code).toBe(1);
    expect(stderr).toContain('--connect-timeout must be a positive whole number of milliseconds');
  });
});

describe('URLs that are wrong', () => {
  it.each([
    ['postgres sslmode=bogus', `postgres://app:${SECRET}@127.0.0.1:1/shop?sslmode=bogus`, 'sslmode=bogus'],
    ['postgres ssl=maybe', `postgres://app:${SECRET}@127.0.0.1:1/shop?ssl=maybe`, 'ssl=maybe'],
    ['postgres connect_timeout=abc', `postgres://app:${SECRET}@127.0.0.1:1/shop?connect_timeout=abc`, 'connect_timeout=abc'],
    ['mysql ssl=maybe', `mysql://app:${SECRET}@127.0.0.1:1/shop?ssl=maybe`, 'ssl=maybe'],
    ['mysql connectTimeout=abc', `mysql://app:${SECRET}@127.0.0.1:1/shop?connectTimeout=abc`, 'connectTimeout=abc'],
  ])('%s is refused before connecting, naming the parameter', async (_name, url, named) => {
    const [plain] = await planEveryWay(url);
    expect(errorCode(plain!)).toBe('CONNECT.BAD_URL');
    expect(plain!.stderr).toContain(named);
  });

  it.each([
    ['postgres', `postgres://app:${SECRET.slice(0, 4)}#${SECRET.slice(4)}@db.internal:5432/shop`],
    ['mysql', `mysql://app:${SECRET.slice(0, 4)}#${SECRET.slice(4)}@db.internal:3306/shop`],
  ])('%s: an unencoded # in the password is named as the cause, no piece of the password is shown as host or database', async (_name, url) => {
    for (const result of await planEveryWay(url)) {
      expect(result.code).toBe(1);
      const out = `${result.stdout}${result.stderr}`;
      expect(out).toContain('CONNECT.BAD_URL');
      expect(out).toContain('percent-encode');
      expect(out).not.toContain(SECRET.slice(0, 4));
      expect(out).not.toContain(SECRET.slice(4));
    }
  });

  it('sqlite: credentials in the URL are dropped and never printed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odac-sqlite-cred-'));
    try {
      const [plain] = await planEveryWay(`sqlite://user:${SECRET}@${path.join(dir, 'missing', 'app.db')}`);
      expect(errorCode(plain!)).toBe('CONNECT.FAILED');
      expect(plain!.stderr).toContain(path.join(dir, 'missing'));
      const migrated = await runCli(['migrate', '--yes', '--url', `sqlite://user:${SECRET}@${path.join(dir, 'app.db')}`, '--schema', path.join(project, 'schema')], { importModule, cwd: project });
      expect(migrated.code).toBe(0);
      expect(`${migrated.stdout}${migrated.stderr}`).not.toContain(SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithServer('postgres', 'postgres: real server, wrong database', (server) => {
  it('names host and database, never the password', async () => {
    const u = new URL(server.url());
    u.password = SECRET;
    u.pathname = '/odac_no_such_database_here';
    const [plain] = await planEveryWay(u.toString());
    expect(errorCode(plain!)).toBe('CONNECT.FAILED');
    expect(plain!.stderr).toContain('odac_no_such_database_here');
  });
});

describeWithServer('mysql', 'mysql: real server, wrong password and wrong database', (server) => {
  it('a wrong password is CONNECT.FAILED without the password', async () => {
    const u = new URL(server.url());
    u.username = 'odac_nobody';
    u.password = SECRET;
    const [plain] = await planEveryWay(u.toString());
    expect(errorCode(plain!)).toBe('CONNECT.FAILED');
  });

  it('a wrong database is CONNECT.FAILED naming it', async () => {
    const u = new URL(server.url());
    u.pathname = '/odac_no_such_database_here';
    const [plain] = await planEveryWay(u.toString());
    expect(errorCode(plain!)).toBe('CONNECT.FAILED');
    expect(plain!.stderr).toContain('odac_no_such_database_here');
  });
});
