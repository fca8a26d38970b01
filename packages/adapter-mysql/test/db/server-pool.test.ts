/**
 * Fleets on MySQL/MariaDB: `connectServer().introspectMany()` describes many
 * databases with the same handful of catalog queries, each model exactly
 * what `introspect()` on that database returns; `lease()` switches a pooled
 * session to one database; `listNamespaces()` expands a pattern.
 */
import { describeWithServer, uniqueSuffix } from '@odac/adapter-testkit';
import adapter, { connectServer, locate, quote, widenToDatabases, COLUMNS_SQL } from '../../src/index.js';
import { rawConnection, withDatabase } from '../support/db.js';

const tenantSql = `
CREATE TABLE users (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(190) NOT NULL,
  mood enum('ok','sad') NOT NULL DEFAULT 'ok',
  created timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY users_email (email),
  CONSTRAINT email_not_blank CHECK (email <> '')
) COMMENT 'people';
CREATE TABLE posts (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id int unsigned NOT NULL,
  title varchar(200) NOT NULL DEFAULT '',
  KEY posts_user (user_id),
  CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);`;

describeWithServer('mysql', 'adapter-mysql: server pool for fleets', (server) => {
  const prefix = `fleet_${uniqueSuffix()}`.toLowerCase().slice(0, 40);
  const names = [`${prefix}_a`, `${prefix}_b`, `${prefix}_empty`];

  beforeAll(async () => {
    const admin = await rawConnection(server.url());
    try {
      for (const n of names) await admin.query(`CREATE DATABASE ${quote(n)}`);
    } finally {
      await admin.end();
    }
    for (const n of names.slice(0, 2)) {
      const conn = await rawConnection(withDatabase(server.url(), n));
      try {
        for (const stmt of tenantSql.split(';').filter((s) => s.trim())) await conn.query(stmt);
      } finally {
        await conn.end();
      }
    }
  });

  afterAll(async () => {
    const admin = await rawConnection(server.url());
    try {
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${quote(n)}`);
    } finally {
      await admin.end();
    }
  });

  it('widens a catalog query to a list of databases', () => {
    const sql = widenToDatabases(COLUMNS_SQL);
    expect(sql).toContain('c.TABLE_SCHEMA IN (?)');
    expect(sql).toContain('SELECT c.TABLE_SCHEMA AS odac_schema, ');
    expect(sql).not.toContain('DATABASE()');
  });

  it('describes many databases in one go, each exactly as introspect() does', async () => {
    const pool = await connectServer(server.url(), { poolSize: 2 });
    try {
      const many = await pool.introspectMany([...names, `${prefix}_missing`]);
      for (const n of names) {
        const conn = await adapter.connect(withDatabase(server.url(), n));
        try {
          expect(many.get(n)).toEqual(await conn.introspect());
        } finally {
          await conn.close();
        }
      }
      expect(many.get(names[0] as string)?.tables.map((t) => t.name)).toEqual(['posts', 'users']);
      expect(many.get(`${prefix}_missing`)).toEqual({ tables: [] });
    } finally {
      await pool.close();
    }
  });

  it('expands patterns and leases sessions switched to one database', async () => {
    const pool = await connectServer(server.url(), { poolSize: 1 });
    try {
      expect(await pool.listNamespaces(`${prefix}_*`)).toEqual([...names].sort());
      for (const n of [names[1] as string, names[0] as string]) {
        const conn = await pool.lease(n);
        try {
          expect((await conn.introspect()).tables.map((t) => t.name)).toEqual(['posts', 'users']);
          await conn.withLock(async () => undefined);
        } finally {
          await conn.close();
        }
      }
      await expect(pool.lease(`${prefix}_missing`)).rejects.toMatchObject({ code: 'CONNECT.FAILED' });
    } finally {
      await pool.close();
    }
  });

  it('locates a URL: the server without the database, the database as namespace', () => {
    const loc = locate('mysql://root:pw@h:3307/tenant_1?ssl=true');
    expect(loc.namespace).toBe('tenant_1');
    expect(loc.server).toBe(locate('mysql://root:pw@h:3307/tenant_2?ssl=true').server);
    expect(locate('mysql://root@h/app', { schemaName: 'tenant_*' }).namespace).toBe('tenant_*');
    expect(new URL(loc.urlFor('tenant_9')).pathname).toBe('/tenant_9');
  });
});
