/**
 * What a diagram shows of a schema: per table its columns (name, type,
 * key marks) and its foreign keys with their actions. Shared by the Mermaid
 * and the HTML renderers.
 */
import type { ForeignKey, Schema, Table } from '@odac/core';
import { describeType } from '../describe.js';

export interface DiagramColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  /** `PK`, `FK`, `UK` in that order, as they apply. */
  readonly keys: readonly ('PK' | 'FK' | 'UK')[];
}

export interface DiagramEdge {
  readonly from: string;
  readonly fromColumns: readonly string[];
  readonly to: string;
  readonly toColumns: readonly string[];
  /** `ON DELETE CASCADE, ON UPDATE CASCADE`; `NO ACTION` parts are left out. */
  readonly actions: string;
  /** A nullable key column: the row may have no parent. */
  readonly optional: boolean;
}

export interface DiagramTable {
  readonly name: string;
  readonly columns: readonly DiagramColumn[];
}

export interface Diagram {
  readonly tables: readonly DiagramTable[];
  readonly edges: readonly DiagramEdge[];
}

function uniqueColumns(table: Table): Set<string> {
  return new Set(table.indexes.filter((i) => i.unique && i.columns.length === 1).map((i) => String(i.columns[0])));
}

/** The foreign key's actions as shown on its edge: only those that are not the default NO ACTION. */
export function actionsLabel(fk: ForeignKey): string {
  const parts = [];
  if (fk.onDelete !== 'NO ACTION') parts.push(`ON DELETE ${fk.onDelete}`);
  if (fk.onUpdate !== 'NO ACTION') parts.push(`ON UPDATE ${fk.onUpdate}`);
  return parts.join(', ');
}

export function toDiagram(schema: Schema): Diagram {
  const tables = schema.tables.map((table): DiagramTable => {
    const pk = new Set(table.primaryKey?.columns ?? []);
    const fk = new Set(table.foreignKeys.flatMap((k) => k.columns));
    const uk = uniqueColumns(table);
    return {
      name: table.name,
      columns: table.columns.map((c) => ({
        name: c.name,
        type: describeType(c.type),
        nullable: c.nullable,
        keys: [...(pk.has(c.name) ? ['PK' as const] : []), ...(fk.has(c.name) ? ['FK' as const] : []), ...(uk.has(c.name) && !pk.has(c.name) ? ['UK' as const] : [])],
      })),
    };
  });
  const edges = schema.tables.flatMap((table) =>
    table.foreignKeys.map((k): DiagramEdge => ({
      from: table.name,
      fromColumns: k.columns,
      to: k.references.table,
      toColumns: k.references.columns,
      actions: actionsLabel(k),
      optional: k.columns.some((name) => table.columns.find((c) => c.name === name)?.nullable !== false),
    })),
  );
  return { tables, edges };
}
