/**
 * Golden SQL. Emission is the same for MySQL 8 and MariaDB 10.6+ (both
 * accept every form used: `json`, `DEFAULT (expr)`, `RENAME COLUMN`,
 * `DROP CONSTRAINT`), so one expectation serves both flavors; what differs
 * between them is how the catalogs read back (introspect.test.ts).
 */
import { computePlan, emptySchema, type Operation, type Schema, type Table } from '@odac/core';
import adapter, { emit, normalize } from '@odac/adapter-mysql';
import { blogSchema } from './support/blog.js';

const sqlOf = (from: Schema, to: Schema, online = false): string[] =>
  computePlan(adapter, normalize(from), to, { allowDestructive: true, emit: { online } }).statements.map((s) => s.sql);

const mapTable = (schema: Schema, name: string, fn: (t: Table) => Table): Schema => ({
  tables: schema.tables.map((t) => (t.name === name ? fn(t) : t)),
});

describe('emit', () => {
  it('creates the blog: tables with their indexes, then foreign keys per table', () => {
    expect(sqlOf(emptySchema, blogSchema())).toEqual([
      [
        'CREATE TABLE `comments` (',
        '  `id` int unsigned NOT NULL AUTO_INCREMENT,',
        '  `post_id` int unsigned NOT NULL,',
        '  `user_id` int unsigned NULL,',
        '  `parent_id` int unsigned NULL,',
        '  `body` text NOT NULL,',
        '  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,',
        '  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,',
        '  PRIMARY KEY (`id`),',
        '  INDEX `fk_comments_parent_id` (`parent_id`),',
        '  INDEX `idx_comments_post_id_created_at` (`post_id`, `created_at`),',
        '  INDEX `fk_comments_user_id` (`user_id`)',
        ') ENGINE=InnoDB',
      ].join('\n'),
      [
        'CREATE TABLE `post_tags` (',
        '  `post_id` int unsigned NOT NULL,',
        '  `tag_id` int unsigned NOT NULL,',
        '  `position` smallint NOT NULL DEFAULT 0,',
        '  PRIMARY KEY (`post_id`, `tag_id`),',
        '  INDEX `fk_post_tags_tag_id` (`tag_id`)',
        ') ENGINE=InnoDB',
      ].join('\n'),
      [
        'CREATE TABLE `posts` (',
        '  `id` int unsigned NOT NULL AUTO_INCREMENT,',
        '  `title` varchar(255) NULL,',
        '  `content` text NULL,',
        '  `user_id` int unsigned NULL,',
        '  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,',
        '  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,',
        '  PRIMARY KEY (`id`),',
        '  INDEX `fk_posts_user_id` (`user_id`)',
        ') ENGINE=InnoDB',
      ].join('\n'),
      [
        'CREATE TABLE `tags` (',
        '  `id` int unsigned NOT NULL AUTO_INCREMENT,',
        '  `slug` varchar(64) NOT NULL,',
        '  `label` varchar(120) NOT NULL,',
        '  PRIMARY KEY (`id`),',
        '  UNIQUE INDEX `uq_tags_slug` (`slug`)',
        ') ENGINE=InnoDB',
      ].join('\n'),
      [
        'CREATE TABLE `users` (',
        '  `id` int unsigned NOT NULL AUTO_INCREMENT,',
        '  `email` varchar(255) NOT NULL,',
        '  `name` varchar(120) NULL,',
        "  `role` enum('reader','author','admin') NOT NULL DEFAULT 'reader',",
        '  `active` tinyint(1) NOT NULL DEFAULT 1,',
        '  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,',
        '  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,',
        '  PRIMARY KEY (`id`),',
        '  UNIQUE INDEX `uq_users_email` (`email`)',
        ') ENGINE=InnoDB',
      ].join('\n'),
      'ALTER TABLE `comments` ' +
        'ADD CONSTRAINT `fk_comments_parent_id` FOREIGN KEY (`parent_id`) REFERENCES `comments` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT, ' +
        'ADD CONSTRAINT `fk_comments_post_id` FOREIGN KEY (`post_id`) REFERENCES `posts` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT, ' +
        'ADD CONSTRAINT `fk_comments_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL ON UPDATE RESTRICT',
      'ALTER TABLE `post_tags` ' +
        'ADD CONSTRAINT `fk_post_tags_post_id` FOREIGN KEY (`post_id`) REFERENCES `posts` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, ' +
        'ADD CONSTRAINT `fk_post_tags_tag_id` FOREIGN KEY (`tag_id`) REFERENCES `tags` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT',
      'ALTER TABLE `posts` ADD CONSTRAINT `fk_posts_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE',
    ]);
  });

  it('changes an FK action with a drop and an add, and leaves its index alone', () => {
    expect(sqlOf(blogSchema('CASCADE'), blogSchema('SET NULL'))).toEqual([
      'ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_user_id`',
      'ALTER TABLE `posts` ADD CONSTRAINT `fk_posts_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL ON UPDATE CASCADE',
    ]);
  });

  it('merges every change to one table into one ALTER TABLE, FK drops first, FK adds last', () => {
    const from = blogSchema();
    let to = mapTable(from, 'users', (t) => ({
      ...t,
      columns: [
        ...t.columns.map((c) => (c.name === 'name' ? { ...c, type: { kind: 'string' as const, length: 200 }, comment: 'display name' } : c)),
        { name: 'bio', type: { kind: 'text' as const }, nullable: true },
      ],
      indexes: [...t.indexes, { columns: ['name'], unique: false }],
      comment: 'people',
    }));
    // comments.user_id loses its foreign key: the key goes, then the index MySQL made for it.
    to = mapTable(to, 'comments', (t) => ({ ...t, foreignKeys: t.foreignKeys.filter((f) => f.columns[0] !== 'user_id') }));
    expect(sqlOf(from, to)).toEqual([
      'ALTER TABLE `comments` DROP FOREIGN KEY `fk_comments_user_id`',
      'ALTER TABLE `comments` DROP INDEX `fk_comments_user_id`',
      "ALTER TABLE `users` ADD COLUMN `bio` text NULL, MODIFY COLUMN `name` varchar(200) NULL COMMENT 'display name', ADD INDEX `idx_users_name` (`name`), COMMENT='people'",
    ]);
  });

  it('keeps a statement per phase with the first operation it covers and its table', () => {
    const result = computePlan(adapter, emptySchema, blogSchema());
    const posts = result.statements.filter((s) => s.table === 'posts');
    expect(posts.map((s) => result.plan.operations[s.operation ?? -1]?.kind)).toEqual(['createTable', 'addForeignKey']);
    expect(result.statements.every((s) => s.transactional === false)).toBe(true);
  });

  it('folds a rename and a change of the same column into CHANGE COLUMN', () => {
    const from = blogSchema();
    const to = mapTable(from, 'tags', (t) => ({
      ...t,
      columns: t.columns.map((c) => (c.name === 'label' ? { ...c, name: 'title', renamedFrom: 'label', type: { kind: 'string' as const, length: 200 } } : c)),
    }));
    expect(sqlOf(from, to)).toEqual(['ALTER TABLE `tags` CHANGE COLUMN `label` `title` varchar(200) NOT NULL']);
  });

  it('renames a column in place when nothing else about it changes', () => {
    const from = blogSchema();
    const to = mapTable(from, 'tags', (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'label' ? { ...c, name: 'title', renamedFrom: 'label' } : c)) }));
    expect(sqlOf(from, to)).toEqual(['ALTER TABLE `tags` RENAME COLUMN `label` TO `title`']);
  });

  it('asks for ALGORITHM=INPLACE, LOCK=NONE on ALTER TABLE with --online', () => {
    const from = blogSchema();
    const to = mapTable(from, 'tags', (t) => ({ ...t, indexes: [...t.indexes, { columns: ['label'], unique: false }] }));
    expect(sqlOf(from, to, true)).toEqual(['ALTER TABLE `tags` ADD INDEX `idx_tags_label` (`label`), ALGORITHM=INPLACE, LOCK=NONE']);
    expect(sqlOf(emptySchema, { tables: [to.tables.find((t) => t.name === 'tags') as Table] }, true)[0]).toMatch(/^CREATE TABLE [^]*InnoDB$/);
  });

  it('writes explicit NULL defaults for nullable timestamps, ON UPDATE, comments, checks and native indexes', () => {
    const table: Table = {
      name: 'events',
      columns: [
        { name: 'id', type: { kind: 'integer', size: 'big', unsigned: true }, nullable: false, autoIncrement: true },
        { name: 'seen_at', type: { kind: 'timestamp' }, nullable: true },
        { name: 'at', type: { kind: 'native', sql: 'datetime(3)' }, nullable: false, default: { kind: 'expression', sql: 'now(3)' }, onUpdateCurrentTimestamp: true },
        { name: 'note', type: { kind: 'text' }, nullable: true, default: { kind: 'literal', value: "it's" }, comment: 'free text' },
        { name: 'qty', type: { kind: 'integer', size: 'regular' }, nullable: false, default: { kind: 'literal', value: 0 } },
      ],
      primaryKey: { columns: ['id'] },
      indexes: [{ name: 'ft_note', columns: ['note'], unique: false, native: 'FULLTEXT (note)' }],
      foreignKeys: [],
      checks: [{ name: 'qty_positive', expression: 'qty >= 0' }],
      comment: 'what happened',
    };
    expect(sqlOf(emptySchema, { tables: [table] })).toEqual([
      [
        'CREATE TABLE `events` (',
        '  `id` bigint unsigned NOT NULL AUTO_INCREMENT,',
        '  `seen_at` timestamp NULL DEFAULT NULL,',
        '  `at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),',
        "  `note` text NULL DEFAULT ('it''s') COMMENT 'free text',",
        '  `qty` int NOT NULL DEFAULT 0,',
        '  PRIMARY KEY (`id`),',
        '  FULLTEXT INDEX `ft_note` (`note`),',
        '  CONSTRAINT `qty_positive` CHECK (qty >= 0)',
        ") ENGINE=InnoDB COMMENT='what happened'",
      ].join('\n'),
    ]);
  });

  it('emits a rebuild as the operations it stands for', () => {
    const add: Operation = { kind: 'addColumn', table: 't', classification: 'additive', column: { name: 'c', type: { kind: 'boolean' }, nullable: true } };
    const t: Table = { name: 't', columns: [], indexes: [], foreignKeys: [] };
    const sql = emit([{ kind: 'rebuildTable', table: 't', classification: 'changing', from: t, to: t, columnMap: [], replaces: [add] }]).map((s) => s.sql);
    expect(sql).toEqual(['ALTER TABLE `t` ADD COLUMN `c` tinyint(1) NULL']);
  });

  it('quotes identifiers with backticks, doubling embedded ones', () => {
    const t: Table = { name: 'we`ird table', columns: [{ name: 'or`der', type: { kind: 'integer', size: 'regular' }, nullable: true }], indexes: [], foreignKeys: [] };
    expect(sqlOf(emptySchema, { tables: [t] })[0]).toBe('CREATE TABLE `we``ird table` (\n  `or``der` int NULL\n) ENGINE=InnoDB');
  });

  it('drops a table before changing a column its foreign key referenced (MySQL refuses the change while the key exists)', () => {
    const countries = (length: number): Table => ({
      name: 'countries',
      columns: [{ name: 'code', type: { kind: 'string', length }, nullable: false }],
      primaryKey: { columns: ['code'] },
      indexes: [],
      foreignKeys: [],
    });
    const addresses: Table = {
      name: 'addresses',
      columns: [{ name: 'country_code', type: { kind: 'string', length: 2 }, nullable: false }],
      indexes: [],
      foreignKeys: [{ columns: ['country_code'], references: { table: 'countries', columns: ['code'] }, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' }],
    };
    const statements = computePlan(adapter, normalize({ tables: [addresses, countries(2)] }), { tables: [countries(8)] }, {
      allowDestructive: true,
      dropUnmanagedTables: true,
    }).statements.map((s) => s.sql);
    expect(statements.indexOf('DROP TABLE `addresses`')).toBeGreaterThanOrEqual(0);
    expect(statements.indexOf('DROP TABLE `addresses`')).toBeLessThan(statements.indexOf('ALTER TABLE `countries` MODIFY COLUMN `code` varchar(8) NOT NULL'));
  });
});

describe('table options', () => {
  const t: Table = {
    name: 't',
    columns: [
      { name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false },
      { name: 'name', type: { kind: 'string', length: 20 }, nullable: true },
      { name: 'own', type: { kind: 'native', sql: 'varchar(5) character set latin1' }, nullable: true },
    ],
    primaryKey: { columns: ['id'] },
    indexes: [],
    foreignKeys: [],
  };

  it('creates a table with its engine, default charset and collation', () => {
    expect(sqlOf(emptySchema, { tables: [{ ...t, mysql: { engine: 'MyISAM', charset: 'latin1', collation: 'latin1_bin' } }] })[0]).toMatch(/\n\) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_bin$/);
  });

  it('changes the engine alone in place, and a collation by restating the columns that follow the table default', () => {
    const live = { tables: [{ ...t, mysql: { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_general_ci' } }] };
    expect(sqlOf(live, { tables: [{ ...t, mysql: { engine: 'Aria' } }] })).toEqual(['ALTER TABLE `t` ENGINE=Aria']);
    expect(sqlOf(live, { tables: [{ ...t, mysql: { collation: 'utf8mb4_bin' } }] })).toEqual([
      'ALTER TABLE `t` DEFAULT COLLATE utf8mb4_bin, MODIFY COLUMN `name` varchar(20) NULL',
    ]);
  });

  it('plans a charset change as destructive (it re-encodes text), a collation or engine change as changing', () => {
    const live = normalize({ tables: [{ ...t, mysql: { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_general_ci' } }] });
    const plan = (mysql: Table['mysql']) => computePlan(adapter, live, { tables: [{ ...t, ...(mysql ? { mysql } : {}) }] }).plan;
    expect(plan({ charset: 'latin1' }).skipped.map((s) => s.operation.kind)).toEqual(['setTableOptions']);
    expect(plan({ engine: 'MyISAM', collation: 'utf8mb4_bin' }).operations.map((o) => [o.kind, o.classification])).toEqual([['setTableOptions', 'changing']]);
  });
});
