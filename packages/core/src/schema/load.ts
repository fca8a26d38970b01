/**
 * Loading schema files. (Stub signature: implemented by the loader work.)
 */
import type { Schema } from '../model.js';
import type { TableDefinition } from './types.js';

export interface LoadOptions {
  /** References to tables no schema file defines are allowed; they must exist in the database. */
  readonly allowExternalReferences?: boolean;
}

/** A foreign key target that no schema file defines (only with `allowExternalReferences`). */
export interface ExternalReference {
  readonly file?: string;
  readonly table: string;
  readonly column?: string;
  readonly references: { readonly table: string; readonly columns: readonly string[] };
}

export interface LoadedSchema {
  readonly schema: Schema;
  readonly externalReferences: readonly ExternalReference[];
}

/** A definition with where it came from. */
export interface SourcedDefinition {
  readonly file: string;
  readonly definition: TableDefinition;
}

/** Reads `dir/*.{js,cjs,mjs,ts,cts,mts}`, validates, returns the canonical model. Throws `SchemaValidationError`. */
export async function loadSchema(dir: string, options: LoadOptions = {}): Promise<LoadedSchema> {
  void dir;
  void options;
  throw new Error('not implemented');
}

/** Validates and converts already-loaded definitions (pure). Throws `SchemaValidationError`. */
export function buildSchema(definitions: readonly SourcedDefinition[], options: LoadOptions = {}): LoadedSchema {
  void definitions;
  void options;
  throw new Error('not implemented');
}

/** Identity helper giving `.ts` schema files autocomplete and type errors. */
export function defineTable<const T extends TableDefinition>(definition: T): T {
  return definition;
}
