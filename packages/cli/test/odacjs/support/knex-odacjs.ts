/**
 * Building tables the way ODAC.JS v1.4 builds them: the same knex schema
 * builder calls its migration engine makes for a schema file (column
 * builders by type, `nullable`, `default`, `unsigned`, `primary`,
 * `references`/`onDelete`/`onUpdate`; column `unique` moved into the
 * indexes; `timestamps` as `timestamps(true, true)`; unknown types through
 * `specificType`). Test support only: odac never runs knex for the schema.
 */
import path from 'node:path';
import { knex, type Knex } from 'knex';
import type { DatabaseKind } from '../../support/databases.js';

/** A column of an ODAC.JS schema file, as far as these tests use it. */
export interface OdacjsColumn {
  readonly type: string;
  readonly nullable?: boolean;
  readonly default?: string | number | boolean;
  readonly unsigned?: boolean;
  readonly unique?: boolean;
  readonly primary?: boolean;
  readonly length?: number | string;
  readonly precision?: number;
  readonly scale?: number;
  readonly values?: readonly string[];
  readonly textType?: 'text' | 'mediumtext' | 'longtext';
  readonly specificType?: string;
  readonly references?: { readonly table: string; readonly column: string };
  readonly onDelete?: string;
  readonly onUpdate?: string;
  /** odac's own option (ODAC.JS has none): written explicitly it wins over compat mode. */
  readonly withTimeZone?: boolean;
}

/** An ODAC.JS schema file's export. */
export interface OdacjsTable {
  readonly columns: Readonly<Record<string, OdacjsColumn>>;
  readonly indexes?: readonly { readonly columns: readonly string[]; readonly unique?: boolean }[];
}

/** A knex instance on a database of `kind` (the client ODAC.JS configures for it). */
export function knexFor(kind: DatabaseKind['name'], url: string): Knex {
  if (kind === 'sqlite') return knex({ client: 'better-sqlite3', connection: { filename: url.replace(/^sqlite:/, '') }, useNullAsDefault: true });
  return knex({ client: kind === 'postgres' ? 'pg' : 'mysql2', connection: url, pool: { min: 0, max: 1 } });
}

function columnBuilder(table: Knex.CreateTableBuilder, name: string, def: OdacjsColumn): Knex.ColumnBuilder {
  switch (def.type) {
    case 'increments':
      return table.increments(name);
    case 'bigIncrements':
      return table.bigIncrements(name);
    case 'integer':
      return table.integer(name);
    case 'bigInteger':
      return table.bigInteger(name);
    case 'float':
      return table.float(name, def.precision, def.scale);
    case 'decimal':
      return table.decimal(name, def.precision || 10, def.scale || 2);
    case 'string':
      return table.string(name, Number(def.length) || 255);
    case 'text':
      return table.text(name, def.textType || 'text');
    case 'boolean':
      return table.boolean(name);
    case 'date':
      return table.date(name);
    case 'datetime':
      return table.datetime(name);
    case 'timestamp':
      return table.timestamp(name);
    case 'time':
      return table.time(name);
    case 'binary':
      return table.binary(name, typeof def.length === 'number' ? def.length : undefined);
    case 'json':
      return table.json(name);
    case 'jsonb':
      return table.jsonb(name);
    case 'nanoid':
      return table.string(name, Number(def.length) || 21);
    case 'uuid':
      return table.uuid(name);
    case 'enum':
      return table.enum(name, [...(def.values ?? [])]);
    case 'specificType':
      return table.specificType(name, String(def.specificType ?? def.length));
    default:
      return table.specificType(name, def.type);
  }
}

/** `createTable` with ODAC.JS's calls for `def`. */
export async function createTableLikeOdacjs(db: Knex, name: string, def: OdacjsTable): Promise<void> {
  const indexes = [...(def.indexes ?? [])];
  for (const [column, col] of Object.entries(def.columns)) {
    if (col.unique && !['timestamps', 'increments', 'bigIncrements', 'nanoid'].includes(col.type)) indexes.push({ columns: [column], unique: true });
  }
  await db.schema.createTable(name, (table) => {
    for (const [column, col] of Object.entries(def.columns)) {
      if (col.type === 'timestamps') {
        table.timestamps(true, true);
        continue;
      }
      const c = columnBuilder(table, column, col);
      if (col.nullable === false) c.notNullable();
      else if (col.nullable === true) c.nullable();
      if (col.default !== undefined) c.defaultTo(col.default);
      if (col.unsigned) c.unsigned();
      if (col.primary) c.primary();
      // ODAC.JS calls onDelete/onUpdate on the column builder; knex's types put them on the reference.
      const ref = col.references ? c.references(col.references.column).inTable(col.references.table) : undefined;
      if (col.onDelete) ref?.onDelete(col.onDelete);
      if (col.onUpdate) ref?.onUpdate(col.onUpdate);
    }
    for (const index of indexes) {
      if (index.unique) table.unique([...index.columns]);
      else table.index([...index.columns]);
    }
  });
}

/** The schema file text ODAC.JS reads for `def`. */
export function schemaFileText(def: OdacjsTable): string {
  return `module.exports = ${JSON.stringify(def, null, 2)};\n`;
}

/** `dir/<table>.js` for each table. */
export function schemaFilePath(dir: string, table: string): string {
  return path.join(dir, `${table}.js`);
}
