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
import { migrate, OdacError, plan, type Column, type Schema } from '@odac/core';
import { mysqlDb, odacRun, postgresDb, sleep, type Row } from './support.js';

const idColumn: Column = { name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true };
const qty: Column = { name: 'qty', type: { kind: 'integer', size: 'regular' }, nullable: true };
const before: Schema = { tables: [{ name: 'items', columns: [idColumn, qty], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [] }] };
const after: Schema = {
  tables: [{ name: 'items', columns: [idColumn, qty, { name: 'note', type: { kind: 'string', length: 40 }, nullable: true }], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [] }],
};

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

  it('postgres: a server that drops the connection in the middle of reading the catalog is CONNECT.LOST, nothing changed', async () => {
    const server = await fakeServer((socket) => {
      pgHandshakeThenSilence(socket);
      // The first query after the handshake: the server goes away.
      socket.once('data', () => socket.once('data', () => socket.destroy()));
    });
    try {
      const [plain, json] = await planEveryWay(`postgres://app:${SECRET}@127.0.0.1:${server.port}/shop`);
      expect(errorCode(plain!)).toBe('CONNECT.LOST');
      expect(plain!.stderr).toContain(`127.0.0.1:${server.port}`);
      expect(plain!.stderr).toContain('nothing was changed');
      expect(JSON.parse(json!.stdout).error.code).toBe('CONNECT.LOST');
    } finally {
      await server.close();
    }
  });

  it('a --to-url that cannot be reached is named as the --to-url database', async () => {
    const { code, stderr } = await runCli(['plan', '--url', `sqlite:${path.join(project, 'x.db')}`, '--to-url', `postgres://app:${SECRET}@127.0.0.1:1/desired`], { importModule, cwd: project });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error\[CONNECT\.FAILED\]/);
    expect(stderr).toContain('This is the --to-url database');
    expect(stderr).not.toContain('DATABASE_URL');
    expect(stderr).not.toContain(SECRET);
  });

  it.each([['--lock-timeout'], ['--connect-timeout'], ['--concurrency']])('%s abc says the value is not a number (not "NaN")', async (flag) => {
    const { code, stderr } = await runCli(['plan', '--url', 'postgres://app@127.0.0.1:1/shop', flag, 'abc'], { importModule, cwd: project });
    expect(code).toBe(1);
    expect(stderr).toContain(`${flag} must be`);
    expect(stderr).toContain('not a number');
    expect(stderr).not.toContain('NaN');
  });

  it('rejects a non-numeric timeout flag with the flag named', async () => {
    const { code, stderr } = await runCli(['plan', '--url', 'postgres://app@127.0.0.1:1/shop', '--connect-timeout', '-5'], { importModule, cwd: project });
    expect(code).toBe(1);
    expect(stderr).toContain('--connect-timeout must be a positive whole number of milliseconds');
  });
});

describe('URL-encoded passwords', () => {
  const raw = 'p@ss/w#rd:Sup3r';
  it.each([
    ['postgres', `postgres://app:${encodeURIComponent(raw)}@127.0.0.1:1/shop`],
    ['mysql', `mysql://app:${encodeURIComponent(raw)}@127.0.0.1:1/shop`],
  ])('%s: neither the encoded nor the decoded password is printed, in any output mode', async (_name, url) => {
    for (const mode of [[], ['--json'], ['--verbose']]) {
      const result = await runCli(['plan', '--url', url, '--schema', path.join(project, 'schema'), ...mode], { importModule, cwd: project });
      const out = `${result.stdout}${result.stderr}`;
      expect(result.code).toBe(1);
      expect(out).toContain('CONNECT.FAILED');
      expect(out).not.toContain(raw);
      expect(out).not.toContain(encodeURIComponent(raw));
      expect(out).not.toContain('Sup3r');
    }
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

describeWithServer('postgres', 'postgres: TLS demanded but unavailable, and a session ended mid-apply', (server) => {
  it('sslmode=require against a server without TLS is CONNECT.FAILED saying so', async () => {
    const u = new URL(server.url());
    u.password = SECRET;
    u.searchParams.set('sslmode', 'require');
    const [plain] = await planEveryWay(u.toString());
    expect(errorCode(plain!)).toBe('CONNECT.FAILED');
    expect(plain!.stderr).toMatch(/does not support SSL/);
  });

  it("pg's SSL-mode notice does not leak into odac's output (a real process, where Node prints warnings)", async () => {
    const u = new URL(server.url());
    u.searchParams.set('sslmode', 'require');
    const result = await odacRun(['plan', '--url', u.toString(), '--schema', path.join(project, 'schema')], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error\[CONNECT\.FAILED\].*does not support SSL/);
    expect(result.stderr).not.toContain('SECURITY WARNING');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('the migrating session terminated while it waits for a lock: clear error, nothing applied, the next run converges', async () => {
    const db = await postgresDb(server.url());
    try {
      await migrate({ adapter: postgres, url: db.url, schema: before });
      await db.exec('INSERT INTO items (qty) VALUES (1), (2)');
      const locker = await db.session();
      await locker.exec('BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
      const run = migrate({ adapter: postgres, url: db.url, schema: after, connectOptions: { lockTimeoutMs: 30_000 } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const blocked = "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
      let pids: Row[] = [];
      for (let i = 0; i < 200 && pids.length === 0; i++) {
        pids = await db.rows(blocked);
        if (pids.length === 0) await sleep(25);
      }
      expect(pids).toHaveLength(1);
      await db.exec(`SELECT pg_terminate_backend(${Number(pids[0]!['pid'])})`);
      const error = await run;
      await locker.exec('COMMIT');
      expect(error).toBeInstanceOf(OdacError);
      expect((error as OdacError).message).toMatch(/terminat/i);
      expect((error as OdacError).message).not.toMatch(/\n\s+at /);
      expect((await plan({ adapter: postgres, url: db.url, schema: before })).plan.operations).toEqual([]);
      expect(await db.rows('SELECT COUNT(*)::int AS n FROM items')).toEqual([{ n: 2 }]);
      await migrate({ adapter: postgres, url: db.url, schema: after });
      expect((await plan({ adapter: postgres, url: db.url, schema: after })).plan.operations).toEqual([]);
    } finally {
      await db.drop();
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

describeWithServer('mysql', 'mysql: TLS demanded but unavailable, and a session killed mid-apply', (server) => {
  it('ssl=true against a server without TLS is CONNECT.FAILED saying so', async () => {
    const u = new URL(server.url());
    u.searchParams.set('ssl', 'true');
    const [plain] = await planEveryWay(u.toString());
    expect(errorCode(plain!)).toBe('CONNECT.FAILED');
    expect(plain!.stderr).toMatch(/secure connection|SSL|TLS/i);
  });

  it('the migrating session killed while it waits for a metadata lock: clear error, the next run converges with every row', async () => {
    const db = await mysqlDb(server.url());
    try {
      await migrate({ adapter: mysql, url: db.url, schema: before });
      await db.exec('INSERT INTO items (qty) VALUES (1), (2)');
      const locker = await db.session();
      await locker.exec('LOCK TABLES items WRITE');
      const run = migrate({ adapter: mysql, url: db.url, schema: after, connectOptions: { lockTimeoutMs: 30_000 } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const blocked = "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for table metadata lock' AND DB = DATABASE()";
      let ids: Row[] = [];
      for (let i = 0; i < 200 && ids.length === 0; i++) {
        ids = await db.rows(blocked);
        if (ids.length === 0) await sleep(25);
      }
      expect(ids).toHaveLength(1);
      await db.exec(`KILL CONNECTION ${Number(ids[0]!['id'])}`);
      const error = await run;
      await locker.exec('UNLOCK TABLES');
      expect(error).toBeInstanceOf(OdacError);
      expect((error as OdacError).message).not.toMatch(/\n\s+at /);
      expect(await db.rows('SELECT COUNT(*) AS n FROM items')).toEqual([{ n: 2 }]);
      await migrate({ adapter: mysql, url: db.url, schema: after });
      expect((await plan({ adapter: mysql, url: db.url, schema: after })).plan.operations).toEqual([]);
    } finally {
      await db.drop();
    }
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
