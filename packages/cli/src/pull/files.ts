/**
 * Schema files for `odac pull`: one per table, named after it, as CommonJS
 * (`module.exports = { … }`) or TypeScript (`export default defineTable({ … })`).
 * Pure: the model in, file names and contents out.
 */
import { isSchemaFileName, type Schema } from '@odac/core';
import { toDefinitions, type PullOptions } from './definition.js';
import { formatValue, type SourceObject, type SourcePath } from './source.js';

export interface SchemaFilesOptions extends PullOptions {
  /** Write `.ts` files using `defineTable()` instead of `.js`. */
  readonly typescript?: boolean;
}

/** A file to write: its name (no directory) and text. */
export interface SchemaFile {
  readonly file: string;
  readonly table: string;
  /** The definition the file exports. */
  readonly definition: SourceObject;
  readonly contents: string;
}

export interface PulledFiles {
  readonly files: readonly SchemaFile[];
  /** What the schema-file format cannot express, one sentence each. */
  readonly warnings: readonly string[];
}

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * File base names for the tables: the table name where it is a safe,
 * case-insensitively unique file name; otherwise a cleaned-up name with a
 * numeric suffix (those files carry a `table` key).
 */
export function fileNames(tables: readonly string[], extension: string): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  const ok = (base: string): boolean => SAFE_NAME.test(base) && isSchemaFileName(`${base}${extension}`) && !taken.has(base.toLowerCase());
  // Tables whose own name works come first, so a cleaned-up name never takes it from them.
  const natural = tables.filter((t) => ok(t) && !tables.some((o) => o !== t && o.toLowerCase() === t.toLowerCase() && o < t));
  for (const table of natural) {
    out.set(table, table);
    taken.add(table.toLowerCase());
  }
  for (const table of tables) {
    if (out.has(table)) continue;
    const stem = table.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'table';
    let base = stem;
    for (let n = 2; !ok(base); n++) base = `${stem}_${n}`;
    out.set(table, base);
    taken.add(base.toLowerCase());
  }
  return out;
}

// The table definition and its `columns` always one entry per line; everything else when it fits.
const breakAt = (path: SourcePath): boolean => path.length === 0 || (path.length === 1 && path[0] === 'columns');

function render(definition: SourceObject, typescript: boolean): string {
  if (typescript) {
    return `import { defineTable } from '@odac/core';\n\nexport default defineTable(${formatValue(definition, { breakAt })});\n`;
  }
  return `'use strict';\n\nmodule.exports = ${formatValue(definition, { breakAt })};\n`;
}

/** The schema as schema files, one per table, in table order. */
export function schemaFiles(schema: Schema, options: SchemaFilesOptions = {}): PulledFiles {
  const typescript = options.typescript ?? false;
  const extension = typescript ? '.ts' : '.js';
  const { tables, warnings } = toDefinitions(schema, options);
  const names = fileNames(
    tables.map((t) => t.table),
    extension,
  );
  const files = tables.map(({ table, definition }): SchemaFile => {
    const base = names.get(table) ?? table;
    const withName: SourceObject = base === table ? definition : { table, ...definition };
    return { file: `${base}${extension}`, table, definition: withName, contents: render(withName, typescript) };
  });
  return { files, warnings };
}
