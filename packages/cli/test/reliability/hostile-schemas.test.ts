/**
 * Hostile and broken schema files (issue 12): a corpus of files a careless or
 * hostile author could write. Each must give a clear error that names the
 * file before any connection is opened (the URL points at a closed port, so
 * a connection attempt would show up as CONNECT.FAILED), or migrate to a
 * correct, safely quoted schema that a second plan finds complete. Never a
 * stack trace, never a second statement, never a partly applied schema: a
 * `canary` table with a row must survive every case.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from '@odac/adapter-mysql';
import postgres from '@odac/adapter-postgres';
import sqlite from '@odac/adapter-sqlite';
import { describeWithServer } from '@odac/adapter-testkit';
import { importerWith } from '../helpers/importer.js';
import { runCli, type RunResult } from '../helpers/streams.js';
import { mysqlDb, odacRun, postgresDb, sqliteDb, type Db } from './support.js';

const importModule = importerWith({
  '@odac/adapter-postgres': { default: postgres },
  '@odac/adapter-mysql': { default: mysql },
  '@odac/adapter-sqlite': { default: sqlite },
});

type Expect = 'error' | 'ok' | 'either';

interface Case {
  readonly name: string;
  /** File name → source. */
  readonly files: Readonly<Record<string, string>>;
  readonly expect: Expect;
  /** The file an error must name (default: the first). */
  readonly names?: string;
  /** Also migrate on PostgreSQL and MariaDB (quoting cases). */
  readonly everywhere?: boolean;
}

const js = (value: unknown): string => `module.exports = ${JSON.stringify(value)};\n`;
const id = { id: { type: 'increments' } };
/** One table file `t.js` with an id and `columns`, plus table-level `extra`. */
const table = (columns: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, string> => ({ 't.js': js({ columns: { ...id, ...columns }, ...extra }) });
const col = (def: Record<string, unknown>): Record<string, string> => table({ v: def });
const long = (n: number, tail = ''): string => `${'n'.repeat(n - tail.length)}${tail}`;
const INJECT = "0); DROP TABLE canary; --";

const CASES: readonly Case[] = [
  // Files that do not load.
  { name: 'syntax error', files: { 't.js': 'module.exports = { columns: {\n' }, expect: 'error' },
  { name: 'throws when loaded', files: { 't.js': "throw new Error('boom at load');\n" }, expect: 'error' },
  { name: 'rejected promise at load', files: { 't.mjs': "await Promise.reject(new Error('rejected at load'));\nexport default { columns: { id: { type: 'increments' } } };\n" }, expect: 'error' },
  { name: 'empty file', files: { 't.js': '' }, expect: 'error' },
  { name: 'exports null', files: { 't.js': 'module.exports = null;\n' }, expect: 'error' },
  { name: 'exports a number', files: { 't.js': 'module.exports = 42;\n' }, expect: 'error' },
  { name: 'exports an array', files: { 't.js': 'module.exports = [1, 2];\n' }, expect: 'error' },
  { name: 'exports a string', files: { 't.js': "module.exports = 'users';\n" }, expect: 'error' },
  { name: 'columns is a string', files: { 't.js': js({ columns: 'id' }) }, expect: 'error' },
  { name: 'columns is empty', files: { 't.js': js({ columns: {} }) }, expect: 'error' },
  { name: 'column definition is null', files: table({ v: null }), expect: 'error' },
  { name: 'column definition is a string', files: table({ v: 'integer' }), expect: 'error' },
  // Wrong types for options.
  { name: 'type is a number', files: col({ type: 42 }), expect: 'error' },
  { name: 'type is missing', files: col({ nullable: true }), expect: 'error' },
  { name: 'nullable is a string', files: col({ type: 'integer', nullable: 'yes' }), expect: 'error' },
  { name: 'default is an object without raw', files: col({ type: 'integer', default: { value: 1 } }), expect: 'error' },
  { name: 'default is an array', files: col({ type: 'integer', default: [1] }), expect: 'error' },
  { name: 'default of the wrong type', files: col({ type: 'integer', default: 'abc' }), expect: 'error' },
  { name: 'unique is a string', files: col({ type: 'integer', unique: 'true' }), expect: 'error' },
  { name: 'primary is a number', files: col({ type: 'integer', primary: 1 }), expect: 'error' },
  { name: 'unsigned is a string', files: col({ type: 'integer', unsigned: 'no' }), expect: 'error' },
  { name: 'negative length', files: col({ type: 'string', length: -1 }), expect: 'error' },
  { name: 'length is a string', files: col({ type: 'string', length: 'abc' }), expect: 'error' },
  { name: 'fractional precision', files: col({ type: 'decimal', precision: 1.5, scale: 0 }), expect: 'error' },
  { name: 'scale above precision', files: col({ type: 'decimal', precision: 4, scale: 6 }), expect: 'error' },
  { name: 'enum values as a string', files: col({ type: 'enum', values: 'a,b' }), expect: 'error' },
  { name: 'enum without values', files: col({ type: 'enum', values: [] }), expect: 'error' },
  { name: 'references is a number', files: col({ type: 'integer', references: 42 }), expect: 'error' },
  { name: 'references without a dot', files: col({ type: 'integer', references: 'nodot' }), expect: 'error' },
  { name: 'onDelete is not an action', files: { 'a.js': js({ columns: id }), 't.js': js({ columns: { ...id, a_id: { type: 'integer', unsigned: true, references: { table: 'a', column: 'id' }, onDelete: 'EXPLODE' } } }) }, expect: 'error', names: 't.js' },
  { name: 'onUpdate is a number', files: { 'a.js': js({ columns: id }), 't.js': js({ columns: { ...id, a_id: { type: 'integer', unsigned: true, references: { table: 'a', column: 'id' }, onUpdate: 7 } } }) }, expect: 'error', names: 't.js' },
  { name: 'comment is a number', files: col({ type: 'integer', comment: 5 }), expect: 'error' },
  { name: 'indexes is a string', files: table({ v: { type: 'integer' } }, { indexes: 'v' }), expect: 'error' },
  { name: 'index without columns', files: table({ v: { type: 'integer' } }, { indexes: [{ columns: [] }] }), expect: 'error' },
  { name: 'index on a missing column', files: table({ v: { type: 'integer' } }, { indexes: [{ columns: ['missing'] }] }), expect: 'error' },
  { name: 'primary key on a missing column', files: { 't.js': js({ columns: { v: { type: 'integer' } }, primary: ['missing'] }) }, expect: 'error' },
  { name: 'renamedFrom is a number', files: col({ type: 'integer', renamedFrom: 5 }), expect: 'error' },
  { name: 'table override is empty', files: { 't.js': js({ table: '', columns: id }) }, expect: 'error' },
  { name: 'an unknown option', files: col({ type: 'integer', nulable: false }), expect: 'error' },
  // SQL smuggled into raw fragments: one expression only.
  { name: 'index predicate with a second statement', files: table({ v: { type: 'integer' } }, { indexes: [{ columns: ['v'], where: 'v > 0; DROP TABLE canary' }] }), expect: 'error' },
  { name: 'check with a second statement', files: table({ v: { type: 'integer' } }, { checks: [{ expression: `v > ${INJECT}` }] }), expect: 'error' },
  { name: 'raw default with a second statement', files: col({ type: 'integer', default: { raw: INJECT } }), expect: 'error' },
  { name: 'raw default with a comment that hides the rest', files: col({ type: 'integer', default: { raw: '1 -- DROP TABLE canary' } }), expect: 'error' },
  { name: 'native type with a second statement', files: col({ type: 'specificType', native: 'int; DROP TABLE canary' }), expect: 'error' },
  { name: 'unknown type with a second statement', files: col({ type: 'int; DROP TABLE canary' }), expect: 'error' },
  { name: 'unbalanced quote in a raw default', files: col({ type: 'string', default: { raw: "'abc" } }), expect: 'error' },
  // Values and names with quotes, semicolons, backticks, brackets, newlines, unicode: quoted, never executed.
  { name: 'string default with SQL in it', files: col({ type: 'string', default: "'); DROP TABLE users; --" }), expect: 'ok', everywhere: true },
  { name: 'string default with quotes and backslashes', files: col({ type: 'string', default: `it's "quoted" \\ and \`ticked\`` }), expect: 'ok', everywhere: true },
  { name: 'enum values with quotes', files: col({ type: 'enum', values: ["it's", 'a"b', 'c`d'] }), expect: 'ok', everywhere: true },
  { name: 'comment with quotes and comment markers', files: col({ type: 'integer', comment: "it's /* not */ -- a comment" }), expect: 'ok', everywhere: true },
  { name: 'column name with a double quote', files: table({ 'we"ird': { type: 'integer' } }), expect: 'ok', everywhere: true },
  { name: 'column name with a backtick', files: table({ 'we`ird': { type: 'integer' } }), expect: 'ok', everywhere: true },
  { name: 'column name with a semicolon', files: table({ 'a; DROP TABLE canary; --': { type: 'integer' } }), expect: 'ok', everywhere: true },
  { name: 'column name with brackets', files: table({ '[x]': { type: 'integer' } }), expect: 'ok', everywhere: true },
  { name: 'column name with a newline', files: table({ 'line\nbreak': { type: 'integer' } }), expect: 'either' },
  { name: 'column name with NUL', files: table({ 'a\u0000b': { type: 'integer' } }), expect: 'error' },
  { name: 'unicode names', files: { 'ünï.js': js({ columns: { ...id, 'naïve 日本': { type: 'string', default: 'ünï 😀' } } }) }, expect: 'ok', everywhere: true },
  // MySQL/MariaDB refuse 4-byte characters in names (checked separately below); the others take them.
  { name: 'emoji in a name', files: { 'emoji.js': js({ columns: { ...id, 'naïve 😀': { type: 'string' } } }) }, expect: 'either', everywhere: true },
  { name: 'table name with quotes and SQL', files: { 't.js': js({ table: 'we"ird`; DROP TABLE canary; --', columns: id }) }, expect: 'ok', everywhere: true },
  { name: 'file name with spaces', files: { 'my table.js': js({ columns: id }) }, expect: 'ok', everywhere: true },
  { name: 'reserved words as names', files: { 'select.js': js({ columns: { ...id, from: { type: 'integer' }, where: { type: 'string' }, order: { type: 'boolean' } }, indexes: [{ columns: ['from', 'order'] }] }) }, expect: 'ok', everywhere: true },
  // Names longer than the database keeps.
  { name: 'column name longer than PostgreSQL keeps (64 chars)', files: table({ [long(64)]: { type: 'integer' } }), expect: 'either' },
  { name: 'two long column names that truncate to the same identifier', files: table({ [long(70, 'a')]: { type: 'integer' }, [long(70, 'b')]: { type: 'integer' } }), expect: 'either' },
  { name: 'two long index names that truncate to the same identifier', files: table({ v: { type: 'integer' }, w: { type: 'integer' } }, { indexes: [{ columns: ['v'], name: long(80, 'x') }, { columns: ['w'], name: long(80, 'y') }] }), expect: 'either' },
  { name: 'table name of 100 characters', files: { 't.js': js({ table: long(100), columns: id }) }, expect: 'either' },
  // References and structure.
  { name: 'foreign key to a missing table', files: col({ type: 'integer', references: { table: 'nowhere', column: 'id' } }), expect: 'error' },
  { name: 'foreign key to a missing column', files: { 'a.js': js({ columns: id }), 't.js': js({ columns: { ...id, a_id: { type: 'integer', unsigned: true, references: { table: 'a', column: 'nope' } } } }) }, expect: 'error', names: 't.js' },
  { name: 'type-mismatched foreign key', files: { 'a.js': js({ columns: id }), 't.js': js({ columns: { ...id, a_id: { type: 'string', references: { table: 'a', column: 'id' } } } }) }, expect: 'error', names: 't.js' },
  { name: 'foreign key to a non-unique column', files: { 'a.js': js({ columns: { ...id, code: { type: 'integer' } } }), 't.js': js({ columns: { ...id, a_code: { type: 'integer', references: { table: 'a', column: 'code' } } } }) }, expect: 'error', names: 't.js' },
  { name: 'circular renamedFrom between columns', files: table({ a: { type: 'integer', renamedFrom: 'b' }, b: { type: 'integer', renamedFrom: 'a' } }), expect: 'error' },
  { name: 'circular renamedFrom between tables', files: { 'a.js': js({ renamedFrom: 'b', columns: id }), 'b.js': js({ renamedFrom: 'a', columns: id }) }, expect: 'error', names: 'a.js' },
  { name: 'the same table in two files', files: { 'a.js': js({ table: 'dup', columns: id }), 'b.js': js({ table: 'dup', columns: id }) }, expect: 'error', names: 'b.js' },
  { name: 'a column twice (timestamps and created_at)', files: table({ created_at: { type: 'datetime' }, stamps: { type: 'timestamps' } }), expect: 'error' },
  { name: 'two increments columns', files: table({ other: { type: 'increments' } }), expect: 'error' },
  { name: 'self-reference', files: col({ type: 'integer', unsigned: true, references: { table: 't', column: 'id' }, onDelete: 'CASCADE' }), expect: 'ok', everywhere: true },
  { name: 'a wide table (1,500 columns)', files: table(Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`c${i}`, { type: 'integer' }]))), expect: 'ok' },
  // 2,001 columns with the id: past SQLite's 2,000 (and PostgreSQL's 1,600); the database refuses it, cleanly, with nothing applied.
  { name: 'a 2,000-column table', files: table(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`c${i}`, { type: 'integer' }]))), expect: 'either', everywhere: true },
];

const STACK = /\n\s+at .+:\d+:\d+\)?/;

function project(files: Readonly<Record<string, string>>): { dir: string; schema: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'odac-hostile-'));
  const schema = path.join(dir, 'schema');
  mkdirSync(schema);
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(schema, name), source);
  return { dir, schema };
}

function checkError(c: Case, result: RunResult): void {
  const out = `${result.stdout}${result.stderr}`;
  expect({ case: c.name, code: result.code }).toEqual({ case: c.name, code: 1 });
  // Named before any connection: never a connection error, never a stack trace.
  expect({ case: c.name, error: /^error\[(SCHEMA|CLI)\.[A-Z_]+\]/.test(result.stderr) }).toEqual({ case: c.name, error: true });
  expect({ case: c.name, names: out.includes(c.names ?? Object.keys(c.files)[0]!) }).toEqual({ case: c.name, names: true });
  expect({ case: c.name, stack: STACK.test(out) }).toEqual({ case: c.name, stack: false });
}

async function canaryRows(db: Db): Promise<number> {
  const [row] = await db.rows('SELECT COUNT(*) AS n FROM canary');
  return Number(row?.['n']);
}

/** Migrates the case on `db`; true when it applied and converged, false when it was refused cleanly. */
async function migrateCase(c: Case, db: Db, dir: string, schema: string): Promise<boolean> {
  const result = await runCli(['migrate', '--yes', '--url', db.url, '--schema', schema], { importModule, cwd: dir });
  const out = `${result.stdout}${result.stderr}`;
  expect({ case: c.name, kind: db.kind, stack: STACK.test(out) }).toEqual({ case: c.name, kind: db.kind, stack: false });
  expect({ case: c.name, kind: db.kind, canary: await canaryRows(db) }).toEqual({ case: c.name, kind: db.kind, canary: 1 });
  if (result.code !== 0) {
    expect({ case: c.name, kind: db.kind, expect: c.expect, out }).toMatchObject({ expect: 'either' });
    // Progress lines of a piped migrate come first; the error is the first line after them.
    const error = result.stderr.replace(/^\[\d+\/\d+ [^\n]*\n/gm, '');
    expect({ case: c.name, kind: db.kind, clear: /^error\[[A-Z]+\.[A-Z_]+\]/.test(error) }).toEqual({ case: c.name, kind: db.kind, clear: true });
    return false;
  }
  const again = await runCli(['plan', '--exit-code', '--url', db.url, '--schema', schema], { importModule, cwd: dir });
  expect({ case: c.name, kind: db.kind, code: again.code, out: again.stdout }).toMatchObject({ code: 0 });
  return true;
}

test(`the corpus has at least 60 files (${CASES.length})`, () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
});

describe('hostile schema files: errors name the file before any connection', () => {
  it.each(CASES.filter((c) => c.expect === 'error').map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { dir, schema } = project(c.files);
    try {
      checkError(c, await runCli(['plan', '--url', 'postgres://odac:pw@127.0.0.1:1/none', '--schema', schema], { importModule, cwd: dir }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file whose top-level await never settles fails after the load timeout, never exits 0', async () => {
    const { dir, schema } = project({ 'hang.mjs': 'await new Promise(() => {});\nexport default { columns: { id: { type: "increments" } } };\n' });
    try {
      const result = await odacRun(['migrate', '--url', `sqlite:${path.join(dir, 'app.db')}`, '--schema', schema], { cwd: dir, env: { ODAC_LOAD_TIMEOUT_MS: '500' } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error\[SCHEMA\.LOAD_TIMEOUT\]/);
      expect(result.stderr).toContain('hang.mjs');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile schema files: what loads migrates correctly and safely (sqlite)', () => {
  it.each(CASES.filter((c) => c.expect !== 'error').map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { dir, schema } = project(c.files);
    const db = sqliteDb();
    try {
      await db.exec('CREATE TABLE canary (id INTEGER PRIMARY KEY); INSERT INTO canary VALUES (1);');
      await migrateCase(c, db, dir, schema);
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const [kind, make] of [
  ['postgres', postgresDb],
  ['mysql', mysqlDb],
] as const) {
  describeWithServer(kind, `hostile schema files: quoting on ${kind}`, (server) => {
    let db: Db;
    beforeAll(async () => {
      db = await make(server.url());
    });
    afterAll(async () => db.drop());

    if (kind === 'mysql') {
      it('a name with an emoji is refused before any DDL, naming the table and column', async () => {
        const { dir, schema } = project({ 'emoji.js': js({ columns: { ...id, 'naïve 😀': { type: 'string' } } }) });
        try {
          const result = await runCli(['migrate', '--yes', '--url', db.url, '--schema', schema], { importModule, cwd: dir });
          expect(result.code).toBe(1);
          expect(result.stderr).toMatch(/^error\[SCHEMA\.INVALID\]/);
          expect(result.stderr).toContain('naïve 😀');
          expect(result.stderr).toContain('utf8mb3');
          expect(await db.rows("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'emoji'")).toEqual([]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it.each(CASES.filter((c) => c.expect !== 'error' && c.everywhere === true).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const { dir, schema } = project(c.files);
      try {
        await db.exec(kind === 'postgres' ? 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' : 'SET FOREIGN_KEY_CHECKS = 0');
        if (kind === 'mysql') {
          const tables = await db.rows('SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()');
          for (const t of tables) await db.exec(`SET FOREIGN_KEY_CHECKS = 0; DROP TABLE \`${String(t['t']).replace(/`/g, '``')}\``);
        }
        await db.exec('CREATE TABLE canary (id INTEGER PRIMARY KEY); INSERT INTO canary VALUES (1);');
        await migrateCase(c, db, dir, schema);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
