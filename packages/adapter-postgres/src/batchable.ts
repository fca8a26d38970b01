/**
 * Which emitted statements may share a round trip (`Statement.batchable`).
 *
 * Apply sends several statements in one simple query only when the emitter
 * proved here that none of them can be more than one statement. Everything
 * odac writes itself is safe (identifiers through `quote()`, values through
 * `literal()`, which apply runs under `standard_conforming_strings = on`);
 * what needs a proof is the raw SQL of the user's an operation pastes
 * verbatim. Each fragment must be:
 *
 * - printable ASCII or whitespace: on those characters core's scanner and
 *   PostgreSQL's lexer (`scan.l`) agree on what opens and closes a string,
 *   quoted name, comment or dollar quote (beyond ASCII they disagree on
 *   what counts as an identifier character before `$` or `E'`);
 * - without a backtick: the scanner reads it as MySQL's quote, PostgreSQL
 *   as an operator character;
 * - without any `;`, even inside a string (a margin, not a need);
 * - one expression by the scanner's PostgreSQL reading: every `(`, string,
 *   quoted name, comment and dollar quote it opens is closed.
 *
 * A fragment that fails any of these is not rejected: its statement simply
 * runs alone, through the extended protocol that refuses a second statement.
 */
import { POSTGRES_LEXICON, scanFragment, type Column, type Operation, type OperationKind, type OperationOf, type Statement, type Table } from '@odac/core';

// Tab, newline, carriage return and the printable ASCII characters except the backtick and ';'.
const SAFE_CHARACTERS = /^[\t\n\r\x20-\x3a\x3c-\x5f\x61-\x7e]*$/;

/** True when `sql` is proven one self-contained expression (see the file comment). */
export function provenSingleExpression(sql: string): boolean {
  return SAFE_CHARACTERS.test(sql) && scanFragment(sql, POSTGRES_LEXICON) === undefined;
}

function columnFragments(column: Column): string[] {
  const out: string[] = [];
  if (column.default?.kind === 'expression') out.push(column.default.sql);
  if (column.type.kind === 'native') out.push(column.type.sql);
  if (column.collation !== undefined) out.push(column.collation);
  if (column.generated !== undefined) out.push(column.generated.expression);
  return out;
}

function tableFragments(table: Table): string[] {
  return [...table.columns.flatMap(columnFragments), ...(table.checks ?? []).map((c) => c.expression)];
}

const none = (): string[] => [];

/**
 * The raw fragments each kind of operation can paste into its statements.
 * A mapped object over `OperationKind`: a new operation kind is a compile
 * error here until someone says what it pastes.
 */
const FRAGMENTS: { readonly [K in OperationKind]: (op: OperationOf<K>) => string[] } = {
  createTable: (op) => tableFragments(op.definition),
  dropTable: none,
  renameTable: none,
  addColumn: (op) => columnFragments(op.column),
  dropColumn: none,
  renameColumn: none,
  alterColumn: (op) => [...columnFragments(op.from), ...columnFragments(op.to)],
  setPrimaryKey: none,
  addIndex: (op) => [op.index.where, op.index.native].filter((s): s is string => s !== undefined),
  dropIndex: none,
  addForeignKey: none,
  dropForeignKey: none,
  addCheck: (op) => [op.check.expression],
  dropCheck: none,
  validateConstraint: none,
  setTableComment: none,
  setTableOptions: none,
  rebuildTable: (op) => [...tableFragments(op.from), ...tableFragments(op.to)],
};

/** True when every raw fragment `op` can paste is proven one expression: its statements may be batched. */
export function operationBatchable(op: Operation): boolean {
  return (FRAGMENTS[op.kind] as (o: Operation) => string[])(op).every(provenSingleExpression);
}

/** How much one round trip carries at most: enough to cut round trips ~50×, little enough that progress still moves. */
export const ROUND_TRIP_LIMITS = { statements: 50, chars: 64 * 1024 } as const;

/**
 * The statements grouped into round trips, in order: consecutive batchable
 * statements share one (within `limits`), every other statement has its own.
 */
export function roundTrips(
  statements: readonly Statement[],
  limits: { readonly statements: number; readonly chars: number } = ROUND_TRIP_LIMITS,
): Statement[][] {
  const trips: Statement[][] = [];
  let open: Statement[] | undefined;
  let chars = 0;
  for (const s of statements) {
    if (s.batchable !== true || !s.transactional) {
      trips.push([s]);
      open = undefined;
      continue;
    }
    if (open === undefined || open.length >= limits.statements || chars + s.sql.length > limits.chars) {
      open = [];
      chars = 0;
      trips.push(open);
    }
    open.push(s);
    chars += s.sql.length;
  }
  return trips;
}
