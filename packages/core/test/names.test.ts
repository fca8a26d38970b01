import { checkName, defaultCapabilities, defineCapabilities, fitIdentifier, indexName, LIMITATIONS, nameTable, planMigration, type Table } from '../src/index.js';
import { id, int, pgLike, schema, table } from './helpers.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('naming authority', () => {
  it('fits a name to the limit in bytes, never splitting a character, and keeps long names distinct', () => {
    const a = fitIdentifier(`idx_${'é'.repeat(40)}_a`, 63);
    const b = fitIdentifier(`idx_${'é'.repeat(40)}_b`, 63);
    expect(bytes(a)).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
    expect(a).not.toContain('\uFFFD');
    expect(fitIdentifier('short', 63)).toBe('short');
  });

  it('gives two partial (or expression) indexes on one column different names', () => {
    const plain = indexName('t', { columns: ['a'], unique: false }, 63);
    const active = indexName('t', { columns: ['a'], unique: false, where: 'deleted_at IS NULL' }, 63);
    const archived = indexName('t', { columns: ['a'], unique: false, where: 'deleted_at IS NOT NULL' }, 63);
    const lower = indexName('t', { columns: [], unique: true, native: 'USING btree (lower(a))' }, 63);
    const upper = indexName('t', { columns: [], unique: true, native: 'USING btree (upper(a))' }, 63);
    expect(plain).toBe('idx_t_a');
    expect(new Set([plain, active, archived]).size).toBe(3);
    expect(lower).not.toBe(upper);
    expect(lower.startsWith('uq_t_')).toBe(true);
  });

  it('names every index, key and check of a table, keeping the names the user gave', () => {
    const t: Table = {
      ...table('posts', [id(), int('user_id'), int('n')]),
      indexes: [{ columns: ['n'], unique: false }, { name: 'mine', columns: ['user_id'], unique: true }],
      foreignKeys: [{ columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' }],
      checks: [{ expression: 'n > 0' }],
    };
    const named = nameTable(t, 63);
    expect(named.indexes.map((i) => i.name)).toEqual(['idx_posts_n', 'mine']);
    expect(named.foreignKeys.map((fk) => fk.name)).toEqual(['fk_posts_user_id']);
    expect(named.checks?.map((c) => c.name)).toEqual([checkName('posts', 'n > 0', 63)]);
  });

  it('plans a new table with its checks named, as an added check would be', () => {
    const t = table('items', [id(), int('n')], { checks: [{ expression: 'n > 0' }] });
    const created = planMigration(schema(), schema(t), { capabilities: pgLike }).operations[0];
    expect(created?.kind).toBe('createTable');
    expect(created?.kind === 'createTable' && created.definition.checks?.[0]?.name).toBe(checkName('items', 'n > 0', 63));
  });
});

describe('defineCapabilities', () => {
  it('starts from the defaults, lets overrides win, and freezes the result', () => {
    const caps = defineCapabilities({ alterColumn: false, limitations: ['foreignKeyMatchFull'] });
    expect(caps).toEqual({ ...defaultCapabilities, alterColumn: false, limitations: ['foreignKeyMatchFull'] });
    expect(Object.isFrozen(caps)).toBe(true);
    expect(Object.isFrozen(caps.limitations)).toBe(true);
    expect(Object.keys(LIMITATIONS)).toContain('foreignKeyMatchFull');
  });
});
