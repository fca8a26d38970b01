/**
 * Raw SQL in a schema file (a partial index's `where`, a check, a `{ raw }`
 * default, a `specificType`'s native type) must be one expression; see
 * `../sql-fragment.ts`.
 */
import { fragmentProblem } from '../sql-fragment.js';
import { report, type Problems, type Where } from './problems.js';

/** Reports `sql` (given as `what`, e.g. `indexes[0].where`) when it is not one SQL expression. */
export function checkFragment(sql: unknown, what: string, where: Where, problems: Problems): void {
  if (typeof sql !== 'string') return;
  const problem = fragmentProblem(sql);
  if (problem === undefined) return;
  report(
    problems,
    'SCHEMA.INVALID',
    where,
    `has ${what} ${JSON.stringify(sql)}, which ${problem}. Raw SQL is pasted into the DDL as it is, so it must be a single expression: ` +
      `remove the ';' and anything after it, close what is open, and put a comment (if any) inside /* */. Nothing was changed.`,
  );
}
