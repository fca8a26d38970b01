/**
 * MySQL-specific schema rules, checked before anything runs so the user gets
 * a sentence naming the column instead of `errno: 150 "Foreign key
 * constraint is incorrectly formed"` halfway through a migration.
 */
import { SchemaError, SchemaValidationError, findColumn, findTable, type Column, type ColumnType, type ForeignKey, type Schema, type Table } from '@odac/core';
import { columnTypeSql } from './types.js';

function where(table: Table, column?: string): { file?: string; table: string; column?: string } {
  return { ...(table.source ? { file: table.source } : {}), table: table.name, ...(column ? { column } : {}) };
}

/** The column's own character set (a collation's name starts with it), undefined when it follows the table's. */
function charsetOf(column: Column): string | undefined {
  return column.charset ?? column.collation?.split('_')[0];
}

type Family = 'integer' | 'decimal' | 'string' | 'other';

function family(type: ColumnType): Family {
  switch (type.kind) {
    case 'integer':
    case 'boolean':
      return 'integer';
    case 'decimal':
      return 'decimal';
    case 'string':
    case 'char':
      return 'string';
    case 'native':
      return /^(var)?char\b/.test(type.sql) ? 'string' : 'other';
    default:
      return 'other';
  }
}

/**
 * Why InnoDB would refuse a foreign key from a column of type `a` to one of
 * type `b`, or undefined when it accepts it: integers need the same size
 * and sign, decimals the same precision and scale, strings the same
 * character set (lengths may differ).
 * https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html#foreign-key-conditions
 */
export function foreignKeyTypeProblem(ca: Column, cb: Column): string | undefined {
  const [a, b] = [ca.type, cb.type];
  const fa = family(a);
  const fb = family(b);
  if (fa !== fb) return 'different kinds of type';
  if (fa === 'integer') {
    const size = (t: ColumnType): string => (t.kind === 'integer' ? t.size : 'tiny');
    const unsigned = (t: ColumnType): boolean => t.kind === 'integer' && t.unsigned === true;
    if (size(a) !== size(b)) return 'integers of different sizes';
    if (unsigned(a) !== unsigned(b)) return 'one is unsigned and the other is not';
    return undefined;
  }
  if (fa === 'decimal') return columnTypeSql(a) === columnTypeSql(b) ? undefined : 'decimals of different precision, scale or sign';
  if (fa === 'string') {
    const [sa, sb] = [charsetOf(ca), charsetOf(cb)];
    return sa !== undefined && sb !== undefined && sa !== sb ? 'strings in different character sets' : undefined;
  }
  return undefined;
}

function checkForeignKey(schema: Schema, table: Table, fk: ForeignKey, errors: SchemaError[]): void {
  const name = fk.name ?? '(unnamed)';
  const arrow = `foreign key ${name} on "${table.name}"(${fk.columns.join(', ')}) → "${fk.references.table}"(${fk.references.columns.join(', ')})`;
  if (fk.onDelete === 'SET DEFAULT' || fk.onUpdate === 'SET DEFAULT') {
    errors.push(
      new SchemaError(
        'SCHEMA.UNSUPPORTED',
        `Table "${table.name}": ${arrow} uses SET DEFAULT, which InnoDB (MySQL and MariaDB) rejects. Use SET NULL, CASCADE or RESTRICT.`,
        where(table),
      ),
    );
  }
  const target = findTable(schema, fk.references.table);
  fk.columns.forEach((col, i) => {
    const column = findColumn(table, col);
    if (!column) return;
    if ((fk.onDelete === 'SET NULL' || fk.onUpdate === 'SET NULL') && !column.nullable) {
      errors.push(
        new SchemaError(
          'SCHEMA.SET_NULL_NOT_NULLABLE',
          `Column "${table.name}"."${col}" is NOT NULL, but ${arrow} sets it to NULL. Make the column nullable, or choose CASCADE or RESTRICT.`,
          where(table, col),
        ),
      );
    }
    const refName = fk.references.columns[i];
    const ref = target && refName !== undefined ? findColumn(target, refName) : undefined;
    if (!ref || !target) return;
    const problem = foreignKeyTypeProblem(column, ref);
    if (problem) {
      errors.push(
        new SchemaError(
          'SCHEMA.REFERENCE_TYPE_MISMATCH',
          `Column "${table.name}"."${col}" is ${columnTypeSql(column.type)} but the column it references, "${target.name}"."${ref.name}", is ${columnTypeSql(ref.type)} (${problem}): MariaDB/MySQL reject ${arrow} (errno 150), although SQLite and PostgreSQL accept it. Give both columns the same type${
            ref.type.kind === 'integer' && ref.type.unsigned && !(column.type.kind === 'integer' && column.type.unsigned)
              ? `: add \`unsigned: true\` to "${table.name}"."${col}" (increments columns are unsigned)`
              : ''
          }. Nothing was changed.`,
          where(table, col),
        ),
      );
    }
  });
}

/** A character outside the Basic Multilingual Plane (emoji and the like): 4 bytes in UTF-8. */
const SUPPLEMENTARY = /[\u{10000}-\u{10FFFF}]/u;

/**
 * MySQL and MariaDB keep identifiers in utf8mb3, so a name with a 4-byte
 * character (`'naïve 😀'`) is refused by the server ("Invalid utf8mb4
 * character string"); say so before any DDL runs.
 */
function checkIdentifiers(table: Table, errors: SchemaError[]): void {
  const named = [...table.indexes, ...table.foreignKeys, ...(table.checks ?? [])].map((o) => o.name).filter((n): n is string => n !== undefined);
  const names: [string, string | undefined][] = [[table.name, undefined], ...table.columns.map((c): [string, string] => [c.name, c.name]), ...named.map((n): [string, undefined] => [n, undefined])];
  for (const [name, column] of names) {
    if (!SUPPLEMENTARY.test(name)) continue;
    errors.push(
      new SchemaError(
        'SCHEMA.INVALID',
        `Table "${table.name}": the name "${name}" holds a character outside the Basic Multilingual Plane (such as an emoji), and MySQL/MariaDB keep names in utf8mb3, so the server would refuse it. Rename it (values and comments may still hold such characters).`,
        where(table, column),
      ),
    );
  }
}

/**
 * Throws `SchemaValidationError` listing every MySQL-specific problem:
 * unique partial indexes (checked on `raw`, before the predicate is
 * dropped), SET DEFAULT actions, SET NULL on NOT NULL columns, and foreign
 * key columns whose type differs from the referenced one (on `normalized`).
 */
export function validateSchema(raw: Schema, normalized: Schema): void {
  const errors: SchemaError[] = [];
  for (const table of raw.tables) {
    for (const index of table.indexes) {
      if (index.where === undefined || !index.unique) continue;
      errors.push(
        new SchemaError(
          'SCHEMA.UNSUPPORTED',
          `Table "${table.name}": the unique index on (${index.columns.join(', ')}) has a WHERE predicate, and MySQL/MariaDB have no partial indexes. Drop the predicate (the index then covers every row) or enforce the rule in the application.`,
          where(table),
        ),
      );
    }
  }
  for (const table of normalized.tables) {
    for (const fk of table.foreignKeys) checkForeignKey(normalized, table, fk, errors);
    for (const c of table.columns) {
      // MySQL's charset and collation names are bare words (emitted unquoted); any other is one it does not know.
      const name = [c.charset, c.collation].find((n) => n !== undefined && !/^[a-z0-9_]+$/.test(n));
      if (name !== undefined) errors.push(new SchemaError('SCHEMA.INVALID', `Column "${table.name}"."${c.name}": MySQL/MariaDB have no character set or collation named '${name}' (their names are letters, digits and _, e.g. utf8mb4_bin).`, where(table, c.name)));
    }
  }
  for (const table of raw.tables) checkIdentifiers(table, errors);
  if (errors.length > 0) throw new SchemaValidationError(errors);
}

/**
 * MariaDB takes neither NULL nor NOT NULL on a generated column (a syntax
 * error), so a NOT NULL one is refused before anything runs; MySQL 8 takes
 * it. A generated column there is always nullable.
 */
export function mariadbGeneratedProblems(desired: Schema): SchemaError[] {
  const out: SchemaError[] = [];
  for (const table of desired.tables) {
    for (const column of table.columns) {
      if (!column.generated || column.nullable) continue;
      out.push(
        new SchemaError(
          'SCHEMA.UNSUPPORTED',
          `Column "${table.name}"."${column.name}" is a generated column with nullable: false, and MariaDB has no NOT NULL generated columns (it refuses NOT NULL after the expression; MySQL 8 takes it). Remove nullable: false (the expression decides whether the value can be NULL), or add a check "${column.name} IS NOT NULL". Nothing was changed.`,
          where(table, column.name),
        ),
      );
    }
  }
  return out;
}
