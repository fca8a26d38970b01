import { buildSchema, SchemaValidationError, type ErrorCode, type LoadOptions, type SchemaError } from '@odac/core';
import { problemsOf, sourced } from './helpers.js';

const USERS = { columns: { id: { type: 'increments' }, email: { type: 'string', unique: true }, name: { type: 'string' } } };

interface Expectation {
  readonly code: ErrorCode;
  readonly file: string;
  readonly table?: string;
  readonly column?: string;
  /** Substrings the message must contain (file, table and column are checked separately). */
  readonly says: readonly string[];
}

/** Builds `defs` and expects exactly one problem, as described. */
function expectOne(defs: Readonly<Record<string, unknown>>, e: Expectation, options: LoadOptions = {}): SchemaError {
  const problems = problemsOf(() => buildSchema(sourced(defs), options));
  expect(problems.map((p) => `${p.code}: ${p.message}`)).toHaveLength(1);
  const [p] = problems as [SchemaError];
  expect(p.code).toBe(e.code);
  expect(p.message).toContain(`/schema/${e.file}`);
  expect(p.location.file).toBe(`/schema/${e.file}`);
  if (e.table !== undefined) {
    expect(p.location.table).toBe(e.table);
    expect(p.message).toContain(`"${e.table}"`);
  }
  if (e.column !== undefined) {
    expect(p.location.column).toBe(e.column);
    expect(p.message).toContain(`"${e.table}"."${e.column}"`);
  }
  for (const s of e.says) expect(p.message).toContain(s);
  return p;
}

function one(def: Record<string, unknown>): Record<string, unknown> {
  return { 'posts.js': { columns: { c: def } } };
}

describe('types odac does not know', () => {
  // ODAC.JS passes any other type string to the database (knex's specificType), so odac does too.
  it.each(['citext', 'geometry', 'varchar', 'timestamptz', 'bool', 'int[]'])('%s is a native type, passed through without a note', (type) => {
    const loaded = buildSchema(sourced(one({ type })));
    expect(loaded.schema.tables[0]?.columns[0]?.type).toEqual({ kind: 'native', sql: type });
    expect(loaded.warnings).toEqual([]);
  });

  it.each([
    ['strin', 'string'],
    ['Integer', 'integer'],
    ['biginteger', 'bigInteger'],
  ])('%s passes through, with a did-you-mean %s in the plan notes', (type, meant) => {
    const loaded = buildSchema(sourced(one({ type })));
    expect(loaded.schema.tables[0]?.columns[0]?.type).toEqual({ kind: 'native', sql: type });
    expect(loaded.warnings).toHaveLength(1);
    for (const words of ['posts.js', '"posts"."c"', `'${type}'`, 'passed to the database as written', `did you mean '${meant}'?`]) expect(loaded.warnings[0]).toContain(words);
  });

  it('takes only the common options (a length belongs in the type)', () => {
    expectOne(one({ type: 'citext', length: 20 }), { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', column: 'c', says: ["'citext'", "'length'", "type: 'varchar(20)'"] });
  });

  it('must be one SQL fragment', () => {
    expectOne(one({ type: 'text; DROP TABLE users' }), { code: 'SCHEMA.INVALID', file: 'posts.js', table: 'posts', column: 'c', says: ['single expression'] });
  });

  it('reports a missing type as INVALID with advice', () => {
    expectOne(one({ nullable: false }), { code: 'SCHEMA.INVALID', file: 'posts.js', table: 'posts', column: 'c', says: ['no type', "add type: 'string'"] });
  });
});

describe('SCHEMA.UNKNOWN_OPTION', () => {
  it('suggests the option that was meant', () => {
    expectOne(one({ type: 'string', nulable: false }), { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', column: 'c', says: ["'nulable'", "did you mean 'nullable'?"] });
  });

  it('names the options when nothing is close', () => {
    expectOne(one({ type: 'string', colour: 'red' }), { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', column: 'c', says: ["'colour'", 'remove it', "'nullable'"] });
  });

  it.each([
    [{ type: 'integer', length: 11 }, 'length', 'only string, char, nanoid and binary take a length'],
    [{ type: 'string', values: ['a'] }, 'values', "only enum takes values"],
    [{ type: 'string', precision: 8 }, 'precision', "only decimal and float take a precision"],
    [{ type: 'integer', scale: 2 }, 'scale', 'only decimal and float take a scale'],
    [{ type: 'datetime', withTimeZone: true }, 'withTimeZone', "use { type: 'timestamp', withTimeZone: true }"],
    [{ type: 'string', unsigned: true }, 'unsigned', 'only integer types and decimal can be unsigned'],
    [{ type: 'integer', collation: 'C' }, 'collation', 'only string, char, text, enum and specificType columns have a collation'],
    [{ type: 'string', identity: 'always' }, 'identity', 'only increments, bigIncrements and the integer, bigInteger and smallInteger types say how their values are generated'],
  ])('%j: option valid only for other types', (def, option, advice) => {
    expectOne(one(def), { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', column: 'c', says: [`'${option}'`, `type '${def.type}'`, advice] });
  });

  it('rejects options on the timestamps pseudo-column', () => {
    expectOne(
      { 'posts.js': { columns: { timestamps: { type: 'timestamps', nullable: true } } } },
      { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', column: 'timestamps', says: ['takes no options', "'nullable'", 'declare created_at and updated_at'] },
    );
  });

  it('suggests table-level keys', () => {
    expectOne(
      { 'posts.js': { columns: { a: { type: 'integer' } }, index: [{ columns: ['a'] }] } },
      { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', says: ["'index'", "did you mean 'indexes'?"] },
    );
    expectOne(
      { 'posts.js': { columns: { a: { type: 'integer' } }, primaryKey: ['a'] } },
      { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', says: ["'primaryKey'", "did you mean 'primary'?"] },
    );
  });

  it('checks the keys of indexes, foreign keys and references', () => {
    expectOne(
      { 'posts.js': { columns: { a: { type: 'integer' } }, indexes: [{ columns: ['a'], uniqe: true }] } },
      { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', says: ["'uniqe'", 'indexes[0]', "did you mean 'unique'?"] },
    );
    expectOne(
      { 'users.js': USERS, 'posts.js': { columns: { u: { type: 'integer', unsigned: true, references: { table: 'users', columns: 'id', column: 'id' } } } } },
      { code: 'SCHEMA.UNKNOWN_OPTION', file: 'posts.js', table: 'posts', column: 'u', says: ["'columns'", "did you mean 'column'?"] },
    );
  });
});

describe('SCHEMA.DUPLICATE_COLUMN and SCHEMA.DUPLICATE_TABLE', () => {
  it('a created_at column next to timestamps', () => {
    expectOne(
      { 'posts.js': { columns: { created_at: { type: 'datetime' }, timestamps: { type: 'timestamps' } } } },
      { code: 'SCHEMA.DUPLICATE_COLUMN', file: 'posts.js', table: 'posts', column: 'created_at', says: ["'created_at'", 'timestamps', 'remove one'] },
    );
  });

  it('two timestamps pseudo-columns; names differing only in case are two columns (the planner refuses them where case is ignored)', () => {
    const problems = problemsOf(() =>
      buildSchema(sourced({ 'posts.js': { columns: { t1: { type: 'timestamps' }, t2: { type: 'timestamps' }, Email: { type: 'string' }, email: { type: 'string' } } } })),
    );
    expect(problems.map((p) => [p.code, p.location.column])).toEqual([
      ['SCHEMA.DUPLICATE_COLUMN', 'created_at'],
      ['SCHEMA.DUPLICATE_COLUMN', 'updated_at'],
    ]);
    const loaded = buildSchema(sourced({ 'posts.js': { columns: { Email: { type: 'string' }, email: { type: 'string' } } } }));
    expect(loaded.schema.tables[0]?.columns.map((c) => c.name)).toEqual(['Email', 'email']);
    expect(loaded.warnings).toEqual([]);
  });

  it('two files whose table names differ only in case are two tables', () => {
    const loaded = buildSchema(sourced({ 'Users.js': { columns: { a: { type: 'text' } } }, 'users_2.js': { table: 'users', columns: { a: { type: 'text' } } } }));
    expect(loaded.schema.tables.map((t) => t.name)).toEqual(['Users', 'users']);
    expect(loaded.warnings).toEqual([]);
  });

  it('two files defining the same table', () => {
    expectOne(
      { 'posts.js': { columns: { a: { type: 'text' } } }, 'articles.js': { table: 'posts', columns: { a: { type: 'text' } } } },
      { code: 'SCHEMA.DUPLICATE_TABLE', file: 'posts.js', table: 'posts', says: ['/schema/articles.js', 'keep one file per table'] },
    );
  });
});

describe('SCHEMA.INVALID: bad values', () => {
  const cases: [string, Record<string, unknown>, readonly string[]][] = [
    ['non-positive length', { type: 'string', length: 0 }, ['length 0', 'positive whole number']],
    ['fractional length', { type: 'char', length: 2.5 }, ['length 2.5', 'positive whole number']],
    ['scale > precision', { type: 'decimal', precision: 4, scale: 6 }, ['scale 6', 'precision 4', 'make precision at least 6']],
    ['scale > default precision', { type: 'decimal', scale: 12 }, ['scale 12', '(the default)']],
    ['enum without values', { type: 'enum' }, ['without values', "values: ['a', 'b']"]],
    ['enum with empty values', { type: 'enum', values: [] }, ['non-empty array of strings']],
    ['enum with non-string values', { type: 'enum', values: [1, 2] }, ['non-empty array of strings']],
    ['specificType without native', { type: 'specificType' }, ["native: 'citext'"]],
    ['bad textType', { type: 'text', textType: 'mediumtxt' }, ["did you mean 'mediumtext'?"]],
    ['empty collation', { type: 'text', collation: '' }, ['has collation ""', "collation: 'C'"]],
    ['empty charset', { type: 'string', charset: '' }, ['has charset ""', "charset: 'latin1'"]],
    ['enum typeSchema without typeName', { type: 'enum', values: ['a'], typeSchema: 'other' }, ['has typeSchema without typeName']],
    ['bad identity', { type: 'increments', identity: 'seriel' }, ['identity "seriel"', "did you mean 'serial'?"]],
    ['non-boolean nullable', { type: 'string', nullable: 'no' }, ['nullable: "no"', 'true or false']],
    ['bad FK action', { type: 'integer', unsigned: true, references: 'users.id', onDelete: 'cascde' }, ["'cascde'", "did you mean 'CASCADE'?"]],
    ['FK action without references', { type: 'integer', onDelete: 'CASCADE' }, ['no references', 'remove onDelete']],
    ['shorthand without a column', { type: 'integer', references: 'users' }, ["references 'users'", "'users.id'"]],
    ['shorthand with two dots', { type: 'integer', references: 'public.users.id' }, ["'table.column'"]],
    ['reference object without column', { type: 'integer', references: { table: 'users' } }, ["{ table: 'users', column: 'id' }"]],
    ['text default on integer', { type: 'integer', default: 'abc' }, ["'abc' is not a number"]],
    ['fractional default on integer', { type: 'integer', default: 1.5 }, ['not a whole number']],
    ['negative default on unsigned', { type: 'integer', unsigned: true, default: -1 }, ['negative']],
    ['boolean default on integer', { type: 'integer', default: true }, ['use 1']],
    ['number default on string', { type: 'string', default: 3 }, ["write it as a string ('3')"]],
    ['text default on boolean', { type: 'boolean', default: 'yes' }, ['use true or false']],
    ['default not in enum', { type: 'enum', values: ['a'], default: 'b' }, ["'b' is not one of the enum values"]],
    ['invalid JSON default', { type: 'json', default: '{oops' }, ['not valid JSON']],
    ['too long default', { type: 'string', length: 2, default: 'abc' }, ['longer than']],
    ['default null on NOT NULL', { type: 'string', nullable: false, default: null }, ['default null', 'not nullable']],
    ['default object', { type: 'string', default: { sql: 'x' } }, ["{ raw: 'SQL' }"]],
    ['default on increments', { type: 'increments', default: 1 }, ['remove the default']],
    ['nullable primary key', { type: 'integer', primary: true, nullable: true }, ['never nullable']],
  ];
  it.each(cases)('%s', (_label, def, says) => {
    const defs = { 'users.js': USERS, ...one(def) };
    expectOne(defs, { code: 'SCHEMA.INVALID', file: 'posts.js', table: 'posts', column: 'c', says });
  });

  it.each([
    ['index on a missing column', { indexes: [{ columns: ['titel'] }] }, ["'titel'", 'indexes[0].columns', "did you mean 'title'?"]],
    ['primary on a missing column', { primary: ['idd'] }, ["'idd'", 'primary', "did you mean 'id'?"]],
    ['foreign key on a missing column', { foreignKeys: [{ columns: ['user'], references: { table: 'users', columns: ['id'] } }] }, ["'user'", 'foreignKeys[0].columns', 'its columns are']],
    ['foreign key column count mismatch', { foreignKeys: [{ columns: ['id'], references: { table: 'users', columns: ['id', 'email'] } }] }, ['1 columns referencing 2']],
    ['bad table-level action', { foreignKeys: [{ columns: ['id'], references: { table: 'users', columns: ['id'] }, onUpdate: 'SETNULL' }] }, ["did you mean 'SET NULL'?"]],
    ['primary declared twice', { primary: ['id', 'title'] }, ['primary key twice', "'id'", 'keep only one']],
    ['empty columns', { columns: {} }, ['no columns']],
    ['check without expression', { checks: [{ name: 'x' }] }, ['checks[0]', 'without an expression']],
    ['index without columns', { indexes: [{ unique: true }] }, ['indexes[0].columns', 'list column names']],
  ])('%s', (_label, extra, says) => {
    const posts = { columns: { id: { type: 'increments' }, title: { type: 'string' } }, ...extra };
    expectOne({ 'users.js': USERS, 'posts.js': posts }, { code: 'SCHEMA.INVALID', file: 'posts.js', table: 'posts', says });
  });

  it('two auto-increment columns, or increments plus another primary: true', () => {
    expectOne({ 'posts.js': { columns: { a: { type: 'increments' }, b: { type: 'bigIncrements' } } } }, { code: 'SCHEMA.INVALID', file: 'posts.js', table: 'posts', says: ['2 auto-increment columns', 'only one'] });
    expectOne({ 'posts.js': { columns: { a: { type: 'increments' }, b: { type: 'integer', primary: true } } } }, { code: 'SCHEMA.INVALID', file: 'posts.js', table: 'posts', says: ["'b'", "'a' already is the primary key"] });
  });

  it('index and foreign key names used twice in one table', () => {
    expectOne(
      { 'posts.js': { columns: { a: { type: 'integer' }, b: { type: 'integer' } }, indexes: [{ columns: ['a'], name: 'idx_a' }, { columns: ['b'], name: 'idx_a' }] } },
      { code: 'SCHEMA.INVALID', file: 'posts.js', table: 'posts', says: ["index name 'idx_a' twice in this table", 'rename one'] },
    );
  });

  it('an index name used by two tables is a warning, not an error (MySQL and SQL Server accept it)', () => {
    const loaded = buildSchema(
      sourced({
        'posts.js': { columns: { a: { type: 'integer' } }, indexes: [{ columns: ['a'], name: 'idx_a' }] },
        'tags.js': { columns: { a: { type: 'integer' } }, indexes: [{ columns: ['a'], name: 'idx_a' }] },
      }),
    );
    expect(loaded.schema.tables.map((t) => t.indexes[0]?.name)).toEqual(['idx_a', 'idx_a']);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/tags\.js: table "tags" uses index name 'idx_a', also used by table "posts".*PostgreSQL and SQLite/);
  });

  it('renamedFrom a table that is still defined', () => {
    expectOne(
      { 'posts.js': { columns: { a: { type: 'integer' } }, renamedFrom: 'articles' }, 'articles.js': { columns: { a: { type: 'integer' } } } },
      { code: 'SCHEMA.INVALID', file: 'posts.js', table: 'posts', says: ["renamedFrom 'articles'", '/schema/articles.js', 'still defines'] },
    );
  });
});

describe('SCHEMA.MISSING_REFERENCE and external references', () => {
  it('a table no schema file defines, with a suggestion', () => {
    expectOne(
      { 'users.js': USERS, 'posts.js': { columns: { user_id: { type: 'integer', unsigned: true, references: 'user.id' } } } },
      { code: 'SCHEMA.MISSING_REFERENCE', file: 'posts.js', table: 'posts', column: 'user_id', says: ['"user"', "did you mean 'users'?", 'add a schema file', 'allowExternalReferences'] },
    );
  });

  it('a column the referenced table does not have', () => {
    expectOne(
      { 'users.js': USERS, 'posts.js': { columns: { user_id: { type: 'integer', unsigned: true, references: 'users.uid' } } } },
      { code: 'SCHEMA.MISSING_REFERENCE', file: 'posts.js', table: 'posts', column: 'user_id', says: ["no column 'uid'", '/schema/users.js', "did you mean 'id'?"] },
    );
  });

  it('with allowExternalReferences, a missing table is reported in externalReferences instead', () => {
    const { externalReferences } = buildSchema(
      sourced({
        'posts.js': {
          columns: { user_id: { type: 'integer', references: 'accounts.id' }, a: { type: 'integer' }, b: { type: 'integer' } },
          foreignKeys: [{ columns: ['a', 'b'], references: { table: 'pairs', columns: ['x', 'y'] } }],
        },
      }),
      { allowExternalReferences: true },
    );
    expect(externalReferences).toEqual([
      { file: '/schema/posts.js', table: 'posts', references: { table: 'pairs', columns: ['x', 'y'] } },
      { file: '/schema/posts.js', table: 'posts', column: 'user_id', references: { table: 'accounts', columns: ['id'] } },
    ]);
  });

  it('allowExternalReferences does not excuse a missing column of a defined table', () => {
    expectOne(
      { 'users.js': USERS, 'posts.js': { columns: { user_id: { type: 'integer', unsigned: true, references: 'users.uid' } } } },
      { code: 'SCHEMA.MISSING_REFERENCE', file: 'posts.js', table: 'posts', column: 'user_id', says: ["no column 'uid'"] },
      { allowExternalReferences: true },
    );
  });
});

describe('SCHEMA.REFERENCE_NOT_UNIQUE', () => {
  it('a column that is neither the primary key nor unique', () => {
    expectOne(
      { 'users.js': USERS, 'posts.js': { columns: { author: { type: 'string', references: 'users.name' } } } },
      { code: 'SCHEMA.REFERENCE_NOT_UNIQUE', file: 'posts.js', table: 'posts', column: 'author', says: ['users(name)', 'add unique: true to "users"."name"'] },
    );
  });

  it('part of a composite primary key is not enough; the whole key in any order is', () => {
    const pairs = { columns: { x: { type: 'integer' }, y: { type: 'integer' } }, primary: ['x', 'y'] };
    expectOne(
      { 'pairs.js': pairs, 'posts.js': { columns: { x: { type: 'integer', references: 'pairs.x' } } } },
      { code: 'SCHEMA.REFERENCE_NOT_UNIQUE', file: 'posts.js', table: 'posts', column: 'x', says: ['neither the primary key'] },
    );
    const ok = buildSchema(
      sourced({ 'pairs.js': pairs, 'posts.js': { columns: { x: { type: 'integer' }, y: { type: 'integer' } }, foreignKeys: [{ columns: ['y', 'x'], references: { table: 'pairs', columns: ['y', 'x'] } }] } }),
    );
    expect(ok.schema.tables).toHaveLength(2);
  });

  it('a unique column or a unique index backs a reference; a partial unique index does not', () => {
    expect(() => buildSchema(sourced({ 'users.js': USERS, 'posts.js': { columns: { email: { type: 'string', references: 'users.email' } } } }))).not.toThrow();
    const partial = { columns: { id: { type: 'increments' }, code: { type: 'string' } }, indexes: [{ columns: ['code'], unique: true, where: 'code IS NOT NULL' }] };
    expectOne(
      { 'users.js': partial, 'posts.js': { columns: { code: { type: 'string', references: 'users.code' } } } },
      { code: 'SCHEMA.REFERENCE_NOT_UNIQUE', file: 'posts.js', table: 'posts', column: 'code', says: ['users(code)'] },
    );
  });
});

describe('SCHEMA.REFERENCE_TYPE_MISMATCH', () => {
  it('signed integer referencing increments: accepted (SQLite, PostgreSQL and SQL Server take it), with a note that MariaDB/MySQL refuse it', () => {
    const loaded = buildSchema(sourced({ 'users.js': USERS, 'posts.js': { columns: { user_id: { type: 'integer', references: 'users.id' } } } }));
    expect(loaded.schema.tables.find((t) => t.name === 'posts')?.foreignKeys).toHaveLength(1);
    expect(loaded.warnings).toHaveLength(1);
    for (const words of ['posts.js', '"posts"."user_id"', '"users"."id"', 'MariaDB/MySQL refuse it (errno 150)', 'add `unsigned: true`']) expect(loaded.warnings[0]).toContain(words);
  });

  it('integer referencing bigIncrements: use bigInteger unsigned', () => {
    expectOne(
      { 'tags.js': { columns: { id: { type: 'bigIncrements' } } }, 'posts.js': { columns: { tag_id: { type: 'integer', unsigned: true, references: 'tags.id' } } } },
      { code: 'SCHEMA.REFERENCE_TYPE_MISMATCH', file: 'posts.js', table: 'posts', column: 'tag_id', says: ["use { type: 'bigInteger', unsigned: true }"] },
    );
  });

  it('char referencing string; decimals with other precision', () => {
    expectOne(
      { 'users.js': USERS, 'posts.js': { columns: { email: { type: 'char', references: 'users.email' } } } },
      { code: 'SCHEMA.REFERENCE_TYPE_MISMATCH', file: 'posts.js', table: 'posts', column: 'email', says: ['char(255)', 'string(255)'] },
    );
    expectOne(
      { 'prices.js': { columns: { p: { type: 'decimal', primary: true } } }, 'posts.js': { columns: { p: { type: 'decimal', precision: 12, references: 'prices.p' } } } },
      { code: 'SCHEMA.REFERENCE_TYPE_MISMATCH', file: 'posts.js', table: 'posts', column: 'p', says: ['use precision: 10, scale: 2'] },
    );
  });

  it('string lengths may differ; nullability and auto-increment do not matter', () => {
    expect(() =>
      buildSchema(
        sourced({
          'users.js': USERS,
          'posts.js': { columns: { email: { type: 'string', length: 100, references: 'users.email' }, user_id: { type: 'integer', unsigned: true, nullable: false, references: 'users.id' } } },
        }),
      ),
    ).not.toThrow();
  });
});

describe('SET NULL on NOT NULL columns: a warning (PostgreSQL and SQLite accept the key)', () => {
  it('SET NULL on a NOT NULL column', () => {
    const loaded = buildSchema(
      sourced({ 'users.js': USERS, 'posts.js': { columns: { user_id: { type: 'integer', unsigned: true, nullable: false, references: 'users.id', onDelete: 'set null' } } } }),
    );
    expect(loaded.schema.tables.find((t) => t.name === 'posts')?.foreignKeys[0]?.onDelete).toBe('SET NULL');
    expect(loaded.warnings).toHaveLength(1);
    for (const words of ['posts.js', 'column "posts"."user_id"', "onDelete: 'SET NULL'", 'nullable: false', 'Make the column nullable']) expect(loaded.warnings[0]).toContain(words);
  });

  it('SET NULL on a primary key column', () => {
    const loaded = buildSchema(
      sourced({
        'users.js': USERS,
        'memberships.js': { columns: { user_id: { type: 'integer', unsigned: true, references: 'users.id', onUpdate: 'SET NULL' }, team: { type: 'string' } }, primary: ['user_id', 'team'] },
      }),
    );
    expect(loaded.warnings).toHaveLength(1);
    for (const words of ['memberships.js', "onUpdate: 'SET NULL'", 'primary key']) expect(loaded.warnings[0]).toContain(words);
  });
});

describe('collecting problems', () => {
  it('reports every problem of every file in one SchemaValidationError', () => {
    let error: unknown;
    try {
      buildSchema(
        sourced({
          'posts.js': { columns: { title: { type: 'enum' }, user_id: { type: 'bigInteger', references: 'users.id' } } },
          'users.js': { columns: { id: { type: 'increments' }, email: { type: 'string', nulable: true } } },
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaValidationError);
    const err = error as SchemaValidationError;
    expect(err.errors.map((p) => [p.code, p.location.table, p.location.column])).toEqual([
      ['SCHEMA.INVALID', 'posts', 'title'],
      ['SCHEMA.UNKNOWN_OPTION', 'users', 'email'],
      ['SCHEMA.REFERENCE_TYPE_MISMATCH', 'posts', 'user_id'],
    ]);
    expect(err.message).toMatch(/^3 problems in the schema files:/);
    expect(err.code).toBe('SCHEMA.INVALID');
  });

  it('does not pile up consequential errors on a column that is already wrong', () => {
    const problems = problemsOf(() =>
      buildSchema(sourced({ 'users.js': USERS, 'posts.js': { columns: { user_id: { type: 'integer', length: 11, references: 'users.id' } }, indexes: [{ columns: ['user_id'] }] } })),
    );
    expect(problems.map((p) => p.code)).toEqual(['SCHEMA.UNKNOWN_OPTION']);
  });
});
