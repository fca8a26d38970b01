/**
 * PostgreSQL key and constraint options in schema files (issue 10): a
 * deferrable primary key (`primary: { columns, deferrable }`), checks `NO
 * INHERIT` / `NOT VALID`, foreign keys `onDeleteColumns` / `notValid`:
 * schema file → model, the problems reported, and the refusal of a partial
 * `onDeleteColumns` on databases that cannot keep it.
 */
import { buildSchema, refuseAutoIncrementColumns, refusePartialOnDeleteColumns, SchemaValidationError, type Table } from '@odac/core';
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

describe('identity on an integer column (a serial or identity column that is not the increments key)', () => {
  it('makes the column generate its values, NOT NULL, without default', () => {
    const t = table({ columns: { id: { type: 'integer', primary: true }, n: { type: 'smallInteger', identity: 'serial' }, g: { type: 'bigInteger', identity: 'always' } } });
    expect(t?.columns.slice(1)).toStrictEqual([
      { name: 'n', type: { kind: 'integer', size: 'small' }, nullable: false, autoIncrement: true, identity: 'serial' },
      { name: 'g', type: { kind: 'integer', size: 'big' }, nullable: false, autoIncrement: true, identity: 'always' },
    ]);
  });

  it('refuses a default, nullable: true, and identity on other types', () => {
    expect(messages({ columns: { n: { type: 'integer', identity: 'serial', default: 1 } } })).toEqual([expect.stringMatching(/has identity and a default/)]);
    expect(messages({ columns: { n: { type: 'integer', identity: 'serial', nullable: true } } })).toEqual([expect.stringMatching(/has identity and nullable: true/)]);
    expect(messages({ columns: { n: { type: 'string', identity: 'serial' } } })).toEqual([expect.stringMatching(/identity/)]);
  });
});

describe('refuseAutoIncrementColumns', () => {
  const auto = (name: string) => ({ name, type: { kind: 'integer' as const, size: 'regular' as const }, nullable: false, autoIncrement: true });
  const plain = (name: string) => ({ name, type: { kind: 'integer' as const, size: 'regular' as const }, nullable: false });
  const schemaOf = (columns: ReturnType<typeof plain>[], pk: string[], indexes: { columns: string[]; unique: boolean }[] = []) => ({ tables: [{ name: 't', columns, primaryKey: { columns: pk }, indexes, foreignKeys: [] }] });
  const refused = (schema: ReturnType<typeof schemaOf>, rule: 'key' | 'any'): boolean => {
    try {
      refusePartialOnDeleteColumns(schema, 'X');
      refuseAutoIncrementColumns(schema, 'X', rule);
      return false;
    } catch (err) {
      if (err instanceof SchemaValidationError) return true;
      throw err;
    }
  };
  it('allows one per table where the rule says, refuses the rest', () => {
    expect(refused(schemaOf([auto('id')], ['id']), 'key')).toBe(false);
    expect(refused(schemaOf([plain('id'), auto('n')], ['id'], [{ columns: ['n'], unique: true }]), 'key')).toBe(false);
    expect(refused(schemaOf([plain('id'), auto('n')], ['id']), 'key')).toBe(true);
    expect(refused(schemaOf([plain('id'), auto('n')], ['id']), 'any')).toBe(false);
    expect(refused(schemaOf([auto('id'), auto('n')], ['id']), 'any')).toBe(true);
  });
});

describe('PostgreSQL 18 options: schema file → model', () => {
  it('reads withoutOverlaps, period, notEnforced and notNullNotValid', () => {
    const t = table({
      columns: { a: { type: 'integer' }, b: { type: 'integer' }, n: { type: 'integer', notNullNotValid: true, notNullName: 'n_set' } },
      primary: { columns: ['a', 'b'], withoutOverlaps: true },
      indexes: [{ columns: ['a', 'b'], unique: true, constraint: true, withoutOverlaps: true }],
      foreignKeys: [{ columns: ['a', 'b'], references: { table: 'p', columns: ['a', 'b'] }, period: true }],
      checks: [{ expression: 'a > 0', notEnforced: true }],
    });
    expect(t?.primaryKey).toStrictEqual({ columns: ['a', 'b'], withoutOverlaps: true });
    expect(t?.indexes).toStrictEqual([{ columns: ['a', 'b'], unique: true, constraint: true, withoutOverlaps: true }]);
    expect(t?.foreignKeys[0]?.period).toBe(true);
    expect(t?.checks).toStrictEqual([{ expression: 'a > 0', notEnforced: true }]);
    expect(t?.columns[2]).toStrictEqual({ name: 'n', type: { kind: 'integer', size: 'regular' }, nullable: true, notNullNotValid: true, notNullName: 'n_set' });
  });

  it('refuses withoutOverlaps on a bare index and notNullNotValid on a NOT NULL column', () => {
    expect(messages({ columns: { a: { type: 'integer' } }, indexes: [{ columns: ['a'], unique: true, withoutOverlaps: true }] })).toEqual([expect.stringMatching(/withoutOverlaps without constraint: true/)]);
    expect(messages({ columns: { a: { type: 'integer', nullable: false, notNullNotValid: true } } })).toEqual([expect.stringMatching(/notNullNotValid on a column that is never NULL/)]);
    expect(messages({ columns: { a: { type: 'integer', notNullName: 'a_set' } } })).toEqual([expect.stringMatching(/notNullName without notNullNotValid/)]);
  });
});
