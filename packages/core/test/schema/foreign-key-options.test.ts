/**
 * `deferrable` and `match` on foreign keys: schema file → model, and the
 * problems reported for values the format does not take.
 */
import { buildSchema, defineTable, loadSchema, type ForeignKey, type SchemaError, type TableDefinition } from '@odac/core';
import { problemsOf, problemsOfAsync, removeTempDirs, sourced, tempSchemaDir } from './helpers.js';

const USERS = { columns: { id: { type: 'increments' }, org_id: { type: 'integer', nullable: false }, code: { type: 'string', nullable: false } }, indexes: [{ columns: ['org_id', 'code'], unique: true }] };

/** The foreign keys of table `posts` built from `posts` and a users table. */
function keysOf(posts: Readonly<Record<string, unknown>>): readonly ForeignKey[] {
  const { schema } = buildSchema(sourced({ 'users.js': USERS, 'posts.js': posts }));
  return schema.tables.find((t) => t.name === 'posts')?.foreignKeys ?? [];
}

const column = (options: Readonly<Record<string, unknown>>) => ({ columns: { user_id: { type: 'integer', unsigned: true, references: 'users.id', ...options } } });

function problems(posts: Readonly<Record<string, unknown>>): readonly SchemaError[] {
  return problemsOf(() => buildSchema(sourced({ 'users.js': USERS, 'posts.js': posts })));
}

afterAll(removeTempDirs);

describe('deferrable and match: schema file → model', () => {
  it.each([
    [{}, {}],
    [{ deferrable: true }, { deferrable: 'immediate' }],
    [{ deferrable: 'immediate' }, { deferrable: 'immediate' }],
    [{ deferrable: 'deferred' }, { deferrable: 'deferred' }],
    [{ deferrable: false }, {}],
    [{ match: 'full' }, { match: 'full' }],
    [{ match: 'simple' }, {}],
    [{ deferrable: 'deferred', match: 'full', onDelete: 'cascade' }, { onDelete: 'CASCADE', deferrable: 'deferred', match: 'full' }],
  ])('column option %j → %j', (options, expected) => {
    expect(keysOf(column(options))).toStrictEqual([
      { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION', ...expected },
    ]);
  });

  it('reads the same keys on table-level foreignKeys', () => {
    const keys = keysOf({
      columns: { org: { type: 'integer' }, code: { type: 'string' } },
      foreignKeys: [{ columns: ['org', 'code'], references: { table: 'users', columns: ['org_id', 'code'] }, deferrable: true, match: 'full', name: 'fk_posts_user' }],
    });
    expect(keys).toStrictEqual([
      {
        name: 'fk_posts_user',
        columns: ['org', 'code'],
        references: { table: 'users', columns: ['org_id', 'code'] },
        onDelete: 'NO ACTION',
        onUpdate: 'NO ACTION',
        deferrable: 'immediate',
        match: 'full',
      },
    ]);
  });

  it('merges a column-level and a table-level declaration of the same key when they agree', () => {
    const keys = keysOf({
      ...column({ deferrable: 'deferred' }),
      foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, deferrable: 'deferred' }],
    });
    expect(keys).toHaveLength(1);
    expect(keys[0]?.deferrable).toBe('deferred');
  });

  it('loads a TypeScript schema file written with defineTable', async () => {
    const dir = tempSchemaDir({
      'users.ts': `import { defineTable } from '@odac/core';\nexport default defineTable({ columns: { id: { type: 'increments' } } });\n`,
      'posts.ts':
        `import { defineTable } from '@odac/core';\n` +
        `export default defineTable({ columns: { id: { type: 'increments' }, user_id: { type: 'integer', unsigned: true, references: 'users.id', deferrable: 'deferred', match: 'full' } } });\n`,
    });
    const { schema } = await loadSchema(dir);
    expect(schema.tables.find((t) => t.name === 'posts')?.foreignKeys).toStrictEqual([
      { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION', deferrable: 'deferred', match: 'full' },
    ]);
  });

  it('types the options in defineTable (checked by tsc --noEmit over test/)', () => {
    const good: TableDefinition = defineTable({
      columns: { a: { type: 'integer', references: 't.id', deferrable: true, match: 'simple' } },
      foreignKeys: [{ columns: ['a'], references: { table: 't', columns: ['id'] }, deferrable: 'deferred', match: 'full' }],
    });
    const bad: TableDefinition[] = [
      // @ts-expect-error 'later' is not a deferral mode
      defineTable({ columns: { a: { type: 'integer', references: 't.id', deferrable: 'later' } } }),
      // @ts-expect-error 'partial' is not a match type odac takes
      defineTable({ columns: { a: { type: 'integer' } }, foreignKeys: [{ columns: ['a'], references: { table: 't', columns: ['id'] }, match: 'partial' }] }),
    ];
    expect([good, ...bad]).toHaveLength(3);
  });
});

describe('deferrable and match: problems', () => {
  it.each([
    ['an unknown deferral mode', { deferrable: 'later' }, ["deferrable 'later'", 'not a deferral mode', "'deferred'", 'INITIALLY DEFERRED']],
    ['a misspelled deferral mode', { deferrable: 'DEFERED' }, ["deferrable 'DEFERED'", "did you mean 'deferred'?"]],
    ['a number as deferral mode', { deferrable: 1 }, ['deferrable 1', "use true or 'immediate'"]],
    ['MATCH PARTIAL', { match: 'partial' }, ["match 'partial'", 'MATCH PARTIAL', "use 'full' or 'simple'"]],
    ['an unknown match type', { match: 'exact' }, ["match 'exact'", 'not a match type', "'full' (MATCH FULL)"]],
    ['a misspelled match type', { match: 'ful' }, ["did you mean 'full'?"]],
  ])('column option with %s is SCHEMA.INVALID with advice', (_label, options, says) => {
    const found = problems(column(options));
    expect(found.map((p) => p.code)).toEqual(['SCHEMA.INVALID']);
    expect(found[0]?.location).toMatchObject({ table: 'posts', column: 'user_id' });
    for (const s of says) expect(found[0]?.message).toContain(s);
  });

  it.each([['deferrable', 'deferred'], ['match', 'full'], ['deferrable', false]])('%s without references has no effect and is an error', (option, value) => {
    const found = problems({ columns: { user_id: { type: 'integer', [option]: value } } });
    expect(found.map((p) => p.code)).toEqual(['SCHEMA.INVALID']);
    expect(found[0]?.message).toContain(`has ${option} but no references`);
    expect(found[0]?.message).toContain(`remove ${option}`);
  });

  it('reports bad table-level values with their place in foreignKeys', () => {
    const found = problems({
      columns: { user_id: { type: 'integer', unsigned: true } },
      foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, deferrable: 'initially deferred', match: 'PARTIAL' }],
    });
    expect(found.map((p) => p.code)).toEqual(['SCHEMA.INVALID', 'SCHEMA.INVALID']);
    expect(found[0]?.message).toContain("foreignKeys[0].deferrable 'initially deferred'");
    expect(found[1]?.message).toContain("foreignKeys[0].match 'PARTIAL'");
    expect(found[1]?.message).toContain('MATCH PARTIAL');
  });

  it('names a misspelled table-level key', () => {
    const found = problems({
      columns: { user_id: { type: 'integer', unsigned: true } },
      foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, deferable: true }],
    });
    expect(found.map((p) => p.code)).toEqual(['SCHEMA.UNKNOWN_OPTION']);
    expect(found[0]?.message).toContain("did you mean 'deferrable'?");
  });

  it('keeps the same columns and target declared twice with other options as two keys, as every database does (issue 10)', () => {
    const posts = { ...column({ deferrable: 'deferred' }), foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, match: 'full' }] };
    // keysOf throws on any validation problem.
    expect(keysOf(posts).map((k) => [k.deferrable ?? null, k.match ?? null])).toEqual([
      ['deferred', null],
      [null, 'full'],
    ]);
  });

  it('keeps two names for one meaning as two keys, and collapses an unnamed repeat into the named one', () => {
    const key = { columns: ['user_id'], references: { table: 'users', columns: ['id'] } };
    expect(keysOf({ ...column({}), foreignKeys: [{ ...key, name: 'a' }, { ...key, name: 'b' }] }).map((k) => k.name)).toEqual(['a', 'b']);
    expect(keysOf({ ...column({}), foreignKeys: [{ ...key, name: 'a' }] }).map((k) => k.name)).toEqual(['a']);
  });

  it('still refuses one key name twice in a table', () => {
    const key = { columns: ['user_id'], references: { table: 'users', columns: ['id'] } };
    const found = problems({ ...column({}), foreignKeys: [{ ...key, name: 'a' }, { ...key, name: 'a', onDelete: 'cascade' }] });
    expect(found.map((p) => p.code)).toEqual(['SCHEMA.INVALID']);
    expect(found[0]?.message).toContain("foreign key name 'a' twice in this table");
  });

  it('rejects a bad value in a loaded file too, before any database is touched', async () => {
    const dir = tempSchemaDir({
      'users.js': `module.exports = { columns: { id: { type: 'increments' } } };\n`,
      'posts.js': `module.exports = { columns: { user_id: { type: 'integer', unsigned: true, references: 'users.id', deferrable: 'sometimes' } } };\n`,
    });
    const found = await problemsOfAsync(loadSchema(dir));
    expect(found.map((p) => p.code)).toEqual(['SCHEMA.INVALID']);
    expect(found[0]?.location.file).toMatch(/posts\.js$/);
    expect(found[0]?.message).toContain("deferrable 'sometimes'");
  });
});
