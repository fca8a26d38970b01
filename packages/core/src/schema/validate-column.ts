/**
 * Checks one column definition on its own: its type, its options and their
 * values, its reference shape and its default. Cross-column and cross-table
 * rules live in `validate-table.ts` and `validate-references.ts`.
 */
import { FOREIGN_KEY_ACTIONS } from '../model.js';
import {
  ALL_COLUMN_OPTIONS,
  COLUMN_TYPE_NAMES,
  COMMON_COLUMN_OPTIONS,
  DEFERRABLE_VALUES,
  GENERATED_KEYS,
  MATCH_VALUES,
  MAX_IDENTIFIER_BYTES,
  identifierProblem,
  MISPLACED_OPTION_ADVICE,
  REFERENCE_KEYS,
  TEXT_TYPES,
  IDENTITY_VALUES,
  TYPE_SPECIFIC_OPTIONS,
  normalizeAction,
  normalizeDeferrable,
  normalizeMatch,
} from './catalog.js';
import { convertDefault, convertType, isKnownTypeName, isNonEmptyString, isPositiveInteger, isRecord } from './column-type.js';
import { byteLength, report, subject, type Problems, type Where } from './problems.js';
import { checkFragment } from './validate-fragment.js';
import { didYouMean, levenshtein, quoteList } from './suggest.js';
import type { ColumnTypeName } from './types.js';

const BOOLEAN_OPTIONS = ['nullable', 'unique', 'index', 'primary', 'unsigned', 'withTimeZone', 'onUpdateCurrentTimestamp'];

/** A shorthand reference, `'users.id'`: exactly one dot with a name on each side. */
const SHORTHAND = /^\s*([^.\s]+)\s*\.\s*([^.\s]+)\s*$/;

/** Reads `references` (`{ table, column }` or `'users.id'`), or `undefined` if malformed. */
export function parseReference(input: unknown): { table: string; column: string } | undefined {
  if (typeof input === 'string') {
    const m = SHORTHAND.exec(input);
    return m && m[1] && m[2] ? { table: m[1], column: m[2] } : undefined;
  }
  if (isRecord(input) && isNonEmptyString(input['table']) && isNonEmptyString(input['column'])) {
    return { table: input['table'], column: input['column'] };
  }
  return undefined;
}

/** Options given with a value (`length: undefined` counts as not given, as TypeScript spreads produce it). */
export function givenOptions(def: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(def).filter((k) => def[k] !== undefined);
}

/**
 * What is wrong with a `deferrable` or `match` value, as the rest of a
 * sentence that starts with the place (`has deferrable 'later', which …`),
 * or `undefined` when the value is fine. `what` is how the option is named
 * there (`deferrable`, `foreignKeys[0].match`).
 */
export function foreignKeyOptionProblem(option: 'deferrable' | 'match', value: unknown, what: string = option): string | undefined {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  if (option === 'deferrable') {
    if (normalizeDeferrable(value) !== undefined) return undefined;
    const hint = typeof value === 'string' ? didYouMean(value, DEFERRABLE_VALUES) : '';
    return `has ${what} ${text}, which is not a deferral mode${hint || `; use true or 'immediate' (DEFERRABLE INITIALLY IMMEDIATE), 'deferred' (DEFERRABLE INITIALLY DEFERRED: checked at commit), or false (NOT DEFERRABLE, the default).`}`;
  }
  if (normalizeMatch(value) !== undefined) return undefined;
  if (typeof value === 'string' && value.trim().toLowerCase() === 'partial') {
    return `has ${what} ${text}, which no supported database implements (PostgreSQL rejects MATCH PARTIAL); use 'full' or 'simple'.`;
  }
  const hint = typeof value === 'string' ? didYouMean(value, MATCH_VALUES) : '';
  return `has ${what} ${text}, which is not a match type${hint || `; use 'full' (MATCH FULL) or 'simple' (MATCH SIMPLE, the default).`}`;
}

function checkReference(def: Readonly<Record<string, unknown>>, where: Where, problems: Problems): void {
  const ref = def['references'];
  if (ref !== undefined) {
    if (typeof ref === 'string') {
      if (!parseReference(ref)) {
        report(problems, 'SCHEMA.INVALID', where, `has references '${ref}', which is not 'table.column'; write e.g. 'users.id' or { table: 'users', column: 'id' }.`);
      }
    } else if (isRecord(ref)) {
      for (const key of givenOptions(ref).filter((k) => !REFERENCE_KEYS.includes(k))) {
        report(problems, 'SCHEMA.UNKNOWN_OPTION', where, `has unknown key '${key}' in references${didYouMean(key, REFERENCE_KEYS) || `; write references as { table: 'users', column: 'id' }.`}`);
      }
      if (!isNonEmptyString(ref['table']) || !isNonEmptyString(ref['column'])) {
        report(problems, 'SCHEMA.INVALID', where, `has references without a table and a column; write { table: 'users', column: 'id' } or 'users.id'.`);
      }
    } else {
      report(problems, 'SCHEMA.INVALID', where, `has references of type ${typeof ref}; write { table: 'users', column: 'id' } or 'users.id'.`);
    }
  }
  for (const option of ['onDelete', 'onUpdate']) {
    const action = def[option];
    if (action === undefined) continue;
    if (normalizeAction(action) === undefined) {
      const text = typeof action === 'string' ? `'${action}'` : JSON.stringify(action);
      const hint = typeof action === 'string' ? didYouMean(action, FOREIGN_KEY_ACTIONS) : '';
      report(problems, 'SCHEMA.INVALID', where, `has ${option} ${text}, which is not a foreign key action${hint || `; use one of ${quoteList(FOREIGN_KEY_ACTIONS)}.`}`);
    } else if (ref === undefined) {
      report(problems, 'SCHEMA.INVALID', where, `has ${option} but no references, so it has no effect; add references: 'table.column' or remove ${option}.`);
    }
  }
  for (const option of ['deferrable', 'match'] as const) {
    const value = def[option];
    if (value === undefined) continue;
    const problem = foreignKeyOptionProblem(option, value);
    if (problem !== undefined) {
      report(problems, 'SCHEMA.INVALID', where, problem);
    } else if (ref === undefined) {
      report(problems, 'SCHEMA.INVALID', where, `has ${option} but no references, so it has no effect; add references: 'table.column' or remove ${option}.`);
    }
  }
}

function checkOptionValues(def: Readonly<Record<string, unknown>>, type: ColumnTypeName, name: string, where: Where, problems: Problems): void {
  for (const option of BOOLEAN_OPTIONS) {
    const v = def[option];
    if (v !== undefined && typeof v !== 'boolean') {
      report(problems, 'SCHEMA.INVALID', where, `has ${option}: ${JSON.stringify(v)}; ${option} must be true or false.`);
    }
  }
  const length = def['length'];
  if (type === 'specificType') {
    if (length !== undefined && !isNonEmptyString(length)) {
      report(problems, 'SCHEMA.INVALID', where, `has length ${JSON.stringify(length)}; a specificType takes its raw type in length as a string (ODAC.JS style), e.g. length: 'citext', or native: 'citext'.`);
    }
  } else if (length !== undefined && !isPositiveInteger(length)) {
    report(problems, 'SCHEMA.INVALID', where, `has length ${JSON.stringify(length)}; length must be a positive whole number (e.g. 255).`);
  }
  const precision = def['precision'];
  const scale = def['scale'];
  if (precision !== undefined && !isPositiveInteger(precision)) {
    report(problems, 'SCHEMA.INVALID', where, `has precision ${JSON.stringify(precision)}; precision must be a positive whole number (e.g. 10).`);
  }
  if (scale !== undefined && !(typeof scale === 'number' && Number.isInteger(scale) && scale >= 0)) {
    report(problems, 'SCHEMA.INVALID', where, `has scale ${JSON.stringify(scale)}; scale must be a whole number of 0 or more (e.g. 2).`);
  }
  if (type === 'float' && scale !== undefined && precision === undefined) {
    report(problems, 'SCHEMA.INVALID', where, `has a scale but no precision; a float's scale needs its precision, e.g. precision: 8, scale: 2.`);
  } else if ((type === 'decimal' || type === 'float') && typeof scale === 'number' && (precision === undefined || isPositiveInteger(precision))) {
    const p = precision ?? 10;
    if (scale > p) {
      report(problems, 'SCHEMA.INVALID', where, `has scale ${scale} larger than its precision ${p}${precision === undefined ? ' (the default)' : ''}; make precision at least ${scale} or lower the scale.`);
    }
  }
  if (type === 'enum') {
    const values = def['values'];
    if (values === undefined) {
      report(problems, 'SCHEMA.INVALID', where, `is an enum without values; add values: ['a', 'b'].`);
    } else if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
      report(problems, 'SCHEMA.INVALID', where, `has enum values ${JSON.stringify(values)}; values must be a non-empty array of strings, e.g. ['draft', 'published'].`);
    } else {
      const dupes = values.filter((v, i) => values.indexOf(v) !== i);
      if (dupes.length > 0) report(problems, 'SCHEMA.INVALID', where, `lists enum value ${quoteList([...new Set(dupes as string[])])} more than once; remove the duplicate.`);
    }
    const typeName = def['typeName'];
    if (typeName !== undefined && !isNonEmptyString(typeName)) {
      report(problems, 'SCHEMA.INVALID', where, `has typeName ${JSON.stringify(typeName)}; give the enum type's name as a string (typeName: 'mood'), or leave it out.`);
    } else if (typeof typeName === 'string' && byteLength(typeName) > MAX_IDENTIFIER_BYTES) {
      report(problems, 'SCHEMA.INVALID', where, `has typeName '${typeName}', longer than ${MAX_IDENTIFIER_BYTES} bytes, which PostgreSQL would truncate; shorten it.`);
    }
  }
  const textType = def['textType'];
  if (textType !== undefined && (typeof textType !== 'string' || !TEXT_TYPES.includes(textType))) {
    const hint = typeof textType === 'string' ? didYouMean(textType, TEXT_TYPES) : '';
    report(problems, 'SCHEMA.INVALID', where, `has textType ${JSON.stringify(textType)}${hint || `; use one of ${quoteList(TEXT_TYPES)}.`}`);
  }
  for (const [key, example] of [['collation', 'C'], ['charset', 'latin1'], ['notNullName', 'email_not_null'], ['typeSchema', 'other']] as const) {
    if (def[key] !== undefined && !isNonEmptyString(def[key])) report(problems, 'SCHEMA.INVALID', where, `has ${key} ${JSON.stringify(def[key])}; give its name as a string, e.g. ${key}: '${example}'.`);
  }
  const identity = def['identity'];
  if (identity !== undefined && (typeof identity !== 'string' || !IDENTITY_VALUES.includes(identity))) {
    const hint = typeof identity === 'string' ? didYouMean(identity, IDENTITY_VALUES) : '';
    report(problems, 'SCHEMA.INVALID', where, `has identity ${JSON.stringify(identity)}${hint || `; use one of ${quoteList(IDENTITY_VALUES)}.`}`);
  }
  if (type === 'specificType') {
    const given = ['native', 'specificType', 'length'].filter((k) => isNonEmptyString(def[k]));
    const raw = new Set(given.map((k) => (def[k] as string).trim()));
    if (given.length === 0) {
      report(problems, 'SCHEMA.INVALID', where, `is a specificType without a native type; add native: 'citext' (the database's own type name; ODAC.JS files write it as specificType: 'citext').`);
    } else if (raw.size > 1) {
      report(problems, 'SCHEMA.INVALID', where, `gives its raw type twice, differently (${given.map((k) => `${k}: '${String(def[k]).trim()}'`).join(', ')}); keep one.`);
    }
    for (const key of given) checkFragment(def[key], 'native type', where, problems);
  }
  if (def['comment'] !== undefined && typeof def['comment'] !== 'string') {
    report(problems, 'SCHEMA.INVALID', where, `has a comment that is not a string; write comment: '...'.`);
  }
  const renamedFrom = def['renamedFrom'];
  if (renamedFrom !== undefined && !isNonEmptyString(renamedFrom)) {
    report(problems, 'SCHEMA.INVALID', where, `has renamedFrom ${JSON.stringify(renamedFrom)}; give the column's previous name as a string.`);
  } else if (renamedFrom === name) {
    report(problems, 'SCHEMA.INVALID', where, `has renamedFrom equal to its own name; remove renamedFrom.`);
  }
}

function checkContradictions(def: Readonly<Record<string, unknown>>, type: ColumnTypeName, where: Where, problems: Problems): void {
  const auto = type === 'increments' || type === 'bigIncrements';
  if (def['notNullNotValid'] !== undefined && typeof def['notNullNotValid'] !== 'boolean') {
    report(problems, 'SCHEMA.INVALID', where, `has notNullNotValid ${JSON.stringify(def['notNullNotValid'])}; notNullNotValid must be true or false.`);
  } else if (def['notNullNotValid'] === true && (def['nullable'] === false || def['primary'] === true || auto || def['identity'] !== undefined)) {
    report(problems, 'SCHEMA.INVALID', where, `has notNullNotValid on a column that is never NULL (nullable: false, a key or generating its values); NOT NULL … NOT VALID leaves old NULLs in place: remove one of them.`);
  }
  if (def['typeSchema'] !== undefined && def['typeName'] === undefined) report(problems, 'SCHEMA.INVALID', where, `has typeSchema without typeName; it says where the enum type typeName lives, add typeName or remove typeSchema.`);
  if (def['notNullName'] !== undefined && def['notNullNotValid'] !== true) report(problems, 'SCHEMA.INVALID', where, `has notNullName without notNullNotValid: true; it names that constraint, add notNullNotValid: true or remove notNullName.`);
  if (auto) {
    if (def['nullable'] === true) report(problems, 'SCHEMA.INVALID', where, `is ${type} (the primary key) but nullable: true; primary keys are never nullable, remove nullable.`);
    if (def['default'] !== undefined) report(problems, 'SCHEMA.INVALID', where, `is ${type} but has a default; an auto-increment column gets its values from the database, remove the default.`);
  } else if (def['identity'] !== undefined) {
    // An integer column with `identity` generates its values (PostgreSQL serial / identity that is not the lone key).
    if (def['nullable'] === true) report(problems, 'SCHEMA.INVALID', where, `has identity and nullable: true; a column that generates its values is never NULL, remove nullable.`);
    if (def['default'] !== undefined) report(problems, 'SCHEMA.INVALID', where, `has identity and a default; a column that generates its values takes them from its sequence, remove the default.`);
  } else if (def['primary'] === true && def['nullable'] === true) {
    report(problems, 'SCHEMA.INVALID', where, `has primary: true and nullable: true; primary keys are never nullable, remove nullable.`);
  }
}

const GENERATED_EXAMPLE = "generated: 'price * quantity' or generated: { expression: 'price * quantity', stored: false }";

/**
 * `generated`: well formed, one expression, and nothing the database would
 * refuse together with it (a default, auto-increment, a virtual primary key).
 */
function checkGenerated(def: Readonly<Record<string, unknown>>, type: string, where: Where, problems: Problems): void {
  const input = def['generated'];
  if (input === undefined) return;
  let expression: unknown = input;
  let stored = true;
  if (isRecord(input)) {
    for (const key of givenOptions(input).filter((k) => !GENERATED_KEYS.includes(k))) {
      report(problems, 'SCHEMA.UNKNOWN_OPTION', where, `has unknown key '${key}' in generated${didYouMean(key, GENERATED_KEYS) || `; write ${GENERATED_EXAMPLE}.`}`);
    }
    expression = input['expression'];
    if (input['stored'] !== undefined && typeof input['stored'] !== 'boolean') {
      report(problems, 'SCHEMA.INVALID', where, `has generated.stored ${JSON.stringify(input['stored'])}; stored must be true (STORED, the default: computed on write and kept on disk) or false (VIRTUAL: computed when read).`);
    }
    stored = input['stored'] !== false;
  } else if (typeof input !== 'string') {
    report(problems, 'SCHEMA.INVALID', where, `has generated of type ${typeof input}; write ${GENERATED_EXAMPLE}.`);
    return;
  }
  if (!isNonEmptyString(expression)) {
    report(
      problems,
      'SCHEMA.INVALID',
      where,
      `has generated without an expression; give the SQL expression that computes the column from the other columns of the row (${GENERATED_EXAMPLE}), or remove generated to make it a plain column.`,
    );
  } else {
    checkFragment(expression, 'generated expression', where, problems);
  }
  if (def['default'] !== undefined) {
    report(
      problems,
      'SCHEMA.INVALID',
      where,
      `has both a default and generated; a generated column always takes the value of its expression, so every database rejects a default on it. Remove default (or remove generated to make it a plain column with a default).`,
    );
  }
  if (type === 'increments' || type === 'bigIncrements' || def['identity'] !== undefined) {
    const what = type === 'increments' || type === 'bigIncrements' ? type : `given identity`;
    report(
      problems,
      'SCHEMA.INVALID',
      where,
      `is ${what} (auto-increment) but generated; a column gets its values either from a sequence or from an expression, never both. Make it integer/bigInteger with generated, or remove generated.`,
    );
  } else if (def['primary'] === true && !stored) {
    report(
      problems,
      'SCHEMA.INVALID',
      where,
      `has primary: true on a virtual generated column (stored: false); no database keeps a primary key on a value computed when read. Remove stored: false (a stored generated column can be a key on PostgreSQL, MySQL/MariaDB and SQL Server), or key the table on other columns.`,
    );
  }
}

function checkDefault(def: Readonly<Record<string, unknown>>, type: ColumnTypeName, where: Where, problems: Problems): void {
  const input = def['default'];
  if (input === undefined || type === 'increments' || type === 'bigIncrements') return;
  const modelType = convertType(def);
  if (!modelType) return;
  if (input === null && (def['nullable'] === false || def['primary'] === true)) {
    report(problems, 'SCHEMA.INVALID', where, `has default null but is not nullable; remove the default or drop nullable: false.`);
    return;
  }
  const result = convertDefault(input, modelType);
  if ('problem' in result) report(problems, 'SCHEMA.INVALID', where, `has a bad default: ${result.problem}.`);
  else if (isRecord(input)) checkFragment(input['raw'], 'raw default', where, problems);
}

/** The plan note for `length` on a text column, which ODAC.JS accepts and ignores. */
function textLengthNote(where: Where, length: unknown): string {
  return `${where.file}: ${subject(where)} has length ${JSON.stringify(length)}, which a text column does not take; it is ignored (as ODAC.JS ignores it). Use type 'string' for a bounded column, or remove length.`;
}

/**
 * A column whose type is not one of odac's names: the database's own type,
 * passed through as written (ODAC.JS hands it to knex's `specificType`).
 * It takes the common options only; a name close to one of odac's types is
 * most likely a typo, so the plan says so.
 */
function checkNativeColumn(def: Readonly<Record<string, unknown>>, type: string, where: Where, problems: Problems, warnings: string[]): boolean {
  const before = problems.length;
  for (const option of givenOptions(def)) {
    if (COMMON_COLUMN_OPTIONS.includes(option)) continue;
    if (TYPE_SPECIFIC_OPTIONS[option] === undefined) {
      const hint = didYouMean(option, ALL_COLUMN_OPTIONS);
      report(problems, 'SCHEMA.UNKNOWN_OPTION', where, `has unknown option '${option}'${hint || `; remove it (column options are ${quoteList(ALL_COLUMN_OPTIONS)}).`}`);
    } else {
      report(
        problems,
        'SCHEMA.UNKNOWN_OPTION',
        where,
        `has type '${type}', which is passed to the database as written, and option '${option}', which such a type does not take; write it into the type (e.g. type: 'varchar(20)') or use one of odac's types (${quoteList(COLUMN_TYPE_NAMES)}).`,
      );
    }
  }
  checkFragment(type, 'type', where, problems);
  checkReference(def, where, problems);
  checkDefault(def, 'specificType', where, problems);
  checkGenerated(def, type, where, problems);
  // Only a near miss (one edit, or case) is a likely typo: 'citext' or 'timestamptz' are real types, not misspellings.
  const folded = type.trim().toLowerCase();
  const hint = COLUMN_TYPE_NAMES.find((t) => levenshtein(t.toLowerCase(), folded) <= 1);
  if (hint !== undefined && problems.length === before) {
    warnings.push(`${where.file}: ${subject(where)} has type '${type}', which is not one of odac's types, so it is passed to the database as written; did you mean '${hint}'?`);
  }
  return problems.length === before;
}

/**
 * Checks one column definition. `name` is the key in `columns`; `where`
 * names the file, table and column. Returns false when it reported anything,
 * so cross-table checks can leave this column out instead of piling up
 * consequential errors.
 */
export function checkColumn(name: string, def: unknown, where: Where, problems: Problems, warnings: string[] = []): boolean {
  const before = problems.length;
  if (name.trim() === '') {
    report(problems, 'SCHEMA.INVALID', where, `has an empty name; give every column a name.`);
  } else if (byteLength(name) > MAX_IDENTIFIER_BYTES) {
    report(problems, 'SCHEMA.INVALID', where, `has a name longer than ${MAX_IDENTIFIER_BYTES} bytes, which PostgreSQL would truncate; shorten it.`);
  } else if (identifierProblem(name) !== undefined) {
    report(problems, 'SCHEMA.INVALID', where, `has a name that ${identifierProblem(name)}.`);
  }
  if (!isRecord(def)) {
    report(problems, 'SCHEMA.INVALID', where, `is not an object; write it as { type: 'string' } (or another type).`);
    return false;
  }
  const type = def['type'];
  const known = typeof type === 'string' && isKnownTypeName(type);
  if (type === undefined) {
    report(problems, 'SCHEMA.INVALID', where, `has no type; add type: 'string' (or another column type).`);
    return false;
  } else if (typeof type !== 'string' || type.trim() === '') {
    report(problems, 'SCHEMA.INVALID', where, `has type ${JSON.stringify(type)}, which is not a type name; write e.g. type: 'string'.`);
    return false;
  } else if (!known) {
    return checkNativeColumn(def, type, where, problems, warnings);
  }
  if (type === 'timestamps') {
    for (const option of givenOptions(def).filter((k) => k !== 'type')) {
      report(problems, 'SCHEMA.UNKNOWN_OPTION', where, `is the timestamps pseudo-column, which takes no options; remove '${option}', or declare created_at and updated_at as timestamp columns yourself to customize them.`);
    }
    return problems.length === before;
  }
  for (const option of givenOptions(def)) {
    if (COMMON_COLUMN_OPTIONS.includes(option)) continue;
    const types = TYPE_SPECIFIC_OPTIONS[option];
    if (types === undefined) {
      const hint = didYouMean(option, ALL_COLUMN_OPTIONS);
      report(problems, 'SCHEMA.UNKNOWN_OPTION', where, `has unknown option '${option}'${hint || `; remove it (column options are ${quoteList(ALL_COLUMN_OPTIONS)}).`}`);
    } else if (known && !types.includes(type as ColumnTypeName)) {
      report(problems, 'SCHEMA.UNKNOWN_OPTION', where, `has option '${option}', which type '${type}' does not take: ${MISPLACED_OPTION_ADVICE[option] ?? 'remove it'}.`);
    }
  }
  const typeName = type as ColumnTypeName;
  checkOptionValues(def, typeName, name, where, problems);
  if (typeName === 'text' && def['length'] !== undefined) warnings.push(textLengthNote(where, def['length']));
  checkReference(def, where, problems);
  checkContradictions(def, typeName, where, problems);
  checkDefault(def, typeName, where, problems);
  checkGenerated(def, typeName, where, problems);
  return problems.length === before;
}
