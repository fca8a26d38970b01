/**
 * Checks one table definition on its own: its keys, its columns (through
 * `checkColumn`), duplicate column names, the primary key, and that
 * indexes, foreign keys and checks are well formed and name columns the
 * table has. What other tables contain is `validate-references.ts`'s job.
 */
import {
  CHECK_KEYS,
  FOREIGN_KEY_KEYS,
  FOREIGN_KEY_REFERENCE_KEYS,
  INDEX_KEYS,
  MAX_IDENTIFIER_BYTES,
  MYSQL_TABLE_KEYS,
  PRIMARY_KEY_KEYS,
  SQLITE_TABLE_KEYS,
  identifierProblem,
  TABLE_KEYS,
  TIMESTAMP_COLUMNS,
  normalizeAction,
} from './catalog.js';
import { isNonEmptyString, isRecord } from './column-type.js';
import { FOREIGN_KEY_ACTIONS } from '../model.js';
import { byteLength, report, type Problems, type Where } from './problems.js';
import { didYouMean, quoteList } from './suggest.js';
import { checkColumn, foreignKeyOptionProblem, givenOptions } from './validate-column.js';
import { checkFragment } from './validate-fragment.js';

const TABLE_KEY_ALIASES: Readonly<Record<string, string>> = {
  primaryKey: 'primary',
  primaryKeys: 'primary',
  name: 'table',
  tableName: 'table',
  index: 'indexes',
  unique: 'indexes',
  foreign: 'foreignKeys',
  foreignKey: 'foreignKeys',
  references: 'foreignKeys',
  check: 'checks',
};

/** What the per-table check learned, for the cross-table checks. */
export interface TableCheck {
  /** Column names as the table will have them (`timestamps` expanded), in order. */
  readonly columnNames: readonly string[];
  /** Columns with problems of their own: cross-table checks skip them. */
  readonly tainted: ReadonlySet<string>;
}

/** The column names a definition declares, with the `timestamps` pseudo-column expanded. */
export function expandedColumnNames(columns: Readonly<Record<string, unknown>>): { name: string; key: string }[] {
  const out: { name: string; key: string }[] = [];
  for (const [key, def] of Object.entries(columns)) {
    if (isRecord(def) && def['type'] === 'timestamps') {
      for (const name of TIMESTAMP_COLUMNS) out.push({ name, key });
    } else {
      out.push({ name: key, key });
    }
  }
  return out;
}

/** The message sentence for a file whose export is not a table definition. */
export function notADefinitionText(got: unknown): string {
  const what = got === null ? 'null' : Array.isArray(got) ? 'an array' : isRecord(got) ? 'an object without columns' : typeof got;
  return `does not export a table definition (got ${what}); write module.exports = { columns: { ... } } or export default { columns: { ... } }.`;
}

function checkNameList(
  value: unknown,
  what: string,
  columns: readonly string[],
  where: Where,
  problems: Problems,
): value is readonly string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((c) => typeof c === 'string')) {
    report(problems, 'SCHEMA.INVALID', where, `has ${what} ${JSON.stringify(value)}; list column names, e.g. ['user_id', 'tag_id'].`);
    return false;
  }
  let ok = true;
  const seen = new Set<string>();
  for (const name of value as string[]) {
    if (seen.has(name)) {
      report(problems, 'SCHEMA.INVALID', where, `lists column '${name}' twice in ${what}; remove the duplicate.`);
      ok = false;
    }
    seen.add(name);
    if (!columns.includes(name)) {
      report(problems, 'SCHEMA.INVALID', where, `names column '${name}' in ${what}, but the table has no such column${didYouMean(name, columns) || `; its columns are ${quoteList(columns)}.`}`);
      ok = false;
    }
  }
  return ok;
}

function checkName(value: unknown, what: string, where: Where, problems: Problems): void {
  if (value === undefined) return;
  if (!isNonEmptyString(value)) {
    report(problems, 'SCHEMA.INVALID', where, `has ${what} name ${JSON.stringify(value)}; give a non-empty string or leave the name out to have one generated.`);
  } else if (byteLength(value) > MAX_IDENTIFIER_BYTES) {
    report(problems, 'SCHEMA.INVALID', where, `has ${what} name '${value}', longer than ${MAX_IDENTIFIER_BYTES} bytes, which PostgreSQL would truncate; shorten it.`);
  } else if (identifierProblem(value) !== undefined) {
    report(problems, 'SCHEMA.INVALID', where, `has ${what} name ${JSON.stringify(value)} that ${identifierProblem(value)}.`);
  }
}

function checkUnknownKeys(
  obj: Readonly<Record<string, unknown>>,
  allowed: readonly string[],
  what: string,
  where: Where,
  problems: Problems,
  aliases: Readonly<Record<string, string>> = {},
): void {
  for (const key of givenOptions(obj).filter((k) => !allowed.includes(k))) {
    report(problems, 'SCHEMA.UNKNOWN_OPTION', where, `has unknown key '${key}' in ${what}${didYouMean(key, allowed, aliases) || `; the keys are ${quoteList(allowed)}.`}`);
  }
}

function checkAction(value: unknown, what: string, where: Where, problems: Problems): void {
  if (value === undefined || normalizeAction(value) !== undefined) return;
  const hint = typeof value === 'string' ? didYouMean(value, FOREIGN_KEY_ACTIONS) : '';
  report(problems, 'SCHEMA.INVALID', where, `has ${what} ${JSON.stringify(value)}, which is not a foreign key action${hint || `; use one of ${quoteList(FOREIGN_KEY_ACTIONS)}.`}`);
}

function checkPrimary(def: Readonly<Record<string, unknown>>, columns: Readonly<Record<string, unknown>>, names: readonly string[], where: Where, problems: Problems): void {
  const auto: string[] = [];
  const flagged: string[] = [];
  for (const [key, col] of Object.entries(columns)) {
    if (!isRecord(col)) continue;
    if (col['type'] === 'increments' || col['type'] === 'bigIncrements') auto.push(key);
    else if (col['primary'] === true) flagged.push(key);
  }
  if (auto.length > 1) {
    report(problems, 'SCHEMA.INVALID', where, `has ${auto.length} auto-increment columns (${quoteList(auto)}); a table can have only one, make the others integer or bigInteger.`);
  } else if (auto.length === 1 && flagged.length > 0) {
    report(problems, 'SCHEMA.INVALID', where, `has primary: true on ${quoteList(flagged)}, but its auto-increment column '${auto[0]}' already is the primary key; remove primary: true, or make '${auto[0]}' an integer and list the key columns in primary: [...].`);
  }
  const given = def['primary'];
  if (given === undefined) return;
  if (isRecord(given)) {
    checkUnknownKeys(given, PRIMARY_KEY_KEYS, 'primary', where, problems);
    if (given['withoutOverlaps'] !== undefined && typeof given['withoutOverlaps'] !== 'boolean') {
      report(problems, 'SCHEMA.INVALID', where, `has primary.withoutOverlaps ${JSON.stringify(given['withoutOverlaps'])}; withoutOverlaps must be true or false.`);
    }
    if (given['deferrable'] !== undefined) {
      const problem = foreignKeyOptionProblem('deferrable', given['deferrable'], 'primary.deferrable');
      if (problem !== undefined) report(problems, 'SCHEMA.INVALID', where, problem);
    }
  }
  const tablePrimary: unknown = isRecord(given) ? given['columns'] : given;
  const ok = checkNameList(tablePrimary, 'primary', names, where, problems);
  if (ok) {
    for (const name of tablePrimary) {
      const col = columns[name];
      if (isRecord(col) && col['nullable'] === true) {
        report(problems, 'SCHEMA.INVALID', { ...where, column: name }, `is in the primary key but has nullable: true; primary keys are never nullable, remove nullable.`);
      }
    }
  }
  const columnLevel = [...auto, ...flagged];
  // `primary: { columns: ['id'], deferrable }` on an increments key says more about the same key.
  const listed: readonly unknown[] = Array.isArray(tablePrimary) ? tablePrimary : [];
  const same = columnLevel.length === listed.length && columnLevel.every((c, i) => listed[i] === c);
  if (ok && columnLevel.length > 0 && !same) {
    report(problems, 'SCHEMA.INVALID', where, `declares its primary key twice: primary: [...] on the table and on column ${quoteList(columnLevel)} (primary: true or an increments type); keep only one of them.`);
  }
}

/** `constraint`, `deferrable` and `nullsNotDistinct` (PostgreSQL UNIQUE constraints): well formed and only where they mean something. */
function checkIndexConstraint(index: Readonly<Record<string, unknown>>, what: string, where: Where, problems: Problems): void {
  for (const option of ['constraint', 'nullsNotDistinct', 'withoutOverlaps'] as const) {
    if (index[option] !== undefined && typeof index[option] !== 'boolean') {
      report(problems, 'SCHEMA.INVALID', where, `has ${what}.${option} ${JSON.stringify(index[option])}; ${option} must be true or false.`);
    }
  }
  if (index['constraint'] === true && index['unique'] !== true) {
    report(problems, 'SCHEMA.INVALID', where, `has ${what}.constraint without unique: true; only a unique index can be a UNIQUE constraint (add unique: true).`);
  }
  if (index['withoutOverlaps'] === true && index['constraint'] !== true) {
    report(problems, 'SCHEMA.INVALID', where, `has ${what}.withoutOverlaps without constraint: true; only a UNIQUE constraint has WITHOUT OVERLAPS (add constraint: true, unique: true).`);
  }
  if (index['nullsNotDistinct'] === true && index['constraint'] !== true) {
    report(problems, 'SCHEMA.INVALID', where, `has ${what}.nullsNotDistinct without constraint: true; on a bare unique index write it in native ('USING btree (a) NULLS NOT DISTINCT').`);
  }
  if (index['deferrable'] !== undefined) {
    const problem = foreignKeyOptionProblem('deferrable', index['deferrable'], `${what}.deferrable`);
    if (problem !== undefined) report(problems, 'SCHEMA.INVALID', where, problem);
    else if (index['deferrable'] !== false && index['constraint'] !== true) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what}.deferrable without constraint: true; only a UNIQUE constraint can be deferred (add constraint: true, unique: true).`);
    }
  }
}

function checkIndexes(value: unknown, names: readonly string[], where: Where, problems: Problems): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    report(problems, 'SCHEMA.INVALID', where, `has indexes that is not an array; write indexes: [{ columns: ['a', 'b'], unique: true }].`);
    return;
  }
  value.forEach((index: unknown, i) => {
    const what = `indexes[${i}]`;
    if (!isRecord(index)) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what} that is not an object; write { columns: ['a', 'b'], unique: true }.`);
      return;
    }
    checkUnknownKeys(index, INDEX_KEYS, what, where, problems);
    // A native index may have no plain key column at all (`USING btree (lower(email))`).
    const native = index['native'];
    if (native !== undefined && !isNonEmptyString(native)) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what}.native ${JSON.stringify(native)}; give the index as the database prints it after the table name (e.g. 'USING gin (tags)'), or leave it out.`);
    }
    if (isNonEmptyString(native) && !isNonEmptyString(index['name'])) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what}.native without a name; name the index (name: 'users_lower_email_idx').`);
    }
    if (!(isNonEmptyString(native) && Array.isArray(index['columns']) && index['columns'].length === 0)) {
      checkNameList(index['columns'], `${what}.columns`, names, where, problems);
    }
    checkIndexConstraint(index, what, where, problems);
    if (index['unique'] !== undefined && typeof index['unique'] !== 'boolean') {
      report(problems, 'SCHEMA.INVALID', where, `has ${what}.unique ${JSON.stringify(index['unique'])}; unique must be true or false.`);
    }
    checkName(index['name'], `${what}`, where, problems);
    if (index['where'] !== undefined && !isNonEmptyString(index['where'])) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what}.where ${JSON.stringify(index['where'])}; give the partial index predicate as SQL text, or leave it out.`);
    }
    checkFragment(index['where'], `${what}.where`, where, problems);
  });
}

function checkForeignKeys(value: unknown, names: readonly string[], where: Where, problems: Problems): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    report(problems, 'SCHEMA.INVALID', where, `has foreignKeys that is not an array; write foreignKeys: [{ columns: ['a'], references: { table: 't', columns: ['id'] } }].`);
    return;
  }
  value.forEach((fk: unknown, i) => {
    const what = `foreignKeys[${i}]`;
    if (!isRecord(fk)) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what} that is not an object; write { columns: ['a'], references: { table: 't', columns: ['id'] } }.`);
      return;
    }
    checkUnknownKeys(fk, FOREIGN_KEY_KEYS, what, where, problems);
    const columnsOk = checkNameList(fk['columns'], `${what}.columns`, names, where, problems);
    const ref = fk['references'];
    if (!isRecord(ref)) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what} without references; add references: { table: 't', columns: ['id'] }.`);
    } else {
      checkUnknownKeys(ref, FOREIGN_KEY_REFERENCE_KEYS, `${what}.references`, where, problems);
      const refColumns = ref['columns'];
      if (!isNonEmptyString(ref['table'])) {
        report(problems, 'SCHEMA.INVALID', where, `has ${what}.references without a table; add table: 'users'.`);
      }
      if (!Array.isArray(refColumns) || refColumns.length === 0 || !refColumns.every(isNonEmptyString)) {
        report(problems, 'SCHEMA.INVALID', where, `has ${what}.references.columns ${JSON.stringify(refColumns)}; list the referenced column names, e.g. ['id'].`);
      } else if (columnsOk && Array.isArray(fk['columns']) && fk['columns'].length !== refColumns.length) {
        report(problems, 'SCHEMA.INVALID', where, `has ${what} with ${fk['columns'].length} columns referencing ${refColumns.length}; list as many referenced columns as local ones, in matching order.`);
      }
    }
    checkAction(fk['onDelete'], `${what}.onDelete`, where, problems);
    checkAction(fk['onUpdate'], `${what}.onUpdate`, where, problems);
    for (const option of ['deferrable', 'match'] as const) {
      if (fk[option] === undefined) continue;
      const problem = foreignKeyOptionProblem(option, fk[option], `${what}.${option}`);
      if (problem !== undefined) report(problems, 'SCHEMA.INVALID', where, problem);
    }
    checkName(fk['name'], what, where, problems);
    checkForeignKeyExtras(fk, what, where, problems);
  });
}

/** `onDeleteColumns` (a subset of the key's columns, with SET NULL / SET DEFAULT) and `notValid`. */
function checkForeignKeyExtras(fk: Readonly<Record<string, unknown>>, what: string, where: Where, problems: Problems): void {
  for (const option of ['notValid', 'period', 'notEnforced'] as const) {
    if (fk[option] !== undefined && typeof fk[option] !== 'boolean') {
      report(problems, 'SCHEMA.INVALID', where, `has ${what}.${option} ${JSON.stringify(fk[option])}; ${option} must be true or false.`);
    }
  }
  const setColumns = fk['onDeleteColumns'];
  if (setColumns === undefined) return;
  const keyColumns = Array.isArray(fk['columns']) ? (fk['columns'] as unknown[]).filter(isNonEmptyString) : [];
  if (checkNameList(setColumns, `${what}.onDeleteColumns`, keyColumns, where, problems)) {
    const action = normalizeAction(fk['onDelete']);
    if (action !== 'SET NULL' && action !== 'SET DEFAULT') {
      report(problems, 'SCHEMA.INVALID', where, `has ${what}.onDeleteColumns without onDelete 'SET NULL' or 'SET DEFAULT'; only those actions set some of the key's columns.`);
    }
  }
}

function checkChecks(value: unknown, where: Where, problems: Problems): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    report(problems, 'SCHEMA.INVALID', where, `has checks that is not an array; write checks: [{ expression: 'price >= 0' }].`);
    return;
  }
  value.forEach((check: unknown, i) => {
    const what = `checks[${i}]`;
    if (!isRecord(check)) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what} that is not an object; write { expression: 'price >= 0' }.`);
      return;
    }
    checkUnknownKeys(check, CHECK_KEYS, what, where, problems);
    if (!isNonEmptyString(check['expression'])) {
      report(problems, 'SCHEMA.INVALID', where, `has ${what} without an expression; add expression: 'price >= 0' (SQL).`);
    }
    checkFragment(check['expression'], `${what}.expression`, where, problems);
    checkName(check['name'], what, where, problems);
    for (const option of ['noInherit', 'notValid', 'notEnforced'] as const) {
      if (check[option] !== undefined && typeof check[option] !== 'boolean') {
        report(problems, 'SCHEMA.INVALID', where, `has ${what}.${option} ${JSON.stringify(check[option])}; ${option} must be true or false.`);
      }
    }
  });
}

/** `mysql: { engine, charset, collation }` and `sqlite: { strict, withoutRowid }`. */
function checkTableOptions(def: Readonly<Record<string, unknown>>, where: Where, problems: Problems): void {
  const mysql = def['mysql'];
  if (mysql !== undefined) {
    if (!isRecord(mysql)) {
      report(problems, 'SCHEMA.INVALID', where, `has mysql ${JSON.stringify(mysql)}; write mysql: { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } (any of them).`);
    } else {
      checkUnknownKeys(mysql, MYSQL_TABLE_KEYS, 'mysql', where, problems);
      for (const key of MYSQL_TABLE_KEYS) {
        const value = mysql[key];
        // Engine, charset and collation names are bare words (they are written unquoted).
        if (value !== undefined && (typeof value !== 'string' || !/^[A-Za-z0-9_]+$/.test(value))) {
          report(problems, 'SCHEMA.INVALID', where, `has mysql.${key} ${JSON.stringify(value)}; give the name as MySQL prints it (letters, digits and _), or leave it out.`);
        }
      }
    }
  }
  const sqlite = def['sqlite'];
  if (sqlite !== undefined) {
    if (!isRecord(sqlite)) {
      report(problems, 'SCHEMA.INVALID', where, `has sqlite ${JSON.stringify(sqlite)}; write sqlite: { strict: true, withoutRowid: true } (either of them).`);
    } else {
      checkUnknownKeys(sqlite, SQLITE_TABLE_KEYS, 'sqlite', where, problems);
      for (const key of SQLITE_TABLE_KEYS) {
        if (sqlite[key] !== undefined && typeof sqlite[key] !== 'boolean') {
          report(problems, 'SCHEMA.INVALID', where, `has sqlite.${key} ${JSON.stringify(sqlite[key])}; ${key} must be true or false.`);
        }
      }
    }
  }
}

/**
 * The same column name twice is an error. Names that differ only in case
 * are two columns on PostgreSQL (quoted names keep their case) and one on
 * MySQL and SQLite: the planner refuses them where the adapter says column
 * names ignore case (`refuseCaseClashes`), never the loader.
 */
function checkColumnNames(columns: Readonly<Record<string, unknown>>, where: Where, problems: Problems, tainted: Set<string>): void {
  const seen = new Map<string, { name: string; key: string }>();
  for (const entry of expandedColumnNames(columns)) {
    const first = seen.get(entry.name);
    if (!first) {
      seen.set(entry.name, entry);
      continue;
    }
    const by = (e: { name: string; key: string }): string => (e.key === e.name ? `'${e.key}'` : `the ${e.key} pseudo-column (type 'timestamps' adds created_at and updated_at)`);
    report(problems, 'SCHEMA.DUPLICATE_COLUMN', { ...where, column: entry.name }, `is declared twice, by ${by(first)} and by ${by(entry)}; remove one of them.`);
    tainted.add(entry.name);
  }
}

function checkRenames(columns: Readonly<Record<string, unknown>>, names: readonly string[], where: Where, problems: Problems): void {
  const claimed = new Map<string, string>();
  for (const [key, col] of Object.entries(columns)) {
    if (!isRecord(col) || !isNonEmptyString(col['renamedFrom']) || col['renamedFrom'] === key) continue;
    const old = col['renamedFrom'];
    if (names.includes(old)) {
      report(problems, 'SCHEMA.INVALID', { ...where, column: key }, `has renamedFrom '${old}', but the table still declares a column '${old}'; remove that column or the renamedFrom.`);
    }
    const other = claimed.get(old);
    if (other !== undefined) {
      report(problems, 'SCHEMA.INVALID', { ...where, column: key }, `has renamedFrom '${old}', like column '${other}'; only one column can be renamed from '${old}'.`);
    }
    claimed.set(old, key);
  }
}

/**
 * Checks one table definition. `where` names the file and the table (the
 * name the loader derived from `table` or the file name). Returns `undefined`
 * when the export is not a table definition at all.
 */
export function checkTable(def: unknown, where: Where & { table: string }, problems: Problems, warnings: string[] = []): TableCheck | undefined {
  if (!isRecord(def) || !isRecord(def['columns'])) {
    report(problems, 'SCHEMA.INVALID', { file: where.file }, `the file ${notADefinitionText(def)}`);
    return undefined;
  }
  checkUnknownKeys(def, TABLE_KEYS, 'the table definition', where, problems, TABLE_KEY_ALIASES);
  if (def['table'] !== undefined && !isNonEmptyString(def['table'])) {
    report(problems, 'SCHEMA.INVALID', where, `has table ${JSON.stringify(def['table'])}; give the table name as a string, or leave it out to use the file name.`);
  }
  if (byteLength(where.table) > MAX_IDENTIFIER_BYTES) {
    report(problems, 'SCHEMA.INVALID', where, `has a name longer than ${MAX_IDENTIFIER_BYTES} bytes, which PostgreSQL would truncate; shorten it.`);
  } else if (identifierProblem(where.table) !== undefined) {
    report(problems, 'SCHEMA.INVALID', where, `has a name that ${identifierProblem(where.table)}.`);
  }
  const columns = def['columns'];
  const tainted = new Set<string>();
  if (Object.keys(columns).length === 0) {
    report(problems, 'SCHEMA.INVALID', where, `has no columns; add at least one, e.g. id: { type: 'increments' }.`);
  }
  for (const [key, col] of Object.entries(columns)) {
    if (!checkColumn(key, col, { ...where, column: key }, problems, warnings)) {
      if (isRecord(col) && col['type'] === 'timestamps') TIMESTAMP_COLUMNS.forEach((c) => tainted.add(c));
      else tainted.add(key);
    }
  }
  checkColumnNames(columns, where, problems, tainted);
  const names = expandedColumnNames(columns).map((e) => e.name);
  checkRenames(columns, names, where, problems);
  checkPrimary(def, columns, names, where, problems);
  checkIndexes(def['indexes'], names, where, problems);
  checkForeignKeys(def['foreignKeys'], names, where, problems);
  checkChecks(def['checks'], where, problems);
  if (def['comment'] !== undefined && typeof def['comment'] !== 'string') {
    report(problems, 'SCHEMA.INVALID', where, `has a comment that is not a string; write comment: '...'.`);
  }
  checkTableOptions(def, where, problems);
  const renamedFrom = def['renamedFrom'];
  if (renamedFrom !== undefined && (!isNonEmptyString(renamedFrom) || renamedFrom === where.table)) {
    report(problems, 'SCHEMA.INVALID', where, `has renamedFrom ${JSON.stringify(renamedFrom)}; give the table's previous name (different from its current one), or leave it out.`);
  }
  return { columnNames: names, tainted };
}
