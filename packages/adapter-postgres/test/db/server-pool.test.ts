/**
 * Fleets on PostgreSQL: `connectServer().introspectMany()` describes many
 * schemas in four catalog queries, and each model is exactly what a
 * single-schema `introspect()` returns (expressions naming the schema's own
 * sequences and types included); `lease()` gives connections scoped to one
 * schema that share the pool; `listNamespaces()` expands a pattern.
 */
import pgDriver from 'pg';
import { describeWithServer } from '@odac/adapter-testkit';
import adapter, { connectServer, locate } from '../../src/index.js';
import { INTROSPECTION_QUERIES } from '../../src/queries.js';
import { useDatabase } from '../helpers.js';

// 'order' is a keyword: PostgreSQL prints it quoted in expressions, as it does 'Fleet C'.
const SCHEMAS = ['fleet_a', 'fleet_b', 'Fleet C', 'order', 'fleet_empty'];

function tenantSql(s: string): string {
  const q = `"${s.replace(/"/g, '""')}"`;
  return `
CREATE SCHEMA ${q};
CREATE TYPE ${q}.mood AS ENUM ('ok', 'sad');
CREATE SEQUENCE ${q}.counter;
CREATE TABLE ${q}.users (
  id serial PRIMARY KEY,
  email varchar(190) NOT NULL,
  mood ${q}.mood NOT NULL DEFAULT 'ok',
  n bigint NOT NULL DEFAULT nextval('${q}.counter'::regclass),
  created timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT email_not_blank CHECK (email <> '')
);
COMMENT ON TABLE ${q}.users IS 'people of ${s.replace(/'/g, "''")}.';
CREATE UNIQUE INDEX users_email ON ${q}.users (lower(email));
CREATE INDEX users_ok ON ${q}.users (id) WHERE mood = 'ok'::${q}.mood;
CREATE TABLE ${q}.posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES ${q}.users (id) ON DELETE CASCADE,
  title text NOT NULL DEFAULT ''
);`;
}

describeWithServer('postgres', 'postgres: server pool for fleets', (server) => {
  const pg = useDatabase(server, 'all');

  beforeAll(async () => {
    for (const s of SCHEMAS.filter((n) => n !== 'fleet_empty')) await pg.client.query(tenantSql(s));
    await pg.client.query('CREATE SCHEMA fleet_empty');
  });

  it('the four introspection queries take a list of schemas and tag each row with its schema', () => {
    for (const sql of INTROSPECTION_QUERIES) {
      expect(sql).toContain('n.nspname IN (SELECT unnest($1::text[])::name)');
      expect(sql).toContain('t.odac_schema');
    }
  });

  it('describes many schemas in one go, each exactly as introspect() does', async () => {
    const pool = await connectServer(pg.db.url, { poolSize: 2 });
    try {
      const many = await pool.introspectMany([...SCHEMAS, 'fleet_missing']);
      for (const s of SCHEMAS) {
        const conn = await adapter.connect(pg.db.url, { schemaName: s });
        try {
          expect(many.get(s)).toEqual(await conn.introspect());
        } finally {
          await conn.close();
        }
      }
      expect(many.get('fleet_a')?.tables.map((t) => t.name)).toEqual(['posts', 'users']);
      expect(many.get('fleet_missing')).toEqual({ tables: [] });
      expect(many.get('fleet_empty')).toEqual({ tables: [] });
    } finally {
      await pool.close();
    }
  });

  it('costs the same number of queries for one schema as for many', async () => {
    const pool = await connectServer(pg.db.url, { poolSize: 4 });
    const original = pgDriver.Client.prototype.query;
    const sql: string[] = [];
    pgDriver.Client.prototype.query = function (this: pgDriver.Client, ...args: unknown[]) {
      if (typeof args[0] === 'string') sql.push(args[0]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await pool.introspectMany(['fleet_a']);
      const one = sql.splice(0);
      await pool.introspectMany([...SCHEMAS, ...Array.from({ length: 200 }, (_, i) => `fleet_nothing_${i}`)]);
      expect(sql.length).toBe(one.length);
      // The four catalog queries, each after setting the search path of its session.
      expect(one.filter((q) => q.includes('pg_catalog.pg_class')).length).toBe(4);
      expect(one.length).toBe(8);
    } finally {
      pgDriver.Client.prototype.query = original;
      await pool.close();
    }
  });

  it('expands patterns and leases connections scoped to one schema', async () => {
    const pool = await connectServer(pg.db.url, { poolSize: 1 });
    try {
      expect(await pool.listNamespaces('fleet_*')).toEqual(['fleet_a', 'fleet_b', 'fleet_empty']);
      expect(await pool.listNamespaces('Fleet ?')).toEqual(['Fleet C']);
      // One session in the pool: each lease must give it back for the next to start.
      for (const s of ['fleet_a', 'Fleet C', 'fleet_b']) {
        const conn = await pool.lease(s);
        try {
          const schema = await conn.introspect();
          expect(schema.tables[1]?.comment).toBe(`people of ${s}.`);
          await conn.withLock(async () => undefined);
        } finally {
          await conn.close();
        }
      }
    } finally {
      await pool.close();
    }
  });

  it('gives each schema a token that changes with its DDL only, in one query', async () => {
    const pool = await connectServer(pg.db.url, { poolSize: 1 });
    try {
      const before = await pool.fingerprints?.(['fleet_a', 'fleet_b', 'fleet_missing']);
      expect(before?.get('fleet_missing')).toBe('missing');
      expect(before?.get('fleet_a')).not.toBe(before?.get('fleet_b'));
      await pg.client.query('ALTER TABLE fleet_a.posts DROP CONSTRAINT posts_user_id_fkey, ADD CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES fleet_a.users (id) ON DELETE RESTRICT');
      await pg.client.query("INSERT INTO fleet_b.users (email) VALUES ('rows are not DDL')");
      const conn = await pool.lease('fleet_a');
      try {
        // Through a leased session (under a target's lock every pooled session may be taken).
        const after = await pool.fingerprints?.(['fleet_a', 'fleet_b'], conn);
        expect(after?.get('fleet_a')).not.toBe(before?.get('fleet_a'));
        expect(after?.get('fleet_b')).toBe(before?.get('fleet_b'));
      } finally {
        await conn.close();
      }
    } finally {
      await pool.close();
    }
  });

  it('locates a URL: the server without the schema, the schema as namespace', () => {
    const loc = locate('postgres://u:pw@h:5433/app?schema=tenant_1&sslmode=disable');
    expect(loc.namespace).toBe('tenant_1');
    expect(loc.server).toBe(locate('postgres://u:pw@h:5433/app?sslmode=disable&schema=tenant_2').server);
    expect(locate('postgres://u@h/app', { schemaName: 'tenant_*' }).namespace).toBe('tenant_*');
    expect(new URL(loc.urlFor('tenant_9')).searchParams.get('schema')).toBe('tenant_9');
  });
});
