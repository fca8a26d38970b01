/**
 * Column types: what this adapter declares, and how a declared type reads
 * back. SQLite keeps a column's declared type verbatim (it only uppercases
 * the few names it knows, like INTEGER and TEXT), so every logical type gets
 * a declared type that maps back to exactly the same model.
 *
 * Enums are `text` plus a column-level `CHECK ("col" IN ('a', 'b'))`;
 * introspection recognises exactly that check on a `text` column and maps it
 * back to `{ kind: 'enum' }` (see `enumCheck` / `parseEnumCheck`). A CHECK
 * written at table level is always a table check, never an enum.
 */
import type { ColumnType, IntegerSize, TextSize } from '@odac/core';
import { literal, quote } from './quote.js';
import { identifierName, isKeyword, tokenize, type Token } from './sql-tokens.js';

const INTEGER_TYPES: Readonly<Record<IntegerSize, string>> = {
  tiny: 'tinyint',
  small: 'smallint',
  medium: 'mediumint',
  regular: 'integer',
  big: 'bigint',
};

const TEXT_TYPES: Readonly<Record<TextSize, string>> = {
  regular: 'text',
  medium: 'mediumtext',
  long: 'longtext',
};

/** The declared type this adapter writes for a logical type (enum: `text`, its CHECK comes separately). */
/** SQLite's built-in collations besides BINARY, the default. https://www.sqlite.org/datatype3.html#collating_sequences */
const BUILT_IN_COLLATIONS = new Set(['NOCASE', 'RTRIM']);

/**
 * A column or key-part collation as the model keeps it: `NOCASE` or `RTRIM`
 * (SQLite matches the names case-insensitively). `undefined` for BINARY, the
 * default, and for a name SQLite does not have built in: a PostgreSQL or
 * MySQL collation in a file means nothing here (SQLite would refuse the
 * table), and one an application registers on its own connections is not
 * one odac's connection could create a table with.
 */
export function sqliteCollation(name: string | null | undefined): string | undefined {
  const upper = name?.trim().toUpperCase();
  return upper !== undefined && BUILT_IN_COLLATIONS.has(upper) ? upper : undefined;
}

export function typeSql(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
      return INTEGER_TYPES[type.size];
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'float':
      return 'float';
    case 'double':
      return 'double';
    case 'string':
      return `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'text':
      return TEXT_TYPES[type.size ?? 'regular'];
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'datetime':
      return 'datetime';
    case 'timestamp':
      return type.withTimeZone ? 'timestamptz' : 'timestamp';
    case 'json':
      return type.binary ? 'jsonb' : 'json';
    case 'uuid':
      return 'uuid';
    case 'binary':
      return type.length === undefined ? 'blob' : `binary(${type.length})`;
    case 'enum':
      return 'text';
    case 'native':
      return type.sql;
  }
}

const SIMPLE: Readonly<Record<string, ColumnType>> = {
  integer: { kind: 'integer', size: 'regular' },
  int: { kind: 'integer', size: 'regular' },
  bigint: { kind: 'integer', size: 'big' },
  smallint: { kind: 'integer', size: 'small' },
  tinyint: { kind: 'integer', size: 'tiny' },
  mediumint: { kind: 'integer', size: 'medium' },
  float: { kind: 'float' },
  double: { kind: 'double' },
  text: { kind: 'text' },
  mediumtext: { kind: 'text', size: 'medium' },
  longtext: { kind: 'text', size: 'long' },
  boolean: { kind: 'boolean' },
  date: { kind: 'date' },
  time: { kind: 'time' },
  datetime: { kind: 'datetime' },
  timestamp: { kind: 'timestamp' },
  timestamptz: { kind: 'timestamp', withTimeZone: true },
  json: { kind: 'json' },
  jsonb: { kind: 'json', binary: true },
  uuid: { kind: 'uuid' },
  blob: { kind: 'binary' },
};

/**
 * Maps a declared type (as `pragma_table_xinfo` reports it) to the model.
 * Anything this adapter does not emit itself is `{ kind: 'native' }`, verbatim.
 */
export function parseDeclaredType(declared: string): ColumnType {
  const folded = declared.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1');
  const simple = SIMPLE[folded];
  if (simple) return simple;
  let m = /^(varchar|char|binary)\((\d+)\)$/.exec(folded);
  if (m) {
    const length = Number(m[2]);
    if (m[1] === 'varchar') return { kind: 'string', length };
    if (m[1] === 'char') return { kind: 'char', length };
    return { kind: 'binary', length };
  }
  m = /^decimal\((\d+),(\d+)\)$/.exec(folded);
  if (m) return { kind: 'decimal', precision: Number(m[1]), scale: Number(m[2]) };
  return { kind: 'native', sql: declared.trim() };
}

/** The column-level CHECK this adapter writes for an enum: `"col" IN ('a', 'b')`. */
export function enumCheck(column: string, values: readonly string[]): string {
  return `${quote(column)} IN (${values.map(literal).join(', ')})`;
}

function unquoteString(token: Token): string {
  return token.text.slice(1, -1).replace(/''/g, "'");
}

/**
 * Recognises `enumCheck(column, values)` (any spacing or identifier quoting)
 * and returns the values, or undefined when the expression is anything else.
 */
export function parseEnumCheck(column: string, expression: string): string[] | undefined {
  const tokens = tokenize(expression);
  const [name, kwIn, open] = tokens;
  const close = tokens[tokens.length - 1];
  if (!name || !(name.kind === 'word' || name.kind === 'ident') || identifierName(name) !== column) return undefined;
  if (!isKeyword(kwIn, 'IN') || open?.text !== '(' || close?.text !== ')' || tokens.length < 5) return undefined;
  const values: string[] = [];
  for (let i = 3; i < tokens.length - 1; i++) {
    const t = tokens[i] as Token;
    const expectValue = (i - 3) % 2 === 0;
    if (expectValue) {
      if (t.kind !== 'string') return undefined;
      values.push(unquoteString(t));
    } else if (t.text !== ',') {
      return undefined;
    }
  }
  // The list must end with a value, not a comma.
  return (tokens.length - 4) % 2 === 1 ? values : undefined;
}
