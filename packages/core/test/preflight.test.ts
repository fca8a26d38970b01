import { preflightQuery, runPreflight, type PreflightCheck, type PreflightDialect } from '../src/index.js';

const ansi: PreflightDialect = {
  quote: (n) => `"${n}"`,
  misfit: (c, _from, to) => (to.kind === 'string' ? `char_length(${c}) > ${to.length}` : undefined),
};

describe('preflightQuery: the ANSI counting queries adapters share', () => {
  test('each check kind counts the rows that would fail it', () => {
    expect(preflightQuery({ kind: 'notNull', table: 't', column: 'a' }, ansi)).toBe('SELECT COUNT(*) AS n FROM "t" WHERE "a" IS NULL');
    expect(preflightQuery({ kind: 'emptyTable', table: 't', column: 'a' }, ansi)).toBe('SELECT COUNT(*) AS n FROM "t"');
    expect(preflightQuery({ kind: 'unique', table: 't', constraint: 'u', columns: ['a', 'b'] }, ansi)).toBe(
      'SELECT COALESCE(SUM(d.n), 0) AS n FROM (SELECT COUNT(*) AS n FROM "t" c WHERE c."a" IS NOT NULL AND c."b" IS NOT NULL GROUP BY "a", "b" HAVING COUNT(*) > 1) d',
    );
    const fk = { kind: 'foreignKey', table: 'c1', constraint: 'fk', columns: ['p'], references: { table: 'par', columns: ['id'] } } as const;
    expect(preflightQuery({ ...fk, targetIsNew: false }, ansi)).toBe(
      'SELECT COUNT(*) AS n FROM "c1" c WHERE c."p" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "par" p WHERE p."id" = c."p")',
    );
    // A parent the plan creates is empty: every child row with a full key is an orphan.
    expect(preflightQuery({ ...fk, targetIsNew: true }, ansi)).toBe('SELECT COUNT(*) AS n FROM "c1" c WHERE c."p" IS NOT NULL');
    expect(preflightQuery({ kind: 'fitsType', table: 't', column: 'a', from: { kind: 'text' }, to: { kind: 'string', length: 5 } }, ansi)).toBe(
      'SELECT COUNT(*) AS n FROM "t" WHERE "a" IS NOT NULL AND (char_length("a") > 5)',
    );
  });

  test('a type change the dialect cannot judge has no query', () => {
    expect(preflightQuery({ kind: 'fitsType', table: 't', column: 'a', from: { kind: 'text' }, to: { kind: 'json' } }, ansi)).toBeUndefined();
  });

  test('dialect options: the counting aggregate, and NULL keys that collide in a unique index', () => {
    const sql = preflightQuery({ kind: 'unique', table: 't', constraint: 'u', columns: ['a'] }, { ...ansi, count: 'COUNT_BIG(*)', nullKeysCollide: true });
    expect(sql).toBe('SELECT COALESCE(SUM(d.n), 0) AS n FROM (SELECT COUNT_BIG(*) AS n FROM "t" c GROUP BY "a" HAVING COUNT_BIG(*) > 1) d');
  });
});

describe('runPreflight', () => {
  const checks: PreflightCheck[] = [
    { kind: 'notNull', table: 'a', column: 'x' },
    { kind: 'notNull', table: 'missing', column: 'x' },
    { kind: 'emptyTable', table: 'b', column: 'y' },
    { kind: 'fitsType', table: 'c', column: 'z', from: { kind: 'text' }, to: { kind: 'json' } },
  ];
  const counts: Record<string, number> = { a: 3, b: 0 };
  const count = async (sql: string): Promise<number> => {
    const table = /FROM "(\w+)"/.exec(sql)?.[1] ?? '';
    if (!(table in counts)) throw Object.assign(new Error(`no table ${table}`), { code: 'MISSING' });
    return counts[table] ?? 0;
  };

  test('returns the failing checks with their counts, in order; checks without a query are not run', async () => {
    const ran: string[] = [];
    const failures = await runPreflight(checks, {
      sql: (c) => preflightQuery(c, ansi),
      count: async (sql, check) => {
        ran.push(check.table);
        return count(sql);
      },
      missingObject: (e) => (e as { code?: string }).code === 'MISSING',
    });
    expect(failures).toEqual([{ check: checks[0], count: 3 }]);
    expect(ran).toEqual(['a', 'missing', 'b']);
  });

  test('an error that is not a missing table or column propagates', async () => {
    await expect(runPreflight(checks, { sql: (c) => preflightQuery(c, ansi), count })).rejects.toThrow('no table missing');
  });
});
