import * as fc from 'fast-check';
import type { Schema } from '@odac/core';
import { formatFuzzFailure, PORTABLE_FEATURES, schemaArbitrary, schemaArbitraryFor, schemaPairArbitrary, schemaPairArbitraryFor, schemaProblems, type RandomFeatures } from '../src/index.js';

const ALL: RandomFeatures = {
  generatedColumns: true,
  virtualGeneratedColumns: true,
  generatedNotNull: true,
  uniqueConstraints: true,
  deferrablePrimaryKeys: true,
  deferrableForeignKeys: true,
  checks: true,
  noInheritChecks: true,
  columnOrder: true,
  mysqlTableOptions: true,
  columnCollations: true,
};

const hasCycle = (s: Schema): boolean =>
  s.tables.some((t) =>
    t.foreignKeys.some((f) => f.references.table !== t.name && s.tables.find((u) => u.name === f.references.table)?.foreignKeys.some((g) => g.references.table === t.name)),
  );

describe('random schema arbitraries', () => {
  it('generate only valid schemas of 1–4 tables with lowercase ASCII names', () => {
    fc.assert(
      fc.property(schemaArbitrary, (s) => {
        expect(schemaProblems(s)).toEqual([]);
        expect(s.tables.length).toBeGreaterThanOrEqual(1);
        expect(s.tables.length).toBeLessThanOrEqual(4);
        for (const t of s.tables) {
          expect(t.name).toMatch(/^[a-z_]+$/);
          for (const c of t.columns) expect(c.name).toMatch(/^[a-z_]+$/);
          expect(t.primaryKey?.columns.length).toBe(1);
          // Text cannot be indexed portably (MySQL needs a prefix length).
          for (const i of t.indexes) for (const c of i.columns) expect(t.columns.find((x) => x.name === c)?.type.kind).not.toBe('text');
        }
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('reach the interesting shapes: cycles, self-references, key type changes, defaults', () => {
    const pairs = fc.sample(schemaPairArbitrary, { numRuns: 300, seed: 7 });
    const all = pairs.flatMap((p) => [p.from, p.to]);
    expect(all.some(hasCycle)).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.foreignKeys.some((f) => f.references.table === t.name)))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.columns.some((c) => c.default?.kind === 'expression')))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.indexes.some((i) => i.unique && i.columns.length === 2)))).toBe(true);
    const keyTypeChanged = pairs.some((p) =>
      p.to.tables.some((t) => {
        const before = p.from.tables.find((u) => u.name === t.name);
        return before && JSON.stringify(before.columns[0]?.type) !== JSON.stringify(t.columns[0]?.type);
      }),
    );
    expect(keyTypeChanged).toBe(true);
    // Pairs share names, so most of B alters A rather than replacing it.
    const shared = pairs.filter((p) => p.to.tables.some((t) => p.from.tables.some((u) => u.name === t.name))).length;
    expect(shared / pairs.length).toBeGreaterThan(0.5);
  });

  it('use no feature beyond the portable model unless asked', () => {
    for (const s of fc.sample(schemaArbitraryFor(PORTABLE_FEATURES), { numRuns: 300, seed: 11 })) {
      for (const t of s.tables) {
        expect(t.columns.filter((c) => c.generated)).toEqual([]);
        expect(t.primaryKey?.deferrable).toBeUndefined();
        expect(t.indexes.filter((i) => i.constraint || i.deferrable)).toEqual([]);
        expect(t.foreignKeys.filter((f) => f.deferrable)).toEqual([]);
        expect(t.checks).toBeUndefined();
        expect(t.mysql).toBeUndefined();
        expect(t.columns.filter((c) => c.collation !== undefined || c.charset !== undefined)).toEqual([]);
      }
    }
  });

  it('with features, generate valid generated columns, UNIQUE constraints and deferrable keys', () => {
    fc.assert(
      fc.property(schemaArbitraryFor(ALL), (s) => {
        expect(schemaProblems(s)).toEqual([]);
        const referenced = new Set(s.tables.flatMap((t) => t.foreignKeys.map((f) => f.references.table)));
        for (const t of s.tables) {
          for (const c of t.columns.filter((x) => x.generated)) {
            // One plain column of the same table, in a simple expression; never a key column.
            const used = t.columns.filter((x) => new RegExp(`\\b${x.name}\\b`).test(c.generated?.expression ?? '') && x.name !== c.name);
            expect(used).toHaveLength(1);
            expect(used[0]?.generated).toBeUndefined();
            expect(used[0]?.name).not.toBe(t.primaryKey?.columns[0]);
            expect(c.default).toBeUndefined();
            expect(c.autoIncrement).toBeUndefined();
            if (!c.nullable) expect(used[0]?.nullable).toBe(false);
          }
          for (const i of t.indexes) if (i.constraint || i.deferrable) expect(i.unique).toBe(true);
          for (const i of t.indexes) if (i.deferrable) expect(i.constraint).toBe(true);
          // PostgreSQL refuses a foreign key to a deferrable key.
          if (t.primaryKey?.deferrable) expect(referenced.has(t.name)).toBe(false);
        }
      }),
      { numRuns: 500, seed: 42 },
    );
    const pairs = fc.sample(schemaPairArbitraryFor(ALL), { numRuns: 300, seed: 7 });
    const all = pairs.flatMap((p) => [p.from, p.to]);
    const columns = all.flatMap((s) => s.tables.flatMap((t) => t.columns));
    expect(columns.some((c) => c.generated?.stored === true)).toBe(true);
    expect(columns.some((c) => c.generated?.stored === false)).toBe(true);
    expect(columns.some((c) => c.generated && !c.nullable)).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.indexes.some((i) => t.columns.find((c) => c.name === i.columns[0])?.generated)))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.indexes.some((i) => i.constraint && i.deferrable === 'deferred')))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.indexes.some((i) => i.constraint && !i.deferrable)))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.primaryKey?.deferrable === 'immediate'))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.foreignKeys.some((f) => f.deferrable === 'deferred')))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.checks?.some((c) => c.noInherit)))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.mysql?.collation === 'utf8mb4_bin'))).toBe(true);
    // Text columns with a collation or a charset of their own.
    expect(all.some((s) => s.tables.some((t) => t.columns.some((c) => c.collation === 'utf8mb4_bin')))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.columns.some((c) => c.charset === 'latin1')))).toBe(true);
    expect(all.some((s) => s.tables.some((t) => t.checks?.some((c) => !c.noInherit)))).toBe(true);
    // Value columns out of their declared order (qty before score before title ...).
    const declared = ['qty', 'score', 'title', 'body', 'active', 'born_on', 'seen_at'];
    const reordered = (names: string[]): boolean => names.some((n, i) => i > 0 && declared.indexOf(n) < declared.indexOf(names[i - 1] ?? ''));
    expect(all.some((s) => s.tables.some((t) => reordered(t.columns.map((c) => c.name).filter((n) => declared.includes(n)))))).toBe(true);
    // A generated column whose expression changes between the two sides.
    const changed = pairs.some((p) =>
      p.to.tables.some((t) =>
        t.columns.some((c) => {
          const before = p.from.tables.find((u) => u.name === t.name)?.columns.find((x) => x.name === c.name);
          return c.generated && before?.generated && before.generated.expression !== c.generated.expression;
        }),
      ),
    );
    expect(changed).toBe(true);
    // Only STORED when virtual columns are not asked for.
    const storedOnly = fc.sample(schemaArbitraryFor({ ...ALL, virtualGeneratedColumns: false }), { numRuns: 200, seed: 5 });
    expect(storedOnly.flatMap((s) => s.tables.flatMap((t) => t.columns)).filter((c) => c.generated && !c.generated.stored)).toEqual([]);
  });

  it('prints a failure as a scenario whose schemas parse back', () => {
    const [pair] = fc.sample(schemaPairArbitrary, { numRuns: 1, seed: 3 });
    if (!pair) throw new Error('no sample');
    const text = formatFuzzFailure('sqlite', { seed: 3, counterexamplePath: '0:1', numShrinks: 2, error: 'boom' }, pair);
    expect(text).toContain("name: 'random-sqlite-3'");
    expect(text).toContain('ODAC_FUZZ_SEED=3 ODAC_FUZZ_PATH="0:1"');
    // One table per line, as JSON: paste-ready in a TypeScript scenario file.
    const fromBlock = /from: \{\n {4}tables: \[\n([\s\S]*?)\n {4}\],\n {2}\},\n {2}to:/.exec(text)?.[1] ?? '';
    const tables = fromBlock.split('\n').map((line) => JSON.parse(line.trim().replace(/,$/, '')) as unknown);
    expect(tables).toEqual(JSON.parse(JSON.stringify(pair.from.tables)));
  });
});
