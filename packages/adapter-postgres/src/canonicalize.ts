/**
 * The desired expressions as PostgreSQL itself prints them (ARCHITECTURE
 * rule 10): the tables that hold a check, a partial or native index, a
 * generated column, or a column default, collation or user-written
 * (`native`) type are created in the session's temporary schema (no
 * privilege beyond TEMP, which PUBLIC has), inside a transaction that is
 * always rolled back, and read back through the same catalog
 * queries as introspection. So `x IN ('a','b')` on a varchar,
 * `EXTRACT(year FROM ts) > 2000`, a jsonb default's key order, a timestamp
 * default's `T` and `int4[]` compare as what the server stores, and a
 * server that prints differently (13 vs 14+) does not churn.
 *
 * Each expression gets a scratch name (`odac_c1`, `odac_i1_1`) so it is found
 * again whatever PostgreSQL would have named it. A table the server refuses
 * (an expression that does not parse) is left out: its authored text stays,
 * and the migrate reports the server's error.
 */
import {
  columnChanges,
  expressionKey,
  type Column,
  withCanonicalExpressions,
  type CanonicalExpressions,
  type ExpressionKind,
  type Index,
  type Operation,
  type Schema,
  type Statement,
  type Table,
} from '@odac/core';
import { emit } from './emit.js';
import type { PgConnection } from './connection.js';
import { columnFromRow } from './introspect.js';
import { searchPath } from './quote.js';

/** A desired table stripped to what carries expressions, with scratch names, and the way back to the authored text. */
interface Probe {
  readonly table: Table;
  readonly indexes: readonly (Index & { readonly name: string })[];
  /** Scratch name → [kind, authored text]. */
  readonly names: ReadonlyMap<string, readonly ['check' | 'where' | 'native', string]>;
  /** The columns whose generated expression, default, collation or user-written type the server reads back. */
  readonly columns: ReadonlyMap<string, Column>;
}

/** What the probe reads back of a column: a live column equal in all of it needs no probe (the diff already finds nothing). */
const PROBED_FACETS = new Set(['type', 'default', 'collation', 'generated']);

/**
 * `table`'s probe, leaving out the columns `live` already has exactly as
 * desired: the diff finds nothing there, whatever the server would print.
 */
function probeOf(table: Table, t: number, live: Schema | undefined): Probe | undefined {
  const liveTable = live?.tables.find((l) => l.name === table.name);
  const names = new Map<string, readonly ['check' | 'where' | 'native', string]>();
  const checks = (table.checks ?? []).map((c, i) => {
    names.set(`odac_c${i + 1}`, ['check', c.expression]);
    return { name: `odac_c${i + 1}`, expression: c.expression };
  });
  const indexes = table.indexes
    .filter((i) => i.where !== undefined || i.native !== undefined)
    .map((index, n) => {
      // Index names are per schema: numbered by table too.
      const name = `odac_i${t + 1}_${n + 1}`;
      if (index.native !== undefined) names.set(name, ['native', index.native]);
      else if (index.where !== undefined) names.set(name, ['where', index.where]);
      // A bare index: a UNIQUE constraint's native text cannot be read back the same way.
      const { constraint: _c, deferrable: _d, ...rest } = index;
      return { ...rest, name } as Index & { readonly name: string };
    });
  const liveColumns = new Map(liveTable?.columns.map((c) => [c.name, c] as const));
  const settled = (c: Column): boolean => {
    const was = liveColumns.get(c.name);
    return was !== undefined && !columnChanges(was, c).some((change) => PROBED_FACETS.has(change));
  };
  const read = (c: Column): boolean => (c.generated !== undefined || c.default !== undefined || c.type.kind === 'native' || c.collation !== undefined) && !settled(c);
  const columns = new Map(table.columns.filter(read).map((c) => [c.name, c] as const));
  if (names.size === 0 && columns.size === 0) return undefined;
  // No keys, comments or foreign keys: only what the expressions need.
  const { primaryKey: _pk, comment: _comment, ...rest } = table;
  return { table: { ...rest, checks, indexes: [], foreignKeys: [] }, indexes, names, columns };
}

function statementsOf(probe: Probe): Statement[] {
  const ops: Operation[] = [
    { kind: 'createTable', table: probe.table.name, classification: 'additive', definition: probe.table },
    ...probe.indexes.map((index): Operation => ({ kind: 'addIndex', table: probe.table.name, classification: 'additive', index })),
  ];
  return emit(ops);
}

/** The connection's session: its catalog reads and one-statement DDL, and the catalog queries on a schema of its choice. */
type ScratchSession = Pick<PgConnection, 'catalog' | 'execute' | 'catalogRows' | 'options'>;

/**
 * Creates the probes' tables, leaving out those the server refuses. When
 * the emitter proved every statement a self-contained expression
 * (`batchable`), all go in one round trip; otherwise, or when that fails,
 * each table on its own, each statement over the extended protocol (one
 * statement per message: a smuggled `;` fails).
 */
async function createProbes(session: ScratchSession, probes: readonly Probe[]): Promise<Probe[]> {
  const statements = probes.map(statementsOf);
  if (statements.every((list) => list.every((s) => s.batchable === true))) {
    await session.catalog('SAVEPOINT odac_probe');
    try {
      await session.catalog(statements.flat().map((s) => s.sql).join(';\n'));
      await session.catalog('RELEASE SAVEPOINT odac_probe');
      return [...probes];
    } catch {
      await session.catalog('ROLLBACK TO SAVEPOINT odac_probe');
    }
  }
  const created: Probe[] = [];
  for (const [i, probe] of probes.entries()) {
    await session.catalog('SAVEPOINT odac_probe');
    try {
      for (const s of statements[i] ?? []) await session.execute(s.sql);
      await session.catalog('RELEASE SAVEPOINT odac_probe');
      created.push(probe);
    } catch {
      await session.catalog('ROLLBACK TO SAVEPOINT odac_probe');
    }
  }
  return created;
}

/** One expression and how the server printed it (a column: its name, and the JSON of its type and default as read back). */
type Printed = readonly [table: string, kind: ExpressionKind, authored: string, printed: string];

/** The JSON of a desired column's default and user-written type as introspection reads the probe's column back. */
function readBack(desired: Column, read: Column): string {
  return JSON.stringify({ ...(desired.type.kind === 'native' ? { type: read.type } : {}), ...(desired.default !== undefined ? { default: read.default } : {}) });
}

/** The probes' expressions as the server prints them; the probes are gone again afterwards. */
async function printOnce(session: ScratchSession, desired: Schema, live: Schema | undefined): Promise<Printed[]> {
  const probes = desired.tables.map((table, t) => probeOf(table, t, live)).filter((p): p is Probe => p !== undefined);
  const out: Printed[] = [];
  if (probes.length === 0) return out;
  await session.catalog('SAVEPOINT odac_round');
  const created = await createProbes(session, probes);
  const [temp] = await session.catalog<{ name: string }>('SELECT pg_catalog.pg_my_temp_schema()::regnamespace::text AS name');
  const rows = await session.catalogRows(temp?.name ?? '');
  await session.catalog('ROLLBACK TO SAVEPOINT odac_round');
  for (const probe of created) {
    const name = probe.table.name;
    const mine = <T extends { readonly table_name: string }>(list: readonly T[]): T[] => list.filter((r) => r.table_name === name);
    for (const c of mine(rows.constraints)) {
      const authored = probe.names.get(c.name);
      if (authored?.[0] === 'check' && c.expression !== null) out.push([name, 'check', authored[1], c.expression]);
    }
    for (const i of mine(rows.indexes)) {
      const authored = probe.names.get(i.name);
      if (!authored) continue;
      const using = i.definition.indexOf(' USING ');
      if (authored[0] === 'native' && using >= 0) out.push([name, 'native', authored[1], i.definition.slice(using + 1)]);
      if (authored[0] === 'where' && i.predicate !== null) out.push([name, 'where', authored[1], i.predicate]);
    }
    for (const c of mine(rows.columns)) {
      const column = probe.columns.get(c.name);
      if (!column) continue;
      if (column.generated && c.generated !== '' && c.default_sql !== null) out.push([name, 'generated', column.generated.expression, c.default_sql]);
      out.push([name, 'column', c.name, readBack(column, columnFromRow(c))]);
      // A collation keyword (`"default"`) as the server spells it; '' = the type's own.
      if (column.collation !== undefined) out.push([name, 'collation', c.name, c.collation ?? '']);
    }
  }
  return out;
}

/**
 * See the file comment. What the server printed is printed once more:
 * printing is not always idempotent (`email IN ('a','b')` on a varchar
 * reads back one way, and that text, as apply creates it, another), and
 * the second form is what the live side will report. Never leaves
 * anything behind: the transaction is rolled back.
 */
export async function canonicalExpressions(session: ScratchSession, desired: Schema, live?: Schema): Promise<CanonicalExpressions> {
  if (!desired.tables.some((table, t) => probeOf(table, t, live) !== undefined)) return new Map();
  await session.catalog('BEGIN');
  try {
    // Unqualified names are created in pg_temp when it is listed first.
    await session.catalog(`SET LOCAL search_path TO pg_temp, ${searchPath(session.options.schema)}`);
    // As apply does for a batch: literal() relies on it.
    await session.catalog('SET LOCAL standard_conforming_strings = on');
    const first = await printOnce(session, desired, live);
    const map = (list: readonly Printed[]): Map<string, string> => new Map(list.map(([t, kind, authored, printed]) => [expressionKey(t, kind, authored), printed]));
    const second = map(await printOnce(session, withCanonicalExpressions(desired, map(first)), live));
    return new Map(first.map(([t, kind, authored, printed]) => [expressionKey(t, kind, authored), second.get(expressionKey(t, kind, printed)) ?? printed]));
  } finally {
    await session.catalog('ROLLBACK');
  }
}
