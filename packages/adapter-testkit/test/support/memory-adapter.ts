/**
 * A reference adapter that keeps databases in memory: statements are the
 * operations themselves (as JSON), applied to a model plus rows, all or
 * nothing. It behaves like a strict relational database (no dropping a
 * referenced table, no NOT NULL over NULLs, no orphans, no duplicates) so
 * the kit's runner and scenarios can be tested with the real core planner
 * and no database server.
 */
import {
  ApplyError,
  defaultCapabilities,
  sortSchema,
  type Capabilities,
  type Column,
  type Connection,
  type DriverAdapter,
  type ForeignKey,
  type Operation,
  type PreflightCheck,
  type PreflightFailure,
  type Schema,
  type Statement,
  type Table,
} from '@odac/core';
import type { ConformanceTarget, Row } from '../../src/index.js';

type Value = Row[string];
interface Db {
  /** References are checked per statement (PostgreSQL-like) rather than at commit (SQLite-like). */
  strict: boolean;
  schema: Schema;
  rows: Record<string, Record<string, Value>[]>;
}

const databases = new Map<string, Db>();
let counter = 0;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const tableOf = (db: Db, name: string): Table => {
  const t = db.schema.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no such table: ${name}`);
  return t;
};
const put = (db: Db, t: Table): void => {
  db.schema = { tables: [...db.schema.tables.filter((x) => x.name !== t.name), t] };
};

function defaultValue(c: Column): Value {
  if (!c.default) return null;
  if (c.default.kind === 'expression') return '2024-01-01 00:00:00';
  return c.default.value;
}

const key = (row: Record<string, Value>, cols: readonly string[]): string | undefined =>
  cols.some((c) => row[c] === null || row[c] === undefined) ? undefined : JSON.stringify(cols.map((c) => String(row[c])));

function duplicates(rows: readonly Record<string, Value>[], cols: readonly string[]): number {
  const keys = rows.map((r) => key(r, cols)).filter((k): k is string => k !== undefined);
  return keys.length - new Set(keys).size;
}

function orphans(db: Db, table: string, fk: Pick<ForeignKey, 'columns' | 'references'>, targetIsNew = false): number {
  const children = db.rows[table] ?? [];
  const parents = targetIsNew ? [] : (db.rows[fk.references.table] ?? []);
  const parentKeys = new Set(parents.map((p) => key(p, fk.references.columns)));
  return children.filter((r) => {
    const k = key(r, fk.columns);
    return k !== undefined && !parentKeys.has(k);
  }).length;
}

function fits(value: Value, type: Column['type']): boolean {
  if (value === null) return true;
  switch (type.kind) {
    case 'string':
    case 'char':
      return String(value).length <= type.length;
    case 'integer': {
      const limit = { tiny: 2 ** 7, small: 2 ** 15, medium: 2 ** 23, regular: 2 ** 31, big: 2 ** 63 }[type.size];
      return Number(value) >= -limit && Number(value) < limit;
    }
    case 'decimal':
      return Math.abs(Number(value)) < 10 ** (type.precision - type.scale);
    default:
      return true;
  }
}

function fail(message: string): never {
  throw new Error(message);
}

function checkReferences(db: Db): void {
  for (const t of db.schema.tables) {
    for (const f of t.foreignKeys) {
      const target = db.schema.tables.find((x) => x.name === f.references.table) ?? fail(`${t.name}: key ${f.name} references missing table ${f.references.table}`);
      for (const c of f.references.columns) if (!target.columns.some((x) => x.name === c)) fail(`${t.name}: key references missing ${target.name}.${c}`);
      for (const c of f.columns) if (!t.columns.some((x) => x.name === c)) fail(`${t.name}: key on missing column ${c}`);
      if (orphans(db, t.name, f) > 0) fail(`${t.name}: key ${f.name} has orphans`);
    }
    for (const i of t.indexes) {
      for (const c of i.columns) if (!t.columns.some((x) => x.name === c)) fail(`${t.name}: index ${i.name} on missing column ${c}`);
      if (i.unique && duplicates(db.rows[t.name] ?? [], i.columns) > 0) fail(`${t.name}: unique index ${i.name} has duplicates`);
    }
    if (t.primaryKey && duplicates(db.rows[t.name] ?? [], t.primaryKey.columns) > 0) fail(`${t.name}: primary key has duplicates`);
    for (const c of t.columns) {
      if (!c.nullable && (db.rows[t.name] ?? []).some((r) => r[c.name] === null)) fail(`${t.name}.${c.name}: NULL in a NOT NULL column`);
    }
  }
}

const apply: { [K in Operation['kind']]: (db: Db, op: Extract<Operation, { kind: K }>) => void } = {
  createTable: (db, op) => {
    if (db.schema.tables.some((t) => t.name === op.table)) fail(`table ${op.table} exists`);
    put(db, op.definition);
    db.rows[op.table] = [];
  },
  dropTable: (db, op) => {
    const refs = db.schema.tables.filter((t) => t.name !== op.table && t.foreignKeys.some((f) => f.references.table === op.table));
    // Like SQLite with foreign_keys off, a rebuild-style database checks references at the end.
    if (refs.length > 0 && db.strict) fail(`cannot drop ${op.table}: referenced by ${refs.map((t) => t.name).join(', ')}`);
    tableOf(db, op.table);
    db.schema = { tables: db.schema.tables.filter((t) => t.name !== op.table) };
    delete db.rows[op.table];
  },
  renameTable: (db, op) => {
    const t = tableOf(db, op.from);
    db.schema = { tables: db.schema.tables.filter((x) => x.name !== op.from) };
    put(db, { ...t, name: op.table });
    db.rows[op.table] = db.rows[op.from] ?? [];
    delete db.rows[op.from];
  },
  addColumn: (db, op) => {
    const t = tableOf(db, op.table);
    if (t.columns.some((c) => c.name === op.column.name)) fail(`column ${op.column.name} exists`);
    put(db, { ...t, columns: [...t.columns, op.column] });
    for (const r of db.rows[op.table] ?? []) r[op.column.name] = defaultValue(op.column);
  },
  dropColumn: (db, op) => {
    const t = tableOf(db, op.table);
    const name = op.column.name;
    if (t.foreignKeys.some((f) => f.columns.includes(name))) fail(`cannot drop ${op.table}.${name}: a foreign key uses it`);
    if (db.schema.tables.some((o) => o.foreignKeys.some((f) => f.references.table === op.table && f.references.columns.includes(name)))) {
      fail(`cannot drop ${op.table}.${name}: referenced by a foreign key`);
    }
    // Like PostgreSQL and MySQL, indexes on the column go with it.
    put(db, { ...t, columns: t.columns.filter((c) => c.name !== name), indexes: t.indexes.filter((i) => !i.columns.includes(name)) });
    for (const r of db.rows[op.table] ?? []) delete r[name];
  },
  renameColumn: (db, op) => {
    const t = tableOf(db, op.table);
    const m = (c: string): string => (c === op.from ? op.to : c);
    put(db, {
      ...t,
      columns: t.columns.map((c) => (c.name === op.from ? { ...c, name: op.to } : c)),
      indexes: t.indexes.map((i) => ({ ...i, columns: i.columns.map(m) })),
      foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: f.columns.map(m) })),
      ...(t.primaryKey ? { primaryKey: { ...t.primaryKey, columns: t.primaryKey.columns.map(m) } } : {}),
    });
    for (const r of db.rows[op.table] ?? []) {
      r[op.to] = r[op.from] ?? null;
      delete r[op.from];
    }
  },
  alterColumn: (db, op) => {
    const t = tableOf(db, op.table);
    if (!t.columns.some((c) => c.name === op.to.name)) fail(`no column ${op.to.name}`);
    for (const r of db.rows[op.table] ?? []) if (!fits(r[op.to.name] ?? null, op.to.type)) fail(`value of ${op.table}.${op.to.name} does not fit`);
    put(db, { ...t, columns: t.columns.map((c) => (c.name === op.to.name ? op.to : c)) });
  },
  setPrimaryKey: (db, op) => {
    const t = tableOf(db, op.table);
    const { primaryKey: _old, ...rest } = t;
    put(db, op.to ? { ...rest, primaryKey: op.to } : rest);
  },
  addIndex: (db, op) => {
    const t = tableOf(db, op.table);
    if (t.indexes.some((i) => i.name === op.index.name)) fail(`index ${op.index.name} exists`);
    put(db, { ...t, indexes: [...t.indexes, op.index] });
  },
  dropIndex: (db, op) => {
    const t = tableOf(db, op.table);
    if (!t.indexes.some((i) => i.name === op.index.name)) fail(`no index ${op.index.name} on ${op.table}`);
    put(db, { ...t, indexes: t.indexes.filter((i) => i.name !== op.index.name) });
  },
  addForeignKey: (db, op) => {
    const t = tableOf(db, op.table);
    if (t.foreignKeys.some((f) => f.name === op.foreignKey.name)) fail(`key ${op.foreignKey.name} exists`);
    put(db, { ...t, foreignKeys: [...t.foreignKeys, op.foreignKey] });
  },
  dropForeignKey: (db, op) => {
    const t = tableOf(db, op.table);
    if (!t.foreignKeys.some((f) => f.name === op.foreignKey.name)) fail(`no key ${op.foreignKey.name} on ${op.table}`);
    put(db, { ...t, foreignKeys: t.foreignKeys.filter((f) => f.name !== op.foreignKey.name) });
  },
  addCheck: (db, op) => {
    const t = tableOf(db, op.table);
    put(db, { ...t, checks: [...(t.checks ?? []), op.check] });
  },
  dropCheck: (db, op) => {
    const t = tableOf(db, op.table);
    put(db, { ...t, checks: (t.checks ?? []).filter((c) => c.name !== op.check.name) });
  },
  validateConstraint: (db, op) => {
    const t = tableOf(db, op.table);
    const valid = <T extends { readonly name?: string; readonly notValid?: boolean }>(c: T): T => {
      if (c.name !== op.name) return c;
      const { notValid: _was, ...rest } = c;
      return rest as T;
    };
    put(db, { ...t, foreignKeys: t.foreignKeys.map(valid), ...(t.checks ? { checks: t.checks.map(valid) } : {}) });
  },
  setTableComment: (db, op) => {
    const { comment: _old, ...t } = tableOf(db, op.table);
    put(db, op.comment !== undefined ? { ...t, comment: op.comment } : t);
  },
  setTableOptions: (db, op) => {
    const t = tableOf(db, op.table);
    put(db, { ...t, ...(op.to.mysql ? { mysql: { ...t.mysql, ...op.to.mysql } } : {}), ...(op.to.sqlite ? { sqlite: { ...t.sqlite, ...op.to.sqlite } } : {}) });
  },
  rebuildTable: (db, op) => {
    const rows = db.rows[op.table] ?? [];
    const copied = rows.map((r) => {
      const out: Record<string, Value> = {};
      for (const c of op.to.columns) {
        const from = op.columnMap.find((m) => m.to === c.name)?.from;
        out[c.name] = from !== undefined ? (r[from] ?? null) : defaultValue(c);
      }
      return out;
    });
    put(db, op.to);
    db.rows[op.table] = copied;
  },
};

function runPreflight(db: Db, checks: readonly PreflightCheck[]): PreflightFailure[] {
  const out: PreflightFailure[] = [];
  for (const check of checks) {
    const rows = db.rows[check.table] ?? [];
    let count = 0;
    switch (check.kind) {
      case 'notNull':
        count = rows.filter((r) => r[check.column] === null || r[check.column] === undefined).length;
        break;
      case 'foreignKey':
        count = orphans(db, check.table, check, check.targetIsNew);
        break;
      case 'unique':
        count = duplicates(rows, check.columns);
        break;
      case 'fitsType':
        count = rows.filter((r) => !fits(r[check.column] ?? null, check.to)).length;
        break;
      case 'emptyTable':
        count = rows.length;
        break;
    }
    if (count > 0) out.push({ check, count });
  }
  return out;
}

class MemoryConnection implements Connection {
  constructor(private readonly url: string) {}

  private db(): Db {
    return databases.get(this.url) ?? fail(`no database ${this.url}`);
  }

  introspect(): Promise<Schema> {
    return Promise.resolve(sortSchema(clone(this.db().schema)));
  }

  preflight(checks: readonly PreflightCheck[]): Promise<readonly PreflightFailure[]> {
    return Promise.resolve(runPreflight(this.db(), checks));
  }

  apply(statements: readonly Statement[]): Promise<{ executed: readonly Statement[] }> {
    const work = clone(this.db());
    const executed: Statement[] = [];
    for (const st of statements) {
      const op = JSON.parse(st.sql) as Operation;
      try {
        (apply[op.kind] as (db: Db, op: Operation) => void)(work, op);
      } catch (e) {
        return Promise.reject(new ApplyError(`memory: ${(e as Error).message}`, { executed, statement: st, rolledBack: true, cause: e }));
      }
      executed.push(st);
    }
    try {
      checkReferences(work);
    } catch (e) {
      return Promise.reject(new ApplyError(`memory: ${(e as Error).message}`, { executed, rolledBack: true, cause: e }));
    }
    databases.set(this.url, work);
    return Promise.resolve({ executed });
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** An in-memory adapter with the given capabilities (default: alters everything in place). */
export function memoryAdapter(name = 'memory', capabilities: Partial<Capabilities> = {}): DriverAdapter {
  return {
    name,
    capabilities: { ...defaultCapabilities, transactionalDdl: true, ...capabilities },
    connect: (url) => Promise.resolve(new MemoryConnection(url)),
    normalize: (s) => sortSchema(s),
    emit: (ops) => ops.map((op, i) => ({ sql: JSON.stringify(op), transactional: true, operation: i, table: op.table })),
  };
}

/** A conformance target for an in-memory adapter. */
/** `a * b`, `a + b`, `a - b` over two columns: the generated expressions the scenarios use. */
function evaluate(expression: string, row: Row): Value {
  const m = /^\s*(\w+)\s*([*+-])\s*(\w+)\s*$/.exec(expression);
  if (!m) return null;
  const [a, b] = [row[m[1] as string], row[m[3] as string]];
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  return m[2] === '*' ? a * b : m[2] === '+' ? a + b : a - b;
}

/** Rows with their generated columns computed, as a database reads them. */
function withGenerated(table: Table, rows: Row[]): Row[] {
  const generated = table.columns.filter((c) => c.generated !== undefined);
  if (generated.length === 0) return rows;
  return rows.map((r) => ({ ...r, ...Object.fromEntries(generated.map((c) => [c.name, evaluate(c.generated?.expression ?? '', r)])) }));
}

export function memoryTarget(adapter: DriverAdapter): ConformanceTarget {
  return {
    adapter,
    createDatabase: () => {
      const url = `memory://${++counter}`;
      databases.set(url, { strict: adapter.capabilities.alterForeignKey, schema: { tables: [] }, rows: {} });
      return Promise.resolve({ url, drop: () => Promise.resolve(void databases.delete(url)) });
    },
    openClient: (url) => {
      const db = (): Db => databases.get(url) ?? fail(`no database ${url}`);
      return Promise.resolve({
        insert: (table: string, rows: readonly Row[]) => {
          const t = tableOf(db(), table);
          for (const r of rows) db().rows[table]?.push(Object.fromEntries(t.columns.map((c) => [c.name, r[c.name] ?? defaultValue(c)])));
          return Promise.resolve();
        },
        select: (table: string) => Promise.resolve(withGenerated(tableOf(db(), table), clone((db().rows[table] ?? []) as Row[]))),
        exec: () => Promise.reject(new Error('memory adapter: no SQL')),
        close: () => Promise.resolve(),
      });
    },
  };
}

/** Capabilities like SQLite's: everything but adding nullable columns is a rebuild. */
export const sqliteLikeCapabilities: Partial<Capabilities> = {
  alterColumn: false,
  alterForeignKey: false,
  alterPrimaryKey: false,
  alterCheck: false,
  dropColumn: false,
  addColumnExpressionDefault: false,
  addColumnNotNull: false,
};

/** Forgets every database (between tests). */
export function resetMemory(): void {
  databases.clear();
}
