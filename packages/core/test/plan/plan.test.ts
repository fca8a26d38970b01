import { planMigration, type Operation } from '../../src/index.js';
import { fk, id, int, pgLike, schema, sqliteLike, str, table } from '../helpers.js';

const kinds = (ops: readonly Operation[]): string[] => ops.map((o) => `${o.kind}:${o.table}`);

describe('planMigration', () => {
  const users = table('users', [id(), str('email')], { indexes: [{ columns: ['email'], unique: true }] });
  const posts = table('posts', [id(), int('user_id')], { foreignKeys: [fk(['user_id'], 'users', { onDelete: 'CASCADE' })] });

  it('creates tables, then indexes, then foreign keys (so cycles work)', () => {
    const a = table('a', [id(), int('b_id')], { foreignKeys: [fk(['b_id'], 'b')] });
    const b = table('b', [id(), int('a_id')], { foreignKeys: [fk(['a_id'], 'a')] });
    const plan = planMigration(schema(), schema(users, posts, a, b), { capabilities: pgLike });
    expect(kinds(plan.operations)).toEqual([
      'createTable:a',
      'createTable:b',
      'createTable:posts',
      'createTable:users',
      'addIndex:users',
      'addForeignKey:a',
      'addForeignKey:b',
      'addForeignKey:posts',
    ]);
    const addFk = plan.operations.find((o) => o.kind === 'addForeignKey' && o.table === 'posts');
    expect(addFk).toMatchObject({ foreignKey: { name: 'fk_posts_user_id', onDelete: 'CASCADE' } });
    expect(plan.operations.find((o) => o.kind === 'addIndex')).toMatchObject({ index: { name: 'uq_users_email' } });
  });

  it('inlines foreign keys on create where the database cannot add them later', () => {
    const plan = planMigration(schema(), schema(users, posts), { capabilities: sqliteLike });
    expect(kinds(plan.operations)).toEqual(['createTable:posts', 'createTable:users', 'addIndex:users']);
    const create = plan.operations[0];
    expect(create?.kind === 'createTable' && create.definition.foreignKeys.map((f) => f.name)).toEqual(['fk_posts_user_id']);
  });

  it('plans nothing for equal schemas', () => {
    const plan = planMigration(schema(users, posts), schema(users, posts), { capabilities: pgLike });
    expect(plan.operations).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.preflight).toEqual([]);
  });

  it('changes foreign key actions as a drop and an add of that one key, keeping its live name', () => {
    const live = schema(users, table('posts', posts.columns, { foreignKeys: [{ ...posts.foreignKeys[0]!, name: 'posts_user_fk' }] }));
    const desired = schema(users, table('posts', [id(), int('user_id')], { foreignKeys: [fk(['user_id'], 'users', { onDelete: 'SET NULL' })] }));
    const plan = planMigration(live, desired, { capabilities: pgLike });
    expect(kinds(plan.operations)).toEqual(['dropForeignKey:posts', 'addForeignKey:posts']);
    expect(plan.operations[1]).toMatchObject({ foreignKey: { name: 'posts_user_fk', onDelete: 'SET NULL' } });
    // Columns and target are unchanged, so the rows already satisfy the key: no orphan scan.
    expect(plan.preflight).toEqual([]);
  });

  it('rebuilds the table on SQLite-like databases instead of altering foreign keys', () => {
    const desired = schema(users, table('posts', [id(), int('user_id')], { foreignKeys: [fk(['user_id'], 'users', { onDelete: 'SET NULL' })] }));
    const plan = planMigration(schema(users, posts), desired, { capabilities: sqliteLike });
    expect(kinds(plan.operations)).toEqual(['rebuildTable:posts']);
    const op = plan.operations[0]!;
    if (op.kind !== 'rebuildTable') throw new Error('expected a rebuild');
    expect(op.to.foreignKeys).toEqual([{ ...fk(['user_id'], 'users', { onDelete: 'SET NULL' }), name: 'fk_posts_user_id' }]);
    expect(op.columnMap).toEqual([
      { from: 'id', to: 'id' },
      { from: 'user_id', to: 'user_id' },
    ]);
    expect(kinds(op.replaces)).toEqual(['dropForeignKey:posts', 'addForeignKey:posts']);
  });

  it('classifies a rebuild as destructive when it replaces an allowed destructive operation', () => {
    const live = schema(table('t', [id(), str('a'), str('b')]));
    const desired = schema(table('t', [id(), str('a')]));
    const skipped = planMigration(live, desired, { capabilities: sqliteLike });
    expect(skipped.operations).toEqual([]);
    expect(skipped.skipped.map((s) => s.operation.kind)).toEqual(['dropColumn']);
    const allowed = planMigration(live, desired, { capabilities: sqliteLike, allowDestructive: true });
    expect(allowed.operations.map((o) => `${o.kind}:${o.classification}`)).toEqual(['rebuildTable:destructive']);
    const widened = planMigration(live, schema(table('t', [id(), str('a', 300), str('b')])), { capabilities: sqliteLike });
    expect(widened.operations.map((o) => `${o.kind}:${o.classification}`)).toEqual(['rebuildTable:changing']);
  });

  it('skips destructive operations unless allowed, and lists them with the flag', () => {
    const desired = schema(table('users', [id()]));
    const plan = planMigration(schema(users, posts), desired, { capabilities: pgLike, dropUnmanagedTables: true });
    // Dropping the unique index gives up the uniqueness it enforces: destructive to integrity.
    expect(kinds(plan.operations)).toEqual([]);
    expect(plan.skipped.map((s) => `${s.operation.kind}:${s.operation.table}:${s.allowWith}`)).toEqual([
      'dropIndex:users:allowDestructive',
      'dropColumn:users:allowDestructive',
      'dropTable:posts:allowDestructive',
    ]);
    expect(plan.unmanagedTables).toEqual(['posts']);
    const allowed = planMigration(schema(users, posts), desired, { capabilities: pgLike, allowDestructive: true, dropUnmanagedTables: true });
    expect(kinds(allowed.operations)).toEqual(['dropIndex:users', 'dropColumn:users', 'dropTable:posts']);
  });

  it('lists tables without a schema file as unmanaged and leaves them alone, even when destructive changes are allowed', () => {
    const plan = planMigration(schema(users, posts), schema(users), { capabilities: pgLike, allowDestructive: true });
    expect(plan.unmanagedTables).toEqual(['posts']);
    expect(plan.operations).toEqual([]);
    expect(plan.skipped).toEqual([]);
  });

  it('drops the key of a table going away first when the table it references gets a new primary key (found by random convergence on PostgreSQL)', () => {
    // PostgreSQL refuses to drop a primary key a foreign key depends on; tables are dropped after the changes.
    const tags = (deferrable?: 'immediate') => table('tags', [id()], { primaryKey: { columns: ['id'], ...(deferrable ? { deferrable } : {}) } });
    const comments = table('comments', [id(), int('tag_id', { nullable: false })], { foreignKeys: [fk(['tag_id'], 'tags')] });
    const plan = planMigration(schema(comments, tags()), schema(tags('immediate')), { capabilities: pgLike, allowDestructive: true, dropUnmanagedTables: true });
    expect(plan.operations.map((o) => `${o.kind}:${o.table}`)).toEqual(['dropForeignKey:comments', 'setPrimaryKey:tags', 'dropTable:comments']);
    // Once, also when a referenced column changes type too.
    const wider = table('tags', [{ ...id(), type: { kind: 'integer', size: 'big' } }], { primaryKey: { columns: ['id'], deferrable: 'immediate' } });
    const both = planMigration(schema(comments, tags()), schema(wider), { capabilities: pgLike, allowDestructive: true, dropUnmanagedTables: true });
    expect(both.operations.filter((o) => o.kind === 'dropForeignKey').map((o) => o.table)).toEqual(['comments']);
  });

  it('never touches ignored tables', () => {
    const plan = planMigration(schema(users, table('sessions', [id()])), schema(users), {
      capabilities: pgLike,
      allowDestructive: true,
      dropUnmanagedTables: true,
      ignoreTables: ['sess*'],
    });
    expect(plan.operations).toEqual([]);
    expect(plan.unmanagedTables).toEqual([]);
  });

  it('keeps the non-narrowing part of an alter when the type change is not allowed', () => {
    const live = schema(table('t', [id(), str('name', 255)]));
    const desired = schema(table('t', [id(), str('name', 100, { nullable: false })]));
    const plan = planMigration(live, desired, { capabilities: pgLike });
    expect(plan.skipped).toHaveLength(1);
    expect(plan.operations).toHaveLength(1);
    expect(plan.operations[0]).toMatchObject({ kind: 'alterColumn', changes: ['nullable'], to: { type: { kind: 'string', length: 255 } } });
    expect(plan.preflight).toEqual([{ kind: 'notNull', table: 't', column: 'name' }]);
  });

  it('preflights orphans for a new key, duplicates for a new unique index, and rows for NOT NULL without default', () => {
    const live = schema(table('users', [id(), str('email')]), table('posts', [id(), int('user_id')]));
    const desired = schema(
      table('users', [id(), str('email')], { indexes: [{ columns: ['email'], unique: true }] }),
      table('posts', [id(), int('user_id'), str('title', 255, { nullable: false })], { foreignKeys: [fk(['user_id'], 'users')] }),
    );
    const plan = planMigration(live, desired, { capabilities: pgLike });
    expect(plan.preflight).toEqual([
      { kind: 'emptyTable', table: 'posts', column: 'title' },
      {
        kind: 'foreignKey',
        table: 'posts',
        constraint: 'fk_posts_user_id',
        columns: ['user_id'],
        references: { table: 'users', columns: ['id'] },
        targetIsNew: false,
      },
      { kind: 'unique', table: 'users', constraint: 'uq_users_email', columns: ['email'] },
    ]);
  });

  it('drops and re-adds keys around a type change of a referenced column', () => {
    const live = schema(users, posts);
    const bigUsers = table('users', [{ ...id(), type: { kind: 'integer', size: 'big' } }, str('email')], { indexes: users.indexes });
    const bigPosts = table('posts', [id(), { ...int('user_id'), type: { kind: 'integer', size: 'big' } }], { foreignKeys: posts.foreignKeys });
    const plan = planMigration(live, schema(bigUsers, bigPosts), { capabilities: pgLike });
    expect(kinds(plan.operations)).toEqual(['dropForeignKey:posts', 'alterColumn:posts', 'alterColumn:users', 'addForeignKey:posts']);
  });

  it('drops the keys of a table being dropped before a column they reference changes type', () => {
    const bigUsers = table('users', [{ ...id(), type: { kind: 'integer', size: 'big' } }, str('email')], { indexes: users.indexes });
    const plan = planMigration(schema(users, posts), schema(bigUsers), { capabilities: pgLike, allowDestructive: true, dropUnmanagedTables: true });
    expect(kinds(plan.operations)).toEqual(['dropForeignKey:posts', 'alterColumn:users', 'dropTable:posts']);
  });

  it('drops and re-adds an unmanaged table\'s key around a type change of the column it references', () => {
    const bigUsers = table('users', [{ ...id(), type: { kind: 'integer', size: 'big' } }, str('email')], { indexes: users.indexes });
    const plan = planMigration(schema(users, posts), schema(bigUsers), { capabilities: pgLike });
    expect(kinds(plan.operations)).toEqual(['dropForeignKey:posts', 'alterColumn:users', 'addForeignKey:posts']);
    expect(plan.unmanagedTables).toEqual(['posts']);
  });

  it('plans renames instead of drop and add, and hints when a rename looks likely', () => {
    const live = schema(table('t', [id(), str('title')]));
    const renamed = planMigration(live, schema(table('t', [id(), str('headline', 255, { renamedFrom: 'title' })])), { capabilities: pgLike });
    expect(renamed.operations).toEqual([{ kind: 'renameColumn', table: 't', classification: 'changing', from: 'title', to: 'headline' }]);
    const guessed = planMigration(live, schema(table('t', [id(), str('headline')])), { capabilities: pgLike });
    expect(guessed.warnings[0]).toContain("renamedFrom: 'title'");
  });

  it('is deterministic: same input, byte-identical plan', () => {
    const a = JSON.stringify(planMigration(schema(), schema(users, posts), { capabilities: pgLike }));
    const b = JSON.stringify(planMigration(schema(), schema(posts, users), { capabilities: pgLike }));
    expect(a).toBe(b);
  });
});
