import { parseCreateIndex, parseCreateTable } from '../src/table-sql.js';

describe('parseCreateTable', () => {
  it('finds AUTOINCREMENT, column and table checks, and named foreign keys', () => {
    const sql = `CREATE TABLE "po,sts" (
      "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, -- the key, (with a comment)
      "status" text NOT NULL DEFAULT 'a,b' CHECK ("status" IN ('a,b', 'c)')),
      "score" decimal(10,2) /* precision, scale */ DEFAULT (1 + 2),
      [user id] integer REFERENCES users (id),
      CONSTRAINT "fk ""named""" FOREIGN KEY ([user id], "score") REFERENCES "us""ers" ("id", "x") ON DELETE CASCADE,
      FOREIGN KEY ("status") REFERENCES other ("s"),
      CONSTRAINT ck_score CHECK (score > 0 AND status <> 'x, y'),
      CHECK (length(status) < 10),
      UNIQUE ("status")
    )`;
    expect(parseCreateTable(sql)).toEqual({
      columns: [
        { name: 'id', autoIncrement: true, checks: [] },
        { name: 'status', autoIncrement: false, checks: [`"status" IN ('a,b', 'c)')`] },
        { name: 'score', autoIncrement: false, checks: [] },
        { name: 'user id', autoIncrement: false, checks: [] },
      ],
      checks: [{ name: 'ck_score', expression: "score > 0 AND status <> 'x, y'" }, { expression: 'length(status) < 10' }],
      foreignKeyNames: [{ name: 'fk "named"', columns: ['user id', 'score'], referencedTable: 'us"ers', onDelete: 'CASCADE', onUpdate: 'NO ACTION' }],
      deferredForeignKeys: [],
    });
  });

  it('copes with nothing to parse', () => {
    expect(parseCreateTable(null)).toEqual({ columns: [], checks: [], foreignKeyNames: [], deferredForeignKeys: [] });
    expect(parseCreateTable('CREATE TABLE x')).toEqual({ columns: [], checks: [], foreignKeyNames: [], deferredForeignKeys: [] });
  });

  it('finds DEFERRABLE INITIALLY DEFERRED keys, column- and table-level, and only those', () => {
    const sql = `CREATE TABLE t (
      a integer REFERENCES "p" (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED NOT NULL,
      b integer REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE,
      c integer REFERENCES p (id) NOT DEFERRABLE INITIALLY DEFERRED,
      d integer REFERENCES p (id) DEFERRABLE,
      e integer CHECK (e <> 'DEFERRABLE INITIALLY DEFERRED') REFERENCES p (id) MATCH FULL,
      f integer, g integer,
      FOREIGN KEY (f, g) REFERENCES [q] (x, y) MATCH SIMPLE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
      CONSTRAINT "named" FOREIGN KEY (g) REFERENCES p (id) /* DEFERRABLE INITIALLY DEFERRED */ DEFERRABLE  INITIALLY   deferred,
      FOREIGN KEY (f) REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE
    )`;
    const parsed = parseCreateTable(sql);
    expect(parsed.deferredForeignKeys).toEqual([
      { columns: ['a'], referencedTable: 'p', onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
      { columns: ['f', 'g'], referencedTable: 'q', onDelete: 'NO ACTION', onUpdate: 'SET NULL' },
      { columns: ['g'], referencedTable: 'p', onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
    ]);
    expect(parsed.foreignKeyNames).toEqual([{ name: 'named', columns: ['g'], referencedTable: 'p', onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }]);
    expect(parsed.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('reads the actions of named keys, so two keys on the same columns keep their own names (issue 10)', () => {
    const sql = `CREATE TABLE t (a int,
      CONSTRAINT k1 FOREIGN KEY (a) REFERENCES p (id) ON DELETE SET NULL ON UPDATE CASCADE,
      CONSTRAINT k2 FOREIGN KEY (a) REFERENCES p (id) ON UPDATE NO ACTION ON DELETE set default)`;
    expect(parseCreateTable(sql).foreignKeyNames.map((k) => [k.name, k.onDelete, k.onUpdate])).toEqual([
      ['k1', 'SET NULL', 'CASCADE'],
      ['k2', 'SET DEFAULT', 'NO ACTION'],
    ]);
  });

  it('does not take a column named like a keyword for a constraint', () => {
    expect(parseCreateTable('CREATE TABLE t ("check" text, "primary" int)').columns.map((c) => c.name)).toEqual(['check', 'primary']);
  });
});

describe('parseCreateIndex', () => {
  it('reads keys and a partial predicate', () => {
    expect(parseCreateIndex(`CREATE INDEX "ix on (x)" ON "t (1)" (lower("a"), b) WHERE b > 0 AND a <> 'where'`)).toEqual({
      keys: 'lower("a"), b',
      where: "b > 0 AND a <> 'where'",
    });
    expect(parseCreateIndex('CREATE UNIQUE INDEX ix ON t (a)')).toEqual({ keys: 'a' });
    expect(parseCreateIndex(null)).toEqual({});
  });
});

describe('parseCreateTable: generated columns', () => {
  it('reads the expression of GENERATED ALWAYS AS (…) and the bare AS (…) form, not an AS inside a CHECK or DEFAULT', () => {
    const sql = `CREATE TABLE t (
      a INTEGER CHECK (CAST(a AS TEXT) <> ''),
      b TEXT DEFAULT (CAST(1 AS TEXT)),
      s INTEGER GENERATED ALWAYS AS (a * (a + 1)) STORED NOT NULL,
      v TEXT AS (upper(b) || 'x'),
      "q q" REAL AS ( CAST(a AS REAL) / 2 ) VIRTUAL
    )`;
    const columns = parseCreateTable(sql).columns.map((c) => [c.name, c.generated ?? null]);
    expect(columns).toEqual([
      ['a', null],
      ['b', null],
      ['s', 'a * (a + 1)'],
      ['v', "upper(b) || 'x'"],
      ['q q', 'CAST(a AS REAL) / 2'],
    ]);
  });
});
