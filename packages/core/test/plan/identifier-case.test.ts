/**
 * Case-insensitive identifiers (issue 10): where the database ignores the
 * case of table or column names, a schema naming `Users`/`Email` against a
 * live `users`/`email` plans nothing, never a drop and a create; where it
 * does not (PostgreSQL), they stay distinct objects.
 */
import { adoptLiveSpelling } from '../../src/diff/identifier-case.js';
import { planMigration, SchemaValidationError } from '../../src/index.js';
import { fk, id, int, pgLike, schema, sqliteLike, str, table } from '../helpers.js';

const live = schema(
  table('users', [id(), str('email')], { primaryKey: { columns: ['id'] }, indexes: [{ columns: ['email'], unique: true }] }),
  table('posts', [id(), int('user_id')], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['user_id'], 'users')] }),
);
const shouted = schema(
  table('Users', [id('ID'), str('Email')], { primaryKey: { columns: ['ID'] }, indexes: [{ columns: ['Email'], unique: true }] }),
  table('POSTS', [id('Id'), int('User_Id')], { primaryKey: { columns: ['Id'] }, foreignKeys: [fk(['User_Id'], 'Users', { references: { table: 'Users', columns: ['ID'] } })] }),
);

describe('case-insensitive identifiers', () => {
  test('tables and columns differing only in case are the live ones where the database says so (SQLite)', () => {
    const caps = { ...sqliteLike, caseInsensitiveTables: true, caseInsensitiveColumns: true };
    expect(planMigration(live, shouted, { capabilities: caps }).operations).toEqual([]);
  });

  test('columns only (MySQL with lower_case_table_names = 0): a column spelled otherwise is the live one', () => {
    const caps = { ...pgLike, caseInsensitiveColumns: true };
    const desired = schema(
      table('users', [id('Id'), str('EMAIL')], { primaryKey: { columns: ['Id'] }, indexes: [{ columns: ['EMAIL'], unique: true }] }),
      table('posts', [id(), int('USER_ID')], { foreignKeys: [fk(['USER_ID'], 'users', { references: { table: 'users', columns: ['ID'] } })] }),
    );
    expect(planMigration(live, desired, { capabilities: caps }).operations).toEqual([]);
    // Tables stay case-sensitive there: `Users` is another table.
    const kinds = planMigration(live, shouted, { capabilities: caps }).operations.map((o) => `${o.kind} ${o.table}`);
    expect(kinds).toContain('createTable Users');
  });

  test('where names are case-sensitive (PostgreSQL) `Users` and `users` are two tables', () => {
    const kinds = planMigration(live, shouted, { capabilities: pgLike, allowDestructive: true }).operations.map((o) => `${o.kind} ${o.table}`);
    expect(kinds).toEqual(expect.arrayContaining(['createTable Users', 'createTable POSTS']));
  });

  test('an ambiguous spelling (two live tables differing only in case) is left alone', () => {
    const both = schema(table('a', [id()]), table('A', [id()]));
    const caps = { ...sqliteLike, caseInsensitiveTables: true, caseInsensitiveColumns: true };
    const desired = schema(table('a', [id()]), table('A', [id()]), table('B', [id()]));
    expect(adoptLiveSpelling(both, desired, caps)).toBe(desired);
  });

  test('desired tables or columns differing only in case are refused where the database ignores case, kept on PostgreSQL', () => {
    const twoTables = schema(table('Users', [id()]), table('users', [id()]));
    const twoColumns = schema(table('t', [id(), str('Email'), str('email')]));
    const sqlite = { ...sqliteLike, caseInsensitiveTables: true, caseInsensitiveColumns: true };
    const codes = (desired: typeof twoTables, caps: typeof sqlite): string[] => {
      try {
        planMigration(schema(), desired, { capabilities: caps });
        return [];
      } catch (err) {
        return err instanceof SchemaValidationError ? err.errors.map((e) => `${e.code} ${e.message}`) : [String(err)];
      }
    };
    expect(codes(twoTables, sqlite)).toEqual([expect.stringMatching(/^SCHEMA\.DUPLICATE_TABLE Tables "Users" and "users" differ only in case/)]);
    expect(codes(twoColumns, sqlite)).toEqual([expect.stringMatching(/^SCHEMA\.DUPLICATE_COLUMN Table "t": columns "Email" and "email" differ only in case/)]);
    // MySQL with lower_case_table_names = 0: tables are case-sensitive, columns are not.
    expect(codes(twoTables, { ...pgLike, caseInsensitiveColumns: true })).toEqual([]);
    expect(codes(twoColumns, { ...pgLike, caseInsensitiveColumns: true })).toHaveLength(1);
    expect(planMigration(schema(), twoTables, { capabilities: pgLike }).operations.map((o) => `${o.kind} ${o.table}`)).toEqual(['createTable Users', 'createTable users']);
    expect(codes(twoColumns, pgLike)).toEqual([]);
  });
});
