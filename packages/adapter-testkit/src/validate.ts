/**
 * Structural validity of a canonical-model schema, as the schema loader
 * would enforce it: the kit checks its own scenarios and generated schemas
 * with this, so a failing conformance test is never a malformed input.
 */
import type { Column, ColumnType, Schema, Table } from '@odac/core';
import { typeKey } from './compare.js';
import type { Row } from './target.js';

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const n of names) (seen.has(n) ? out : seen).add(n);
  return [...out];
}

const NUMERIC = new Set<ColumnType['kind']>(['integer', 'decimal', 'float', 'double']);
const STRINGY = new Set<ColumnType['kind']>(['string', 'char', 'text', 'date', 'time', 'datetime', 'timestamp', 'uuid', 'json', 'enum']);

function defaultProblem(table: string, c: Column): string | undefined {
  const d = c.default;
  if (!d || d.kind === 'expression') return undefined;
  const where = `${table}.${c.name}`;
  const v = d.value;
  if (v === null) return c.nullable ? undefined : `${where}: default null on a NOT NULL column`;
  if (c.type.kind === 'boolean') return typeof v === 'boolean' ? undefined : `${where}: boolean column with a ${typeof v} default`;
  if (NUMERIC.has(c.type.kind)) return typeof v === 'number' ? undefined : `${where}: numeric column with a ${typeof v} default`;
  if (STRINGY.has(c.type.kind)) {
    if (typeof v !== 'string') return `${where}: ${c.type.kind} column with a ${typeof v} default`;
    if ((c.type.kind === 'string' || c.type.kind === 'char') && v.length > c.type.length) return `${where}: default longer than the column`;
    if (c.type.kind === 'enum' && !c.type.values.includes(v)) return `${where}: default is not one of the enum values`;
  }
  return undefined;
}

/** True when `columns` of `t` are its primary key or exactly a unique index. */
export function isUniqueKey(t: Table, columns: readonly string[]): boolean {
  const same = (a: readonly string[]): boolean => a.length === columns.length && a.every((c) => columns.includes(c));
  if (t.primaryKey && same(t.primaryKey.columns)) return true;
  return t.indexes.some((i) => i.unique && !i.where && !i.native && same(i.columns));
}

function tableProblems(s: Schema, t: Table): string[] {
  const out: string[] = [];
  const cols = new Map(t.columns.map((c) => [c.name, c] as const));
  const missing = (names: readonly string[], what: string): void => {
    if (names.length === 0) out.push(`${t.name}: ${what} has no columns`);
    for (const n of names) if (!cols.has(n)) out.push(`${t.name}: ${what} names missing column "${n}"`);
    for (const n of duplicates(names)) out.push(`${t.name}: ${what} repeats column "${n}"`);
  };
  if (t.columns.length === 0) out.push(`${t.name}: no columns`);
  for (const n of duplicates(t.columns.map((c) => c.name))) out.push(`${t.name}: duplicate column "${n}"`);
  if (t.primaryKey) {
    missing(t.primaryKey.columns, 'primary key');
    for (const n of t.primaryKey.columns) if (cols.get(n)?.nullable) out.push(`${t.name}: primary key column "${n}" is nullable`);
  }
  for (const c of t.columns) {
    const problem = defaultProblem(t.name, c);
    if (problem) out.push(problem);
    if (c.generated && (c.default !== undefined || c.autoIncrement)) out.push(`${t.name}.${c.name}: generated column with a default or auto-increment`);
    if (c.autoIncrement && (c.type.kind !== 'integer' || JSON.stringify(t.primaryKey?.columns) !== JSON.stringify([c.name]))) {
      out.push(`${t.name}.${c.name}: autoIncrement on a column that is not the integer primary key`);
    }
  }
  for (const i of t.indexes) missing(i.columns, `index ${JSON.stringify(i.columns)}`);
  for (const n of duplicates(t.indexes.filter((i) => i.name).map((i) => i.name as string))) out.push(`${t.name}: duplicate index name "${n}"`);
  for (const f of t.foreignKeys) {
    const what = `foreign key ${JSON.stringify(f.columns)} → ${f.references.table}`;
    missing(f.columns, what);
    const target = s.tables.find((x) => x.name === f.references.table);
    if (!target) {
      out.push(`${t.name}: ${what} references a table the schema does not define`);
      continue;
    }
    if (f.references.columns.length !== f.columns.length) out.push(`${t.name}: ${what} has ${f.columns.length} columns but references ${f.references.columns.length}`);
    f.references.columns.forEach((rc, k) => {
      const targetColumn = target.columns.find((c) => c.name === rc);
      const own = cols.get(f.columns[k] ?? '');
      if (!targetColumn) out.push(`${t.name}: ${what} references missing column "${rc}"`);
      else if (own && typeKey(own.type) !== typeKey(targetColumn.type)) {
        out.push(`${t.name}: ${what}: column "${own.name}" and "${rc}" have different types`);
      }
    });
    if (!isUniqueKey(target, f.references.columns)) out.push(`${t.name}: ${what} references columns that are neither the primary key nor a unique index`);
    if ((f.onDelete === 'SET NULL' || f.onUpdate === 'SET NULL') && f.columns.some((c) => cols.get(c)?.nullable === false)) {
      out.push(`${t.name}: ${what} sets NULL on a NOT NULL column`);
    }
  }
  return out;
}

/** Every structural problem of `schema`; empty when it is valid. */
export function schemaProblems(schema: Schema): string[] {
  const out = duplicates(schema.tables.map((t) => t.name)).map((n) => `duplicate table "${n}"`);
  for (const t of schema.tables) out.push(...tableProblems(schema, t));
  return out;
}

/** Problems with seed rows: unknown tables or columns, or empty lists. */
export function seedProblems(schema: Schema, seed: Readonly<Record<string, readonly Row[]>>): string[] {
  const out: string[] = [];
  for (const [name, rows] of Object.entries(seed)) {
    const t = schema.tables.find((x) => x.name === name);
    if (!t) {
      out.push(`seed names table "${name}" that the schema does not define`);
      continue;
    }
    if (rows.length === 0) out.push(`seed for "${name}" is empty`);
    for (const row of rows) {
      for (const key of Object.keys(row)) if (!t.columns.some((c) => c.name === key)) out.push(`seed row of "${name}" names missing column "${key}"`);
    }
  }
  return out;
}
