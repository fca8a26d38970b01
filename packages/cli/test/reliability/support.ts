/**
 * Shared pieces of the reliability suite (issue 12): throwaway databases
 * that can also be read, the built `odac` as a child process, and the trial
 * counts (small under `pnpm test`, full under `pnpm test:soak`, which sets
 * ODAC_SOAK=1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueSuffix } from '@odac/adapter-testkit';

export const SOAK = process.env['ODAC_SOAK'] === '1';

/** `ci` trials under `pnpm test`, `soak` under `pnpm test:soak`. */
export function trials(ci: number, soak: number): number {
  return SOAK ? soak : ci;
}

export const BIN = path.resolve(__dirname, '..', '..', 'dist', 'bin.js');

const load = createRequire(__filename);

export type Row = Record<string, unknown>;

/** A database made for one test, readable and writable with the kind's own driver. */
export interface Db {
  readonly kind: 'sqlite' | 'postgres' | 'mysql';
  readonly url: string;
  /** Runs a script (several statements allowed). */
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
  /** A second, long-lived session (writers, lock holders); closed by `drop()` too. */
  session(): Promise<Session>;
  drop(): Promise<void>;
}

export interface Session {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

interface SqliteDriver {
  exec(sql: string): unknown;
  prepare(sql: string): { all(): Row[] };
  pragma(sql: string): unknown;
  close(): unknown;
}
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<{ rows: Row[] }>;
  end(): Promise<unknown>;
  on(event: 'error', fn: () => void): unknown;
}
interface MysqlConn {
  query(sql: string): Promise<[unknown, unknown]>;
  end(): Promise<unknown>;
  on(event: 'error', fn: () => void): unknown;
}

function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function sqliteDb(): Db {
  const Database = load('better-sqlite3') as new (file: string) => SqliteDriver;
  const dir = mkdtempSync(path.join(tmpdir(), 'odac-rel-'));
  const file = path.join(dir, 'app.db');
  const open = (): SqliteDriver => {
    const db = new Database(file);
    db.pragma('busy_timeout = 10000');
    return db;
  };
  const sessions: Session[] = [];
  const once = async <T>(fn: (db: SqliteDriver) => T): Promise<T> => {
    const db = open();
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    url: `sqlite:${file}`,
    exec: (sql) => once((db) => void db.exec(sql)),
    rows: (sql) => once((db) => db.prepare(sql).all()),
    async session() {
      const db = open();
      const s: Session = { exec: async (sql) => void db.exec(sql), rows: async (sql) => db.prepare(sql).all(), close: async () => void db.close() };
      sessions.push(s);
      return s;
    },
    async drop() {
      for (const s of sessions) await s.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresDb(serverUrl: string): Promise<Db> {
  const { Client } = load('pg') as { Client: new (options: { connectionString: string }) => PgClient };
  const connect = async (url: string): Promise<PgClient> => {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const once = async <T>(url: string, fn: (c: PgClient) => Promise<T>): Promise<T> => {
    const c = await connect(url);
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const name = `odac_rel_${uniqueSuffix()}`.toLowerCase();
  await once(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  const sessions: PgClient[] = [];
  return {
    kind: 'postgres',
    url,
    exec: (sql) => once(url, async (c) => void (await c.query(sql))),
    rows: (sql) => once(url, async (c) => (await c.query(sql)).rows),
    async session() {
      const c = await connect(url);
      sessions.push(c);
      return { exec: async (sql) => void (await c.query(sql)), rows: async (sql) => (await c.query(sql)).rows, close: async () => void (await c.end().catch(() => undefined)) };
    },
    async drop() {
      for (const c of sessions) await c.end().catch(() => undefined);
      await once(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export async function mysqlDb(serverUrl: string): Promise<Db> {
  const { createConnection } = load('mysql2/promise') as {
    createConnection: (options: { uri: string; multipleStatements: boolean; charset: string }) => Promise<MysqlConn>;
  };
  const connect = async (url: string): Promise<MysqlConn> => {
    const c = await createConnection({ uri: url, multipleStatements: true, charset: 'utf8mb4' });
    c.on('error', () => undefined);
    return c;
  };
  const once = async <T>(url: string, fn: (c: MysqlConn) => Promise<T>): Promise<T> => {
    const c = await connect(url);
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const name = `odac_rel_${uniqueSuffix()}`.slice(0, 64);
  await once(serverUrl, (c) => c.query(`CREATE DATABASE \`${name}\``));
  const url = withDatabase(serverUrl, name);
  const sessions: MysqlConn[] = [];
  const rowsOf = (result: [unknown, unknown]): Row[] => (Array.isArray(result[0]) ? (result[0] as Row[]) : []);
  return {
    kind: 'mysql',
    url,
    exec: (sql) => once(url, async (c) => void (await c.query(sql))),
    rows: (sql) => once(url, async (c) => rowsOf(await c.query(sql))),
    async session() {
      const c = await connect(url);
      sessions.push(c);
      return { exec: async (sql) => void (await c.query(sql)), rows: async (sql) => rowsOf(await c.query(sql)), close: async () => void (await c.end().catch(() => undefined)) };
    },
    async drop() {
      for (const c of sessions) await c.end().catch(() => undefined);
      await once(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
    },
  };
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from spawn to exit. */
  readonly ms: number;
}

/** The built `odac` as a child process (as a boot or CI job runs it). */
export function odac(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): { child: ChildProcess; done: Promise<Finished> } {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
  return { child, done };
}

/** Runs `odac` to the end. */
export function odacRun(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  return odac(args, options).done;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
