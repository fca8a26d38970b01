/**
 * An in-memory adapter for CLI tests: the "database" is a Schema value;
 * applying a plan installs the desired tables and drops those it says to drop.
 */
import {
  defaultCapabilities,
  emptySchema,
  type Capabilities,
  type Connection,
  type ConnectOptions,
  type EmitOptions,
  type DriverAdapter,
  type Operation,
  type Schema,
  type Statement,
} from '@odac/core';

export interface FakeDatabase {
  schema: Schema;
  /** Last desired schema seen by `normalize`; what `apply` installs. */
  desired: Schema;
  readonly applied: Statement[];
  readonly connectedUrls: string[];
  readonly connectOptions: (ConnectOptions | undefined)[];
  readonly emitOptions: (EmitOptions | undefined)[];
  /** When set, `connect` throws this. */
  connectError?: Error;
  /** Warnings `apply` reports (like an adapter that fell back from an online form). */
  applyWarnings?: string[];
}

export function createFakeDatabase(schema: Schema = emptySchema): FakeDatabase {
  return { schema, desired: schema, applied: [], connectedUrls: [], connectOptions: [], emitOptions: [] };
}

function sqlFor(op: Operation): string {
  switch (op.kind) {
    case 'createTable':
      return `CREATE TABLE ${op.table} (${op.definition.columns.map((c) => c.name).join(', ')})`;
    case 'addColumn':
      return `ALTER TABLE ${op.table} ADD COLUMN ${op.column.name}`;
    case 'dropColumn':
      return `ALTER TABLE ${op.table} DROP COLUMN ${op.column.name}`;
    case 'dropTable':
      return `DROP TABLE ${op.table}`;
    default:
      return `-- ${op.kind} ${op.table}\nSELECT 1`;
  }
}

export function createFakeAdapter(db: FakeDatabase, capabilities: Partial<Capabilities> = {}): DriverAdapter {
  return {
    name: 'fake',
    capabilities: { ...defaultCapabilities, transactionalDdl: true, ...capabilities },
    normalize(schema) {
      db.desired = schema;
      return schema;
    },
    emit(operations, options) {
      db.emitOptions.push(options);
      return operations.map((op, i): Statement => ({ sql: sqlFor(op), transactional: true, operation: i, table: op.table }));
    },
    async connect(url, options) {
      if (db.connectError) throw db.connectError;
      db.connectedUrls.push(url);
      db.connectOptions.push(options);
      const conn: Connection = {
        introspect: async () => db.schema,
        preflight: async () => [],
        async apply(statements, options = {}) {
          statements.forEach((s, i) => options.onStatement?.(s, i, statements.length));
          db.applied.push(...statements);
          // Tables the plan did not drop (a skipped drop) stay; everything else becomes as desired.
          const dropped = new Set(statements.map((s) => /^DROP TABLE (\S+)$/.exec(s.sql)?.[1]));
          const kept = db.schema.tables.filter((t) => !dropped.has(t.name) && !db.desired.tables.some((d) => d.name === t.name));
          db.schema = { tables: [...db.desired.tables, ...kept].sort((a, b) => (a.name < b.name ? -1 : 1)) };
          return db.applyWarnings ? { executed: statements, warnings: db.applyWarnings } : { executed: statements };
        },
        withLock: (fn) => fn(),
        close: async () => undefined,
      };
      return conn;
    },
  };
}
