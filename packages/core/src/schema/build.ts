/**
 * Definitions → validated canonical schema: names each table, checks each
 * definition, converts it, runs the cross-table checks, and throws every
 * problem at once.
 */
import * as path from 'node:path';
import { SchemaValidationError } from '../errors.js';
import { deepFreeze, sortSchema, type Table } from '../model.js';
import { isNonEmptyString, isRecord } from './column-type.js';
import { convertTable } from './convert.js';
import type { LoadedSchema, LoadOptions, SourcedDefinition } from './load.js';
import { displayPath, report, type Problems } from './problems.js';
import { checkReferences, type CheckedTable } from './validate-references.js';
import { checkTable } from './validate-table.js';
import { checkSeed } from './validate-seed.js';
import type { TableSeed } from '../seed/types.js';

/** The table a file defines: its `table` key, else the file name without extension. */
export function tableNameOf(file: string, definition: unknown): string {
  if (isRecord(definition) && isNonEmptyString(definition['table'])) return definition['table'];
  return path.basename(file, path.extname(file));
}

interface Named {
  readonly source: string;
  readonly file: string;
  readonly name: string;
  readonly definition: unknown;
}

/**
 * Validates and converts `definitions`. `earlier` holds problems found while
 * loading files (syntax errors...): when there are any, the cross-table
 * checks are skipped, since the tables those files define are unknown and
 * every reference to them would be reported as missing.
 */
export function build(definitions: readonly SourcedDefinition[], options: LoadOptions, earlier: Problems = []): LoadedSchema {
  const problems: Problems = [...earlier];
  const named: Named[] = definitions
    .map((d) => ({ source: path.resolve(d.file), file: displayPath(d.file), name: tableNameOf(d.file, d.definition), definition: d.definition as unknown }))
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));

  // Names differing only in case are two tables on PostgreSQL (and MySQL on Linux), one on SQLite: the
  // planner refuses them where the adapter says table names ignore case (`refuseCaseClashes`).
  const owners = new Map<string, Named>();
  const checked: CheckedTable[] = [];
  const seeds: TableSeed[] = [];
  const warnings: string[] = [];
  for (const entry of named) {
    const where = { file: entry.file, table: entry.name };
    const result = checkTable(entry.definition, where, problems, warnings);
    const owner = owners.get(entry.name);
    if (owner) {
      report(problems, 'SCHEMA.DUPLICATE_TABLE', where, `is also defined by ${owner.file}; keep one file per table, or give one of them a different table name.`);
      continue;
    }
    owners.set(entry.name, entry);
    if (result && isRecord(entry.definition)) {
      checked.push({ file: entry.file, table: convertTable(entry.definition, entry.name, entry.source), tainted: result.tainted });
      const seed = checkSeed(entry.definition, result.columnNames, where, entry.source, problems);
      if (seed) seeds.push(seed);
    }
  }

  checked.sort((a, b) => (a.table.name < b.table.name ? -1 : a.table.name > b.table.name ? 1 : 0));
  const externalReferences = earlier.length === 0 ? checkReferences(checked, options.allowExternalReferences === true, problems, warnings) : [];
  if (problems.length > 0) throw new SchemaValidationError(problems);
  const tables: Table[] = checked.map((c) => c.table);
  seeds.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  return deepFreeze({ schema: sortSchema({ tables }), externalReferences, warnings, seeds });
}
