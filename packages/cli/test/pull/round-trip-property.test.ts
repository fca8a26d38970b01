/**
 * For random schemas in the portable model: take what each adapter would
 * introspect (its `normalize` of the schema), pull it into files, load the
 * files, and plan against the original: nothing may be left to do.
 */
import { buildSchema, computePlan, type DriverAdapter, type Schema, type TableDefinition } from '@odac/core';
import mysql from '@odac/adapter-mysql';
import postgres from '@odac/adapter-postgres';
import sqlite from '@odac/adapter-sqlite';
import { schemaArbitrary } from '@odac/adapter-testkit';
import * as fc from 'fast-check';
import { schemaFiles } from '../../src/pull/files.js';
import { evaluateCommonJs } from '../support/evaluate.js';

/**
 * MySQL only auto-increments what odac declares as `increments` (unsigned);
 * a signed auto-increment key is what pull cannot express (and says so), so
 * the MySQL runs use unsigned keys and references, as odac itself creates them.
 */
function unsignedKeys(schema: Schema): Schema {
  const keys = new Set<string>();
  for (const t of schema.tables) for (const c of t.columns) if (c.autoIncrement) keys.add(`${t.name}.${c.name}`);
  const refs = new Set<string>();
  for (const t of schema.tables) {
    for (const fk of t.foreignKeys) {
      fk.columns.forEach((c, i) => {
        if (keys.has(`${fk.references.table}.${fk.references.columns[i] ?? ''}`)) refs.add(`${t.name}.${c}`);
      });
    }
  }
  return {
    tables: schema.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) =>
        c.type.kind === 'integer' && (keys.has(`${t.name}.${c.name}`) || refs.has(`${t.name}.${c.name}`)) ? { ...c, type: { ...c.type, unsigned: true } } : c,
      ),
    })),
  };
}

const cases: readonly [string, DriverAdapter, (s: Schema) => Schema][] = [
  ['sqlite', sqlite, (s) => s],
  ['postgres', postgres, (s) => s],
  ['mysql', mysql, unsignedKeys],
];

describe.each(cases)('pull round trip on random schemas (%s normalize)', (_name, adapter, prepare) => {
  test('files load and plan nothing against the schema they came from', () => {
    fc.assert(
      fc.property(schemaArbitrary, (random) => {
        const current = adapter.normalize(prepare(random));
        const { files, warnings } = schemaFiles(current, { normalize: (s) => adapter.normalize(s), maxIdentifierLength: adapter.capabilities.maxIdentifierLength });
        expect(warnings).toEqual([]);
        const desired = buildSchema(files.map((f) => ({ file: `/schema/${f.file}`, definition: evaluateCommonJs(f.contents) as TableDefinition }))).schema;
        const { plan } = computePlan(adapter, current, desired, { allowDestructive: true, dropUnmanagedTables: true });
        expect(plan.operations).toEqual([]);
      }),
      { numRuns: 300, seed: 20240501 },
    );
  });
});
