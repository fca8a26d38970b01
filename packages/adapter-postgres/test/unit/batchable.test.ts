/**
 * Which statements the emitter lets share a round trip (issue 11): only
 * those whose raw fragments are proven single expressions, never a
 * statement outside the transaction; and how apply groups them. No database.
 */
import { onlineOrder, type Column, type Operation, type Statement } from '@odac/core';
import { provenSingleExpression, roundTrips } from '../../src/batchable.js';
import { emit } from '../../src/emit.js';
import { capabilities } from '../../src/index.js';

/** An online plan of `ops`: the planner marks what runs after the transaction. */
const online = (ops: Operation[]): Operation[] => onlineOrder(ops, capabilities);

const id: Column = { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true };
const v = (extra: Partial<Column> = {}): Column => ({ name: 'v', type: { kind: 'integer', size: 'regular' }, nullable: true, ...extra });
const create = (columns: Column[], checks: { name: string; expression: string }[] = []): Operation => ({
  kind: 'createTable',
  table: 't',
  classification: 'additive',
  definition: { name: 't', columns, primaryKey: { columns: ['id'] }, indexes: [], foreignKeys: [], checks },
});
const batchable = (op: Operation, isOnline = false): (boolean | undefined)[] => emit(isOnline ? online([op]) : [op]).map((s) => s.batchable);

describe('provenSingleExpression', () => {
  it.each(['v > 0', '(1 + 1)', "lower(name) <> 'x'", 'CURRENT_TIMESTAMP', "E'a\\'b'", "$$a$$ || 'b'", '/* note */ v IS NOT NULL', "'it''s'", 'varchar(20)', '"C"'])(
    'accepts %s',
    (sql) => expect(provenSingleExpression(sql)).toBe(true),
  );

  it.each([
    ['a ";" anywhere, even in a string', "v <> ';'"],
    ['a second statement', 'v > 0; DROP TABLE canary'],
    ['an unclosed string', "v <> 'x"],
    ['an unclosed comment', 'v > 0 /* x'],
    ['a line comment swallowing what follows', 'v > 0 -- x'],
    ['a parenthesis it did not open', 'v > 0) OR (true'],
    ['an unclosed dollar quote', '$a$ x'],
    ['a backtick (an operator to PostgreSQL, a quote to the scanner)', 'v `x` 1'],
    ['a non-ASCII character (lexers disagree on identifier characters)', "v <> 'é'"],
    ['a NUL', 'v\0'],
  ])('rejects %s', (_why, sql) => expect(provenSingleExpression(sql)).toBe(false));
});

describe('emit marks batchable statements', () => {
  it('a table whose raw fragments are all proven: every statement', () => {
    const op = create([id, v({ default: { kind: 'expression', sql: '(1 + 1)' } })], [{ name: 't_v', expression: 'v > 0' }]);
    expect(batchable(op)).toEqual([true]);
  });

  it.each([
    ['an expression default', create([id, v({ default: { kind: 'expression', sql: "'a;b'" } })])],
    ['a check', create([id, v()], [{ name: 't_v', expression: "v <> 'é'" }])],
    ['a native type', create([id, v({ type: { kind: 'native', sql: 'citext /*' } })])],
    ['a collation', create([id, v({ type: { kind: 'text' }, collation: '"C`"' })])],
    ['a generated expression', create([id, v({ generated: { expression: 'v; x', stored: true } })])],
    ['an index predicate', { kind: 'addIndex', table: 't', classification: 'additive', index: { name: 'i', columns: ['v'], unique: false, where: 'v > 0 --' } } as Operation],
    ['a native index definition', { kind: 'addIndex', table: 't', classification: 'additive', index: { name: 'i', columns: [], unique: false, native: 'USING gin (v) WITH (a=";")' } } as Operation],
    ['an added check', { kind: 'addCheck', table: 't', classification: 'additive', check: { name: 'c', expression: 'v > 0); DROP TABLE x; --' } } as Operation],
  ])('a statement pasting an unproven fragment (%s) runs alone', (_what, op) => {
    const flags = batchable(op);
    expect(flags.length).toBeGreaterThan(0);
    expect(flags).toEqual(flags.map(() => undefined));
  });

  it('statements that run outside the transaction never batch (CREATE INDEX CONCURRENTLY, VALIDATE after commit)', () => {
    const index: Operation = { kind: 'addIndex', table: 'old', classification: 'additive', index: { name: 'i', columns: ['v'], unique: false } };
    const statements = emit(online([index]));
    expect(statements.map((s) => [s.transactional, s.batchable])).toEqual([[false, undefined]]);
    const check: Operation = { kind: 'addCheck', table: 'old', classification: 'additive', check: { name: 'c', expression: 'v > 0' } };
    expect(emit(online([check])).map((s) => [s.transactional, s.batchable])).toEqual([
      [true, true],
      [false, undefined],
    ]);
  });
});

describe('roundTrips', () => {
  const s = (sql: string, extra: Partial<Statement> = {}): Statement => ({ sql, transactional: true, batchable: true, ...extra });

  it('groups consecutive batchable statements and keeps every other statement alone, in order', () => {
    const list = [s('a'), s('b'), s('c', { batchable: undefined }), s('d'), s('e', { transactional: false }), s('f')];
    expect(roundTrips(list).map((trip) => trip.map((x) => x.sql).join(''))).toEqual(['ab', 'c', 'd', 'e', 'f']);
  });

  it('starts a new round trip past the statement or character limit', () => {
    const list = ['aa', 'bb', 'cc', 'dd', 'eeeeee', 'f'].map((x) => s(x));
    expect(roundTrips(list, { statements: 3, chars: 6 }).map((trip) => trip.map((x) => x.sql))).toEqual([['aa', 'bb', 'cc'], ['dd'], ['eeeeee'], ['f']]);
  });
});
