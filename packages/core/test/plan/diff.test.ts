import { diffSchemas, isEmptyTableDiff } from '../../src/index.js';
import { fk, id, int, schema, str, table } from '../helpers.js';

describe('diffSchemas', () => {
  const users = table('users', [id(), str('email')]);
  const posts = table('posts', [id(), int('user_id')], { foreignKeys: [fk(['user_id'], 'users', { onDelete: 'CASCADE' })] });

  it('finds nothing between equal schemas', () => {
    const d = diffSchemas(schema(users, posts), schema(users, posts));
    expect(d.createTables).toEqual([]);
    expect(d.dropTables).toEqual([]);
    expect(d.alterTables.every(isEmptyTableDiff)).toBe(true);
  });

  it('matches foreign keys by meaning, not by name', () => {
    const named = table('posts', posts.columns, { foreignKeys: [{ ...posts.foreignKeys[0]!, name: 'posts_user_id_foreign' }] });
    const d = diffSchemas(schema(users, named), schema(users, posts));
    expect(d.alterTables.every(isEmptyTableDiff)).toBe(true);
  });

  it('replaces a foreign key whose actions change', () => {
    const setNull = table('posts', posts.columns, { foreignKeys: [fk(['user_id'], 'users', { onDelete: 'SET NULL' })] });
    const d = diffSchemas(schema(users, posts), schema(users, setNull));
    const p = d.alterTables.find((t) => t.name === 'posts')!;
    expect(p.dropForeignKeys.map((f) => f.onDelete)).toEqual(['CASCADE']);
    expect(p.addForeignKeys.map((f) => f.onDelete)).toEqual(['SET NULL']);
  });

  it('matches indexes by columns and uniqueness, not name', () => {
    const a = table('users', users.columns, { indexes: [{ name: 'users_email_unique', columns: ['email'], unique: true }] });
    const b = table('users', users.columns, { indexes: [{ columns: ['email'], unique: true }] });
    expect(diffSchemas(schema(a), schema(b)).alterTables.every(isEmptyTableDiff)).toBe(true);
    const c = table('users', users.columns, { indexes: [{ columns: ['email'], unique: false }] });
    const d = diffSchemas(schema(a), schema(c)).alterTables[0]!;
    expect(d.dropIndexes).toHaveLength(1);
    expect(d.addIndexes).toHaveLength(1);
  });

  it('treats 0 and "0" defaults on numeric columns, and a null default and none, as equal', () => {
    const a = table('t', [id(), int('n', { default: { kind: 'literal', value: '0' } }), str('s', 10, { default: { kind: 'literal', value: null } })]);
    const b = table('t', [id(), int('n', { default: { kind: 'literal', value: 0 } }), str('s', 10)]);
    expect(diffSchemas(schema(a), schema(b)).alterTables.every(isEmptyTableDiff)).toBe(true);
  });

  it('resolves renamedFrom for tables and columns and carries keys along', () => {
    const from = schema(users, posts);
    const authors = table('authors', [id(), str('mail', 255, { renamedFrom: 'email' })], { renamedFrom: 'users' });
    const posts2 = table('posts', [id(), int('author_id', { renamedFrom: 'user_id' })], {
      foreignKeys: [fk(['author_id'], 'authors', { onDelete: 'CASCADE' })],
    });
    const d = diffSchemas(from, schema(authors, posts2));
    expect(d.renameTables).toEqual([{ from: 'users', to: 'authors' }]);
    expect(d.createTables).toEqual([]);
    expect(d.dropTables).toEqual([]);
    const p = d.alterTables.find((t) => t.name === 'posts')!;
    expect(p.renameColumns).toEqual([{ from: 'user_id', to: 'author_id' }]);
    expect(p.dropForeignKeys).toEqual([]);
    expect(p.addForeignKeys).toEqual([]);
    const a = d.alterTables.find((t) => t.name === 'authors')!;
    expect(a.originalName).toBe('users');
    expect(a.renameColumns).toEqual([{ from: 'email', to: 'mail' }]);
  });

  it('ignores a stale renamedFrom once the old name is gone', () => {
    const t = table('authors', [id()], { renamedFrom: 'users' });
    const d = diffSchemas(schema(table('authors', [id()])), schema(t));
    expect(d.renameTables).toEqual([]);
    expect(d.alterTables.every(isEmptyTableDiff)).toBe(true);
  });
});
