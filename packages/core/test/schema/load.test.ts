import * as path from 'node:path';
import { buildSchema, findTable, loadSchema, SchemaValidationError, type Table } from '@odac/core';
import { problemsOfAsync, removeTempDirs, tempSchemaDir } from './helpers.js';

const BLOG = path.join(__dirname, '..', 'fixtures', 'schema', 'blog');

const POSTS_JS = `// schema/posts.js
'use strict';
module.exports = {
  columns: {
    id: { type: 'increments' },
    title: { type: 'string', length: 255 },
    content: { type: 'text' },
    user_id: { type: 'integer', unsigned: true, references: { table: 'users', column: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    timestamps: { type: 'timestamps' }
  }
};
`;

const USERS_JS = `module.exports = { columns: { id: { type: 'increments' } } };\n`;

afterAll(removeTempDirs);

function table(tables: readonly Table[], name: string): Table {
  const t = tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${tables.map((x) => x.name).join(', ')}`);
  return t;
}

describe('loadSchema: the ODAC.JS posts.js example', () => {
  it('loads unchanged into exactly the expected model', async () => {
    const dir = tempSchemaDir({ 'posts.js': POSTS_JS, 'users.js': USERS_JS });
    const { schema, externalReferences } = await loadSchema(dir);
    const timestamp = { type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } };
    expect(table(schema.tables, 'posts')).toStrictEqual({
      name: 'posts',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true },
        { name: 'title', type: { kind: 'string', length: 255 }, nullable: true },
        { name: 'content', type: { kind: 'text' }, nullable: true },
        { name: 'user_id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: true },
        { name: 'created_at', ...timestamp },
        { name: 'updated_at', ...timestamp },
      ],
      primaryKey: { columns: ['id'] },
      indexes: [],
      foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'CASCADE' }],
      source: path.join(dir, 'posts.js'),
    });
    expect(externalReferences).toEqual([]);
  });

  it('reports users as missing when only posts.js is there, and as external when allowed', async () => {
    const dir = tempSchemaDir({ 'posts.js': POSTS_JS });
    const problems = await problemsOfAsync(loadSchema(dir));
    expect(problems.map((p) => p.code)).toEqual(['SCHEMA.MISSING_REFERENCE']);
    expect(problems[0]?.message).toContain('posts.js');
    expect(problems[0]?.message).toContain('"posts"."user_id"');
    expect(problems[0]?.message).toContain('"users"');

    const loaded = await loadSchema(dir, { allowExternalReferences: true });
    expect(loaded.externalReferences).toEqual([
      { file: path.join(dir, 'posts.js'), table: 'posts', column: 'user_id', references: { table: 'users', columns: ['id'] } },
    ]);
    expect(loaded.schema.tables.map((t) => t.name)).toEqual(['posts']);
  });
});

describe('loadSchema: file formats', () => {
  it('loads CommonJS (.js, .cjs), ESM (.mjs) and TypeScript (.ts, .mts) files and ignores everything else', async () => {
    const { schema } = await loadSchema(BLOG);
    // nested/ignored.js, .ignored.js, shapes.d.ts and README.md are not tables.
    expect(schema.tables.map((t) => t.name)).toEqual(['post_comments', 'post_tags', 'posts', 'tags', 'users']);
    expect(table(schema.tables, 'posts').source).toBe(path.join(BLOG, 'posts.js'));
    expect(table(schema.tables, 'post_comments').source).toBe(path.join(BLOG, 'comments.mts'));
    expect(table(schema.tables, 'tags').indexes).toEqual([{ name: 'tags_name_unique', columns: ['name'], unique: true }]);
    expect(table(schema.tables, 'users').columns.map((c) => c.name)).toEqual(['id', 'email', 'role', 'created_at', 'updated_at']);
    const postTags = table(schema.tables, 'post_tags');
    expect(postTags.primaryKey).toEqual({ columns: ['post_id', 'tag_id'] });
    expect(postTags.foreignKeys).toEqual([
      { columns: ['post_id'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
      { columns: ['tag_id'], references: { table: 'tags', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ]);
  });

  it("resolves `import { defineTable } from '@odac/core'` in a .ts file outside any package", async () => {
    const dir = tempSchemaDir({
      'users.ts': `import { defineTable, CURRENT_TIMESTAMP } from '@odac/core';
import type { ColumnDefinition } from '@odac/core';
const id: ColumnDefinition = { type: 'increments' };
export default defineTable({ columns: { id, seen_at: { type: 'timestamp', default: { raw: CURRENT_TIMESTAMP } } } });
`,
      'audit.cts': `const { defineTable } = require('@odac/core');\nmodule.exports = defineTable({ columns: { id: { type: 'bigIncrements' } } });\n`,
      'events.mjs': `export default { columns: { id: { type: 'uuid', primary: true } } };\n`,
      'notes.js': `export default { columns: { body: { type: 'text' } } };\n`,
    });
    const { schema } = await loadSchema(dir);
    expect(schema.tables.map((t) => t.name)).toEqual(['audit', 'events', 'notes', 'users']);
    expect(table(schema.tables, 'users').columns[1]).toEqual({
      name: 'seen_at',
      type: { kind: 'timestamp' },
      nullable: true,
      default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' },
    });
    expect(table(schema.tables, 'events').primaryKey).toEqual({ columns: ['id'] });
    expect(table(schema.tables, 'notes').primaryKey).toBeUndefined();
  });

  it('uses the table key over the file name', async () => {
    const dir = tempSchemaDir({ 'whatever.js': `module.exports = { table: 'people', columns: { id: { type: 'increments' } } };` });
    const { schema } = await loadSchema(dir);
    expect(schema.tables.map((t) => t.name)).toEqual(['people']);
  });

  it('returns a deeply frozen result', async () => {
    const { schema } = await loadSchema(BLOG);
    const posts = table(schema.tables, 'posts');
    expect(Object.isFrozen(schema)).toBe(true);
    expect(Object.isFrozen(schema.tables)).toBe(true);
    expect(Object.isFrozen(posts.columns[0]?.type)).toBe(true);
    expect(Object.isFrozen(posts.foreignKeys[0]?.references.columns)).toBe(true);
  });
});

describe('loadSchema: determinism', () => {
  it('gives byte-identical output on every run and from buildSchema in any order', async () => {
    const a = await loadSchema(BLOG);
    const b = await loadSchema(BLOG);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));

    const files = ['posts.js', 'users.js', 'tags.js'];
    const defs = {
      'posts.js': { columns: { id: { type: 'increments' }, user_id: { type: 'integer', unsigned: true, references: 'users.id' }, tag: { type: 'string', index: true, unique: true } } },
      'users.js': { columns: { id: { type: 'increments' }, email: { type: 'string', unique: true } }, indexes: [{ columns: ['email'] }] },
      'tags.js': { columns: { id: { type: 'increments' } } },
    } as const;
    const forward = buildSchema(files.map((f) => ({ file: path.join(BLOG, f), definition: defs[f as keyof typeof defs] })));
    const backward = buildSchema([...files].reverse().map((f) => ({ file: path.join(BLOG, f), definition: defs[f as keyof typeof defs] })));
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(findTable(forward.schema, 'posts')?.indexes).toEqual([
      { columns: ['tag'], unique: false },
      { columns: ['tag'], unique: true },
    ]);
  });
});

describe('loadSchema: files that cannot be loaded', () => {
  it('reports a syntax error with the file, the line and the column', async () => {
    const dir = tempSchemaDir({
      'posts.js': `module.exports = {\n  columns: {\n    id: { type: 'increments' }\n    title: { type: 'string' },\n  }\n};\n`,
    });
    const problems = await problemsOfAsync(loadSchema(dir));
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p?.code).toBe('SCHEMA.SYNTAX_ERROR');
    expect(p?.location).toEqual({ file: path.join(dir, 'posts.js'), line: 4 });
    expect(p?.message).toContain(path.join(dir, 'posts.js'));
    expect(p?.message).toContain('line 4, column 5');
    expect(p?.message).toMatch(/fix the syntax/i);
  });

  it('reports syntax errors in TypeScript and ESM files, all of them at once', async () => {
    const dir = tempSchemaDir({
      'a.ts': `export default {\n  columns: {\n    id: { type: 'increments' },,\n  },\n};\n`,
      'b.mjs': `export default {\n  columns: { id: { type: 'increments' } }\n  }\n};\n`,
      'c.js': USERS_JS,
    });
    const problems = await problemsOfAsync(loadSchema(dir));
    expect(problems.map((p) => [p.code, p.location.file, p.location.line])).toEqual([
      ['SCHEMA.SYNTAX_ERROR', path.join(dir, 'a.ts'), 3],
      ['SCHEMA.SYNTAX_ERROR', path.join(dir, 'b.mjs'), 4],
    ]);
    expect(problems[0]?.message).toMatch(/line 3, column \d+/);
  });

  it('reports a file that throws while loading as LOAD_FAILED with its line', async () => {
    const dir = tempSchemaDir({ 'posts.ts': `const n: number = 1;\n\nthrow new Error('boom ' + n);\n` });
    const problems = await problemsOfAsync(loadSchema(dir));
    expect(problems.map((p) => p.code)).toEqual(['SCHEMA.LOAD_FAILED']);
    expect(problems[0]?.message).toContain('posts.ts');
    expect(problems[0]?.message).toContain('line 3');
    expect(problems[0]?.message).toContain('boom 1');
    expect(problems[0]?.cause).toBeDefined();
  });

  it('reports a file whose export is not a table definition, naming the file', async () => {
    const dir = tempSchemaDir({ 'posts.js': `module.exports = 42;\n`, 'users.mjs': `export default { cols: {} };\n` });
    const problems = await problemsOfAsync(loadSchema(dir));
    expect(problems.map((p) => p.code)).toEqual(['SCHEMA.INVALID', 'SCHEMA.INVALID']);
    expect(problems[0]?.message).toContain('posts.js');
    expect(problems[0]?.message).toContain('module.exports = { columns:');
    expect(problems[1]?.message).toContain('users.mjs');
  });

  it('reads a directory without schema files as an empty schema (what pull of an empty database writes)', async () => {
    const empty = tempSchemaDir({ 'README.md': 'no tables here', 'types.d.ts': 'export {};', 'sub/x.js': USERS_JS });
    const loaded = await loadSchema(empty);
    expect(loaded.schema.tables).toEqual([]);
  });

  it('reports a missing directory and a file as LOAD_FAILED naming the directory', async () => {
    const missing = path.join(tempSchemaDir({}), 'nope');
    const file = path.join(tempSchemaDir({ 'x.js': USERS_JS }), 'x.js');
    for (const [dir, words] of [[missing, 'does not exist'], [file, 'is not a directory']] as const) {
      const err = await loadSchema(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SchemaValidationError);
      const problems = (err as SchemaValidationError).errors;
      expect(problems.map((p) => p.code)).toEqual(['SCHEMA.LOAD_FAILED']);
      expect(problems[0]?.message).toContain(dir);
      expect(problems[0]?.message).toContain(words);
    }
  });

  it('shows paths below the working directory relative to it', async () => {
    const relative = path.relative(process.cwd(), BLOG);
    const problems = await problemsOfAsync(loadSchema(path.join(BLOG, 'no-such-dir')));
    expect(problems[0]?.message).toContain(path.join(relative, 'no-such-dir'));
    expect(problems[0]?.message).not.toContain(process.cwd());
  });
});
