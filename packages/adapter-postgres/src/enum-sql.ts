/**
 * SQL for enum-typed columns. odac creates one type per column, named
 * `<table>_<column>_enum`; statements that change or drop an existing type
 * look its name up from the column at run time (a `DO` block), so tables that
 * were renamed, or databases whose enums other tools named, work too.
 *
 * `ALTER TYPE … ADD VALUE` runs inside the migration transaction (PostgreSQL
 * 12+), but a value added so cannot be used before commit; when the plan
 * would use a new value (as the column's default), the column is converted to
 * a fresh type instead (`USING col::text::new_type`), which rewrites the table.
 */
import { dollarQuote, literal, qualified, quote } from './quote.js';
import { shortHash } from '@odac/core';
import { enumTypeName, fitIdentifier } from './types.js';

/** `'"table"'::regclass`: the table as the current search_path finds it. */
function regclass(table: string): string {
  return `${literal(quote(table))}::regclass`;
}

/** A PL/pgSQL expression giving the column's current type. */
function columnTypeLookup(table: string, column: string): string {
  return `(SELECT a.atttypid::regtype FROM pg_catalog.pg_attribute a WHERE a.attrelid = ${regclass(table)} AND a.attname = ${literal(column)})`;
}

/** Drops a type if nothing else uses it any more (a shared type is left alone). */
function dropIfUnused(typeExpr: string): string {
  return `  BEGIN\n    EXECUTE format('DROP TYPE %s', ${typeExpr});\n  EXCEPTION WHEN dependent_objects_still_exist THEN NULL;\n  END;`;
}

function doBlock(declare: string, body: string): string {
  return `DO ${dollarQuote(`\n${declare ? `DECLARE\n${declare}\n` : ''}BEGIN\n${body}\nEND\n`)}`;
}

/** `CREATE TYPE name …`, `name` quoted (and qualified) already. */
export function createEnumType(name: string, values: readonly string[]): string {
  return `CREATE TYPE ${name} AS ENUM (${values.map(literal).join(', ')})`;
}

/** `CREATE TYPE` unless a type of that name exists (a named type several columns share, or one in another schema). */
export function ensureEnumType(name: string, values: readonly string[]): string {
  return doBlock('', `  IF to_regtype(${literal(name)}) IS NULL THEN\n    ${createEnumType(name, values)};\n  END IF;`);
}

/**
 * `ALTER TYPE … ADD VALUE` for each value of `to` missing from `from`, in
 * place; undefined when the change is not purely additive in order.
 */
export function addEnumValues(table: string, column: string, from: readonly string[], to: readonly string[]): string | undefined {
  let next = 0;
  for (const v of to) {
    if (v === from[next]) next++;
    else if (from.includes(v)) return undefined;
  }
  if (next !== from.length) return undefined;
  const lines: string[] = [];
  to.forEach((v, i) => {
    if (from.includes(v)) return;
    const prev = to[i - 1];
    const position = prev !== undefined ? `AFTER %L', t, ${literal(v)}, ${literal(prev)}` : `BEFORE %L', t, ${literal(v)}, ${literal(from[0] ?? '')}`;
    lines.push(`  EXECUTE format('ALTER TYPE %s ADD VALUE IF NOT EXISTS %L ${position});`);
  });
  return doBlock(`  t regtype := ${columnTypeLookup(table, column)};`, lines.join('\n'));
}

/**
 * Moves an enum column to a new enum type with other values: creates the
 * type, converts through text, drops the old type when unused, and gives the
 * new type the column's type name (`typeName`, else the standard one), in
 * its schema (`typeSchema`, else the current one).
 */
export function replaceEnumType(table: string, column: string, values: readonly string[], typeName?: string, typeSchema?: string): string {
  const name = typeName ?? enumTypeName(table, column);
  const temp = qualified(fitIdentifier(`${name}_${shortHash(values.join('\u0000'))}`), typeSchema);
  const body = [
    `  ${createEnumType(temp, values)};`,
    `  ALTER TABLE ${quote(table)} ALTER COLUMN ${quote(column)} TYPE ${temp} USING ${quote(column)}::text::${temp};`,
    dropIfUnused('old_type'),
    `  IF to_regtype(${literal(qualified(name, typeSchema))}) IS NULL THEN`,
    `    ALTER TYPE ${temp} RENAME TO ${quote(name)};`,
    `  END IF;`,
  ].join('\n');
  return doBlock(`  old_type regtype := ${columnTypeLookup(table, column)};`, body);
}

/** Changes an enum column to a non-enum type, then drops the old enum type when unused. */
export function leaveEnumType(table: string, column: string, typeSql: string): string {
  const body = [
    `  ALTER TABLE ${quote(table)} ALTER COLUMN ${quote(column)} TYPE ${typeSql} USING ${quote(column)}::text::${typeSql};`,
    dropIfUnused('old_type'),
  ].join('\n');
  return doBlock(`  old_type regtype := ${columnTypeLookup(table, column)};`, body);
}

/** Drops enum columns (or the whole table) and then their types when unused; just `dropSql` without enum columns. */
export function dropWithEnumTypes(table: string, enumColumns: readonly string[], dropSql: string): string {
  if (enumColumns.length === 0) return dropSql;
  const declare = enumColumns.map((c, i) => `  t${i} regtype := ${columnTypeLookup(table, c)};`).join('\n');
  const body = [`  ${dropSql};`, ...enumColumns.map((_, i) => dropIfUnused(`t${i}`))].join('\n');
  return doBlock(declare, body);
}

/**
 * Drops an index, or the unique constraint it backs (PostgreSQL refuses
 * `DROP INDEX` on a constraint's index; the model does not tell them apart).
 */
export function dropIndexOrConstraint(table: string, index: string): string {
  const body = [
    `  IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conrelid = ${regclass(table)} AND c.conname = ${literal(index)}) THEN`,
    `    ALTER TABLE ${quote(table)} DROP CONSTRAINT ${quote(index)};`,
    `  ELSE`,
    `    DROP INDEX ${quote(index)};`,
    `  END IF;`,
  ].join('\n');
  return doBlock('', body);
}
