// The databases a benchmark runs on: a fresh, uniquely named database per
// scenario (dropped at the end), the database's own client to run a DDL
// script, and its schema dump tool.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';

function withDatabase(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function postgres(serverUrl) {
  const admin = () => new pg.Client({ connectionString: serverUrl });
  async function sql(text) {
    const client = admin();
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  }
  return {
    name: 'postgres',
    label: 'PostgreSQL',
    async version() {
      return (await sql('SHOW server_version')).rows[0].server_version;
    },
    async create(name) {
      await sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql(`CREATE DATABASE ${name}`);
      return withDatabase(serverUrl, name);
    },
    async drop(name) {
      await sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    /** `psql -1 -f`: the whole script in one transaction, like odac's apply. */
    client: (url, file) => ({ command: 'psql', args: ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', file, url] }),
    dump: (url) => ({ command: 'pg_dump', args: ['--schema-only', url], tool: 'pg_dump --schema-only' }),
    script: (statements) => statements.map((s) => `${s};`).join('\n') + '\n',
  };
}

function mariadb(serverUrl) {
  const server = new URL(serverUrl);
  const connection = () =>
    mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password) });
  async function sql(text) {
    const conn = await connection();
    try {
      return (await conn.query(text))[0];
    } finally {
      await conn.end();
    }
  }
  const clientArgs = (url) => {
    const u = new URL(url);
    return ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username), u.pathname.slice(1)];
  };
  const env = { MYSQL_PWD: decodeURIComponent(server.password) };
  return {
    name: 'mariadb',
    label: 'MariaDB',
    async version() {
      return (await sql('SELECT VERSION() AS v'))[0].v;
    },
    async create(name) {
      await sql(`DROP DATABASE IF EXISTS ${name}`);
      await sql(`CREATE DATABASE ${name}`);
      return withDatabase(serverUrl, name);
    },
    async drop(name) {
      await sql(`DROP DATABASE IF EXISTS ${name}`);
    },
    /** `mariadb db < script`: DDL commits one statement at a time anyway. */
    client: (url, file) => ({ command: 'mariadb', args: clientArgs(url), stdinFile: file, env }),
    dump: (url) => ({ command: 'mariadb-dump', args: ['--no-data', ...clientArgs(url)], env, tool: 'mariadb-dump --no-data' }),
    script: (statements) => statements.map((s) => `${s};`).join('\n') + '\n',
  };
}

function sqlite(workDir) {
  const dir = path.join(workDir, 'sqlite');
  const file = (name) => path.join(dir, `${name}.db`);
  return {
    name: 'sqlite',
    label: 'SQLite',
    async version() {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(':memory:');
      try {
        return db.prepare('SELECT sqlite_version() AS v').get().v;
      } finally {
        db.close();
      }
    },
    async create(name) {
      mkdirSync(dir, { recursive: true });
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file(name) + suffix, { force: true });
      return `sqlite:${file(name)}`;
    },
    async drop(name) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file(name) + suffix, { force: true });
    },
    /** `sqlite3 file < script`, the script wrapped in one transaction like odac's apply. */
    client: (url, script) => ({ command: 'sqlite3', args: [url.slice('sqlite:'.length)], stdinFile: script }),
    dump: (url) => ({ command: 'sqlite3', args: [url.slice('sqlite:'.length), '.schema'], tool: 'sqlite3 .schema' }),
    script: (statements) => ['PRAGMA foreign_keys = ON;', 'BEGIN;', ...statements.map((s) => `${s};`), 'COMMIT;'].join('\n') + '\n',
    exists: (name) => existsSync(file(name)),
  };
}

/** The databases to benchmark: SQLite always; PostgreSQL and MariaDB when their URLs are set. */
export function databases(workDir, wanted) {
  const out = [];
  const want = (n) => wanted.includes(n);
  if (want('sqlite')) out.push(sqlite(workDir));
  const pgUrl = process.env.ODAC_TEST_PG_URL;
  if (want('postgres')) {
    if (pgUrl) out.push(postgres(pgUrl));
    else console.log('PostgreSQL: skipped (set ODAC_TEST_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
  }
  const myUrl = process.env.ODAC_TEST_MYSQL_URL;
  if (want('mariadb')) {
    if (myUrl) out.push(mariadb(myUrl));
    else console.log('MariaDB: skipped (set ODAC_TEST_MYSQL_URL, e.g. mysql://root@127.0.0.1:3306/test)');
  }
  return out;
}
