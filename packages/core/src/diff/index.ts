/** (stub: being written) */
import type { Column, ForeignKey, Index, PrimaryKey, Schema, Table, Check } from '../model.js';
import type { ColumnChange } from '../operations.js';

export interface ColumnDiff {
  readonly from: Column;
  readonly to: Column;
  readonly changes: readonly ColumnChange[];
}

export interface TableDiff {
  /** Desired name. */
  readonly name: string;
  readonly from: Table;
  readonly to: Table;
  readonly renamedFrom?: string;
  readonly addColumns: readonly Column[];
  readonly dropColumns: readonly Column[];
  readonly renameColumns: readonly { readonly from: string; readonly to: string }[];
  readonly alterColumns: readonly ColumnDiff[];
  readonly primaryKey?: { readonly from?: PrimaryKey; readonly to?: PrimaryKey };
  readonly addIndexes: readonly Index[];
  readonly dropIndexes: readonly Index[];
  readonly addForeignKeys: readonly ForeignKey[];
  readonly dropForeignKeys: readonly ForeignKey[];
  readonly addChecks: readonly Check[];
  readonly dropChecks: readonly Check[];
  readonly comment?: { readonly from?: string; readonly to?: string };
}

export interface SchemaDiff {
  readonly createTables: readonly Table[];
  readonly dropTables: readonly Table[];
  readonly alterTables: readonly TableDiff[];
}

export function diffSchemas(current: Schema, desired: Schema): SchemaDiff {
  void current;
  void desired;
  throw new Error('not implemented');
}
