/** The up-front lock order of a migration transaction (lock-order.ts): referencing tables before referenced ones. */
import type { Statement } from '@odac/core';
import { lockOrder, referenceGraph, wantedLocks } from '../../src/lock-order.js';

const drop = (table: string, parent: string): Statement => ({
  sql: `ALTER TABLE "${table}" DROP CONSTRAINT "fk"`,
  transactional: true,
  table,
  lock: 'ACCESS EXCLUSIVE',
  referenced: { table: parent, lock: 'ACCESS EXCLUSIVE' },
});
const add = (table: string, parent: string): Statement => ({
  sql: `ALTER TABLE "${table}" ADD CONSTRAINT "fk" …`,
  transactional: true,
  table,
  lock: 'SHARE ROW EXCLUSIVE',
  referenced: { table: parent, lock: 'SHARE ROW EXCLUSIVE' },
});

test('a key change on every child locks all children first, then their parent, each in the strongest mode it needs', () => {
  const statements = [drop('b_child', 'owners'), add('b_child', 'owners'), drop('a_child', 'owners'), add('a_child', 'owners')];
  const existing = [
    { name: 'owners', parents: null },
    { name: 'a_child', parents: ['owners'] },
    { name: 'b_child', parents: ['owners'] },
  ];
  expect(lockOrder(wantedLocks(statements), referenceGraph(existing, statements))).toEqual([
    { table: 'a_child', mode: 'ACCESS EXCLUSIVE' },
    { table: 'b_child', mode: 'ACCESS EXCLUSIVE' },
    { table: 'owners', mode: 'ACCESS EXCLUSIVE' },
  ]);
});

test('chains are locked from the leaves up; tables that do not exist yet are left out', () => {
  const statements: Statement[] = [
    { sql: 'ALTER TABLE "countries" ADD COLUMN x int', transactional: true, table: 'countries', lock: 'ACCESS EXCLUSIVE' },
    { sql: 'ALTER TABLE "cities" ADD COLUMN x int', transactional: true, table: 'cities', lock: 'ACCESS EXCLUSIVE' },
    { sql: 'CREATE INDEX "i" ON "streets" (x)', transactional: true, table: 'streets', lock: 'SHARE' },
    add('houses', 'streets'),
  ];
  const existing = [
    { name: 'countries', parents: null },
    { name: 'cities', parents: ['countries'] },
    { name: 'streets', parents: ['cities'] },
  ];
  expect(lockOrder(wantedLocks(statements), referenceGraph(existing, statements)).map((l) => `${l.table}:${l.mode}`)).toEqual([
    'streets:SHARE ROW EXCLUSIVE',
    'cities:ACCESS EXCLUSIVE',
    'countries:ACCESS EXCLUSIVE',
  ]);
});

test('a reference cycle still gives every table once, in a deterministic order', () => {
  const statements = [drop('a', 'b'), drop('b', 'a')];
  const existing = [
    { name: 'a', parents: ['b'] },
    { name: 'b', parents: ['a'] },
  ];
  // `a` first by name, so `b`, which references it, before it.
  expect(lockOrder(wantedLocks(statements), referenceGraph(existing, statements)).map((l) => l.table)).toEqual(['b', 'a']);
});
