/**
 * Column collations resolved with the server's defaults (`collation.ts`):
 * a charset becomes its default collation, a collation equal to the table's
 * default becomes none, whichever says that default (the table's option, its
 * charset, the live table, the database).
 */
import { withCanonicalExpressions, type Column, type Schema } from '@odac/core';
import { resolveCollations } from '@odac/adapter-mysql';

const server = [
  { kind: 'charset', name: 'latin1', collation: 'latin1_swedish_ci' },
  { kind: 'charset', name: 'utf8mb4', collation: 'utf8mb4_general_ci' },
  { kind: 'database', name: '', collation: 'utf8mb4_unicode_ci' },
];

const text = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: { kind: 'string', length: 9 }, nullable: true, ...extra });

const columns = [
  text('plain'),
  text('latin', { charset: 'LATIN1' }),
  text('utf', { charset: 'utf8mb4' }),
  text('bin', { collation: 'utf8mb4_bin' }),
  text('unicode', { collation: 'utf8mb4_unicode_ci' }),
];

const table = (name: string, mysql?: Schema['tables'][number]['mysql']) => ({ name, columns, indexes: [], foreignKeys: [], ...(mysql ? { mysql } : {}) });

/** Each column's collation after resolution, '-' for none. */
function resolved(t: Schema['tables'][number]): string[] {
  const schema = { tables: [t] };
  const live = { tables: [{ name: 'live', columns: [], indexes: [], foreignKeys: [], mysql: { collation: 'utf8mb4_bin' } }] };
  return withCanonicalExpressions(schema, resolveCollations(schema, server, live)).tables[0]?.columns.map((c) => c.collation ?? (c.charset ? `charset ${c.charset}` : '-')) ?? [];
}

describe('resolveCollations', () => {
  it.each([
    ['a new table: the database default', table('new'), ['-', 'latin1_swedish_ci', 'utf8mb4_general_ci', 'utf8mb4_bin', '-']],
    ['a live table the schema gives no option: its live default (from introspection)', table('live'), ['-', 'latin1_swedish_ci', 'utf8mb4_general_ci', '-', 'utf8mb4_unicode_ci']],
    ["the table's charset: its default", table('live', { charset: 'utf8mb4' }), ['-', 'latin1_swedish_ci', '-', 'utf8mb4_bin', 'utf8mb4_unicode_ci']],
    ["the table's collation", table('live', { collation: 'latin1_swedish_ci' }), ['-', '-', 'utf8mb4_general_ci', 'utf8mb4_bin', 'utf8mb4_unicode_ci']],
  ])('resolves against %s', (_what, t, expected) => {
    expect(resolved(t)).toEqual(expected);
  });

  it('leaves a charset the server does not know as written (the migrate reports it)', () => {
    expect(resolved({ ...table('new'), columns: [text('x', { charset: 'klingon' })] })).toEqual(['charset klingon']);
  });
});
