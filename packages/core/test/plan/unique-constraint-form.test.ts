import { diffSchemas, type Index, type Schema } from '../../src/index.js';
import { duplicateIndexWarnings } from '../../src/plan/duplicate-indexes.js';

const table = (indexes: Index[]): Schema => ({
  tables: [
    {
      name: 'users',
      columns: [{ name: 'email', type: { kind: 'string', length: 255 }, nullable: false }],
      indexes,
      foreignKeys: [],
    },
  ],
});

const diffOf = (live: Index[], desired: Index[]) => {
  const d = diffSchemas(table(live), table(desired)).alterTables[0];
  return { add: d?.addIndexes ?? [], drop: d?.dropIndexes ?? [] };
};

describe('a unique index that does not say its form matches a live UNIQUE constraint', () => {
  test("knex's unique() constraint satisfies a schema file's unique: true (nothing dropped, nothing added)", () => {
    expect(diffOf([{ name: 'users_email_unique', columns: ['email'], unique: true, constraint: true }], [{ columns: ['email'], unique: true }])).toEqual({ add: [], drop: [] });
  });

  test('asking for the constraint form replaces a bare unique index', () => {
    const d = diffOf([{ name: 'users_email_idx', columns: ['email'], unique: true }], [{ columns: ['email'], unique: true, constraint: true }]);
    expect(d.add).toEqual([{ columns: ['email'], unique: true, constraint: true }]);
    expect(d.drop.map((i) => i.name)).toEqual(['users_email_idx']);
  });

  test('a deferrable constraint is not what a plain unique index asks for', () => {
    const d = diffOf([{ name: 'u', columns: ['email'], unique: true, constraint: true, deferrable: 'deferred' }], [{ columns: ['email'], unique: true }]);
    expect(d.add).toHaveLength(1);
    expect(d.drop).toHaveLength(1);
  });

  test('a plain UNIQUE constraint and a unique index on the same columns are reported as duplicates', () => {
    const warnings = duplicateIndexWarnings(table([
      { name: 'users_email_unique', columns: ['email'], unique: true, constraint: true },
      { name: 'users_email_idx', columns: ['email'], unique: true },
    ]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"users_email_unique", "users_email_idx"');
  });
});
