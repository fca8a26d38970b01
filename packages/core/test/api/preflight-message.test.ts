/** Preflight failures read as sentences: the verb agrees with the count (issue 12, defect 9: "1 row reference"). */
import { describePreflightFailure, type PreflightCheck } from '../../src/index.js';

const fk: PreflightCheck = { kind: 'foreignKey', table: 'orders', constraint: 'fk_orders_customer_id', columns: ['customer_id'], references: { table: 'customers', columns: ['id'] }, targetIsNew: false };
const notNull: PreflightCheck = { kind: 'notNull', table: 'orders', column: 'note' };
const unique: PreflightCheck = { kind: 'unique', table: 'orders', constraint: 'uq_orders_code', columns: ['code'] };
const fits: PreflightCheck = { kind: 'fitsType', table: 'orders', column: 'code', from: { kind: 'string', length: 20 }, to: { kind: 'string', length: 5 } };

test.each([
  [fk, 1, '1 row references no existing row (orphans). Delete or fix it,'],
  [fk, 2, '2 rows reference no existing row (orphans). Delete or fix them,'],
  [notNull, 1, '1 row holds NULL. Update or delete it,'],
  [notNull, 3, '3 rows hold NULL. Update or delete them,'],
  [unique, 1, '1 row is a duplicate.'],
  [unique, 4, '4 rows are duplicates.'],
  [fits, 1, '1 row holds a value that does not fit the new type. Fix it'],
  [fits, 2, '2 rows hold values that do not fit the new type. Fix those rows'],
])('%j with %i offending rows', (check, count, sentence) => {
  expect(describePreflightFailure({ check, count })).toContain(sentence);
});
