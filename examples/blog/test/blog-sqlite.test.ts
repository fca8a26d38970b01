/**
 * Issue #2 acceptance on the blog example, against real SQLite files:
 * the README's migrate converges, an FK action change keeps every row, an FK
 * over orphans is refused with the file untouched, and a broken schema never
 * opens the database.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import sqlite from '@odac/adapter-sqlite';
import { migrate, plan, OdacError, type DriverAdapter } from '@odac/core';

const repo = path.resolve(__dirname, '../../..');
const blogSchema = path.join(repo, 'examples/blog/schema');
const bin = path.join(repo, 'packages/cli/dist/bin.js');

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'odac-blog-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the blog schema we can edit. */
function schemaCopy(): string {
  const dir = path.join(work, 'schema');
  cpSync(blogSchema, dir, { recursive: true });
  return dir;
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit did not apply to ${file}`);
  writeFileSync(file, next);
}

/** Checksum of the schema and every row: equal before and after means untouched. */
function checksum(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const h = createHash('sha256');
    const objects = db.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[];
    h.update(JSON.stringify(objects));
    for (const o of objects.filter((x) => x.type === 'table')) {
      h.update(JSON.stringify(db.prepare(`SELECT * FROM "${o.name.replace(/"/g, '""')}" ORDER BY rowid`).all()));
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

function seed(file: string): void {
  const db = new Database(file);
  db.exec(`
    INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada'), (2, 'alan@example.com', 'Alan');
    INSERT INTO posts (id, title, content, user_id) VALUES (1, 'Hello', 'First', 1), (2, 'Again', 'Second', 2), (3, 'Third', 'More', 1);
    INSERT INTO comments (id, post_id, user_id, parent_id, body) VALUES (1, 1, 2, NULL, 'Nice'), (2, 1, 1, 1, 'Thanks'), (3, 2, 1, NULL, 'Hm');
    INSERT INTO tags (id, slug, label) VALUES (1, 'intro', 'Intro');
    INSERT INTO post_tags (post_id, tag_id, position) VALUES (1, 1, 0), (2, 1, 1);
  `);
  db.close();
}

const counts = (file: string): Record<string, number> => {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, number> = {};
    for (const t of ['users', 'posts', 'comments', 'tags', 'post_tags']) out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return out;
  } finally {
    db.close();
  }
};

const fkList = (file: string, table: string): { table: string; from: string; on_delete: string; on_update: string }[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM pragma_foreign_key_list(?)`).all(table) as never;
  } finally {
    db.close();
  }
};

const adapter: DriverAdapter = sqlite;

describe('blog example on SQLite', () => {
  it('the README command creates blog.db with five tables and their keys, and a second run does nothing', () => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm build\` first (pnpm test does).`);
    const run = () => spawnSync(process.execPath, [bin, 'migrate', '--schema', blogSchema, '--url', 'sqlite:blog.db'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const first = run();
    expect(first.stderr.replace(/^\[\d+\/\d+ [\dms.]+\] \S+\n/gm, '')).toBe(''); // only piped progress lines
    expect(first.status).toBe(0);
    const db = new Database(path.join(work, 'blog.db'), { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    db.close();
    expect(tables).toEqual(['comments', 'post_tags', 'posts', 'tags', 'users']);
    expect(fkList(path.join(work, 'blog.db'), 'posts')).toMatchObject([{ table: 'users', from: 'user_id', on_delete: 'CASCADE', on_update: 'CASCADE' }]);
    expect(fkList(path.join(work, 'blog.db'), 'comments').map((f) => `${f.from}->${f.table}:${f.on_delete}`).sort()).toEqual([
      'parent_id->comments:CASCADE',
      'post_id->posts:CASCADE',
      'user_id->users:SET NULL',
    ]);
    const second = run();
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/nothing to do/i);
    const json = spawnSync(process.execPath, [bin, 'plan', '--json', '--schema', blogSchema, '--url', 'sqlite:blog.db'], { cwd: work, encoding: 'utf8' });
    expect(JSON.parse(json.stdout).operations).toEqual([]);
  });

  it('CASCADE → SET NULL keeps every row, shows SET NULL, and converges; removing and re-adding the key works', async () => {
    const dir = schemaCopy();
    const url = `sqlite:${path.join(work, 'blog.db')}`;
    const file = path.join(work, 'blog.db');
    await migrate({ adapter, url, schemaDir: dir });
    seed(file);
    const before = counts(file);

    edit(path.join(dir, 'posts.js'), "onDelete: 'CASCADE'", "onDelete: 'SET NULL'");
    const changed = await migrate({ adapter, url, schemaDir: dir });
    expect(changed.plan.operations.map((o) => `${o.kind}:${o.table}`)).toEqual(['rebuildTable:posts']);
    expect(changed.remaining).toEqual([]);
    expect(counts(file)).toEqual(before);
    expect(fkList(file, 'posts')).toMatchObject([{ table: 'users', from: 'user_id', on_delete: 'SET NULL', on_update: 'CASCADE' }]);
    expect((await plan({ adapter, url, schemaDir: dir })).plan.operations).toEqual([]);

    edit(path.join(dir, 'posts.js'), /references: \{ table: 'users', column: 'id' \},\s*onDelete: 'SET NULL',\s*onUpdate: 'CASCADE'/, '');
    // Dropping a foreign key removes an integrity guarantee: skipped unless allowed.
    await migrate({ adapter, url, schemaDir: dir });
    expect(fkList(file, 'posts')).toHaveLength(1);
    await migrate({ adapter, url, schemaDir: dir, allowDestructive: true });
    expect(fkList(file, 'posts')).toEqual([]);
    expect(counts(file)).toEqual(before);
    expect((await plan({ adapter, url, schemaDir: dir, allowDestructive: true })).plan.operations).toEqual([]);

    cpSync(path.join(blogSchema, 'posts.js'), path.join(dir, 'posts.js'));
    await migrate({ adapter, url, schemaDir: dir });
    expect(fkList(file, 'posts')).toMatchObject([{ table: 'users', from: 'user_id', on_delete: 'CASCADE', on_update: 'CASCADE' }]);
    expect(counts(file)).toEqual(before);
    expect((await plan({ adapter, url, schemaDir: dir })).plan.operations).toEqual([]);
  });

  it('refuses a foreign key over orphan rows, naming table, constraint and count, and leaves the file unchanged', async () => {
    const dir = schemaCopy();
    const file = path.join(work, 'blog.db');
    const url = `sqlite:${file}`;
    edit(path.join(dir, 'post_tags.js'), /foreignKeys: \[[\s\S]*\]\n/, 'foreignKeys: []\n');
    await migrate({ adapter, url, schemaDir: dir });
    seed(file);
    const db = new Database(file);
    db.exec('INSERT INTO post_tags (post_id, tag_id) VALUES (99, 1), (98, 1), (1, 77)');
    db.close();
    const before = checksum(file);

    cpSync(path.join(blogSchema, 'post_tags.js'), path.join(dir, 'post_tags.js'));
    const error = await migrate({ adapter, url, schemaDir: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OdacError);
    expect((error as OdacError).code).toBe('APPLY.PREFLIGHT_FAILED');
    const message = (error as OdacError).message;
    expect(message).toContain('"post_tags"');
    expect(message).toContain('fk_post_tags_post_id');
    expect(message).toContain('2 rows');
    expect(message).toContain('fk_post_tags_tag_id');
    expect(message).toContain('1 row ');
    expect(checksum(file)).toBe(before);
  });

  it('plan against a database file that does not exist yet creates nothing and plans every table', async () => {
    const file = path.join(work, 'not-yet.db');
    const result = await plan({ adapter, url: `sqlite:${file}`, schemaDir: blogSchema });
    expect(result.plan.operations.filter((o) => o.kind === 'createTable').map((o) => o.table)).toEqual(['comments', 'post_tags', 'posts', 'tags', 'users']);
    expect(existsSync(file)).toBe(false);
  });

  it('a schema validation error never opens the database', async () => {
    const dir = schemaCopy();
    // An unknown type is a native type since issue 9 (ODAC.JS passes it through); an option the type does not take is still an error.
    edit(path.join(dir, 'posts.js'), "type: 'text'", "type: 'text', unsigned: true");
    let connects = 0;
    const spy: DriverAdapter = { ...adapter, connect: (...args) => ((connects += 1), adapter.connect(...args)) };
    const url = `sqlite:${path.join(work, 'never.db')}`;
    await expect(migrate({ adapter: spy, url, schemaDir: dir })).rejects.toMatchObject({ code: 'SCHEMA.UNKNOWN_OPTION' });
    await expect(plan({ adapter: spy, url, schemaDir: dir })).rejects.toMatchObject({ code: 'SCHEMA.UNKNOWN_OPTION' });
    expect(connects).toBe(0);
    expect(existsSync(path.join(work, 'never.db'))).toBe(false);
  });
});
