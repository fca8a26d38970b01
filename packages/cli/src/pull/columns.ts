/**
 * One model column as a schema-file column definition: the type name and
 * its options, nullability, default, comment. Which integer columns become
 * `increments` and which get `unsigned: true` is decided by `definition.ts`
 * (it needs the adapter and the other tables); this file only spells out.
 */
import type { Column, ColumnType, DefaultValue, IntegerSize } from '@odac/core';
import type { SourceObject, SourceValue } from './source.js';

const INTEGER_TYPE_NAMES: Readonly<Record<IntegerSize, string>> = {
  tiny: 'tinyInteger',
  small: 'smallInteger',
  medium: 'mediumInteger',
  regular: 'integer',
  big: 'bigInteger',
};

/** `increments` for a regular auto-increment key, `bigIncrements` for a big one. */
export function incrementsName(size: IntegerSize): 'increments' | 'bigIncrements' | undefined {
  if (size === 'regular') return 'increments';
  if (size === 'big') return 'bigIncrements';
  return undefined;
}

/** `type` and the options that define the type, in the order people write them. */
export function typeFields(type: ColumnType): Record<string, SourceValue> {
  switch (type.kind) {
    case 'integer':
      return { type: INTEGER_TYPE_NAMES[type.size], ...(type.unsigned ? { unsigned: true } : {}) };
    case 'decimal':
      return { type: 'decimal', precision: type.precision, scale: type.scale, ...(type.unsigned ? { unsigned: true } : {}) };
    case 'string':
    case 'char':
      return { type: type.kind, length: type.length };
    case 'text':
      if (type.size === 'medium') return { type: 'text', textType: 'mediumtext' };
      if (type.size === 'long') return { type: 'text', textType: 'longtext' };
      return { type: 'text' };
    case 'timestamp':
      // A database that tells (PostgreSQL, SQL Server) says `withTimeZone: false`; written out, it also
      // holds under ODAC.JS compatibility, where a plain `timestamp` has a time zone.
      return type.withTimeZone === undefined ? { type: 'timestamp' } : { type: 'timestamp', withTimeZone: type.withTimeZone };
    case 'json':
      return { type: type.binary ? 'jsonb' : 'json' };
    case 'binary':
      return type.length === undefined ? { type: 'binary' } : { type: 'binary', length: type.length };
    case 'enum':
      return { type: 'enum', values: [...type.values], ...(type.typeName !== undefined ? { typeName: type.typeName } : {}), ...(type.typeSchema !== undefined ? { typeSchema: type.typeSchema } : {}) };
    case 'native':
      return { type: 'specificType', native: type.sql };
    case 'float':
      return { type: 'float', ...(type.precision !== undefined ? { precision: type.precision } : {}), ...(type.scale !== undefined ? { scale: type.scale } : {}) };
    case 'double':
    case 'boolean':
    case 'date':
    case 'time':
    case 'datetime':
    case 'uuid':
      return { type: type.kind };
  }
}

/** A literal as itself, an expression as `{ raw: 'SQL' }`. */
export function defaultField(value: DefaultValue): SourceValue {
  return value.kind === 'literal' ? value.value : { raw: value.sql };
}

export interface ColumnShape {
  readonly column: Column;
  /** The type to write (may carry an `unsigned` the database does not report, to satisfy reference checks). */
  readonly type: ColumnType;
  /** Written as `increments` / `bigIncrements`. */
  readonly increments: boolean;
  /**
   * With `increments`: the `identity` option to write (only where leaving it
   * out would make another kind). Without: the column generates its values
   * all the same (`identity` on an integer type).
   */
  readonly identity?: NonNullable<Column['identity']>;
  /** Part of the primary key (so `nullable: false` goes without saying). */
  readonly inPrimaryKey: boolean;
  /** `primary: true` on the column (a single-column key that is not `increments`). */
  readonly primary: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  /** Column-level `references`, `onDelete`, `onUpdate`, `deferrable`, `match`. */
  readonly references?: SourceObject;
}

/**
 * The definition of one column. Keys come in a fixed order: type and its
 * options, nullable, default, primary, unique, index, references with
 * actions, deferral and match, collation, generated, onUpdateCurrentTimestamp, comment.
 */
export function columnDefinition(shape: ColumnShape): SourceObject {
  const { column } = shape;
  const size = shape.type.kind === 'integer' ? shape.type.size : undefined;
  const increments = shape.increments && size !== undefined ? incrementsName(size) : undefined;
  const signed = shape.type.kind === 'integer' && shape.type.unsigned !== true;
  const out: Record<string, SourceValue> = increments
    ? { type: increments, ...(signed ? { unsigned: false } : {}), ...(shape.identity !== undefined ? { identity: shape.identity } : {}) }
    : typeFields(shape.type);
  if (!increments) {
    if (!column.nullable && !shape.inPrimaryKey) out['nullable'] = false;
    // A NULL default on a NOT NULL column is no default (and the loader rejects it).
    const dflt = column.default;
    if (dflt && !(dflt.kind === 'literal' && dflt.value === null && !column.nullable)) out['default'] = defaultField(dflt);
    if (shape.primary) out['primary'] = true;
    if (shape.identity !== undefined) out['identity'] = shape.identity;
  }
  if (shape.unique) out['unique'] = true;
  if (shape.index) out['index'] = true;
  if (shape.references) Object.assign(out, shape.references);
  if (column.collation !== undefined) out['collation'] = column.collation;
  // Stored is the file format's default: the shorthand string says it all.
  if (column.generated) out['generated'] = column.generated.stored ? column.generated.expression : { expression: column.generated.expression, stored: false };
  if (column.onUpdateCurrentTimestamp) out['onUpdateCurrentTimestamp'] = true;
  if (column.notNullNotValid === true) out['notNullNotValid'] = true;
  if (column.notNullName !== undefined) out['notNullName'] = column.notNullName;
  if (column.comment !== undefined) out['comment'] = column.comment;
  return out;
}
