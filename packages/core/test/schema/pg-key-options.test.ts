/**
 * PostgreSQL key and constraint options in schema files (issue 10): a
 * deferrable primary key (`primary: { columns, deferrable }`), checks `NO
 * INHERIT` / `NOT VALID`, foreign keys `onDeleteColumns` / `notValid`:
 * schema file → model, the problems reported, and the refusal of a partial
 * `onDeleteColumns` on databases that cannot keep it.
 */
import { buildSchema, refusePartialOnDeleteColumns, SchemaValidationError, type Table } from '@odac/core';
import { problemsOf, sourced } from './helpers.js';

const PARENT = { columns: { a: { type: 'integer' }, b: { type: 'integer' } }, primary: ['a', 'b'] };

function table(def: Readonly<Record<string, unknown>>): Table | undefined {
  return buildSchema(sourced({ 'p.js': PARENT, 't.js': def })).schema.tables.find((t) => t.name === 't');
}

const messages = (def: Readonly<Record<string, unknown>>): string[] => problemsOf(() => buildSchema(sourced({ 'p.js': PARENT, 't.js': def }))).map((e) => e.message);

describe('PostgreSQL key options: schema file → model', () => {
  it('reads a deferrable primary key from the object form of primary, also over an increments column', () => {
    expect(table({ columns: { a: { type: 'integer' }, b: { type: 'integer' } }, primary: { columns: ['a', 'b'], deferrable: 'deferred' } })?.primaryKey).toStrictEqual({ columns: ['a', 'b'], deferrable: 'deferred' });
    expect(table({ columns: { id: { type: 'increments' } }, primary: { columns: ['id'], deferrable: true } })?.primaryKey).toStrictEqual({ columns: ['id'], deferrable: 'immediate' });
    expect(table({ columns: { id: { type: 'integer' } }, primary: { columns: ['id'] } })?.primaryKey).toStrictEqual({ columns: ['id'] });
  });

  it('reads noInherit and notValid on checks', () => {
    expect(table({ columns: { x: { type: 'integer' } }, checks: [{ expression: 'x > 0', noInherit: true, notValid: true }, { expression: 'x < 9' }] })?.checks).toStrictEqual([
      { expression: 'x < 9' },
      { expression: 'x > 0', noInherit: true, notValid: true },
    ]);
  });

  it('reads onDeleteColumns and notValid on foreign keys', () => {
    const fk = { columns: ['a', 'b'], references: { table: 'p', columns: ['a', 'b'] }, onDelete: 'set null', onDeleteColumns: ['b'], notValid: true };
    expect(table({ columns: { a: { type: 'integer' }, b: { type: 'integer' } }, foreignKeys: [fk] })?.foreignKeys).toStrictEqual([
      { columns: ['a', 'b'], references: { table: 'p', columns: ['a', 'b'] }, onDelete: 'SET NULL', onUpdate: 'NO ACTION', onDeleteColumns: ['b'], notValid: true },
    ]);
  });
});

describe('PostgreSQL key options: problems', () => {
  const cols = { a: { type: 'integer' }, b: { type: 'integer' } };
  it.each([
    [{ columns: cols, primary: { columns: ['a'], deferrable: 'later' } }, /primary\.deferrable/],
    [{ columns: cols, primary: { columns: ['a'], deferred: true } }, /unknown key 'deferred' in primary/],
    [{ columns: cols, primary: { columns: ['c'] } }, /names column 'c' in primary/],
    [{ columns: cols, checks: [{ expression: 'a > 0', notValid: 'yes' }] }, /checks\[0\]\.notValid "yes"; notValid must be true or false/],
    [{ columns: cols, foreignKeys: [{ columns: ['a', 'b'], references: { table: 'p', columns: ['a', 'b'] }, onDelete: 'CASCADE', onDeleteColumns: ['b'] }] }, /onDeleteColumns without onDelete 'SET NULL' or 'SET DEFAULT'/],
    [{ columns: cols, foreignKeys: [{ columns: ['a'], references: { table: 'p', columns: ['a'] }, onDelete: 'SET NULL', onDeleteColumns: ['b'] }] }, /names column 'b' in foreignKeys\[0\]\.onDeleteColumns/],
  ])('%j', (def, message) => {
    expect(messages(def)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('a primary key declared on the table and on another column is still declared twice', () => {
    expect(messages({ columns: { id: { type: 'increments' }, b: { type: 'integer' } }, primary: { columns: ['b'] } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/declares its primary key twice/)]),
    );
  });
});

describe('refusePartialOnDeleteColumns', () => {
  const fk = (onDeleteColumns: string[]) => ({
    tables: [{ name: 't', columns: [], indexes: [], foreignKeys: [{ columns: ['a', 'b'], references: { table: 'p', columns: ['a', 'b'] }, onDelete: 'SET NULL' as const, onUpdate: 'NO ACTION' as const, onDeleteColumns }] }],
  });
  it('refuses a list that leaves key columns out, and accepts one of all of them', () => {
    expect(() => refusePartialOnDeleteColumns(fk(['b']), 'SQLite')).toThrow(SchemaValidationError);
    expect(() => refusePartialOnDeleteColumns(fk(['b']), 'SQLite')).toThrow(/sets only \(b\) ON DELETE SET NULL, which SQLite cannot do/);
    expect(() => refusePartialOnDeleteColumns(fk(['b', 'a']), 'SQLite')).not.toThrow();
  });
});
