/**
 * The seed scenarios every database runs (issue 9): rows inserted once with
 * generated nanoid keys, plan listing them, a second run doing nothing,
 * drifted values put back column by column, new rows inserted alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseKind, ThrowawayDatabase } from '../../support/databases.js';
import { validate } from '../../support/json-schema.js';
import { project, stderrProblems, type Project } from './project.js';

const USERS = `module.exports = {
  columns: {
    id: { type: 'nanoid', primary: true },
    email: { type: 'string', nullable: false, unique: true },
    role: { type: 'enum', values: ['admin', 'user'], default: 'user' },
    active: { type: 'boolean', default: true },
    price: { type: 'decimal', precision: 8, scale: 2 },
    ratio: { type: 'float' },
    meta: { type: 'json' },
    born: { type: 'date' },
    seen_at: { type: 'timestamp', nullable: true },
    note: { type: 'string' },
    timestamps: { type: 'timestamps' },
  },
  seed: [
    { email: 'admin@example.com', role: 'admin', active: true, price: 9.5, ratio: 0.1, meta: { theme: 'dark', tags: ['a', 'b'] }, born: '2000-01-31', seen_at: '2024-01-02 03:04:05' },
    { email: 'user@example.com', active: false, price: 9.999, meta: '{"theme":"light"}' },
  ],
  seedKey: 'email',
};
`;

const COLUMNS = ['email', 'id', 'role', 'active', 'price', 'meta', 'note'];

export function seedsSuite(kind: DatabaseKind): void {
  let db: ThrowawayDatabase;
  let app: Project;
  beforeEach(async () => {
    db = await kind.create();
    app = project(kind, () => db.url);
    app.write({ 'schema/users.js': USERS });
  });
  afterEach(async () => {
    app.cleanup();
    await db.drop();
  });

  test('plan lists the rows to insert; migrate inserts them once with generated nanoid keys; a second run does nothing', async () => {
    const planned = await app.odac(['plan']);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('Seeds: 2 rows to insert, 0 rows to update.');
    expect(planned.stdout).toContain("+ insert email = 'admin@example.com'");
    expect(planned.stdout).toContain("+ insert email = 'user@example.com'");

    const first = await app.odac(['migrate']);
    expect(first.code).toBe(0);
    expect(stderrProblems(first.stderr)).toEqual([]);
    const rows = await app.rows('users', COLUMNS);
    expect(rows).toHaveLength(2);
    const [admin, user] = rows;
    expect(admin?.slice(0, 1)).toEqual(['admin@example.com']);
    expect(String(admin?.[1])).toMatch(/^[A-Za-z0-9]{21}$/);
    expect(String(user?.[1])).toMatch(/^[A-Za-z0-9]{21}$/);
    expect(admin?.[1]).not.toEqual(user?.[1]);
    expect(String(user?.[2])).toBe('user');

    const second = await app.odac(['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to do');
    expect(second.stdout).not.toContain('Seed');
    expect(await app.rows('users', COLUMNS)).toEqual(rows);
    const again = await app.odac(['plan', '--exit-code']);
    expect(again.code).toBe(0);
  });

  test('a seed row the database refuses fails the run; on PostgreSQL and SQLite the schema changes roll back with it', async () => {
    app.write({
      'schema/tags.js': `module.exports = {
  columns: { id: { type: 'increments' }, slug: { type: 'string', nullable: false }, label: { type: 'string', nullable: false } },
  seed: [{ slug: 'news', label: 'News' }, { slug: 'misc' }],
  seedKey: 'slug',
};
`,
    });
    const failed = await app.odac(['migrate']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/error\[APPLY\.STATEMENT_FAILED\]/);
    expect(failed.stderr).toContain('INSERT INTO');
    const conn = await kind.adapter.connect(db.url);
    const tables = (await conn.introspect()).tables.map((t) => t.name);
    await conn.close();
    // MySQL/MariaDB cannot roll back DDL: the tables stay, and the next run converges.
    expect(tables).toEqual(kind.name === 'mysql' ? ['tags', 'users'] : []);
    app.write({ 'schema/tags.js': readFileSync(path.join(app.dir, 'schema', 'tags.js'), 'utf8').replace("{ slug: 'misc' }", "{ slug: 'misc', label: 'Misc' }") });
    expect((await app.odac(['migrate'])).code).toBe(0);
    expect((await app.rows('tags', ['slug', 'label'])).map((r) => r.join(' '))).toEqual(['misc Misc', 'news News']);
    expect((await app.odac(['migrate'])).stdout).toContain('Nothing to do');
  });

  test('seed rows of a table that references another seeded table are written after that table\'s (names sort the other way)', async () => {
    app.write({
      'schema/z_authors.js': `module.exports = { columns: { id: { type: 'increments' }, name: { type: 'string', nullable: false } }, seed: [{ id: 1, name: 'Ann' }], seedKey: 'id' };\n`,
      'schema/a_books.js': `module.exports = {
  columns: { id: { type: 'increments' }, title: { type: 'string', nullable: false }, author_id: { type: 'integer', unsigned: true, nullable: false, references: { table: 'z_authors', column: 'id' } } },
  seed: [{ title: 'Tales', author_id: 1 }],
  seedKey: 'title',
};
`,
    });
    const r = await app.odac(['migrate']);
    expect(stderrProblems(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    expect((await app.rows('a_books', ['title', 'author_id'])).map((row) => row.map(String).join(' '))).toEqual(['Tales 1']);
    expect((await app.odac(['migrate'])).stdout).toContain('Nothing to do');
  });

  test('seeding explicit ids into an increments key leaves the counter past them: the next insert without an id works', async () => {
    app.write({
      'schema/roles.js': `module.exports = {
  columns: { id: { type: 'increments' }, name: { type: 'string', nullable: false } },
  seed: [{ id: 1, name: 'admin' }, { id: 2, name: 'user' }],
  seedKey: 'id',
};
`,
    });
    const planned = JSON.parse((await app.odac(['plan', '--json'])).stdout) as { seeds: { tables: { table: string; autoIncrement?: string }[] } };
    expect(planned.seeds.tables.find((t) => t.table === 'roles')?.autoIncrement).toBe('id');
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'schema', 'plan.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validate(schema, planned)).toEqual([]);
    expect((await app.odac(['migrate'])).code).toBe(0);
    await kind.exec(db.url, `INSERT INTO roles (name) VALUES ('guest')`);
    const rows = (await app.rows('roles', ['id', 'name'])).map((r) => `${String(r[0])} ${String(r[1])}`);
    expect(rows).toEqual(['1 admin', '2 user', '3 guest']);
    expect((await app.odac(['migrate'])).stdout).toContain('Nothing to do');
  });

  test('drifted seeded values are put back column by column; other columns and rows are left alone; a new seed row is inserted alone', async () => {
    expect((await app.odac(['migrate'])).code).toBe(0);
    const q = kind.name === 'mysql' ? '`' : '"';
    await kind.exec(db.url, `UPDATE ${q}users${q} SET ${q}role${q} = 'user', ${q}note${q} = 'kept' WHERE ${q}email${q} = 'admin@example.com'`);
    const before = await app.rows('users', COLUMNS);

    const planned = await app.odac(['plan', '--json']);
    expect(planned.code).toBe(0);
    const json = JSON.parse(planned.stdout) as { seeds: { tables: { updates: unknown[]; inserts: unknown[]; unchanged: number }[] } };
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'schema', 'plan.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validate(schema, json)).toEqual([]);
    expect(json.seeds.tables).toEqual([
      { table: 'users', key: 'email', inserts: [], updates: [{ keyValue: 'admin@example.com', columns: ['role'], values: ['admin'] }], unchanged: 1 },
    ]);

    const fixed = await app.odac(['migrate']);
    expect(fixed.code).toBe(0);
    const after = await app.rows('users', COLUMNS);
    expect(String(after[0]?.[2])).toBe('admin');
    expect(after[0]?.[6]).toBe('kept');
    expect(after[0]?.[1]).toEqual(before[0]?.[1]);

    app.write({ 'schema/users.js': USERS.replace(`  ],\n  seedKey`, `    { email: 'new@example.com' },\n  ],\n  seedKey`) });
    const added = await app.odac(['plan']);
    expect(added.stdout).toContain('Seeds: 1 row to insert, 0 rows to update.');
    expect((await app.odac(['migrate'])).code).toBe(0);
    const three = await app.rows('users', COLUMNS);
    expect(three.map((r) => r[0])).toEqual(['admin@example.com', 'new@example.com', 'user@example.com']);
    expect((await app.odac(['migrate'])).stdout).toContain('Nothing to do');
  });
}
