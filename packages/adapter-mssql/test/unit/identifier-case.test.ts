/**
 * SQL Server compares names by the database collation, case-insensitive by
 * default: the adapter says so in its capabilities, so a file's `Users` is
 * the live `users` and a Users/users pair is refused at plan time with a
 * sentence naming both, not by the server halfway through a migration.
 */
import { computePlan, SchemaValidationError, type Schema, type Table } from '@odac/core';
import adapter from '@odac/adapter-mssql';

const t = (name: string, columns: string[] = ['id']): Table => ({
  name,
  columns: columns.map((c) => ({ name: c, type: { kind: 'integer', size: 'regular' }, nullable: c !== 'id' })),
  primaryKey: { columns: ['id'] },
  indexes: [],
  foreignKeys: [],
});
const schema = (...tables: Table[]): Schema => ({ tables });

describe('SQL Server names are case-insensitive', () => {
  it('plans nothing for a file saying Users/Email against live users/email', () => {
    const live = adapter.normalize(schema(t('users', ['id', 'email'])));
    expect(computePlan(adapter, live, schema(t('Users', ['id', 'Email']))).plan.operations).toEqual([]);
  });

  it('refuses two tables or two columns differing only in case, naming both', () => {
    const refused = (desired: Schema): string[] => {
      try {
        computePlan(adapter, schema(), desired);
        return [];
      } catch (err) {
        return err instanceof SchemaValidationError ? err.errors.map((e) => e.code) : [String(err)];
      }
    };
    expect(refused(schema(t('Users'), t('users')))).toEqual(['SCHEMA.DUPLICATE_TABLE']);
    expect(refused(schema(t('t', ['id', 'Email', 'email'])))).toEqual(['SCHEMA.DUPLICATE_COLUMN']);
  });
});
