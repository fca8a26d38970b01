/**
 * The schema loader in every format Node knows, through Node's own module
 * system (also under Jest: the loader uses the class Jest's `node:module`
 * stand-in extends): CommonJS, ES modules, TypeScript, mixes of them, files
 * that require each other, `@odac/core` from anywhere, and the two
 * reproductions of issue 12 that live here (defects 5 and 6).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as core from '@odac/core';
import { findTable, loadSchema, type Table } from '@odac/core';
import { problemsOfAsync, removeTempDirs, tempSchemaDir } from './helpers.js';

afterAll(removeTempDirs);

const ID = `{ columns: { id: { type: 'increments' } } }`;

function columns(table: Table | undefined): string[] {
  return table?.columns.map((c) => c.name) ?? [];
}

async function tables(dir: string): Promise<Record<string, string[]>> {
  const { schema } = await loadSchema(dir);
  return Object.fromEntries(schema.tables.map((t) => [t.name, columns(t)]));
}

describe('formats', () => {
  it('loads CommonJS .js and .cjs, ESM .mjs and .js, and TypeScript .ts, .cts and .mts', async () => {
    const dir = tempSchemaDir({
      'a_cjs.js': `module.exports = { columns: { a: { type: 'integer' } } };\n`,
      'b_cjs.cjs': `exports.columns = { b: { type: 'integer' } };\n`,
      'c_esm.mjs': `export default { columns: { c: { type: 'integer' } } };\n`,
      'd_esm.js': `const columns = { d: { type: 'integer' } };\nexport default { columns };\n`,
      'e_ts.ts': `const n: number = 2;\nexport default { columns: { e: { type: 'string' as const, length: n } } };\n`,
      'f_cts.cts': `import type { TableDefinition } from '@odac/core';\nconst t: TableDefinition = { columns: { f: { type: 'text' } } };\nexport = t;\n`,
      'g_mts.mts': `interface Shape { columns: object }\nconst t: Shape = { columns: { g: { type: 'text' } } };\nexport default t;\n`,
    });
    expect(await tables(dir)).toEqual({ a_cjs: ['a'], b_cjs: ['b'], c_esm: ['c'], d_esm: ['d'], e_ts: ['e'], f_cts: ['f'], g_mts: ['g'] });
  });

  it('reads named exports when there is no default (an ES module exporting `columns`)', async () => {
    const dir = tempSchemaDir({ 'named.mjs': `export const columns = { id: { type: 'increments' } };\n` });
    expect(await tables(dir)).toEqual({ named: ['id'] });
  });

  it('awaits a top-level await that settles, in .mjs and .ts', async () => {
    const dir = tempSchemaDir({
      'late.mjs': `const columns = await new Promise((r) => setTimeout(() => r({ id: { type: 'increments' } }), 20));\nexport default { columns };\n`,
      'later.ts': `const n: number = await Promise.resolve(3);\nexport default { columns: { ['c' + n]: { type: 'integer' } } };\n`,
      'promised.js': `module.exports = Promise.resolve(${ID});\n`,
    });
    expect(await tables(dir)).toEqual({ late: ['id'], later: ['c3'], promised: ['id'] });
  });

  it('runs CommonJS .js files of a "type": "module" package as CommonJS (ODAC.JS schema files in an ESM app)', async () => {
    const dir = tempSchemaDir({
      'package.json': `{ "type": "module" }`,
      'a_users.js': `'use strict';\nmodule.exports = ${ID};\n`,
      'b_posts.js': `export default ${ID};\n`,
      'c_tags.js': `module.exports = ${ID};\n`,
      'd_notes.js': `import { columns } from './lib/shared.js';\nexport default { columns };\n`,
      'lib/shared.js': `export const columns = { id: { type: 'increments' } };\n`,
    });
    expect(await tables(dir)).toEqual({ a_users: ['id'], b_posts: ['id'], c_tags: ['id'], d_notes: ['id'] });
  });

  it('transpiles ES module syntax in a .js file of a "type": "commonjs" package', async () => {
    const dir = tempSchemaDir({ 'package.json': `{ "type": "commonjs" }`, 'users.js': `export default ${ID};\n` });
    expect(await tables(dir)).toEqual({ users: ['id'] });
  });
});

describe('mixes and files that require each other', () => {
  it('ESM imports CommonJS, CommonJS requires ESM, TypeScript imports JavaScript and JavaScript requires TypeScript', async () => {
    const dir = tempSchemaDir({
      'lib/cjs-helper.cjs': `exports.id = () => ({ type: 'increments' });\n`,
      'lib/esm-helper.mjs': `export const name = { type: 'string', length: 80 };\n`,
      'lib/ts-helper.ts': `export const stamp: { type: 'timestamp' } = { type: 'timestamp' };\n`,
      'lib/js-helper.js': `module.exports = { body: { type: 'text' } };\n`,
      'one.mjs': `import helper from './lib/cjs-helper.cjs';\nexport default { columns: { id: helper.id() } };\n`,
      'two.cjs': `const { name } = require('./lib/esm-helper.mjs');\nmodule.exports = { columns: { name } };\n`,
      'three.ts': `import { body } from './lib/js-helper.js';\nexport default { columns: { body } };\n`,
      'four.js': `const { stamp } = require('./lib/ts-helper');\nmodule.exports = { columns: { stamp } };\n`,
      'five.mjs': `import { stamp } from './lib/ts-helper.ts';\nexport default { columns: { at: stamp } };\n`,
    });
    expect(await tables(dir)).toEqual({ five: ['at'], four: ['stamp'], one: ['id'], three: ['body'], two: ['name'] });
  });

  it('schema files that require each other (shared columns, a foreign key to the other file) load once each, with the right tables', async () => {
    const dir = tempSchemaDir({
      'users.js': `module.exports = { columns: { id: { type: 'increments' }, email: { type: 'string', length: 120 } } };\n`,
      'posts.js': `const users = require('./users');\nmodule.exports = { columns: { id: users.columns.id, author_email: users.columns.email, user_id: { type: 'integer', unsigned: true, references: 'users.id' } } };\n`,
      'comments.ts': `import posts from './posts';\nimport * as users from './users.js';\nexport default { columns: { id: posts.columns.id, email: (users as any).columns.email } };\n`,
    });
    const { schema } = await loadSchema(dir);
    expect(schema.tables.map((t) => [t.name, columns(t)])).toEqual([
      ['comments', ['id', 'email']],
      ['posts', ['id', 'author_email', 'user_id']],
      ['users', ['id', 'email']],
    ]);
    expect(findTable(schema, 'posts')?.foreignKeys[0]?.references).toEqual({ table: 'users', columns: ['id'] });
  });
});

describe('`@odac/core` from schema files outside any package', () => {
  // Schema files run in Node's main realm, so they mark a function object (shared by every realm) to show which copy they got.
  const marked = core.loadSchema as unknown as { seenBy?: string[] };
  afterEach(() => {
    delete marked.seenBy;
  });

  it('resolves to the running copy from .cjs, .mjs, .ts and a helper they import', async () => {
    const mark = (who: string) => `(core.loadSchema.seenBy ??= []).push('${who}');`;
    const dir = tempSchemaDir({
      'lib/columns.mjs': `import * as core from '@odac/core';\n${mark('helper')}\nexport const table = (c) => core.defineTable({ columns: c });\n`,
      'a.cjs': `const core = require('@odac/core');\n${mark('a.cjs')}\nmodule.exports = core.defineTable(${ID});\n`,
      'b.mjs': `import * as core from '@odac/core';\n${mark('b.mjs')}\nexport default core.defineTable(${ID});\n`,
      'c.ts': `import * as odac from '@odac/core';\nconst core: any = odac;\n${mark('c.ts')}\nexport default odac.defineTable(${ID});\n`,
      'd.mjs': `import { table } from './lib/columns.mjs';\nexport default table({ id: { type: 'increments' } });\n`,
    });
    expect(await tables(dir)).toEqual({ a: ['id'], b: ['id'], c: ['id'], d: ['id'] });
    expect(marked.seenBy).toEqual(['a.cjs', 'b.mjs', 'c.ts', 'helper']);
  });
});

describe('loading again', () => {
  it('reads changed files on the next load (CommonJS and TypeScript are not cached between loads)', async () => {
    const dir = tempSchemaDir({ 'a.js': `module.exports = ${ID};\n`, 'b.ts': `export default ${ID};\n` });
    expect(await tables(dir)).toEqual({ a: ['id'], b: ['id'] });
    writeFileSync(path.join(dir, 'a.js'), `module.exports = { columns: { other: { type: 'text' } } };\n`);
    writeFileSync(path.join(dir, 'b.ts'), `export default { columns: { changed: { type: 'text' } } };\n`);
    expect(await tables(dir)).toEqual({ a: ['other'], b: ['changed'] });
  });

  it('loads two directories at the same time', async () => {
    const one = tempSchemaDir({ 'a.ts': `export default ${ID};\n` });
    const two = tempSchemaDir({ 'b.js': `module.exports = ${ID};\n` });
    const [a, b] = await Promise.all([tables(one), tables(two)]);
    expect(a).toEqual({ a: ['id'] });
    expect(b).toEqual({ b: ['id'] });
  });
});

describe('issue 12, defect 5: a schema file whose loading never finishes', () => {
  it('fails with SCHEMA.LOAD_TIMEOUT naming the file (top-level await in .mjs and .ts, an exported promise), and loads the others', async () => {
    const dir = tempSchemaDir({
      'ok.js': `module.exports = ${ID};\n`,
      'stuck.mjs': `await new Promise(() => {});\nexport default ${ID};\n`,
      'stuck_ts.ts': `await new Promise<void>(() => {});\nexport default ${ID};\n`,
      'stuck_export.js': `module.exports = new Promise(() => {});\n`,
    });
    const started = Date.now();
    const problems = await problemsOfAsync(loadSchema(dir, { loadTimeoutMs: 200 }));
    expect(problems.map((p) => [p.code, path.basename(p.location.file ?? '')])).toEqual([
      ['SCHEMA.LOAD_TIMEOUT', 'stuck.mjs'],
      ['SCHEMA.LOAD_TIMEOUT', 'stuck_export.js'],
      ['SCHEMA.LOAD_TIMEOUT', 'stuck_ts.ts'],
    ]);
    expect(problems[0]?.message).toContain(path.join(dir, 'stuck.mjs'));
    expect(problems[0]?.message).toMatch(/did not finish loading within 200 ms.*nothing was changed/);
    // Each file waited once, not forever.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('issue 12, defect 6: a promise rejected in a schema file', () => {
  it('is that file’s SCHEMA.LOAD_FAILED with its line, whether rejected while loading, after an await, or exported', async () => {
    const dir = tempSchemaDir({
      'ok.js': `module.exports = ${ID};\n`,
      'rejects.js': `'use strict';\n\nPromise.reject(new Error('boom'));\nmodule.exports = ${ID};\n`,
      'rejects_later.mjs': `await null;\nvoid (async () => { await null; throw new Error('later'); })();\nexport default ${ID};\n`,
      'rejects_export.js': `module.exports = Promise.reject(new Error('exported'));\n`,
    });
    const problems = await problemsOfAsync(loadSchema(dir));
    expect(problems.map((p) => [p.code, path.basename(p.location.file ?? ''), p.location.line])).toEqual([
      ['SCHEMA.LOAD_FAILED', 'rejects.js', 3],
      ['SCHEMA.LOAD_FAILED', 'rejects_export.js', 1],
      ['SCHEMA.LOAD_FAILED', 'rejects_later.mjs', 2],
    ]);
    expect(problems[0]?.message).toMatch(/rejects\.js: rejected a promise that nothing handled at line 3, column \d+|rejects\.js: rejected a promise that nothing handled at line 3: boom/);
    expect(problems[0]?.message).toContain('boom');
    expect(problems[2]?.message).toContain('later');
  });
});
