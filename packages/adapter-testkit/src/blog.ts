/**
 * The blog, one suite for every adapter: users, posts → users, comments
 * (→ posts, → users, → themselves), tags and post_tags (composite key). It
 * migrates onto an empty database and converges; then posts.user_id's
 * ON DELETE CASCADE becomes SET NULL as exactly one drop and one add of that
 * key (one rebuild of posts where keys cannot be altered), every row stays,
 * the next plan is empty and the new action is in force. What only one
 * database can show (its catalog's text of the key) comes from the adapter's
 * test as hooks; the SQL each adapter plans is stated in the scenario.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, plan, type ForeignKeyAction, type MigrateResult, type Schema } from '@odac/core';
import { col, column, empty, fk, index, now, schema, table, unique } from './build.js';
import { rowDifferences } from './compare.js';
import { runScenario, type ScenarioHooks } from './runner.js';
import { scenario, sqliteRebuild, type Scenario } from './scenario.js';
import type { ConformanceTarget, Row, TestClient } from './target.js';

const id = column('id', { kind: 'integer', size: 'regular', unsigned: true }, { nullable: false, autoIncrement: true });
const uint = (name: string, nullable = true) => column(name, { kind: 'integer', size: 'regular', unsigned: true }, { nullable });
const timestamps = [col.timestamp('created_at', { nullable: false, default: now }), col.timestamp('updated_at', { nullable: false, default: now })];

/**
 * The blog with posts.user_id's ON DELETE `postsUserOnDelete` (ON UPDATE
 * CASCADE). Keys further down take no action where SQL Server would refuse
 * a second cascading path (users → comments) or a cycle (comments → itself).
 */
export function blogSchema(postsUserOnDelete: ForeignKeyAction = 'CASCADE'): Schema {
  return schema(
    table(
      'users',
      [
        id,
        col.string('email', 255, { nullable: false }),
        col.string('name', 120),
        col.enum('role', ['reader', 'author', 'admin'], { nullable: false, default: 'reader' }),
        col.boolean('active', { nullable: false, default: true }),
        col.json('settings'),
        ...timestamps,
      ],
      { indexes: [unique('email')] },
    ),
    table('posts', [id, col.string('title', 255), col.text('content'), uint('user_id'), ...timestamps], {
      foreignKeys: [fk('user_id', 'users', 'id', { onDelete: postsUserOnDelete, onUpdate: 'CASCADE' })],
    }),
    table('comments', [id, uint('post_id', false), uint('user_id'), uint('parent_id'), col.text('body', { nullable: false }), ...timestamps], {
      indexes: [index(['post_id', 'created_at'])],
      foreignKeys: [fk('post_id', 'posts', 'id', { onDelete: 'CASCADE' }), fk('user_id', 'users', 'id'), fk('parent_id', 'comments', 'id')],
    }),
    table('tags', [id, col.string('slug', 64, { nullable: false }), col.string('label', 120, { nullable: false })], { indexes: [unique('slug')] }),
    table('post_tags', [uint('post_id', false), uint('tag_id', false), col.smallInteger('position', { nullable: false, default: 0 })], {
      primaryKey: ['post_id', 'tag_id'],
      foreignKeys: [fk('post_id', 'posts', 'id', { onDelete: 'CASCADE' }), fk('tag_id', 'tags', 'id', { onDelete: 'CASCADE' })],
    }),
  );
}

/** Rows for the blog, parents first. Grace (2) wrote posts 2 and 3 and no comment, so deleting her needs no other action. */
export const blogRows: Readonly<Record<string, readonly Row[]>> = {
  users: [
    { id: 1, email: 'ada@example.com', name: 'Ada', role: 'admin' },
    { id: 2, email: 'grace@example.com', name: 'Grace', role: 'author' },
  ],
  posts: [
    { id: 1, title: 'Hello', content: 'First post', user_id: 1 },
    { id: 2, title: 'Compilers', content: 'On compilers', user_id: 2 },
    { id: 3, title: 'Again', content: null, user_id: 2 },
    { id: 4, title: 'Anonymous', content: null, user_id: null },
  ],
  comments: [
    { id: 1, post_id: 1, user_id: 1, parent_id: null, body: 'Nice' },
    { id: 2, post_id: 2, user_id: 1, parent_id: null, body: 'Indeed' },
    { id: 3, post_id: 2, user_id: null, parent_id: 2, body: 'Reply' },
  ],
  tags: [
    { id: 1, slug: 'sql', label: 'SQL' },
    { id: 2, slug: 'node', label: 'Node.js' },
  ],
  post_tags: [
    { post_id: 1, tag_id: 1, position: 0 },
    { post_id: 2, tag_id: 1, position: 1 },
    { post_id: 2, tag_id: 2, position: 0 },
  ],
};

/** The blog onto an empty database. */
export const blogCreate: Scenario = scenario({ name: 'blog-create', from: empty, to: blogSchema(), expect: { kind: 'converges' } });

/** posts.user_id ON DELETE CASCADE → SET NULL, over rows; the SQL each built-in adapter plans for it. */
export const blogPostsUserSetNull: Scenario = scenario({
  name: 'blog-posts-user-set-null',
  from: blogSchema('CASCADE'),
  to: blogSchema('SET NULL'),
  seed: blogRows,
  expect: { kind: 'converges' },
  statements: {
    postgres: {
      sql: [
        'ALTER TABLE "posts" DROP CONSTRAINT "fk_posts_user_id"',
        'ALTER TABLE "posts" ADD CONSTRAINT "fk_posts_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE CASCADE ON DELETE SET NULL',
      ],
    },
    // One ALTER per table and phase: the drop, then the add.
    mysql: {
      sql: [
        'ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_user_id`',
        'ALTER TABLE `posts` ADD CONSTRAINT `fk_posts_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL ON UPDATE CASCADE',
      ],
    },
    // A rebuild of posts alone.
    sqlite: {
      sql: sqliteRebuild(
        'posts',
        /^CREATE TABLE "posts__odac_new" \([^]*CONSTRAINT "fk_posts_user_id" FOREIGN KEY \("user_id"\) REFERENCES "users" \("id"\) ON DELETE SET NULL ON UPDATE CASCADE\n\)$/,
        /^INSERT INTO "posts__odac_new" \(.*\) SELECT .* FROM "posts"$/,
      ),
    },
    mssql: {
      sql: [
        'ALTER TABLE [posts] DROP CONSTRAINT [fk_posts_user_id]',
        'ALTER TABLE [posts] ADD CONSTRAINT [fk_posts_user_id] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE SET NULL ON UPDATE CASCADE',
      ],
    },
  },
});

/**
 * Why the CASCADE → SET NULL migration is not one drop and one add of
 * posts.user_id's key (one rebuild of posts where the adapter cannot alter
 * a key), on posts alone.
 */
export function setNullChangeProblems(target: Pick<ConformanceTarget, 'adapter'>, result: MigrateResult): string[] {
  const got = result.plan.operations.map((op) => `${op.kind} ${op.table}${'foreignKey' in op ? ` ${op.foreignKey.columns.join(',')}` : ''}`);
  const want = target.adapter.capabilities.alterForeignKey ? ['dropForeignKey posts user_id', 'addForeignKey posts user_id'] : ['rebuildTable posts'];
  const off = result.statements.filter((s) => s.table !== 'posts');
  return [
    ...(JSON.stringify(got) === JSON.stringify(want) ? [] : [`expected the plan [${want.join('; ')}], got [${got.join('; ')}]`]),
    ...off.map((s) => `a statement acts on "${s.table}", not posts: ${s.sql}`),
  ];
}

/** Deletes Grace (2): with SET NULL in force her posts stay, without an author; nothing else changes. */
export async function setNullInForceProblems(client: TestClient): Promise<string[]> {
  const before = await client.select('posts', ['id']);
  await client.exec('DELETE FROM users WHERE id = 2');
  const expected = before.map((r) => (Number(r['user_id']) === 2 ? { ...r, user_id: null } : r));
  return rowDifferences('posts (after deleting user 2)', expected, await client.select('posts', ['id']), ['id', 'title', 'user_id']);
}

export interface BlogOptions {
  /** Checks of the adapter's own on the database `blogCreate` left (e.g. its catalog's text of a key). */
  readonly afterCreate?: (url: string, result: MigrateResult) => Promise<readonly string[] | void>;
  /** The same after `blogPostsUserSetNull`, before the DELETE that shows SET NULL in force. */
  readonly afterChange?: (url: string, result: MigrateResult) => Promise<readonly string[] | void>;
  /**
   * A directory of blog schema files (like `examples/blog/schema`) to migrate
   * too, through the schema loader; its `posts.js` must say
   * `onDelete: 'CASCADE'`, which a copy changes to SET NULL.
   */
  readonly exampleDir?: string;
  /** Per test. Default 60 s. */
  readonly timeoutMs?: number;
}

/** Migrates a copy of `dir`, then the same with posts' `onDelete: 'CASCADE'` edited to SET NULL; the hooks run after each. */
async function exampleProblems(target: ConformanceTarget, options: BlogOptions, dir: string, url: string): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'odac-blog-'));
  const client = await target.openClient(url);
  try {
    cpSync(dir, work, { recursive: true });
    const engine = { adapter: target.adapter, url, ...(target.connectOptions ? { connectOptions: target.connectOptions } : {}), schemaDir: work };
    const first = await migrate(engine);
    const problems: string[] = [...((await options.afterCreate?.(url, first)) ?? [])];
    const notEmpty = async (when: string): Promise<void> => {
      const ops = (await plan(engine)).plan.operations;
      if (ops.length > 0) problems.push(`${when}, a fresh plan is not empty: ${ops.map((op) => `${op.kind} ${op.table}`).join('; ')}`);
    };
    if (first.remaining.length > 0 || first.applied.length === 0) problems.push(`migrating the files onto an empty database applied ${first.applied.length} statements and did not converge`);
    await notEmpty('after the files');
    for (const [t, rows] of Object.entries(blogRows)) await client.insert(t, rows);
    const snapshot = async (): Promise<Record<string, Row[]>> => {
      const out: Record<string, Row[]> = {};
      for (const t of Object.keys(blogRows)) out[t] = await client.select(t, t === 'post_tags' ? ['post_id', 'tag_id'] : ['id']);
      return out;
    };
    const before = await snapshot();
    const posts = join(work, 'posts.js');
    const text = readFileSync(posts, 'utf8');
    if (!text.includes("onDelete: 'CASCADE'")) return [...problems, `posts.js in ${dir} says no onDelete: 'CASCADE'`];
    writeFileSync(posts, text.replace("onDelete: 'CASCADE'", "onDelete: 'SET NULL'"));
    const change = await migrate(engine);
    problems.push(...setNullChangeProblems(target, change), ...((await options.afterChange?.(url, change)) ?? []));
    if (change.remaining.length > 0) problems.push('the onDelete edit did not converge');
    await notEmpty('after the onDelete edit');
    const after = await snapshot();
    for (const [t, rows] of Object.entries(blogRows)) problems.push(...rowDifferences(t, before[t] ?? [], after[t] ?? [], Object.keys(rows[0] ?? {})));
    return [...problems, ...(await setNullInForceProblems(client))];
  } finally {
    await client.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Registers `describe('blog: <adapter>')`: the blog onto an empty database,
 * the CASCADE → SET NULL change, and (with `exampleDir`) the same through
 * schema files. Each test uses its own database from `target`.
 */
export function describeBlog(target: ConformanceTarget, options: BlogOptions = {}): void {
  const timeout = options.timeoutMs ?? 60_000;
  const hooks = (own: BlogOptions['afterCreate'], more?: (client: TestClient) => Promise<string[]>): ScenarioHooks => ({
    after: async ({ url, client, result }) => [...((await own?.(url, result)) ?? []), ...((await more?.(client)) ?? [])],
  });
  describe(`blog: ${target.adapter.name}`, () => {
    it('migrates onto an empty database and converges', () => runScenario(target, blogCreate, hooks(options.afterCreate)), timeout);
    it(
      'changes posts.user_id ON DELETE CASCADE to SET NULL: one drop and one add of that key, rows kept, next plan empty, SET NULL in force',
      () =>
        runScenario(
          target,
          blogPostsUserSetNull,
          hooks(
            async (url, result) => [...setNullChangeProblems(target, result), ...((await options.afterChange?.(url, result)) ?? [])],
            setNullInForceProblems,
          ),
        ),
      timeout,
    );
    const dir = options.exampleDir;
    if (dir !== undefined) {
      it('migrates the example schema files through the loader, and an onDelete edit there the same way', async () => {
        const db = await target.createDatabase();
        try {
          const problems = await exampleProblems(target, options, dir, db.url);
          if (problems.length > 0) throw new Error([`blog schema files on "${target.adapter.name}":`, ...problems.map((p) => `- ${p}`)].join('\n'));
        } finally {
          await db.drop();
        }
      }, timeout);
    }
  });
}
