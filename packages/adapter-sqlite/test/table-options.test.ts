/**
 * STRICT / WITHOUT ROWID (issue 10), offline: read from the stored CREATE
 * TABLE text, written after the column list, kept by normalize (with STRICT's
 * column types), and a change is a rebuild.
 */
import { computePlan, type Schema, type Table } from '@odac/core';
import adapter, { fromRows, normalize } from '@odac/adapter-sqlite';

const rowsOf = (sql: string) => ({
  tables: [{ table_name: 't', sql }],
  columns: [{ table_name: 't', cid: 0, name: 'id', type: 'INTEGER', not_null: 1, dflt_value: null, pk: 1, hidden: 0 }],
  indexes: [],
  foreignKeys: [],
});

const t = (sqlite?: Table['sqlite']): Schema => ({
  tables: [{ name: 't', columns: [{ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false }, { name: 'name', type: { kind: 'string', length: 20 }, nullable: true }], primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [], ...(sqlite ? { sqlite } : {}) }],
});

describe('SQLite table options', () => {
  it.each([
    ['CREATE TABLE t (id INTEGER PRIMARY KEY)', undefined],
    ['CREATE TABLE t (id INTEGER PRIMARY KEY) STRICT', { strict: true }],
    ['CREATE TABLE "t" (id INTEGER PRIMARY KEY, s TEXT CHECK (s <> \'strict\'))\n without   rowid', { withoutRowid: true }],
    ['CREATE TABLE t (id INTEGER PRIMARY KEY) WITHOUT ROWID, STRICT', { strict: true, withoutRowid: true }],
  ])('reads %j', (sql, expected) => {
    expect(fromRows(rowsOf(sql) as never).tables[0]?.sqlite).toEqual(expected);
  });

  it('creates a STRICT, WITHOUT ROWID table with STRICT column types', () => {
    const sql = computePlan(adapter, { tables: [] }, t({ strict: true, withoutRowid: true })).statements.map((s) => s.sql);
    expect(sql[0]).toBe('CREATE TABLE "t" (\n  "id" integer NOT NULL,\n  "name" text,\n  PRIMARY KEY ("id")\n) STRICT, WITHOUT ROWID');
    expect(normalize(t({ strict: true })).tables[0]?.columns[1]?.type).toEqual({ kind: 'text' });
    expect(normalize(t()).tables[0]?.columns[1]?.type).toEqual({ kind: 'string', length: 20 });
  });

  it('rebuilds a table whose options change; a file that says none keeps the live ones', () => {
    const live = normalize(t({ strict: true }));
    expect(computePlan(adapter, live, t({ strict: true, withoutRowid: true })).plan.operations.map((o) => o.kind)).toEqual(['rebuildTable']);
    expect(computePlan(adapter, live, { tables: [{ ...(live.tables[0] as Table), sqlite: undefined } as Table] }).plan.operations).toEqual([]);
  });
});
