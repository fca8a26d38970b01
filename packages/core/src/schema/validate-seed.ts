/**
 * `seed` and `seedKey` (ODAC.JS's keys): rows upserted by `seedKey` after
 * the schema sync. Checked here: the key names a column, every row is an
 * object of known columns with a key value, values are scalars (any JSON
 * value for `json`/`jsonb` columns), and no key value repeats.
 */
import type { GeneratedColumn, SeedRow, SeedValue, TableSeed } from '../seed/types.js';
import { isNonEmptyString, isPositiveInteger, isRecord } from './column-type.js';
import { report, type Problems, type Where } from './problems.js';
import { didYouMean, quoteList } from './suggest.js';

const JSON_TYPES = new Set(['json', 'jsonb']);

function columnDefs(def: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return isRecord(def['columns']) ? def['columns'] : {};
}

function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1));
  // Files load in their own realm: compare by tag, not by prototype identity.
  if (isRecord(value) && Object.prototype.toString.call(value) === '[object Object]') return Object.values(value).every((v) => isJsonValue(v, depth + 1));
  return false;
}

const isDate = (value: unknown): boolean => Object.prototype.toString.call(value) === '[object Date]';

function describe(value: unknown): string {
  if (isDate(value)) return 'a Date';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function checkValue(value: unknown, column: string, isJson: boolean, where: Where, row: number, problems: Problems): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  if (isJson && isJsonValue(value)) return true;
  const at = { ...where, column };
  if (isDate(value)) {
    report(problems, 'SCHEMA.INVALID', at, `has a Date in seed[${row}]; write the date as text ('2024-01-31' or '2024-01-31 12:00:00') so every run compares the same value.`);
  } else if (typeof value === 'object' && value !== null && !isJson) {
    report(problems, 'SCHEMA.INVALID', at, `has ${describe(value)} in seed[${row}], but only json and jsonb columns take objects and arrays; give a string, number, boolean or null.`);
  } else {
    report(problems, 'SCHEMA.INVALID', at, `has ${describe(value)} in seed[${row}]; seed values are strings, numbers, booleans or null${isJson ? ' (or JSON objects and arrays)' : ''}.`);
  }
  return false;
}

/**
 * Checks `seed` / `seedKey` of a table definition whose columns are `names`
 * (with `timestamps` expanded) and returns the validated seed, or
 * `undefined` when the table has none or it has problems (reported).
 */
export function checkSeed(def: Readonly<Record<string, unknown>>, names: readonly string[], where: Where & { table: string }, source: string | undefined, problems: Problems): TableSeed | undefined {
  const seed = def['seed'];
  const key = def['seedKey'];
  if (seed === undefined) {
    if (key !== undefined && !isNonEmptyString(key)) report(problems, 'SCHEMA.INVALID', where, `has seedKey ${JSON.stringify(key)}; give the name of the column that identifies a seed row.`);
    return undefined;
  }
  if (!Array.isArray(seed)) {
    report(problems, 'SCHEMA.INVALID', where, `has seed that is not an array; write seed: [{ email: 'admin@example.com', role: 'admin' }] with seedKey: 'email'.`);
    return undefined;
  }
  if (seed.length === 0) return undefined;
  if (key === undefined) {
    report(problems, 'SCHEMA.INVALID', where, `has seed rows but no seedKey; add seedKey: '<column>' naming the column that identifies a row (e.g. seedKey: 'email'), so each run updates the row instead of inserting it again.`);
    return undefined;
  }
  if (!isNonEmptyString(key)) {
    report(problems, 'SCHEMA.INVALID', where, `has seedKey ${JSON.stringify(key)}; give the name of the column that identifies a seed row.`);
    return undefined;
  }
  if (!names.includes(key)) {
    report(problems, 'SCHEMA.INVALID', where, `has seedKey '${key}', but the table has no such column${didYouMean(key, names) || `; its columns are ${quoteList(names)}.`}`);
    return undefined;
  }
  const columns = columnDefs(def);
  const isJson = (c: string): boolean => {
    const col = columns[c];
    return isRecord(col) && typeof col['type'] === 'string' && JSON_TYPES.has(col['type']);
  };
  let ok = true;
  const seen = new Map<string, number>();
  seed.forEach((row: unknown, i) => {
    if (!isRecord(row) || Array.isArray(row)) {
      report(problems, 'SCHEMA.INVALID', where, `has seed[${i}] that is not an object; write each row as { column: value, ... }.`);
      ok = false;
      return;
    }
    for (const [column, value] of Object.entries(row)) {
      if (!names.includes(column)) {
        report(problems, 'SCHEMA.INVALID', where, `has seed[${i}] with column '${column}', but the table has no such column${didYouMean(column, names) || `; its columns are ${quoteList(names)}.`}`);
        ok = false;
        continue;
      }
      const def = columns[column];
      if (isRecord(def) && def['generated'] !== undefined) {
        // Every database refuses a value for a generated column ("cannot insert a non-DEFAULT value").
        report(
          problems,
          'SCHEMA.INVALID',
          { ...where, column },
          `is a generated column, and seed[${i}] gives it a value; the database computes it from the row's other columns and refuses one written to it. Remove '${column}' from the seed rows.`,
        );
        ok = false;
        continue;
      }
      if (!checkValue(value, column, isJson(column), where, i, problems)) ok = false;
    }
    const keyValue = row[key];
    if (keyValue === undefined || keyValue === null) {
      report(problems, 'SCHEMA.INVALID', { ...where, column: key }, `is the seedKey, but seed[${i}] gives it no value; every seed row needs its key (it is how the row is found again on the next run).`);
      ok = false;
      return;
    }
    const id = JSON.stringify(keyValue);
    const first = seen.get(id);
    if (first !== undefined) {
      report(problems, 'SCHEMA.INVALID', { ...where, column: key }, `has the seed key ${id} in seed[${first}] and seed[${i}]; each seed row needs its own key value, remove or merge one of them.`);
      ok = false;
    } else {
      seen.set(id, i);
    }
  });
  if (!ok) return undefined;
  const generated: GeneratedColumn[] = [];
  for (const [name, col] of Object.entries(columns)) {
    if (isRecord(col) && col['type'] === 'nanoid') generated.push({ column: name, length: isPositiveInteger(col['length']) ? col['length'] : 21 });
  }
  return {
    table: where.table,
    key,
    rows: seed.map((row) => ({ ...(row as Record<string, SeedValue>) }) as SeedRow),
    generated,
    ...(source !== undefined ? { source } : {}),
  };
}
