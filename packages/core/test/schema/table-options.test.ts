/**
 * The `mysql` and `sqlite` table keys (issue 10): loaded into the model,
 * validated (bare names, booleans), compared only where the desired schema
 * says them, and never taken from ODAC.JS's ClickHouse-only `engine` key.
 */
import { buildSchema, diffSchemas, tableOptionChanges, type Table } from '@odac/core';
import { problemsOf, sourced } from './helpers.js';

const columns = { id: { type: 'integer', primary: true } };

function load(def: unknown): Table {
  const found = buildSchema(sourced({ 't.js': def })).schema.tables[0];
  if (!found) throw new Error('no table');
  return found;
}

describe('table options in schema files', () => {
  it('loads mysql and sqlite options into the model', () => {
    const t = load({ columns, mysql: { engine: 'MyISAM', charset: 'latin1', collation: 'latin1_bin' }, sqlite: { strict: true, withoutRowid: false } });
    expect(t.mysql).toEqual({ engine: 'MyISAM', charset: 'latin1', collation: 'latin1_bin' });
    expect(t.sqlite).toEqual({ strict: true, withoutRowid: false });
    expect(load({ columns })).not.toHaveProperty('mysql');
  });

  it('refuses names that are not bare words, flags that are not booleans, and unknown keys', () => {
    const messages = problemsOf(() => load({ columns, mysql: { engine: 'InnoDB; DROP TABLE x', charst: 'x' }, sqlite: { strict: 'yes' } })).map((p) => p.message);
    expect(messages).toEqual([
      expect.stringContaining("unknown key 'charst' in mysql"),
      expect.stringContaining('mysql.engine "InnoDB; DROP TABLE x"'),
      expect.stringContaining('sqlite.strict "yes"'),
    ]);
  });

  it("ODAC.JS's ClickHouse engine key is not a MySQL engine: it never reaches the model", () => {
    const problems = problemsOf(() => load({ columns, engine: 'MergeTree' }));
    expect(problems.map((p) => p.code)).toEqual(['SCHEMA.UNKNOWN_OPTION']);
  });
});

describe('comparing table options', () => {
  const base: Table = { name: 't', columns: [], indexes: [], foreignKeys: [] };
  const live: Table = { ...base, mysql: { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_general_ci' } };

  it('compares a MySQL option only when the schema says it, ignoring case', () => {
    expect(tableOptionChanges(live, base)).toEqual([]);
    expect(tableOptionChanges(live, { ...base, mysql: { engine: 'innodb', charset: 'UTF8MB4' } })).toEqual([]);
    expect(tableOptionChanges(live, { ...base, mysql: { engine: 'MyISAM', collation: 'utf8mb4_bin' } })).toEqual(['engine', 'collation']);
    // A database that reports no MySQL options (another adapter) never differs.
    expect(tableOptionChanges(base, { ...base, mysql: { engine: 'MyISAM' } })).toEqual([]);
  });

  it('compares a SQLite flag the schema says with the live one (absent = false)', () => {
    expect(tableOptionChanges(base, { ...base, sqlite: { strict: false } })).toEqual([]);
    expect(tableOptionChanges(base, { ...base, sqlite: { strict: true } })).toEqual(['strict']);
    expect(tableOptionChanges({ ...base, sqlite: { strict: true, withoutRowid: true } }, { ...base, sqlite: { withoutRowid: false } })).toEqual(['withoutRowid']);
    expect(tableOptionChanges({ ...base, sqlite: { strict: true } }, base)).toEqual([]);
  });

  it('puts the changed options on the table diff', () => {
    const diff = diffSchemas({ tables: [live] }, { tables: [{ ...base, mysql: { engine: 'Aria' } }] });
    expect(diff.alterTables[0]?.options).toEqual(['engine']);
  });
});
