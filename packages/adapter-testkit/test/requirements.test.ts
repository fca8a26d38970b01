import { defaultCapabilities, defineCapabilities, type DriverAdapter } from '@odac/core';
import { scenarios, selectScenarios, skipReason, unmetRequirement, type Scenario } from '../src/index.js';

const adapter = (caps: Partial<DriverAdapter['capabilities']>): DriverAdapter =>
  ({ name: 'fake', capabilities: { ...defaultCapabilities, ...caps } }) as unknown as DriverAdapter;

describe('requirements', () => {
  it('skips for a missing boolean capability and for a listed limitation', () => {
    const caps = defineCapabilities({ alterColumn: false, limitations: ['multipleCascadePaths'] });
    expect(unmetRequirement(caps, 'alterColumn')).toBe('needs capability alterColumn');
    expect(unmetRequirement(caps, 'alterForeignKey')).toBeUndefined();
    expect(unmetRequirement(caps, 'multipleCascadePaths')).toMatch(/^limitation multipleCascadePaths: cannot have two/);
    expect(unmetRequirement(caps, 'foreignKeySetDefault')).toBeUndefined();
    const s = { requires: ['alterForeignKey', 'multipleCascadePaths'] } as unknown as Scenario;
    expect(skipReason(caps, s)).toMatch(/multipleCascadePaths/);
  });

  it('selects scenarios by capability, only and skip', () => {
    const target = { adapter: adapter({ limitations: ['multipleCascadePaths', 'foreignKeySetDefault'] }) };
    const { run, skipped } = selectScenarios(target);
    const skippedNames = [...skipped.values()].flat().map((s) => s.name);
    expect(run.length + skippedNames.length).toBe(scenarios.length);
    expect(skippedNames).toContain('foreign-key-multiple-cascade-paths');
    expect(skippedNames).toContain('foreign-key-on-delete-set-default');
    expect(run.map((s) => s.name)).toContain('create-from-empty');

    const narrowed = selectScenarios(target, { only: ['create-from-empty', 'drop-table'], skip: { 'drop-table': 'not today' } });
    expect(narrowed.run.map((s) => s.name)).toEqual(['create-from-empty']);
    expect([...narrowed.skipped]).toEqual([['not today', [expect.objectContaining({ name: 'drop-table' })]]]);
    expect(() => selectScenarios(target, { only: ['no-such-scenario'] })).toThrow(/no scenario named "no-such-scenario"/);
  });
});
