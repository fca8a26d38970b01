import { defaultCapabilities, FOREIGN_KEY_ACTIONS, sortSchema, type Schema } from '@odac/core';
import { LIMITATIONS, scenarios, schemaProblems, seedProblems, type Scenario } from '../src/index.js';

const tableNames = (s: Schema): string[] => s.tables.map((t) => t.name);

describe('the scenario suite', () => {
  it('has at least 60 scenarios with unique kebab-case names', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
    const names = scenarios.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s: from, to and seed are valid', (_name, s: Scenario) => {
    expect(schemaProblems(s.from)).toEqual([]);
    expect(schemaProblems(s.to)).toEqual([]);
    expect(seedProblems(s.from, s.seed ?? {})).toEqual([]);
    // Builders sort; a scenario written by hand must be sorted too, like the loader's output.
    expect(JSON.stringify(sortSchema(s.from))).toBe(JSON.stringify(s.from));
    expect(JSON.stringify(sortSchema(s.to))).toBe(JSON.stringify(s.to));
    for (const t of Object.keys(s.rowsAfter ?? {})) expect(tableNames(s.to)).toContain(t);
    for (const r of s.requires ?? []) {
      const known = (r in defaultCapabilities && typeof defaultCapabilities[r as keyof typeof defaultCapabilities] === 'boolean') || r in LIMITATIONS;
      expect(known ? r : `unknown requirement ${r}`).toBe(r);
    }
    if (s.expect.kind === 'skipped-destructive') expect(s.allowDestructive ?? false).toBe(false);
    if (s.expect.kind === 'error') expect(Object.keys(s.seed ?? {}).length).toBeGreaterThan(0);
  });

  it('changes something in every scenario except the no-churn ones', () => {
    const same = scenarios.filter((s) => JSON.stringify(s.from) === JSON.stringify(s.to)).map((s) => s.name);
    expect(same).toEqual([]);
  });

  it('covers every foreign key action for ON DELETE and ON UPDATE', () => {
    for (const side of ['onDelete', 'onUpdate'] as const) {
      const used = new Set(scenarios.flatMap((s) => s.to.tables.flatMap((t) => t.foreignKeys.map((f) => f[side]))));
      for (const a of FOREIGN_KEY_ACTIONS) expect([side, used.has(a)]).toEqual([side, true]);
    }
  });

  it('covers every column type kind except native', () => {
    const kinds = new Set(scenarios.flatMap((s) => s.to.tables.flatMap((t) => t.columns.map((c) => c.type.kind))));
    for (const k of ['integer', 'decimal', 'float', 'double', 'string', 'char', 'text', 'boolean', 'date', 'time', 'datetime', 'timestamp', 'json', 'uuid', 'binary', 'enum']) {
      expect([k, kinds.has(k as never)]).toEqual([k, true]);
    }
  });

  it('covers each expectation kind and the concerns of issue #5', () => {
    const names = new Set(scenarios.map((s) => s.name));
    for (const n of [
      'create-from-empty',
      'foreign-key-self-reference-create',
      'foreign-key-cycle-create',
      'foreign-key-composite-create',
      'foreign-key-to-unique-column',
      'foreign-key-target-created-in-same-plan',
      'drop-referenced-table',
      'drop-referenced-table-without-allow-destructive',
      'identifiers-with-spaces',
      'identifiers-with-quote-characters',
      'identifiers-that-are-reserved-words',
      'identifiers-in-mixed-case',
      'identifiers-in-unicode',
      'index-matched-by-definition-not-name',
      'tables-not-in-schema-kept-while-others-change',
    ]) {
      expect(names.has(n) ? n : `missing ${n}`).toBe(n);
    }
    const kinds = new Set(scenarios.map((s) => s.expect.kind));
    expect([...kinds].sort()).toEqual(['converges', 'error', 'skipped-destructive']);
  });
});
