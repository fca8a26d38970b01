/**
 * Throwaway databases for the pull round-trip tests, on SQLite, PostgreSQL
 * and MySQL/MariaDB. The drivers are loaded from the adapter packages that
 * depend on them (the CLI itself does not), through Node's own `require`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysqlAdapter from '@odac/adapter-mysql';
import postgresAdapter from '@odac/adapter-postgres';
import sqliteAdapter from '@odac/adapter-sqlite';
import { uniqueSuffix } from '@odac/adapter-testkit';
import type { DriverAdapter } from '@odac/core';

/** A database made for one test. */
export interface ThrowawayDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** One kind of database: its adapter, and how to make databases and run SQL scripts in them. */
export interface DatabaseKind {
  readonly name: 'sqlite' | 'postgres' | 'mysql';
  readonly adapter: DriverAdapter;
  /** The module specifier `--driver` resolves for it. */
  readonly module: string;
  create(): Promise<ThrowawayDatabase>;
  /** Runs a script of several statements. */
  exec(url: string, sql: string): Promise<void>;
}

const driverOf = (adapterDir: string): NodeJS.Require => createRequire(path.resolve(__dirname, '..', '..', '..', adapterDir, 'package.json'));

interface SqliteDatabase {
  exec(sql: string): unknown;
  close(): unknown;
}
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<unknown>;
}
interface MysqlConnection {
  query(sql: string): Promise<unknown>;
  end(): Promise<unknown>;
}

export function sqliteKind(): DatabaseKind {
  const Database = driverOf('adapter-sqlite')('better-sqlite3') as new (file: string) => SqliteDatabase;
  return {
    name: 'sqlite',
    adapter: sqliteAdapter,
    module: '@odac/adapter-sqlite',
    async create() {
      const dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-db-'));
      return { url: `sqlite:${path.join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
    async exec(url, sql) {
      const db = new Database(url.replace(/^sqlite:/, ''));
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
  };
}

function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function postgresKind(serverUrl: () => string): DatabaseKind {
  const { Client } = driverOf('adapter-postgres')('pg') as { Client: new (options: { connectionString: string }) => PgClient };
  const run = async (url: string, sql: string): Promise<void> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    adapter: postgresAdapter,
    module: '@odac/adapter-postgres',
    async create() {
      const name = `odac_test_pull_${uniqueSuffix()}`.toLowerCase();
      await run(serverUrl(), `CREATE DATABASE "${name}"`);
      return { url: withDatabase(serverUrl(), name), drop: () => run(serverUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
    },
    exec: run,
  };
}

export function mysqlKind(serverUrl: () => string): DatabaseKind {
  const { createConnection } = driverOf('adapter-mysql')('mysql2/promise') as {
    createConnection: (options: { uri: string; multipleStatements: boolean }) => Promise<MysqlConnection>;
  };
  const run = async (url: string, sql: string): Promise<void> => {
    const conn = await createConnection({ uri: url, multipleStatements: true });
    try {
      await conn.query(sql);
    } finally {
      await conn.end();
    }
  };
  return {
    name: 'mysql',
    adapter: mysqlAdapter,
    module: '@odac/adapter-mysql',
    async create() {
      const name = `odac_test_pull_${uniqueSuffix()}`.slice(0, 64);
      await run(serverUrl(), `CREATE DATABASE \`${name}\``);
      return { url: withDatabase(serverUrl(), name), drop: () => run(serverUrl(), `DROP DATABASE IF EXISTS \`${name}\``) };
    },
    exec: run,
  };
}
