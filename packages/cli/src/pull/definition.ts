/**
 * An introspected schema as schema-file definitions (`odac pull`). Pure.
 *
 * The definitions must load back into a model that the same adapter
 * normalizes to exactly what was introspected, so every choice that depends
 * on the database is checked with the adapter's `normalize`: an
 * auto-increment key becomes `increments` only when that reads back the same
 * (MySQL reports `unsigned`, SQLite and PostgreSQL do not), and a foreign key
 * column gets `unsigned: true` to match an `increments` key only where the
 * database does not keep `unsigned` anyway. Names the database generated
 * the way odac would (`uq_users_email`) are left out; others are kept.
 */
import { checkName, foreignKeyMeaning, foreignKeyName, indexKey, indexName, type Column, type ColumnType, type ForeignKey, type Index, type IntegerSize, type Schema, type Table } from '@odac/core';
import { columnDefinition, incrementsName, type ColumnShape } from './columns.js';
import type { SourceObject, SourceValue } from './source.js';

export interface PullOptions {
  /** The adapter's `normalize`, to check what reads back unchanged. Default: identity. */
  readonly normalize?: (schema: Schema) => Schema;
  /** The adapter's identifier limit, to recognise generated names. Default 63. */
  readonly maxIdentifierLength?: number;
}

/** One table's definition, ready to be written to a file. */
export interface PulledTable {
  readonly table: string;
  readonly definition: SourceObject;
}

export interface PulledDefinitions {
  /** In the schema's order (by name). */
  readonly tables: readonly PulledTable[];
  /** What the file format cannot express, one sentence each. */
  readonly warnings: readonly string[];
}

const SHORTHAND_PART = /^[^.\s]+$/;

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

class Context {
  readonly warnings: string[] = [];
  /** Types to write, by `table\0column`, after the increments and unsigned decisions. */
  readonly types = new Map<string, ColumnType>();
  readonly increments = new Set<string>();
  /** `identity` to write on an increments column, by `table\0column`, where leaving it out would make another kind. */
  readonly identities = new Map<string, NonNullable<Column['identity']>>();
  /** Integer sizes of the columns referencing each `table\0column`. */
  readonly referencing: Map<string, Set<IntegerSize>>;

  constructor(
    readonly schema: Schema,
    readonly normalize: (schema: Schema) => Schema,
    readonly maxLength: number,
  ) {
    this.referencing = referencingSizes(schema);
  }

  /** `normalize` of one table; `undefined` when the adapter rejects it on its own. */
  private normalized(table: Table): Table | undefined {
    try {
      return this.normalize({ tables: [table] }).tables[0];
    } catch {
      return undefined;
    }
  }

  /** The column as the adapter would report it, were `table` declared with `column` in place of its namesake. */
  normalizedColumn(table: Table, column: Column): Column | undefined {
    const probe: Table = { ...table, columns: table.columns.map((c) => (c.name === column.name ? column : c)) };
    return this.normalized(probe)?.columns.find((c) => c.name === column.name);
  }

  private reportedAs(table: Table, column: Column): string | undefined {
    const found = this.normalizedColumn(table, column);
    return found === undefined ? undefined : canonical(found);
  }

  /** True when declaring `candidate` reads back exactly like the introspected column of the same name. */
  roundTrips(table: Table, candidate: Column): boolean {
    const original = table.columns.find((c) => c.name === candidate.name);
    if (original === undefined) return false;
    const wanted = this.reportedAs(table, original);
    return wanted !== undefined && this.reportedAs(table, candidate) === wanted;
  }

  /**
   * Index meanings the adapter adds by itself (MySQL indexes every foreign
   * key), with the name it would give each.
   */
  impliedIndexes(table: Table): Map<string, string | undefined> {
    const bare = this.normalized({ ...table, indexes: [] });
    return new Map((bare?.indexes ?? []).map((i) => [indexKey(i), i.name] as const));
  }

  typeOf(table: string, column: string): ColumnType | undefined {
    return this.types.get(`${table}\u0000${column}`);
  }
}

/** For each referenced `table\0column`, the integer sizes of the columns that reference it. */
function referencingSizes(schema: Schema): Map<string, Set<IntegerSize>> {
  const out = new Map<string, Set<IntegerSize>>();
  for (const t of schema.tables) {
    for (const fk of t.foreignKeys) {
      fk.references.columns.forEach((target, i) => {
        const local = t.columns.find((c) => c.name === fk.columns[i]);
        if (local?.type.kind !== 'integer') return;
        const key = `${fk.references.table}\u0000${target}`;
        const sizes = out.get(key) ?? new Set<IntegerSize>();
        sizes.add(local.type.size);
        out.set(key, sizes);
      });
    }
  }
  return out;
}

/**
 * The column's type, without an enum type name that is the one odac gives a
 * column's own type (`<table>_<column>_enum`, the PostgreSQL adapter's
 * convention): only a name someone chose (`mood`, shared or not) is written.
 */
function withoutDefaultEnumName(table: string, column: Column): ColumnType {
  const type = column.type;
  if (type.kind !== 'enum' || type.typeName !== `${table}_${column.name}_enum`) return type;
  return { kind: 'enum', values: type.values };
}

/**
 * Decides which auto-increment keys are written as `increments` or
 * `bigIncrements`. Where both read back the same (SQLite's rowid is always
 * reported as a plain integer), the size of the columns that reference the
 * key wins, so the loader's reference type check passes.
 */
function decideIncrements(ctx: Context, table: Table): void {
  for (const column of table.columns) ctx.types.set(`${table.name}\u0000${column.name}`, withoutDefaultEnumName(table.name, column));
  const pk = table.primaryKey?.columns ?? [];
  for (const column of table.columns) {
    if (!column.autoIncrement) continue;
    const type = column.type;
    const lone = pk.length === 1 && pk[0] === column.name;
    if (lone && type.kind === 'integer') {
      const { default: _dropped, ...rest } = column;
      void _dropped;
      const referencing = ctx.referencing.get(`${table.name}\u0000${column.name}`);
      // The size of the columns that reference the key, when they all agree.
      const preferred = referencing?.size === 1 ? [...referencing][0] : undefined;
      const sizes = [...new Set<IntegerSize | undefined>([preferred, type.size, 'regular', 'big'])].filter((size): size is IntegerSize => size !== undefined && incrementsName(size) !== undefined);
      // Unsigned first (what `increments` means), then signed (`unsigned: false`, a signed MySQL AUTO_INCREMENT key).
      const chosen = sizes
        .flatMap((size): Column[] => [true, false].map((unsigned) => ({ ...rest, type: unsigned ? { kind: 'integer', size, unsigned } : { kind: 'integer', size }, nullable: false, autoIncrement: true })))
        .find((candidate) => ctx.roundTrips(table, candidate));
      if (chosen) {
        ctx.increments.add(`${table.name}\u0000${column.name}`);
        ctx.types.set(`${table.name}\u0000${column.name}`, chosen.type);
        // The kind (identity ALWAYS / BY DEFAULT, serial) is written unless the file without it makes the same
        // one: odac's default is BY DEFAULT, and the adapter may choose otherwise (serial under compat: 'odacjs').
        if (column.identity !== undefined) {
          const { identity: _kind, ...bare } = chosen;
          void _kind;
          if ((ctx.normalizedColumn(table, bare)?.identity ?? 'byDefault') !== column.identity) ctx.identities.set(`${table.name}\u0000${column.name}`, column.identity);
        }
        continue;
      }
    }
    // A column that generates its values without being an increments key (PostgreSQL: a serial or
    // identity column beside the key, a second one, smallserial): `identity` on its integer type.
    if (column.identity !== undefined && type.kind === 'integer' && ['small', 'regular', 'big'].includes(type.size) && ctx.roundTrips(table, column)) {
      ctx.identities.set(`${table.name}\u0000${column.name}`, column.identity);
      continue;
    }
    ctx.warnings.push(
      `Column "${table.name}"."${column.name}" is auto-increment, which schema files express only as increments/bigIncrements (an int or bigint primary key on its own); it is written as a plain integer, so the copy will not generate values.`,
    );
  }
}

/**
 * Gives a foreign key column the signedness of the column it references when
 * the database does not keep signedness (so the loader's type check passes
 * and the column still reads back the same).
 */
function alignSignedness(ctx: Context, table: Table): boolean {
  let changed = false;
  for (const fk of table.foreignKeys) {
    fk.columns.forEach((local, i) => {
      const target = fk.references.columns[i];
      const localType = ctx.typeOf(table.name, local);
      const targetType = target === undefined ? undefined : ctx.typeOf(fk.references.table, target);
      if (localType?.kind !== 'integer' || targetType?.kind !== 'integer' || localType.size !== targetType.size) return;
      if ((localType.unsigned ?? false) === (targetType.unsigned ?? false)) return;
      const type: ColumnType = targetType.unsigned ? { kind: 'integer', size: localType.size, unsigned: true } : { kind: 'integer', size: localType.size };
      const column = table.columns.find((c) => c.name === local);
      if (column && ctx.roundTrips(table, { ...column, type })) {
        ctx.types.set(`${table.name}\u0000${local}`, type);
        changed = true;
      }
    });
  }
  return changed;
}

/**
 * True when an index the adapter creates by itself for a foreign key carries
 * a name nobody chose: none, the adapter's own, the key's, or the one
 * MySQL/MariaDB make up from the first column (`user_id`, `user_id_2`). Such
 * an index is left to the adapter; a name someone chose keeps it in the file.
 */
export function isMadeUpIndexName(table: Table, index: Index, adapterName: string | undefined): boolean {
  const name = index.name;
  if (name === undefined || name === adapterName) return true;
  const keys = table.foreignKeys.filter((k) => k.columns.join('\u0000') === index.columns.join('\u0000'));
  if (keys.some((k) => k.name === name)) return true;
  const first = index.columns[0];
  return keys.length > 0 && first !== undefined && new RegExp(`^${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(_\\d+)?$`).test(name);
}

function isGeneratedIndexName(ctx: Context, table: string, index: Index): boolean {
  return index.name === undefined || index.name === indexName(table, index, ctx.maxLength);
}

/**
 * True when the key's name is the one odac would make up, so the file can
 * leave it out; never when another key has the same meaning (the file would
 * load the two back as one).
 */
function isGeneratedForeignKeyName(ctx: Context, table: Table, fk: ForeignKey): boolean {
  if (table.foreignKeys.some((other) => other !== fk && foreignKeyMeaning(other) === foreignKeyMeaning(fk))) return false;
  return fk.name === undefined || fk.name === foreignKeyName(table.name, fk.columns, ctx.maxLength);
}

/** Actions, deferral and match, each only when it is not the default. */
function behaviour(fk: ForeignKey): Record<string, SourceValue> {
  return {
    ...(fk.onDelete !== 'NO ACTION' ? { onDelete: fk.onDelete } : {}),
    ...(fk.onUpdate !== 'NO ACTION' ? { onUpdate: fk.onUpdate } : {}),
    ...(fk.deferrable !== undefined ? { deferrable: fk.deferrable } : {}),
    ...(fk.match !== undefined ? { match: fk.match } : {}),
  };
}

function columnReference(fk: ForeignKey): SourceObject {
  const table = fk.references.table;
  const column = fk.references.columns[0] ?? '';
  const references: SourceValue = SHORTHAND_PART.test(table) && SHORTHAND_PART.test(column) ? `${table}.${column}` : { table, column };
  return { references, ...behaviour(fk) };
}

interface Placement {
  readonly unique: Set<string>;
  readonly index: Set<string>;
  readonly tableIndexes: SourceObject[];
  readonly references: Map<string, SourceObject>;
  readonly tableForeignKeys: SourceObject[];
}

/** Single-column, unnamed (or generated-name) indexes and keys go on the column; the rest on the table. */
function place(ctx: Context, table: Table): Placement {
  const out: Placement = { unique: new Set(), index: new Set(), tableIndexes: [], references: new Map(), tableForeignKeys: [] };
  const implied = ctx.impliedIndexes(table);
  for (const index of table.indexes) {
    if (implied.has(indexKey(index)) && isMadeUpIndexName(table, index, implied.get(indexKey(index)))) continue;
    const [only] = index.columns;
    const flags = index.unique ? out.unique : out.index;
    const plain = index.native === undefined && index.where === undefined && index.constraint === undefined;
    if (index.columns.length === 1 && only !== undefined && plain && isGeneratedIndexName(ctx, table.name, index) && !flags.has(only)) {
      flags.add(only);
      continue;
    }
    out.tableIndexes.push({
      columns: [...index.columns],
      ...(index.unique ? { unique: true } : {}),
      // A native index is created under its name: odac cannot make one up from an expression.
      ...(isGeneratedIndexName(ctx, table.name, index) && index.native === undefined ? {} : { name: index.name ?? '' }),
      // The index verbatim (expression, DESC, INCLUDE, method, NULLS NOT DISTINCT), predicate included.
      ...(index.native !== undefined ? { native: index.native } : index.where !== undefined ? { where: index.where } : {}),
      ...(index.constraint ? { constraint: true } : {}),
      ...(index.deferrable !== undefined ? { deferrable: index.deferrable } : {}),
      ...(index.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
      ...(index.withoutOverlaps ? { withoutOverlaps: true } : {}),
    });
  }
  for (const fk of table.foreignKeys) {
    const [only] = fk.columns;
    // A column's `references` has no place for what only PostgreSQL keeps.
    const tableOnly = fk.onDeleteColumns !== undefined || fk.notValid === true || fk.period === true || fk.notEnforced === true;
    if (fk.columns.length === 1 && only !== undefined && !tableOnly && isGeneratedForeignKeyName(ctx, table, fk) && !out.references.has(only)) {
      out.references.set(only, columnReference(fk));
      continue;
    }
    out.tableForeignKeys.push({
      columns: [...fk.columns],
      references: { table: fk.references.table, columns: [...fk.references.columns] },
      ...behaviour(fk),
      ...(fk.onDeleteColumns !== undefined ? { onDeleteColumns: [...fk.onDeleteColumns] } : {}),
      ...(fk.notValid === true ? { notValid: true } : {}),
      ...(fk.period === true ? { period: true } : {}),
      ...(fk.notEnforced === true ? { notEnforced: true } : {}),
      ...(isGeneratedForeignKeyName(ctx, table, fk) ? {} : { name: fk.name ?? '' }),
    });
  }
  return out;
}

function tableDefinition(ctx: Context, table: Table): SourceObject {
  const pk = table.primaryKey?.columns ?? [];
  // A deferrable key is said on the table (`primary: { columns, deferrable }`), never by a column's `primary: true`.
  const deferrable = table.primaryKey?.deferrable;
  const withoutOverlaps = table.primaryKey?.withoutOverlaps === true;
  const pkOptions = deferrable !== undefined || withoutOverlaps;
  const placement = place(ctx, table);
  const columns: Record<string, SourceValue> = {};
  for (const column of table.columns) {
    const key = `${table.name}\u0000${column.name}`;
    const increments = ctx.increments.has(key);
    const references = placement.references.get(column.name);
    const shape: ColumnShape = {
      column,
      type: ctx.typeOf(table.name, column.name) ?? column.type,
      increments,
      ...(ctx.identities.has(key) ? { identity: ctx.identities.get(key) } : {}),
      inPrimaryKey: pk.includes(column.name),
      primary: pk.length === 1 && pk[0] === column.name && !increments && !pkOptions,
      unique: placement.unique.has(column.name),
      index: placement.index.has(column.name),
      ...(references ? { references } : {}),
    };
    columns[column.name] = columnDefinition(shape);
  }
  const out: Record<string, SourceValue> = {};
  if (table.comment !== undefined) out['comment'] = table.comment;
  // Engine, charsets, STRICT: the copy must not take the target server's defaults.
  if (table.mysql !== undefined) out['mysql'] = { ...table.mysql };
  if (table.sqlite !== undefined) out['sqlite'] = { ...table.sqlite };
  out['columns'] = columns;
  if (pkOptions) out['primary'] = { columns: [...pk], ...(deferrable !== undefined ? { deferrable } : {}), ...(withoutOverlaps ? { withoutOverlaps: true } : {}) };
  else if (pk.length > 1) out['primary'] = [...pk];
  if (placement.tableIndexes.length > 0) out['indexes'] = placement.tableIndexes;
  if (placement.tableForeignKeys.length > 0) out['foreignKeys'] = placement.tableForeignKeys;
  const checks = (table.checks ?? []).map(
    (c): SourceObject => ({
      ...(c.name === undefined || c.name === checkName(table.name, c.expression, ctx.maxLength) ? {} : { name: c.name }),
      expression: c.expression,
      ...(c.noInherit === true ? { noInherit: true } : {}),
      ...(c.notValid === true ? { notValid: true } : {}),
      ...(c.notEnforced === true ? { notEnforced: true } : {}),
    }),
  );
  if (checks.length > 0) out['checks'] = checks;
  return out;
}

/** The schema as one definition per table, plus what could not be expressed. */
export function toDefinitions(schema: Schema, options: PullOptions = {}): PulledDefinitions {
  const ctx = new Context(schema, options.normalize ?? ((s) => s), options.maxIdentifierLength ?? 63);
  for (const table of schema.tables) decideIncrements(ctx, table);
  // A key may reference a column that itself references an increments key: repeat until stable.
  for (let round = 0; round < 5; round++) {
    let changed = false;
    for (const table of schema.tables) changed = alignSignedness(ctx, table) || changed;
    if (!changed) break;
  }
  const tables = schema.tables.map((table) => ({ table: table.name, definition: tableDefinition(ctx, table) }));
  return { tables, warnings: ctx.warnings };
}
