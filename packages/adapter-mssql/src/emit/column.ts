/**
 * Column-level DDL: a column's definition in `CREATE TABLE` / `ADD`, and the
 * statements of `addColumn`, `dropColumn` and `alterColumn`.
 */
import { OdacError, type AlterColumnOperation, type Column, type ColumnType } from '@odac/core';
import { defaultSql, recordsAuthored } from '../defaults.js';
import { defaultName, typeCheckName } from '../naming.js';
import { nstring, quote } from '../quote.js';
import { typeSql } from '../types.js';
import { addDescription, aroundIndexes, dropDefault, dropTypeCheck, recordAuthored, setDescription } from './tsql.js';

/** One statement before the operation index and table are attached. */
export interface Sql {
  readonly sql: string;
  readonly lock?: string;
}

/** Schema modification lock: what every ALTER TABLE takes on SQL Server. */
export const SCH_M = 'SCH-M';

/** The CHECK expression behind an enum or json column, or undefined for other types. */
export function typeCheckExpression(column: string, type: ColumnType): string | undefined {
  if (type.kind === 'enum') return `${quote(column)} IN (${type.values.map(nstring).join(', ')})`;
  if (type.kind === 'json') return `ISJSON(${quote(column)}) = 1`;
  return undefined;
}

const typeCheckKind = (type: ColumnType): 'enum' | 'json' | undefined => (type.kind === 'enum' || type.kind === 'json' ? type.kind : undefined);

function identity(table: string, column: Column): string {
  if (column.type.kind !== 'integer') {
    throw new OdacError(
      'PLAN.UNSUPPORTED',
      `Column "${table}"."${column.name}" is auto-increment but of type ${column.type.kind}: SQL Server identity columns must be integers here. Use increments / bigIncrements, or drop autoIncrement.`,
      { details: { table, column: column.name } },
    );
  }
  return 'IDENTITY(1,1)';
}

/**
 * `[name] type [IDENTITY(1,1)] NULL|NOT NULL [CONSTRAINT [DF_…] DEFAULT …]
 * [CONSTRAINT [CK_…] CHECK (…)]`. Nullability is always spelled out (the
 * session's ANSI_NULL_DFLT settings would decide otherwise). `withValues`
 * fills existing rows of a nullable column with its default, as the other
 * databases do on ADD COLUMN.
 */
export function columnDefinition(table: string, column: Column, withValues = false): string {
  if (column.generated) return computedColumn(column, column.generated);
  const parts = [quote(column.name), typeSql(column.type)];
  if (column.autoIncrement) parts.push(identity(table, column));
  parts.push(column.nullable ? 'NULL' : 'NOT NULL');
  if (column.default !== undefined && !column.autoIncrement) {
    parts.push(`CONSTRAINT ${quote(defaultName(table, column.name))} DEFAULT ${defaultSql(column.default)}`);
    if (withValues && column.nullable) parts.push('WITH VALUES');
  }
  const check = typeCheckExpression(column.name, column.type);
  const kind = typeCheckKind(column.type);
  if (check !== undefined && kind) parts.push(`CONSTRAINT ${quote(typeCheckName(table, column.name, kind))} CHECK (${check})`);
  return parts.join(' ');
}

/**
 * A computed column: `[name] AS CAST((expr) AS type) [PERSISTED] [NOT NULL]`.
 * SQL Server infers a computed column's type from its expression; the CAST
 * gives it the declared one, so it reads back as declared. NOT NULL only with
 * PERSISTED (`normalize` refuses it otherwise).
 */
function computedColumn(column: Column, generated: NonNullable<Column['generated']>): string {
  const parts = [quote(column.name), `AS CAST((${generated.expression}) AS ${typeSql(column.type)})`];
  if (generated.stored) parts.push('PERSISTED');
  if (generated.stored && !column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

/** Statements that follow a new column: its authored default or expression, its comment. */
export function afterNewColumn(table: string, column: Column): Sql[] {
  const out: Sql[] = [];
  if (column.generated) {
    const record = recordAuthored(table, { kind: 'computed', column: column.name }, column.generated.expression);
    if (record) out.push({ sql: record });
  }
  if (!column.autoIncrement && recordsAuthored(column.default) && column.default?.kind === 'expression') {
    const record = recordAuthored(table, { kind: 'default', column: column.name }, column.default.sql);
    if (record) out.push({ sql: record });
  }
  if (column.comment) out.push({ sql: addDescription(table, column.name, column.comment) });
  return out;
}

export function addColumn(table: string, column: Column): Sql[] {
  return [{ sql: `ALTER TABLE ${quote(table)} ADD ${columnDefinition(table, column, true)}`, lock: SCH_M }, ...afterNewColumn(table, column)];
}

/** Drops what SQL Server would not let the column go with (its default, its enum/json check), then the column. */
export function dropColumn(table: string, column: Column): Sql[] {
  const out: Sql[] = [];
  if (column.default !== undefined) out.push({ sql: dropDefault(table, column.name), lock: SCH_M });
  const kind = typeCheckKind(column.type);
  if (kind) out.push({ sql: dropTypeCheck(table, column.name, kind), lock: SCH_M });
  out.push({ sql: `ALTER TABLE ${quote(table)} DROP COLUMN ${quote(column.name)}`, lock: SCH_M });
  return out;
}

/** `ALTER TABLE … ADD CONSTRAINT [DF_…] DEFAULT … FOR [c]`, with its authored text when it is an expression. */
function addDefault(table: string, column: Column): Sql[] {
  if (column.default === undefined || column.autoIncrement) return [];
  const out: Sql[] = [
    {
      sql: `ALTER TABLE ${quote(table)} ADD CONSTRAINT ${quote(defaultName(table, column.name))} DEFAULT ${defaultSql(column.default)} FOR ${quote(column.name)}`,
      lock: SCH_M,
    },
  ];
  if (recordsAuthored(column.default) && column.default.kind === 'expression') {
    const record = recordAuthored(table, { kind: 'default', column: column.name }, column.default.sql);
    if (record) out.push({ sql: record });
  }
  return out;
}

/** Variable-length types SQL Server widens in place, even on indexed columns. */
const VARIABLE = /^(nvarchar|varchar|varbinary)\((\d+)\)$/;

/** A longer n/varchar or varbinary with the same nullability: no index has to be rebuilt. */
function widensInPlace(from: Column, to: Column): boolean {
  if (from.nullable !== to.nullable) return false;
  const a = VARIABLE.exec(typeSql(from.type));
  const b = VARIABLE.exec(typeSql(to.type));
  return a !== null && b !== null && a[1] === b[1] && Number(b[2]) >= Number(a[2]);
}

/**
 * The statements of an `alterColumn`. `ALTER COLUMN` restates the type and
 * nullability; SQL Server refuses it while a default, a CHECK or an index
 * uses the column, so the default and odac's enum/json check are dropped
 * before and added after, and the indexes are rebuilt around it.
 */
export function alterColumn(op: AlterColumnOperation): Sql[] {
  const { table, from, to, changes } = op;
  const has = (c: AlterColumnOperation['changes'][number]): boolean => changes.includes(c);
  if (has('autoIncrement')) {
    throw new OdacError(
      'PLAN.UNSUPPORTED',
      `Column "${table}"."${to.name}" would ${to.autoIncrement ? 'become' : 'stop being'} an IDENTITY column: SQL Server cannot change the IDENTITY property of an existing column. Create a new table with the column as you want it and copy the rows (SET IDENTITY_INSERT), or keep the column as it is.`,
      { details: { table, column: to.name } },
    );
  }
  const alters = has('type') || has('nullable');
  const out: Sql[] = [];
  const defaultGone = from.default !== undefined && (alters || has('default'));
  if (defaultGone) out.push({ sql: dropDefault(table, to.name), lock: SCH_M });
  const fromCheck = typeCheckKind(from.type);
  if (alters && fromCheck) out.push({ sql: dropTypeCheck(table, to.name, fromCheck), lock: SCH_M });
  if (alters) {
    const alter = `ALTER TABLE ${quote(table)} ALTER COLUMN ${quote(to.name)} ${typeSql(to.type)} ${to.nullable ? 'NULL' : 'NOT NULL'}`;
    out.push({ sql: widensInPlace(from, to) ? alter : aroundIndexes(table, to.name, alter), lock: SCH_M });
  }
  if (defaultGone || (has('default') && from.default === undefined)) out.push(...addDefault(table, to));
  const toCheck = typeCheckExpression(to.name, to.type);
  const toKind = typeCheckKind(to.type);
  if (alters && toCheck !== undefined && toKind) {
    out.push({ sql: `ALTER TABLE ${quote(table)} ADD CONSTRAINT ${quote(typeCheckName(table, to.name, toKind))} CHECK (${toCheck})`, lock: SCH_M });
  }
  if (has('comment')) out.push({ sql: setDescription(table, to.name, to.comment) });
  return out;
}
