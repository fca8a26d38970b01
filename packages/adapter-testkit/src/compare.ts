/**
 * Comparing schemas and rows the way the conformance runner needs:
 * structurally, after folding the spellings the model allows for one meaning
 * (`unsigned: false` and no `unsigned`, a `null` default and none, `'0'` and
 * `0` on a numeric column), and ignoring names the scenario did not give.
 *
 * This is deliberately independent of the core differ: it is a second
 * opinion on "introspection equals the normalized desired schema".
 */
import { foreignKeyMeaning, type Column, type ColumnType, type DefaultValue, type ForeignKey, type Index, type Schema, type Table } from '@odac/core';
import type { Row } from './target.js';

const fold = (sql: string): string => sql.trim().replace(/\s+/g, ' ');

/** A canonical string for a column type. */
export function typeKey(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
      return `integer(${type.size}${type.unsigned ? ', unsigned' : ''})`;
    case 'decimal':
      return `decimal(${type.precision}, ${type.scale}${type.unsigned ? ', unsigned' : ''})`;
    case 'string':
    case 'char':
      return `${type.kind}(${type.length})`;
    case 'text':
      return `text(${type.size ?? 'regular'})`;
    case 'timestamp':
      return type.withTimeZone ? 'timestamp with time zone' : 'timestamp';
    case 'json':
      return type.binary ? 'json(binary)' : 'json';
    case 'binary':
      return type.length === undefined ? 'binary' : `binary(${type.length})`;
    case 'enum':
      return `enum(${JSON.stringify(type.values)})`;
    case 'native':
      return `native(${fold(type.sql).toLowerCase()})`;
    default:
      return type.kind;
  }
}

const NUMERIC = new Set<ColumnType['kind']>(['integer', 'decimal', 'float', 'double']);

/** A canonical string for a default on a column of `type`; undefined when there is none. */
export function defaultKey(type: ColumnType, value: DefaultValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'expression') return `expression ${fold(value.sql)}`;
  const v = value.value;
  if (v === null) return undefined;
  if (type.kind === 'boolean') {
    const truthy = v === true || v === 1 || (typeof v === 'string' && ['1', 'true', 't'].includes(v.toLowerCase()));
    return `literal ${truthy}`;
  }
  if (NUMERIC.has(type.kind)) {
    const n = Number(v);
    if (Number.isFinite(n)) return `literal ${n}`;
  }
  return `literal ${JSON.stringify(String(v))}`;
}

function columnShape(c: Column): Record<string, unknown> {
  return {
    type: typeKey(c.type),
    nullable: c.nullable,
    default: defaultKey(c.type, c.default) ?? null,
    autoIncrement: Boolean(c.autoIncrement),
    onUpdateCurrentTimestamp: Boolean(c.onUpdateCurrentTimestamp),
    comment: c.comment ?? '',
    // Only when set, so the pictures of the columns that are not generated read as before.
    ...(c.generated ? { generated: `${c.generated.stored ? 'stored' : 'virtual'} ${fold(c.generated.expression)}` } : {}),
  };
}

const indexId = (i: Index): string =>
  `${i.unique ? 'unique ' : ''}(${i.columns.join(', ')})${i.where ? ` where ${fold(i.where)}` : ''}${i.native ? ` native ${fold(i.native)}` : ''}`;
const fkId = (f: ForeignKey): string => `(${f.columns.join(', ')}) → ${f.references.table}(${f.references.columns.join(', ')})`;

/** The keys by `fkId`, a second key on the same columns and target (issue 10) as `… #2`, in order of meaning. */
function keyedForeignKeys(keys: readonly ForeignKey[]): [string, ForeignKey][] {
  const count = new Map<string, number>();
  const order = (f: ForeignKey): string => `${foreignKeyMeaning(f)}\u0000${f.name ?? ''}`;
  return [...keys].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)).map((f) => {
    const n = (count.get(fkId(f)) ?? 0) + 1;
    count.set(fkId(f), n);
    return [n === 1 ? fkId(f) : `${fkId(f)} #${n}`, f];
  });
}

/**
 * A plain, comparable picture of a table. Names of indexes, foreign keys and
 * the primary key appear only where `named` says the desired side gave one.
 */
function tableShape(t: Table, named: Table | undefined): Record<string, unknown> {
  const namedIndexes = new Map((named?.indexes ?? []).filter((i) => i.name).map((i) => [indexId(i), i.name] as const));
  const namedFks = new Set(keyedForeignKeys(named?.foreignKeys ?? []).flatMap(([id, f]) => (f.name ? [id] : [])));
  const columns: Record<string, unknown> = {};
  for (const c of [...t.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) columns[c.name] = columnShape(c);
  const indexes: Record<string, unknown> = {};
  for (const i of t.indexes) indexes[indexId(i)] = namedIndexes.has(indexId(i)) ? { name: i.name ?? null } : {};
  const foreignKeys: Record<string, unknown> = {};
  for (const [id, f] of keyedForeignKeys(t.foreignKeys)) {
    foreignKeys[id] = {
      onDelete: f.onDelete,
      onUpdate: f.onUpdate,
      ...(f.deferrable !== undefined ? { deferrable: f.deferrable } : {}),
      ...(f.match !== undefined ? { match: f.match } : {}),
      ...(namedFks.has(id) ? { name: f.name ?? null } : {}),
    };
  }
  const pk = t.primaryKey ? { columns: t.primaryKey.columns.join(', '), ...(named?.primaryKey?.name ? { name: t.primaryKey.name ?? null } : {}) } : null;
  return {
    columns,
    primaryKey: pk,
    indexes,
    foreignKeys,
    checks: (t.checks ?? []).map((c) => fold(c.expression)).sort(),
    comment: t.comment ?? '',
  };
}

function differences(path: string, expected: unknown, actual: unknown, out: string[]): void {
  if (expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected)) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (!(key in a)) out.push(`${path}${key}: expected ${JSON.stringify(e[key])}, missing from the database`);
      else if (!(key in e)) out.push(`${path}${key}: not expected, but the database has ${JSON.stringify(a[key])}`);
      else differences(`${path}${key}.`, e[key], a[key], out);
    }
    return;
  }
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    out.push(`${path.replace(/\.$/, '')}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export interface SchemaCompareOptions {
  /** Compare only these tables (default: every table on either side). */
  readonly tables?: readonly string[];
  /**
   * The schema whose given names count: names of indexes, keys and primary
   * keys are compared only where this schema gives one. Default `expected`.
   */
  readonly namesFrom?: Schema;
}

/**
 * Every way `actual` differs from `expected`, one line each, e.g.
 * `posts.columns.title.nullable: expected false, got true`. Empty when equal.
 */
export function schemaDifferences(expected: Schema, actual: Schema, options: SchemaCompareOptions = {}): string[] {
  const names = options.tables ?? [...new Set([...expected.tables, ...actual.tables].map((t) => t.name))];
  const namesFrom = options.namesFrom ?? expected;
  const out: string[] = [];
  for (const name of [...names].sort()) {
    const e = expected.tables.find((t) => t.name === name);
    const a = actual.tables.find((t) => t.name === name);
    if (!e && !a) continue;
    if (!a) out.push(`${name}: expected table is missing from the database`);
    else if (!e) out.push(`${name}: table exists in the database but was not expected`);
    else {
      const named = namesFrom.tables.find((t) => t.name === name);
      differences(`${name}.`, tableShape(e, named), tableShape(a, named), out);
    }
  }
  return out;
}

/** A comparable form of one value read back from a driver. */
export function normalizeValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Uint8Array) return `hex:${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'string') {
    if (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
    const t = value.trim();
    if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
      try {
        return canonicalJson(JSON.parse(t));
      } catch {
        return value;
      }
    }
    return value;
  }
  return canonicalJson(value);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A row restricted to `columns`, values normalized, as a stable string. */
export function rowKey(row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  return JSON.stringify(columns.map((c) => normalizeValue(row[c])));
}

/**
 * Differences between two row multisets over `columns`: rows of `expected`
 * missing from `actual` and rows of `actual` not expected (at most five of
 * each are listed). Empty when they match.
 */
export function rowDifferences(
  table: string,
  expected: readonly Readonly<Record<string, unknown>>[],
  actual: readonly Readonly<Record<string, unknown>>[],
  columns: readonly string[],
): string[] {
  const remaining = new Map<string, number>();
  for (const r of actual) remaining.set(rowKey(r, columns), (remaining.get(rowKey(r, columns)) ?? 0) + 1);
  const missing: string[] = [];
  for (const r of expected) {
    const k = rowKey(r, columns);
    const n = remaining.get(k) ?? 0;
    if (n > 0) remaining.set(k, n - 1);
    else missing.push(k);
  }
  const extra = [...remaining].flatMap(([k, n]) => Array<string>(n).fill(k));
  if (missing.length === 0 && extra.length === 0) return [];
  const head = `${table} (${columns.join(', ')}): ${expected.length} rows expected, ${actual.length} found`;
  return [
    head,
    ...missing.slice(0, 5).map((k) => `  missing: ${k}`),
    ...extra.slice(0, 5).map((k) => `  unexpected: ${k}`),
  ];
}

/** Columns present in every row of both lists (the surviving columns). */
export function commonColumns(a: readonly Row[], b: readonly Row[]): string[] {
  const sets = [...a, ...b].map((r) => new Set(Object.keys(r)));
  const first = sets[0];
  if (!first) return [];
  return [...first].filter((c) => sets.every((s) => s.has(c))).sort();
}
