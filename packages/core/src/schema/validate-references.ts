/**
 * Checks across tables, on the converted model: foreign keys point at
 * tables and columns that exist, at a primary key or unique columns, with a
 * matching type; SET NULL only on nullable columns; constraint and index
 * names unique in the database; table renames that make sense.
 */
import { findColumn, type Column, type ColumnType, type ForeignKey, type Table } from '../model.js';
import { INTEGER_TYPE_FOR_SIZE } from './catalog.js';
import type { ExternalReference } from './load.js';
import { report, type Problems, type Where } from './problems.js';
import { didYouMean } from './suggest.js';

/** A converted table with what the per-table checks learned about it. */
export interface CheckedTable {
  /** The file, in display form. */
  readonly file: string;
  readonly table: Table;
  /** Columns that already have problems: checks involving them are skipped. */
  readonly tainted: ReadonlySet<string>;
}

/** `integer unsigned`, `bigInteger`, `string(255)`, `decimal(10,2)`, `native citext`. */
export function describeType(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
      return `${INTEGER_TYPE_FOR_SIZE[type.size]}${type.unsigned ? ' unsigned' : ''}`;
    case 'decimal':
      return `decimal(${type.precision},${type.scale})${type.unsigned ? ' unsigned' : ''}`;
    case 'string':
    case 'char':
      return `${type.kind}(${type.length})`;
    case 'native':
      return `specificType '${type.sql}'`;
    case 'enum':
      return `enum(${type.values.map((v) => `'${v}'`).join(', ')})`;
    default:
      return JSON.stringify(type).replace(/"/g, '');
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, w]) => [k, canon(w)]))
      : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/**
 * What to change so a foreign key column of type `local` can reference a
 * column of type `target`, or `undefined` when they match. Auto-increment,
 * nullability and defaults do not matter; integers must agree on size,
 * strings and chars on kind (not length), decimals on precision and scale,
 * everything else exactly. Signedness is not checked here: only MySQL and
 * MariaDB have unsigned types and refuse such a key (errno 150), so their
 * adapter rejects it and the others accept it ({@link signednessAdvice}).
 */
export function typeMismatchAdvice(local: ColumnType, target: ColumnType): string | undefined {
  if (local.kind === 'integer' && target.kind === 'integer') {
    if (local.size !== target.size) {
      const unsigned = target.unsigned ? ', unsigned: true' : '';
      return `use { type: '${INTEGER_TYPE_FOR_SIZE[target.size]}'${unsigned} }`;
    }
    return undefined;
  }
  if (local.kind === 'decimal' && target.kind === 'decimal') {
    if (local.precision !== target.precision || local.scale !== target.scale) return `use precision: ${target.precision}, scale: ${target.scale}`;
    return undefined;
  }
  if ((local.kind === 'string' || local.kind === 'char') && local.kind === target.kind) return undefined;
  if (local.kind === 'native' && target.kind === 'native') {
    const fold = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
    return fold(local.sql) === fold(target.sql) ? undefined : `use native: '${target.sql}'`;
  }
  if (sameJson(local, target)) return undefined;
  return `give it the same type (${describeType(target)})`;
}

/**
 * What to change so a key column and the column it references agree on
 * signedness (which MySQL and MariaDB require), or `undefined` when they do.
 */
export function signednessAdvice(local: ColumnType, target: ColumnType): string | undefined {
  const numeric = (t: ColumnType): boolean => t.kind === 'integer' || t.kind === 'decimal';
  if (!numeric(local) || local.kind !== target.kind) return undefined;
  const unsigned = (t: ColumnType): boolean => 'unsigned' in t && t.unsigned === true;
  if (unsigned(local) === unsigned(target)) return undefined;
  return unsigned(target) ? 'add `unsigned: true`' : 'remove `unsigned: true`';
}

function fkWhere(entry: CheckedTable, fk: ForeignKey): Where {
  const single = fk.columns.length === 1 ? fk.columns[0] : undefined;
  return single !== undefined ? { file: entry.file, table: entry.table.name, column: single } : { file: entry.file, table: entry.table.name };
}

function fkLabel(fk: ForeignKey): string {
  const target = `${fk.references.table}(${fk.references.columns.join(', ')})`;
  return fk.columns.length === 1 ? `references ${target}` : `has a foreign key (${fk.columns.join(', ')}) referencing ${target}`;
}

function isUniqueTarget(table: Table, columns: readonly string[]): boolean {
  const set = new Set(columns);
  const sameSet = (cols: readonly string[]): boolean => cols.length === set.size && cols.every((c) => set.has(c));
  if (table.primaryKey && sameSet(table.primaryKey.columns)) return true;
  // A partial unique index cannot back a foreign key.
  return table.indexes.some((i) => i.unique && i.where === undefined && i.native === undefined && sameSet(i.columns));
}

/**
 * SET NULL on a NOT NULL column: PostgreSQL and SQLite accept the key (a
 * delete of the referenced row then fails), MySQL refuses it (its adapter
 * says so). A warning here, never an error: validation rejects only what
 * the database itself would.
 */
function checkSetNull(entry: CheckedTable, fk: ForeignKey, warnings: string[]): void {
  const setNullColumns = fk.onDelete === 'SET NULL' && fk.onDeleteColumns ? fk.onDeleteColumns : fk.columns;
  const notNull = setNullColumns.map((c) => findColumn(entry.table, c)).filter((c): c is Column => c !== undefined && !c.nullable);
  if (notNull.length === 0) return;
  for (const [option, value] of [['onDelete', fk.onDelete], ['onUpdate', fk.onUpdate]] as const) {
    if (value !== 'SET NULL') continue;
    const why = notNull.map((c) => (entry.table.primaryKey?.columns.includes(c.name) ? `'${c.name}' is in the primary key` : `'${c.name}' has nullable: false`)).join(', ');
    const where = fkWhere(entry, fk);
    warnings.push(
      `${where.file}: ${where.column !== undefined ? `column "${entry.table.name}"."${where.column}"` : `table "${entry.table.name}"`} ${fkLabel(fk)} with ${option}: 'SET NULL', but ${why}: the database will refuse to ${option === 'onDelete' ? 'delete' : 'update'} a referenced row that has such children (MySQL refuses the key itself). Make the column nullable or choose another action such as 'CASCADE' or 'RESTRICT'.`,
    );
  }
}

function checkTarget(entry: CheckedTable, fk: ForeignKey, target: CheckedTable, problems: Problems, warnings: string[]): void {
  const where = fkWhere(entry, fk);
  const names = target.table.columns.map((c) => c.name);
  const missing = fk.references.columns.filter((c) => !target.tainted.has(c) && !names.includes(c));
  for (const m of missing) {
    report(problems, 'SCHEMA.MISSING_REFERENCE', where, `${fkLabel(fk)}, but table "${target.table.name}" (${target.file}) has no column '${m}'${didYouMean(m, names) || '; reference one of its columns or add the column'}`);
  }
  if (missing.length > 0 || fk.references.columns.some((c) => target.tainted.has(c) || !names.includes(c))) return;
  if (!isUniqueTarget(target.table, fk.references.columns)) {
    const cols = fk.references.columns;
    const fix = cols.length === 1 ? `add unique: true to "${target.table.name}"."${cols[0]}"` : `add a unique index on (${cols.join(', ')}) to "${target.table.name}"`;
    report(problems, 'SCHEMA.REFERENCE_NOT_UNIQUE', where, `${fkLabel(fk)}, which is neither the primary key of "${target.table.name}" nor unique; ${fix}, or reference its primary key.`);
    return;
  }
  fk.columns.forEach((local, i) => {
    const localColumn = findColumn(entry.table, local);
    const targetColumn = findColumn(target.table, fk.references.columns[i] ?? '');
    if (!localColumn || !targetColumn) return;
    const advice = typeMismatchAdvice(localColumn.type, targetColumn.type);
    const sign = advice === undefined ? signednessAdvice(localColumn.type, targetColumn.type) : undefined;
    if (sign !== undefined) {
      warnings.push(
        `${entry.file}: column "${entry.table.name}"."${local}" is ${describeType(localColumn.type)} but references "${target.table.name}"."${targetColumn.name}", which is ${describeType(targetColumn.type)}${targetColumn.autoIncrement ? ' (auto-increment)' : ''}: SQLite, PostgreSQL and SQL Server accept the key, MariaDB/MySQL refuse it (errno 150); ${sign} if the schema is to run there.`,
      );
    }
    if (advice === undefined) return;
    report(
      problems,
      'SCHEMA.REFERENCE_TYPE_MISMATCH',
      { file: entry.file, table: entry.table.name, column: local },
      `is ${describeType(localColumn.type)} but references "${target.table.name}"."${targetColumn.name}", which is ${describeType(targetColumn.type)}${targetColumn.autoIncrement ? ' (auto-increment)' : ''}; ${advice} so the types match.`,
    );
  });
}

/**
 * Index and foreign key names. Twice in one table no database accepts: an
 * error. Across tables it depends on the database (index names are per
 * schema in PostgreSQL and SQLite, per table in MySQL and SQL Server;
 * foreign key names per database in MySQL, per table in PostgreSQL): a
 * warning here, and the adapters whose database refuses it say so.
 */
function checkNames(entries: readonly CheckedTable[], problems: Problems, warnings: string[]): void {
  for (const what of ['index', 'foreign key'] as const) {
    const owners = new Map<string, CheckedTable>();
    for (const entry of entries) {
      const items: readonly { readonly name?: string }[] = what === 'index' ? entry.table.indexes : entry.table.foreignKeys;
      for (const item of items) {
        if (item.name === undefined) continue;
        const owner = owners.get(item.name);
        if (owner === entry) {
          report(problems, 'SCHEMA.INVALID', { file: entry.file, table: entry.table.name }, `uses ${what} name '${item.name}' twice in this table; ${what} names must be unique in a table, rename one.`);
        } else if (owner) {
          const where = what === 'index' ? 'PostgreSQL and SQLite' : 'MySQL and SQL Server';
          warnings.push(
            `${entry.file}: table "${entry.table.name}" uses ${what} name '${item.name}', also used by table "${owner.table.name}" (${owner.file}); ${where} need ${what} names unique across tables, so rename one if the schema is to run there.`,
          );
        } else {
          owners.set(item.name, entry);
        }
      }
    }
  }
}

function checkRenamedTables(entries: readonly CheckedTable[], byName: ReadonlyMap<string, CheckedTable>, problems: Problems): void {
  const claimed = new Map<string, CheckedTable>();
  for (const entry of entries) {
    const old = entry.table.renamedFrom;
    if (old === undefined) continue;
    const still = byName.get(old);
    const where = { file: entry.file, table: entry.table.name };
    if (still) {
      report(problems, 'SCHEMA.INVALID', where, `has renamedFrom '${old}', but ${still.file} still defines table "${old}"; delete that file or remove renamedFrom.`);
    }
    const other = claimed.get(old);
    if (other) {
      report(problems, 'SCHEMA.INVALID', where, `has renamedFrom '${old}', like table "${other.table.name}" (${other.file}); only one table can be renamed from '${old}'.`);
    }
    claimed.set(old, entry);
  }
}

/**
 * Runs the cross-table checks over every converted table. References to
 * tables no schema file defines are errors, or, with `allowExternal`,
 * returned for the caller to check against the database.
 */
export function checkReferences(entries: readonly CheckedTable[], allowExternal: boolean, problems: Problems, warnings: string[] = []): ExternalReference[] {
  const byName = new Map(entries.map((e) => [e.table.name, e]));
  const external: ExternalReference[] = [];
  for (const entry of entries) {
    for (const fk of entry.table.foreignKeys) {
      if (fk.columns.some((c) => entry.tainted.has(c))) continue;
      checkSetNull(entry, fk, warnings);
      const target = byName.get(fk.references.table);
      if (target) {
        checkTarget(entry, fk, target, problems, warnings);
      } else if (allowExternal) {
        external.push({
          file: entry.file,
          table: entry.table.name,
          ...(fk.columns.length === 1 ? { column: fk.columns[0] } : {}),
          references: { table: fk.references.table, columns: [...fk.references.columns] },
        });
      } else {
        const hint = didYouMean(fk.references.table, [...byName.keys()]);
        report(
          problems,
          'SCHEMA.MISSING_REFERENCE',
          fkWhere(entry, fk),
          `${fkLabel(fk)}, but no schema file defines table "${fk.references.table}"${hint ? hint + ' If not,' : ';'} add a schema file for it, or set allowExternalReferences if another tool manages that table.`,
        );
      }
    }
  }
  checkNames(entries, problems, warnings);
  checkRenamedTables(entries, byName, problems);
  return external;
}
