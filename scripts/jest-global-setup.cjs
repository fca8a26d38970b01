/**
 * jest globalSetup: database servers for `pnpm test` without extra variables.
 *
 * For PostgreSQL and MySQL/MariaDB whose URL variable (ODAC_TEST_PG_URL,
 * ODAC_TEST_MYSQL_URL) is not set, try the server on its default local port
 * with the default administrator (postgres / root, no password). When it
 * answers and accepts the login, the variable is set for the test workers to
 * a database named `test` (created when missing, as .ci/run expects) and one
 * line says so. When it does not, the suites decide as before: a visible
 * skip, or under CI=true a failure. A variable already set always wins.
 */
const net = require('node:net');
const path = require('node:path');
const { createRequire } = require('node:module');

const ROOT = path.resolve(__dirname, '..');
const fromAdapter = (adapter) => createRequire(path.join(ROOT, 'packages', adapter, 'package.json'));

function log(line) {
  process.stderr.write(`[odac] ${line}\n`);
}

/** True when something accepts TCP connections on host:port within the timeout. */
function answers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function postgres() {
  const { Client } = fromAdapter('adapter-postgres')('pg');
  const client = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'test'");
    if (rowCount === 0) {
      await client.query('CREATE DATABASE test');
      log('PostgreSQL: created the database "test" on 127.0.0.1:5432.');
    }
  } finally {
    await client.end();
  }
  return 'postgres://postgres@127.0.0.1:5432/test';
}

async function mysql() {
  const { createConnection } = fromAdapter('adapter-mysql')('mysql2/promise');
  const conn = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', connectTimeout: 5000 });
  try {
    const [rows] = await conn.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'test'");
    if (rows.length === 0) {
      await conn.query('CREATE DATABASE test');
      log('MySQL/MariaDB: created the database "test" on 127.0.0.1:3306.');
    }
  } finally {
    await conn.end();
  }
  return 'mysql://root@127.0.0.1:3306/test';
}

const SERVERS = [
  { env: 'ODAC_TEST_PG_URL', label: 'PostgreSQL', port: 5432, user: 'postgres', connect: postgres },
  { env: 'ODAC_TEST_MYSQL_URL', label: 'MySQL/MariaDB', port: 3306, user: 'root', connect: mysql },
];

module.exports = async function globalSetup() {
  for (const server of SERVERS) {
    if (process.env[server.env]) continue;
    if (!(await answers('127.0.0.1', server.port))) {
      log(`${server.env} is not set and nothing answers on 127.0.0.1:${server.port}; the ${server.label} suites will say how they end.`);
      continue;
    }
    try {
      const url = await server.connect();
      process.env[server.env] = url;
      log(`${server.env} is not set: using ${server.label} on 127.0.0.1:${server.port} (${url}).`);
    } catch (err) {
      log(`${server.env} is not set and ${server.label} on 127.0.0.1:${server.port} answers but refused user ${server.user} without a password (${err.message}); set ${server.env} to test it.`);
    }
  }
};
