/**
 * Expressions as the database itself prints them (ARCHITECTURE rule 10).
 * Where a database can canonicalize a check, a partial-index predicate, a
 * native index or a generated column's expression itself (PostgreSQL: create
 * it in a transaction that is rolled back and read it back), its connection
 * returns such a map for the normalized desired schema, and `computePlan`
 * puts the database's spelling in place of the authored one before
 * comparing. An expression the map does not know stays as normalized.
 *
 * A database's printing need not be idempotent (PostgreSQL prints `x IN
 * ('a','b')` on a varchar one way, and that text, created again, another),
 * so the live side's expressions that match no desired one are put through
 * the database as well ({@link unmatchedExpressions}): two expressions are
 * the same when the database prints them the same.
 *
 * A column's collation is resolved the same way (kind `collation`, keyed by
 * the column's name): MySQL turns a `charset` into that charset's default
 * collation and a collation equal to the table's default into '' (none),
 * as its catalog reports them.
 *
 * Kind `column`, keyed by the column's name, holds the JSON of the column's
 * `{ type?, default? }` as the database reads them back (PostgreSQL: the
 * default as `pg_get_expr` prints it, a user-written type as `format_type`
 * does), put in place of the normalized ones.
 */
import { sortSchema, type Column, type Schema, type Table } from './model.js';

/** What an expression is, within its table. */
export type ExpressionKind = 'check' | 'where' | 'native' | 'generated' | 'collation' | 'column';

/** Canonical text by {@link expressionKey}. */
export type CanonicalExpressions = ReadonlyMap<string, string>;

/** The key of one authored expression (as `normalize` left it) of `table`. */
export function expressionKey(table: string, kind: ExpressionKind, text: string): string {
  return JSON.stringify([table, kind, text]);
}

/** `column` with its collation as `map` resolves it ('' = none), its charset then folded in. */
function withCollation(table: string, column: Column, map: CanonicalExpressions): Column {
  const collation = map.get(expressionKey(table, 'collation', column.name));
  if (collation === undefined) return column;
  const { collation: _collation, charset: _charset, ...rest } = column;
  return collation === '' ? rest : { ...rest, collation };
}

/** `column` with the type and default `map` read back from the database (kind `column`). */
function readBack(table: string, column: Column, map: CanonicalExpressions): Column {
  const json = map.get(expressionKey(table, 'column', column.name));
  return json === undefined ? column : { ...column, ...(JSON.parse(json) as Pick<Column, 'type' | 'default'>) };
}

function canonicalTable(table: Table, map: CanonicalExpressions): Table {
  const get = (kind: ExpressionKind, text: string): string => map.get(expressionKey(table.name, kind, text)) ?? text;
  return {
    ...table,
    columns: table.columns
      .map((c) => readBack(table.name, withCollation(table.name, c, map), map))
      .map((c) => (c.generated ? { ...c, generated: { ...c.generated, expression: get('generated', c.generated.expression) } } : c)),
    indexes: table.indexes.map((i) => ({
      ...i,
      ...(i.where !== undefined ? { where: get('where', i.where) } : {}),
      ...(i.native !== undefined ? { native: get('native', i.native) } : {}),
    })),
    ...(table.checks ? { checks: table.checks.map((c) => ({ ...c, expression: get('check', c.expression) })) } : {}),
  };
}

/** `schema` with every expression `map` knows replaced by its canonical text. Pure. */
export function withCanonicalExpressions(schema: Schema, map: CanonicalExpressions | undefined): Schema {
  if (!map || map.size === 0) return schema;
  return sortSchema({ tables: schema.tables.map((t) => canonicalTable(t, map)) });
}

function keysOf(table: Table): Set<string> {
  const out = new Set<string>();
  for (const c of table.checks ?? []) out.add(expressionKey(table.name, 'check', c.expression));
  for (const i of table.indexes) {
    if (i.where !== undefined) out.add(expressionKey(table.name, 'where', i.where));
    if (i.native !== undefined) out.add(expressionKey(table.name, 'native', i.native));
  }
  for (const c of table.columns) if (c.generated) out.add(expressionKey(table.name, 'generated', c.generated.expression));
  return out;
}

/**
 * The tables of `current` reduced to the expressions that match none of
 * `desired` (already canonical) textually: what is left to ask the database
 * about. Usually nothing once a migrate has run. Pure.
 */
export function unmatchedExpressions(current: Schema, desired: Schema): Schema {
  const known = new Set(desired.tables.flatMap((t) => [...keysOf(t)]));
  const unknown = (table: string, kind: ExpressionKind, text: string): boolean => !known.has(expressionKey(table, kind, text));
  const tables = current.tables.flatMap((t): Table[] => {
    const checks = (t.checks ?? []).filter((c) => unknown(t.name, 'check', c.expression));
    const indexes = t.indexes.filter(
      (i) => (i.native !== undefined && unknown(t.name, 'native', i.native)) || (i.native === undefined && i.where !== undefined && unknown(t.name, 'where', i.where)),
    );
    const columns = t.columns.map((c): Column => {
      if (!c.generated || unknown(t.name, 'generated', c.generated.expression)) return c;
      const { generated: _generated, ...rest } = c;
      void _generated;
      return rest;
    });
    const generated = columns.some((c) => c.generated !== undefined);
    return checks.length > 0 || indexes.length > 0 || generated ? [{ ...t, columns, checks, indexes, foreignKeys: [] }] : [];
  });
  return { tables };
}

