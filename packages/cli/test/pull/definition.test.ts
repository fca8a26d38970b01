import { buildSchema, computePlan, sortSchema, type Column, type ColumnType, type Schema, type Table, type TableDefinition } from '@odac/core';
import sqlite from '@odac/adapter-sqlite';
import { typeFields } from '../../src/pull/columns.js';
import { toDefinitions } from '../../src/pull/definition.js';
import { fileNames, schemaFiles } from '../../src/pull/files.js';
import { evaluateCommonJs, evaluateTypeScript, plain } from '../support/evaluate.js';
import { col, fk, schema, table } from '../helpers/model.js';

const int: ColumnType = { kind: 'integer', size: 'regular' };
const uint: ColumnType = { kind: 'integer', size: 'regular', unsigned: true };
const id = (type: ColumnType = int): Column => ({ name: 'id', type, nullable: false, autoIncrement: true });
const identity = (s: Schema): Schema => s;

function definitionOf(s: Schema, name: string, normalize: (s: Schema) => Schema = identity): unknown {
  const found = toDefinitions(s, { normalize }).tables.find((t) => t.table === name);
  return plain(found?.definition);
}

describe('column types', () => {
  test.each<[ColumnType, Record<string, unknown>]>([
    [{ kind: 'integer', size: 'tiny' }, { type: 'tinyInteger' }],
    [{ kind: 'integer', size: 'small', unsigned: true }, { type: 'smallInteger', unsigned: true }],
    [{ kind: 'integer', size: 'medium' }, { type: 'mediumInteger' }],
    [{ kind: 'integer', size: 'regular' }, { type: 'integer' }],
    [{ kind: 'integer', size: 'big' }, { type: 'bigInteger' }],
    [{ kind: 'decimal', precision: 12, scale: 4, unsigned: true }, { type: 'decimal', precision: 12, scale: 4, unsigned: true }],
    [{ kind: 'float' }, { type: 'float' }],
    [{ kind: 'double' }, { type: 'double' }],
    [{ kind: 'string', length: 40 }, { type: 'string', length: 40 }],
    [{ kind: 'char', length: 2 }, { type: 'char', length: 2 }],
    [{ kind: 'text' }, { type: 'text' }],
    [{ kind: 'text', size: 'medium' }, { type: 'text', textType: 'mediumtext' }],
    [{ kind: 'text', size: 'long' }, { type: 'text', textType: 'longtext' }],
    [{ kind: 'boolean' }, { type: 'boolean' }],
    [{ kind: 'date' }, { type: 'date' }],
    [{ kind: 'time' }, { type: 'time' }],
    [{ kind: 'datetime' }, { type: 'datetime' }],
    [{ kind: 'timestamp' }, { type: 'timestamp' }],
    [{ kind: 'timestamp', withTimeZone: true }, { type: 'timestamp', withTimeZone: true }],
    // Explicit, so the file means the same under compat: 'odacjs' (where a plain timestamp has a time zone).
    [{ kind: 'timestamp', withTimeZone: false }, { type: 'timestamp', withTimeZone: false }],
    [{ kind: 'float', precision: 8, scale: 2 }, { type: 'float', precision: 8, scale: 2 }],
    [{ kind: 'json' }, { type: 'json' }],
    [{ kind: 'json', binary: true }, { type: 'jsonb' }],
    [{ kind: 'uuid' }, { type: 'uuid' }],
    [{ kind: 'binary' }, { type: 'binary' }],
    [{ kind: 'binary', length: 16 }, { type: 'binary', length: 16 }],
    [{ kind: 'enum', values: ['a', "b'c"] }, { type: 'enum', values: ['a', "b'c"] }],
    [{ kind: 'native', sql: 'tsvector' }, { type: 'specificType', native: 'tsvector' }],
  ])('%j → %j, and the loader reads it back as the same type', (type, expected) => {
    expect(typeFields(type)).toEqual(expected);
    const loaded = buildSchema([{ file: '/s/t.js', definition: { columns: { c: expected } } as unknown as TableDefinition }]).schema;
    expect(loaded.tables[0]?.columns[0]?.type).toEqual(type);
  });
});

describe('auto-increment keys', () => {
  test('become increments where the adapter drops unsigned (SQLite), and references get unsigned to match', () => {
    const s = schema(table('users', [id()], { primaryKey: { columns: ['id'] } }), table('posts', [id(), col('user_id')], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['user_id'], 'users', ['id'], 'CASCADE')] }));
    expect(definitionOf(s, 'posts', sqlite.normalize)).toEqual({
      columns: { id: { type: 'increments' }, user_id: { type: 'integer', unsigned: true, references: 'users.id', onDelete: 'CASCADE' } },
    });
  });

  test('become increments where the database reports unsigned (MySQL); a signed one is increments with unsigned: false', () => {
    const unsigned = schema(table('users', [id(uint)], { primaryKey: { columns: ['id'] } }));
    expect(definitionOf(unsigned, 'users')).toEqual({ columns: { id: { type: 'increments' } } });
    const big = schema(table('users', [id({ kind: 'integer', size: 'big', unsigned: true })], { primaryKey: { columns: ['id'] } }));
    expect(definitionOf(big, 'users')).toEqual({ columns: { id: { type: 'bigIncrements' } } });

    const signed = schema(table('users', [id(int)], { primaryKey: { columns: ['id'] } }));
    const result = toDefinitions(signed, { normalize: identity });
    expect(plain(result.tables[0]?.definition)).toEqual({ columns: { id: { type: 'increments', unsigned: false } } });
    expect(result.warnings).toEqual([]);
  });

  test('an auto-increment column that is not the lone primary key is reported', () => {
    const s = schema(table('t', [{ ...id(uint), name: 'n' }, col('k', int, { nullable: false })], { primaryKey: { columns: ['n', 'k'] } }));
    const result = toDefinitions(s, { normalize: identity });
    expect(plain(result.tables[0]?.definition)).toEqual({ columns: { n: { type: 'integer', unsigned: true }, k: { type: 'integer' } }, primary: ['n', 'k'] });
    expect(result.warnings).toHaveLength(1);
  });
});

describe('keys, indexes and the rest', () => {
  const users = table('users', [id(uint), col('email', { kind: 'string', length: 190 }, { nullable: false }), col('org', int), col('team', int)], {
    primaryKey: { columns: ['id'] },
    indexes: [
      { name: 'uq_users_email', columns: ['email'], unique: true },
      { name: 'users_by_team', columns: ['team'], unique: false },
      { columns: ['org'], unique: false },
      { name: 'idx_users_org_team', columns: ['org', 'team'], unique: false },
      { name: 'active_emails', columns: ['email'], unique: true, where: 'org IS NOT NULL' },
      { name: 'lower_email', columns: [], unique: false, native: 'lower(email)' },
    ],
    checks: [{ expression: 'org > 0' }, { name: 'team_positive', expression: 'team > 0' }],
    comment: 'People',
  });
  const memberships = table(
    'memberships',
    [col('user_id', uint, { nullable: false }), col('org', int, { nullable: false }), col('team', int), col('owner', uint)],
    {
      primaryKey: { columns: ['user_id', 'org'] },
      foreignKeys: [
        { ...fk(['user_id'], 'users', ['id'], 'CASCADE'), onUpdate: 'RESTRICT' },
        { ...fk(['org', 'team'], 'users', ['org', 'team'], 'SET NULL') },
        { ...fk(['owner'], 'users', ['id']), name: 'memberships_owner' },
      ],
    },
  );
  const result = toDefinitions(sortSchema(schema(users, memberships)), { normalize: identity });

  test('single-column indexes with generated names go on the column; others on the table with their names', () => {
    expect(plain(result.tables.find((t) => t.table === 'users')?.definition)).toEqual({
      comment: 'People',
      columns: {
        id: { type: 'increments' },
        email: { type: 'string', length: 190, nullable: false, unique: true },
        org: { type: 'integer', index: true },
        team: { type: 'integer' },
      },
      indexes: [
        { columns: ['email'], unique: true, name: 'active_emails', where: 'org IS NOT NULL' },
        { columns: ['org', 'team'] },
        { columns: ['team'], name: 'users_by_team' },
        { columns: [], name: 'lower_email', native: 'lower(email)' },
      ],
      checks: [{ expression: 'org > 0' }, { name: 'team_positive', expression: 'team > 0' }],
    });
  });

  test('an expression index is written verbatim (native), with its name, never left out', () => {
    expect(result.warnings).toEqual([]);
  });

  test('composite primary key on the table; a single unnamed key on its column; composite and named keys on the table', () => {
    expect(plain(result.tables.find((t) => t.table === 'memberships')?.definition)).toEqual({
      columns: {
        user_id: { type: 'integer', unsigned: true, references: 'users.id', onDelete: 'CASCADE', onUpdate: 'RESTRICT' },
        org: { type: 'integer' },
        team: { type: 'integer' },
        owner: { type: 'integer', unsigned: true },
      },
      primary: ['user_id', 'org'],
      foreignKeys: [
        { columns: ['org', 'team'], references: { table: 'users', columns: ['org', 'team'] }, onDelete: 'SET NULL' },
        { columns: ['owner'], references: { table: 'users', columns: ['id'] }, name: 'memberships_owner' },
      ],
    });
  });

  test('defaults: literals as themselves, expressions as raw, a NULL default on a NOT NULL column left out', () => {
    const t = table('d', [
      col('a', { kind: 'string', length: 9 }, { default: { kind: 'literal', value: "it's" } }),
      col('b', int, { default: { kind: 'literal', value: -1 } }),
      col('c', { kind: 'boolean' }, { default: { kind: 'literal', value: false } }),
      col('d', { kind: 'timestamp' }, { nullable: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }, onUpdateCurrentTimestamp: true }),
      col('e', int, { default: { kind: 'literal', value: null } }),
      col('f', int, { nullable: false, default: { kind: 'literal', value: null }, comment: 'no default' }),
    ]);
    expect(plain(toDefinitions(schema(t)).tables[0]?.definition)).toEqual({
      columns: {
        a: { type: 'string', length: 9, default: "it's" },
        b: { type: 'integer', default: -1 },
        c: { type: 'boolean', default: false },
        d: { type: 'timestamp', nullable: false, default: { raw: 'CURRENT_TIMESTAMP' }, onUpdateCurrentTimestamp: true },
        e: { type: 'integer', default: null },
        f: { type: 'integer', nullable: false, comment: 'no default' },
      },
    });
  });

  test('references to names that are not shorthand-safe use the object form', () => {
    const s = schema(
      table('my.users', [col('id', int, { nullable: false })], { primaryKey: { columns: ['id'] } }),
      table('t', [col('u', int)], { foreignKeys: [fk(['u'], 'my.users', ['id'])] }),
    );
    expect(definitionOf(s, 't')).toEqual({ columns: { u: { type: 'integer', references: { table: 'my.users', column: 'id' } } } });
  });

  test('MySQL-style indexes that back a foreign key are left to the adapter', () => {
    // A stand-in normalize that, like MySQL's, adds an index for every foreign key.
    const withFkIndexes = (s: Schema): Schema => ({
      tables: s.tables.map((t) => ({ ...t, indexes: [...t.indexes, ...t.foreignKeys.filter((k) => !t.indexes.some((i) => i.columns.join() === k.columns.join())).map((k) => ({ name: `fk_${t.name}_${k.columns.join('_')}`, columns: [...k.columns], unique: false }))] })),
    });
    const s = schema(
      table('users', [id(uint)], { primaryKey: { columns: ['id'] } }),
      table('posts', [id(uint), col('user_id', uint)], {
        primaryKey: { columns: ['id'] },
        foreignKeys: [fk(['user_id'], 'users', ['id'])],
        indexes: [{ name: 'fk_posts_user_id', columns: ['user_id'], unique: false }],
      }),
    );
    expect(definitionOf(s, 'posts', withFkIndexes)).toEqual({ columns: { id: { type: 'increments' }, user_id: { type: 'integer', unsigned: true, references: 'users.id' } } });
  });
});

describe('foreign key deferral and MATCH FULL (PostgreSQL)', () => {
  const users = table('users', [id(), col('org', int, { nullable: false }), col('team', int, { nullable: false })], {
    primaryKey: { columns: ['id'] },
    indexes: [{ columns: ['org', 'team'], unique: true }],
  });
  const members = table('members', [id(), col('user_id', int), col('org', int), col('team', int), col('mentor_id', int)], {
    primaryKey: { columns: ['id'] },
    foreignKeys: [
      { ...fk(['user_id'], 'users', ['id'], 'CASCADE'), deferrable: 'deferred' },
      { ...fk(['org', 'team'], 'users', ['org', 'team']), deferrable: 'immediate', match: 'full' },
      { ...fk(['mentor_id'], 'users', ['id']), match: 'full' },
    ],
  });
  const source = sortSchema(schema(users, members));
  const definition = definitionOf(source, 'members') as TableDefinition;

  test('writes deferrable and match next to references, on columns and on table-level keys', () => {
    expect(definition).toEqual({
      columns: {
        id: { type: 'increments', unsigned: false },
        user_id: { type: 'integer', references: 'users.id', onDelete: 'CASCADE', deferrable: 'deferred' },
        org: { type: 'integer' },
        team: { type: 'integer' },
        mentor_id: { type: 'integer', references: 'users.id', match: 'full' },
      },
      foreignKeys: [{ columns: ['org', 'team'], references: { table: 'users', columns: ['org', 'team'] }, deferrable: 'immediate', match: 'full' }],
    });
  });

  test('writes neither for a plain key', () => {
    expect(definitionOf(schema(users, table('t', [col('u', int)], { foreignKeys: [fk(['u'], 'users', ['id'])] })), 't')).toEqual({
      columns: { u: { type: 'integer', references: 'users.id' } },
    });
  });

  test('the written definitions load back into the same keys', () => {
    const files = toDefinitions(source, { normalize: identity }).tables.map((t) => ({ file: `/s/${t.table}.js`, definition: plain(t.definition) as TableDefinition }));
    const loaded = buildSchema(files).schema.tables.find((t) => t.name === 'members');
    const meaning = (t: Table | undefined) => t?.foreignKeys.map(({ name: _name, ...rest }) => rest);
    expect(meaning(loaded)).toEqual(meaning(source.tables.find((t) => t.name === 'members')));
  });
});

describe('files', () => {
  test('file names are table names; unsafe or clashing names get a clean name and a table key', () => {
    const names = fileNames(['users', 'Users', 'odd name!', 'a.d', 'x/y', 'users_2'], '.ts');
    expect(Object.fromEntries(names)).toEqual({ users: 'users_3', Users: 'Users', 'odd name!': 'odd_name', 'a.d': 'a_d', 'x/y': 'x_y', users_2: 'users_2' });
  });

  test('.js files are CommonJS, .ts files use defineTable; both evaluate to the definition', () => {
    const s = schema(table('odd name', [col('id', int, { nullable: false })], { primaryKey: { columns: ['id'] } }), table('users', [id()], { primaryKey: { columns: ['id'] } }));
    const js = schemaFiles(s, { normalize: sqlite.normalize });
    expect(js.files.map((f) => f.file)).toEqual(['odd_name.js', 'users.js']);
    expect(js.files[1]?.contents).toBe("'use strict';\n\nmodule.exports = {\n  columns: {\n    id: { type: 'increments' },\n  },\n};\n");
    expect(plain(evaluateCommonJs(js.files[0]?.contents ?? ''))).toEqual({ table: 'odd name', columns: { id: { type: 'integer', primary: true } } });

    const ts = schemaFiles(s, { normalize: sqlite.normalize, typescript: true });
    expect(ts.files[1]?.contents).toBe("import { defineTable } from '@odac/core';\n\nexport default defineTable({\n  columns: {\n    id: { type: 'increments' },\n  },\n});\n");
    expect(plain(evaluateTypeScript(ts.files[0]?.contents ?? ''))).toEqual({ table: 'odd name', columns: { id: { type: 'integer', primary: true } } });
  });

  test('the same schema always gives the same bytes', () => {
    const s = schema(table('users', [id(), col('name', { kind: 'string', length: 20 })], { primaryKey: { columns: ['id'] } }));
    expect(schemaFiles(s)).toEqual(schemaFiles(JSON.parse(JSON.stringify(s)) as Schema));
  });

  test('a table with no primary key and only nullable columns is just its columns', () => {
    const t: Table = table('log', [col('line', { kind: 'text' })]);
    expect(plain(evaluateCommonJs(schemaFiles(schema(t)).files[0]?.contents ?? ''))).toEqual({ columns: { line: { type: 'text' } } });
  });

  test('loading the files and planning against the source plans nothing (SQLite normalize)', () => {
    const current = sqlite.normalize(
      schema(
        table('users', [id(), col('email', { kind: 'string', length: 100 }, { nullable: false })], { primaryKey: { columns: ['id'] }, indexes: [{ columns: ['email'], unique: true }] }),
        table('posts', [id(), col('user_id'), col('body', { kind: 'text' })], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['user_id'], 'users', ['id'], 'SET NULL')] }),
      ),
    );
    const { files } = schemaFiles(current, { normalize: sqlite.normalize });
    const desired = buildSchema(files.map((f) => ({ file: `/s/${f.file}`, definition: evaluateCommonJs(f.contents) as TableDefinition }))).schema;
    expect(computePlan(sqlite, current, desired).plan.operations).toEqual([]);
  });
});
