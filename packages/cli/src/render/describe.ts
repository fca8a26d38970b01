/**
 * One-line, human descriptions of the plan's pieces: operations, column
 * types, preflight checks. Pure; shared by the human renderer.
 */
import {
  foreignKeyIdentity,
  foreignKeyKey,
  indexKey,
  type Column,
  type ColumnPlacement,
  type ColumnType,
  type DefaultValue,
  type ForeignKey,
  type Index,
  type Operation,
  type PreflightCheck,
  type PrimaryKey,
  type Table,
  type TableOption,
} from '@odac/core';

/** `+` creates, `-` drops, `~` changes in place, `↻` rebuilds a table. */
export type ChangeSymbol = '+' | '-' | '~' | '↻';

/** One line of the human plan. */
export interface ChangeLine {
  readonly symbol: ChangeSymbol;
  readonly table: string;
  readonly text: string;
}

/** A table option's desired value, for `set engine "MyISAM" on t`. */
function optionValue(table: Table, option: TableOption): string | boolean | undefined {
  return option === 'strict' || option === 'withoutRowid' ? (table.sqlite?.[option] ?? false) : table.mysql?.[option];
}

const INTEGER_NAMES = { tiny: 'tinyint', small: 'smallint', medium: 'mediumint', regular: 'integer', big: 'bigint' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function quoteText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A logical type as people write it: `bigint unsigned`, `string(255)`, `decimal(10,2)`. */
export function describeType(type: ColumnType): string {
  switch (type.kind) {
    case 'integer':
      return INTEGER_NAMES[type.size] + (type.unsigned ? ' unsigned' : '');
    case 'decimal':
      return `decimal(${type.precision},${type.scale})` + (type.unsigned ? ' unsigned' : '');
    case 'string':
    case 'char':
      return `${type.kind}(${type.length})`;
    case 'text':
      return type.size === 'medium' ? 'mediumtext' : type.size === 'long' ? 'longtext' : 'text';
    case 'timestamp':
      return type.withTimeZone ? 'timestamp with time zone' : 'timestamp';
    case 'json':
      return type.binary ? 'jsonb' : 'json';
    case 'binary':
      return type.length === undefined ? 'binary' : `binary(${type.length})`;
    case 'enum':
      return `enum(${type.values.map(quoteText).join(', ')})`;
    case 'native':
      return type.sql;
    default:
      return type.kind;
  }
}

export function describeDefault(value: DefaultValue | undefined): string {
  if (value === undefined) return 'none';
  if (value.kind === 'expression') return value.sql;
  if (value.value === null) return 'NULL';
  return typeof value.value === 'string' ? quoteText(value.value) : String(value.value);
}

/** `string(255) NOT NULL DEFAULT 'x'`. */
export function describeColumn(column: Column): string {
  const parts = [describeType(column.type)];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${describeDefault(column.default)}`);
  if (column.autoIncrement) parts.push('auto-increment');
  if (column.generated) parts.push(describeGenerated(column.generated));
  return parts.join(' ');
}

/** `GENERATED (price * qty) STORED`. */
function describeGenerated(generated: NonNullable<Column['generated']>): string {
  return `GENERATED (${generated.expression}) ${generated.stored ? 'STORED' : 'VIRTUAL'}`;
}

function columnList(columns: readonly string[]): string {
  return `(${columns.join(', ')})`;
}

/** `posts.user_id` for one column, `posts(a, b)` for several. */
function qualified(table: string, columns: readonly string[]): string {
  return columns.length === 1 ? `${table}.${columns[0]}` : `${table}${columnList(columns)}`;
}

function foreignKeyTarget(table: string, fk: ForeignKey): string {
  return `${qualified(table, fk.columns)} → ${qualified(fk.references.table, fk.references.columns)}`;
}

const deferral = (fk: ForeignKey): string =>
  fk.deferrable === undefined ? 'NOT DEFERRABLE' : `DEFERRABLE INITIALLY ${fk.deferrable.toUpperCase()}`;
const matching = (fk: ForeignKey): string => (fk.match === 'full' ? 'MATCH FULL' : 'MATCH SIMPLE');

function foreignKeyActions(fk: ForeignKey): string {
  const actions = [];
  if (fk.match === 'full') actions.push(matching(fk));
  if (fk.onDelete !== 'NO ACTION') actions.push(`ON DELETE ${fk.onDelete}${fk.onDeleteColumns ? ` ${columnList(fk.onDeleteColumns)}` : ''}`);
  if (fk.onUpdate !== 'NO ACTION') actions.push(`ON UPDATE ${fk.onUpdate}`);
  if (fk.deferrable !== undefined) actions.push(deferral(fk));
  if (fk.notValid === true) actions.push('NOT VALID');
  return actions.length > 0 ? ` (${actions.join(', ')})` : '';
}

function foreignKeyChange(table: string, from: ForeignKey, to: ForeignKey): string {
  const changes = [];
  if (from.onDelete !== to.onDelete) changes.push(`ON DELETE ${from.onDelete} → ${to.onDelete}`);
  if (from.onUpdate !== to.onUpdate) changes.push(`ON UPDATE ${from.onUpdate} → ${to.onUpdate}`);
  if (from.deferrable !== to.deferrable) changes.push(`${deferral(from)} → ${deferral(to)}`);
  if (from.match !== to.match) changes.push(`${matching(from)} → ${matching(to)}`);
  if (changes.length === 0) changes.push(`recreated as ${to.name ?? 'unnamed'}`);
  return `change foreign key ${qualified(table, from.columns)}: ${changes.join(', ')}`;
}

function describeIndex(table: string, index: Index & { readonly name: string }): string {
  const kind = index.unique ? 'unique index' : 'index';
  const what = index.native ?? columnList(index.columns);
  return `${kind} ${index.name} on ${table} ${what}${index.where ? ` WHERE ${index.where}` : ''}`;
}

/** ` after x` / ` first` / nothing (`reorderColumns` databases). */
function describePlacement(position: ColumnPlacement | undefined): string {
  if (!position) return '';
  return position.after === null ? ' first' : ` after ${position.after}`;
}

function describeColumnChanges(op: Extract<Operation, { kind: 'alterColumn' }>): string {
  const { from, to } = op;
  const parts = op.changes.map((change) => {
    switch (change) {
      case 'type':
        return `type ${describeType(from.type)} → ${describeType(to.type)}`;
      case 'nullable':
        return from.nullable ? 'nullable → NOT NULL' : 'NOT NULL → nullable';
      case 'default':
        return `default ${describeDefault(from.default)} → ${describeDefault(to.default)}`;
      case 'autoIncrement':
        return to.autoIncrement ? 'add auto-increment' : 'remove auto-increment';
      case 'onUpdate':
        return to.onUpdateCurrentTimestamp ? 'add ON UPDATE CURRENT_TIMESTAMP' : 'remove ON UPDATE CURRENT_TIMESTAMP';
      case 'comment':
        return 'comment';
      case 'generated':
        return `${from.generated ? describeGenerated(from.generated) : 'not generated'} → ${to.generated ? describeGenerated(to.generated) : 'not generated'}`;
      case 'position':
        return describePlacement(op.position).trim();
    }
  });
  return `change column ${op.table}.${to.name}: ${parts.join(', ')}`;
}

function describePrimaryKey(table: string, from: PrimaryKey | undefined, to: PrimaryKey | undefined): ChangeLine {
  if (!to) return { symbol: '-', table, text: `drop primary key ${table}${from ? ` ${columnList(from.columns)}` : ''}` };
  if (!from) return { symbol: '+', table, text: `add primary key ${table} ${columnList(to.columns)}` };
  return { symbol: '~', table, text: `change primary key ${table}: ${columnList(from.columns)} → ${columnList(to.columns)}` };
}

/** One operation as a line (without pairing; see {@link describeOperations}). */
export function describeOperation(op: Operation): ChangeLine {
  const t = op.table;
  switch (op.kind) {
    case 'createTable': {
      const d = op.definition;
      const parts = [plural(d.columns.length, 'column')];
      if (d.foreignKeys.length > 0) parts.push(plural(d.foreignKeys.length, 'foreign key'));
      return { symbol: '+', table: t, text: `create table ${t} (${parts.join(', ')})` };
    }
    case 'dropTable':
      return { symbol: '-', table: t, text: `drop table ${t}` };
    case 'renameTable':
      return { symbol: '~', table: t, text: `rename table ${op.from} → ${t}` };
    case 'addColumn':
      return { symbol: '+', table: t, text: `add column ${t}.${op.column.name} (${describeColumn(op.column)})${describePlacement(op.position)}` };
    case 'dropColumn':
      return { symbol: '-', table: t, text: `drop column ${t}.${op.column.name}` };
    case 'renameColumn':
      return { symbol: '~', table: t, text: `rename column ${t}.${op.from} → ${t}.${op.to}` };
    case 'alterColumn':
      return { symbol: '~', table: t, text: describeColumnChanges(op) };
    case 'setPrimaryKey':
      return describePrimaryKey(t, op.from, op.to);
    case 'addIndex':
      return { symbol: '+', table: t, text: `add ${describeIndex(t, op.index)}` };
    case 'dropIndex':
      return { symbol: '-', table: t, text: `drop ${describeIndex(t, op.index)}` };
    case 'addForeignKey':
      return { symbol: '+', table: t, text: `add foreign key ${foreignKeyTarget(t, op.foreignKey)}${foreignKeyActions(op.foreignKey)}` };
    case 'dropForeignKey':
      return { symbol: '-', table: t, text: `drop foreign key ${foreignKeyTarget(t, op.foreignKey)}` };
    case 'addCheck':
      return { symbol: '+', table: t, text: `add check ${op.check.name} on ${t} (${op.check.expression})` };
    case 'dropCheck':
      return { symbol: '-', table: t, text: `drop check ${op.check.name} on ${t}` };
    case 'validateConstraint':
      return { symbol: '~', table: t, text: `validate ${op.constraint === 'foreignKey' ? 'foreign key' : 'check'} ${op.name} on ${t} (it was added NOT VALID)` };
    case 'setTableComment':
      return { symbol: '~', table: t, text: op.comment === undefined ? `remove comment on ${t}` : `set comment on ${t}` };
    case 'setTableOptions':
      return { symbol: '~', table: t, text: `set ${op.changes.map((c) => `${c} ${JSON.stringify(optionValue(op.to, c))}`).join(', ')} on ${t}` };
    case 'rebuildTable': {
      const replaced = describeOperations(op.replaces).map((line) => line.text);
      return { symbol: '↻', table: t, text: `rebuild table ${t}${replaced.length > 0 ? ` (${replaced.join('; ')})` : ''}` };
    }
  }
}

/**
 * Operations as lines, in order. A foreign key dropped and re-added with the
 * same meaning (columns and target) is one `~ change foreign key` line;
 * likewise an index dropped and re-created.
 */
export function describeOperations(ops: readonly Operation[]): ChangeLine[] {
  const consumed = new Set<number>();
  const lines: ChangeLine[] = [];
  ops.forEach((op, i) => {
    if (consumed.has(i)) return;
    if (op.kind === 'dropForeignKey') {
      // The key re-added under its own name; else (renamed by the schema) one on the same columns and target.
      const readded = (same: (fk: ForeignKey) => string): number =>
        ops.findIndex((o, k) => k > i && !consumed.has(k) && o.kind === 'addForeignKey' && o.table === op.table && same(o.foreignKey) === same(op.foreignKey));
      const byName = readded(foreignKeyIdentity);
      const j = byName >= 0 || op.classification !== 'changing' ? byName : readded(foreignKeyKey);
      const add = ops[j];
      if (add && add.kind === 'addForeignKey') {
        consumed.add(j);
        lines.push({ symbol: '~', table: op.table, text: foreignKeyChange(op.table, op.foreignKey, add.foreignKey) });
        return;
      }
    }
    if (op.kind === 'dropColumn' && op.replace) {
      const j = ops.findIndex((o, k) => k > i && !consumed.has(k) && o.kind === 'addColumn' && o.replace === true && o.table === op.table && o.column.name === op.column.name);
      const add = ops[j];
      if (add && add.kind === 'addColumn') {
        consumed.add(j);
        lines.push({ symbol: '~', table: op.table, text: `recreate column ${op.table}.${op.column.name} (drop and add): ${describeColumn(op.column)} → ${describeColumn(add.column)}` });
        return;
      }
    }
    if (op.kind === 'dropIndex') {
      const j = ops.findIndex((o, k) => k > i && !consumed.has(k) && o.kind === 'addIndex' && o.table === op.table && indexKey(o.index) === indexKey(op.index));
      const add = ops[j];
      if (add && add.kind === 'addIndex') {
        consumed.add(j);
        lines.push({ symbol: '~', table: op.table, text: `recreate ${describeIndex(op.table, add.index)}` });
        return;
      }
    }
    lines.push(describeOperation(op));
  });
  return lines;
}

/** What a preflight check verifies, as a phrase. */
export function describePreflightCheck(check: PreflightCheck): string {
  switch (check.kind) {
    case 'notNull':
      return `no NULL in ${check.table}.${check.column} (it becomes NOT NULL)`;
    case 'foreignKey':
      return check.targetIsNew
        ? `${qualified(check.table, check.columns)} is NULL in every row (${check.references.table} is new, so any value would be an orphan)`
        : `every ${qualified(check.table, check.columns)} matches a row of ${qualified(check.references.table, check.references.columns)} (foreign key ${check.constraint})`;
    case 'unique':
      return `no duplicate ${columnList(check.columns)} in ${check.table} (unique ${check.constraint})`;
    case 'fitsType':
      return `every value of ${check.table}.${check.column} fits ${describeType(check.to)} (now ${describeType(check.from)})`;
    case 'emptyTable':
      return `${check.table} is empty (new column ${check.column} is NOT NULL without a default)`;
  }
}
