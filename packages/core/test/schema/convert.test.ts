import { buildSchema, type Column, type ColumnType, type Table } from '@odac/core';
import { sourced } from './helpers.js';

/** Builds one table from its definition (file `/schema/<name>.js`). */
function build(name: string, definition: unknown, others: Readonly<Record<string, unknown>> = {}): Table {
  const { schema } = buildSchema(sourced({ [`${name}.js`]: definition, ...others }));
  const t = schema.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

function column(def: Record<string, unknown>): Column {
  const t = build('t', { columns: { c: def } });
  const c = t.columns[0];
  if (!c) throw new Error('no column');
  return c;
}

describe('type mapping', () => {
  const cases: [string, Record<string, unknown>, ColumnType][] = [
    ['integer', { type: 'integer' }, { kind: 'integer', size: 'regular' }],
    ['integer unsigned', { type: 'integer', unsigned: true }, { kind: 'integer', size: 'regular', unsigned: true }],
    ['integer unsigned: false', { type: 'integer', unsigned: false }, { kind: 'integer', size: 'regular' }],
    ['bigInteger', { type: 'bigInteger' }, { kind: 'integer', size: 'big' }],
    ['mediumInteger', { type: 'mediumInteger', unsigned: true }, { kind: 'integer', size: 'medium', unsigned: true }],
    ['smallInteger', { type: 'smallInteger' }, { kind: 'integer', size: 'small' }],
    ['tinyInteger', { type: 'tinyInteger' }, { kind: 'integer', size: 'tiny' }],
    ['string', { type: 'string' }, { kind: 'string', length: 255 }],
    ['string(80)', { type: 'string', length: 80 }, { kind: 'string', length: 80 }],
    ['char', { type: 'char' }, { kind: 'char', length: 255 }],
    ['char(2)', { type: 'char', length: 2 }, { kind: 'char', length: 2 }],
    ['nanoid', { type: 'nanoid' }, { kind: 'string', length: 21 }],
    ['nanoid(12)', { type: 'nanoid', length: 12 }, { kind: 'string', length: 12 }],
    ['text', { type: 'text' }, { kind: 'text' }],
    ['text textType text', { type: 'text', textType: 'text' }, { kind: 'text' }],
    ['mediumtext', { type: 'text', textType: 'mediumtext' }, { kind: 'text', size: 'medium' }],
    ['longtext', { type: 'text', textType: 'longtext' }, { kind: 'text', size: 'long' }],
    ['boolean', { type: 'boolean' }, { kind: 'boolean' }],
    ['decimal', { type: 'decimal' }, { kind: 'decimal', precision: 10, scale: 2 }],
    ['decimal(8,3) unsigned', { type: 'decimal', precision: 8, scale: 3, unsigned: true }, { kind: 'decimal', precision: 8, scale: 3, unsigned: true }],
    ['decimal scale 0', { type: 'decimal', precision: 12, scale: 0 }, { kind: 'decimal', precision: 12, scale: 0 }],
    ['float', { type: 'float' }, { kind: 'float' }],
    ['double', { type: 'double' }, { kind: 'double' }],
    ['date', { type: 'date' }, { kind: 'date' }],
    ['time', { type: 'time' }, { kind: 'time' }],
    ['datetime', { type: 'datetime' }, { kind: 'datetime' }],
    ['timestamp', { type: 'timestamp' }, { kind: 'timestamp' }],
    ['timestamp withTimeZone', { type: 'timestamp', withTimeZone: true }, { kind: 'timestamp', withTimeZone: true }],
    // Kept when written: it wins over ODAC.JS compatibility, where a plain timestamp has a time zone.
    ['timestamp withTimeZone false', { type: 'timestamp', withTimeZone: false }, { kind: 'timestamp', withTimeZone: false }],
    ['json', { type: 'json' }, { kind: 'json' }],
    ['jsonb', { type: 'jsonb' }, { kind: 'json', binary: true }],
    ['uuid', { type: 'uuid' }, { kind: 'uuid' }],
    ['binary', { type: 'binary' }, { kind: 'binary' }],
    ['binary(16)', { type: 'binary', length: 16 }, { kind: 'binary', length: 16 }],
    ['enum', { type: 'enum', values: ['draft', 'published'] }, { kind: 'enum', values: ['draft', 'published'] }],
    ['specificType', { type: 'specificType', native: 'citext' }, { kind: 'native', sql: 'citext' }],
  ];
  it.each(cases)('%s', (_label, def, expected) => {
    const c = column(def);
    expect(c.type).toStrictEqual(expected);
    expect(c.nullable).toBe(true);
    expect(c.autoIncrement).toBeUndefined();
  });

  it('increments and bigIncrements are unsigned auto-increment NOT NULL primary keys', () => {
    const t = build('t', { columns: { id: { type: 'increments' } } });
    expect(t.columns).toStrictEqual([{ name: 'id', type: { kind: 'integer', size: 'regular', unsigned: true }, nullable: false, autoIncrement: true }]);
    expect(t.primaryKey).toEqual({ columns: ['id'] });
    const big = build('t', { columns: { id: { type: 'bigIncrements' } } });
    expect(big.columns[0]).toStrictEqual({ name: 'id', type: { kind: 'integer', size: 'big', unsigned: true }, nullable: false, autoIncrement: true });
  });

  it('increments with unsigned: false is a signed auto-increment key (MySQL allows one; pull writes it so)', () => {
    const t = build('t', { columns: { id: { type: 'increments', unsigned: false } } });
    expect(t.columns).toStrictEqual([{ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true }]);
    expect(t.primaryKey).toEqual({ columns: ['id'] });
    const big = build('t', { columns: { id: { type: 'bigIncrements', unsigned: false } } });
    expect(big.columns[0]).toStrictEqual({ name: 'id', type: { kind: 'integer', size: 'big' }, nullable: false, autoIncrement: true });
  });

  it('onUpdateCurrentTimestamp is taken on a specificType (datetime(3) as MySQL reports it)', () => {
    expect(column({ type: 'specificType', native: 'datetime(3)', onUpdateCurrentTimestamp: true })).toStrictEqual({
      name: 'c',
      type: { kind: 'native', sql: 'datetime(3)' },
      nullable: true,
      onUpdateCurrentTimestamp: true,
    });
  });

  it('keeps comment, renamedFrom and onUpdateCurrentTimestamp; nullable: false makes NOT NULL', () => {
    expect(column({ type: 'datetime', nullable: false, comment: 'when', renamedFrom: 'old_c', onUpdateCurrentTimestamp: true })).toStrictEqual({
      name: 'c',
      type: { kind: 'datetime' },
      nullable: false,
      onUpdateCurrentTimestamp: true,
      comment: 'when',
      renamedFrom: 'old_c',
    });
  });
});

describe('timestamps', () => {
  const ts = { type: { kind: 'timestamp' }, nullable: false, default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } };
  it('expands in place to created_at and updated_at, the same wherever it is declared', () => {
    const first = build('t', { columns: { timestamps: { type: 'timestamps' }, a: { type: 'string' } } });
    const last = build('t', { columns: { a: { type: 'string' }, timestamps: { type: 'timestamps' } } });
    expect(first.columns.map((c) => c.name)).toEqual(['created_at', 'updated_at', 'a']);
    expect(last.columns.map((c) => c.name)).toEqual(['a', 'created_at', 'updated_at']);
    expect(first.columns[0]).toStrictEqual({ name: 'created_at', ...ts });
    expect(first.columns[1]).toStrictEqual({ name: 'updated_at', ...ts });
    expect(last.columns.slice(1)).toStrictEqual(first.columns.slice(0, 2));
  });

  it('expands whatever the key is called; the key itself is not a column', () => {
    const t = build('t', { columns: { audit: { type: 'timestamps' } } });
    expect(t.columns.map((c) => c.name)).toEqual(['created_at', 'updated_at']);
  });
});

describe('defaults', () => {
  const cases: [string, Record<string, unknown>, unknown][] = [
    ['string literal', { type: 'string', default: 'draft' }, { kind: 'literal', value: 'draft' }],
    ['number literal', { type: 'integer', default: 0 }, { kind: 'literal', value: 0 }],
    ['numeric text on integer', { type: 'integer', default: '42' }, { kind: 'literal', value: 42 }],
    ['numeric text on decimal', { type: 'decimal', default: '9.50' }, { kind: 'literal', value: 9.5 }],
    ['boolean literal', { type: 'boolean', default: false }, { kind: 'literal', value: false }],
    ['boolean 1', { type: 'boolean', default: 1 }, { kind: 'literal', value: true }],
    ['boolean 0', { type: 'boolean', default: 0 }, { kind: 'literal', value: false }],
    ['null', { type: 'string', default: null }, { kind: 'literal', value: null }],
    ['raw', { type: 'uuid', default: { raw: 'gen_random_uuid()' } }, { kind: 'expression', sql: 'gen_random_uuid()' }],
    ['raw CURRENT_TIMESTAMP', { type: 'timestamp', default: { raw: 'CURRENT_TIMESTAMP' } }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ['raw current_timestamp', { type: 'timestamp', default: { raw: 'current_timestamp' } }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ['raw now()', { type: 'datetime', default: { raw: 'now()' } }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ['raw NOW()', { type: 'datetime', default: { raw: ' NOW() ' } }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ['raw CURRENT_TIMESTAMP()', { type: 'timestamp', default: { raw: 'CURRENT_TIMESTAMP()' } }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ['text CURRENT_TIMESTAMP on timestamp', { type: 'timestamp', default: 'CURRENT_TIMESTAMP' }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }],
    ['enum value', { type: 'enum', values: ['a', 'b'], default: 'b' }, { kind: 'literal', value: 'b' }],
    ['json text', { type: 'json', default: '{}' }, { kind: 'literal', value: '{}' }],
    ['native anything', { type: 'specificType', native: 'citext', default: 'x' }, { kind: 'literal', value: 'x' }],
  ];
  it.each(cases)('%s', (_label, def, expected) => {
    expect(column(def).default).toStrictEqual(expected);
  });
});

describe('primary keys', () => {
  it('several primary: true columns form a composite key in declaration order', () => {
    const t = build('t', { columns: { b: { type: 'integer', primary: true }, a: { type: 'string', primary: true }, x: { type: 'text' } } });
    expect(t.primaryKey).toEqual({ columns: ['b', 'a'] });
    expect(t.columns.map((c) => c.nullable)).toEqual([false, false, true]);
  });

  it('table-level primary makes a composite key and NOT NULL columns', () => {
    const t = build('t', { columns: { a: { type: 'integer' }, b: { type: 'integer' } }, primary: ['b', 'a'] });
    expect(t.primaryKey).toEqual({ columns: ['b', 'a'] });
    expect(t.columns.every((c) => !c.nullable)).toBe(true);
  });

  it('a table without a primary key is allowed', () => {
    const t = build('t', { columns: { a: { type: 'integer' } } });
    expect(t.primaryKey).toBeUndefined();
    expect('primaryKey' in t).toBe(false);
  });
});

describe('indexes', () => {
  it('column unique/index and table indexes, deduplicated by meaning, sorted, names and predicates only when given', () => {
    const t = build('t', {
      columns: { a: { type: 'string', unique: true }, b: { type: 'integer', index: true }, c: { type: 'integer' } },
      indexes: [
        { columns: ['a'], unique: true, name: 'uq_a' },
        { columns: ['b'] },
        { columns: ['c', 'b'], unique: false },
        { columns: ['c'], unique: true, where: 'c > 0' },
      ],
    });
    expect(t.indexes).toStrictEqual([
      { name: 'uq_a', columns: ['a'], unique: true },
      { columns: ['b'], unique: false },
      { columns: ['c', 'b'], unique: false },
      { columns: ['c'], unique: true, where: 'c > 0' },
    ]);
  });
});

describe('foreign keys', () => {
  const users = { 'users.js': { columns: { id: { type: 'increments' }, org_id: { type: 'integer' }, code: { type: 'string' } }, indexes: [{ columns: ['org_id', 'code'], unique: true }] } };

  it('accepts the shorthand and normalizes action case and spaces', () => {
    const t = build('t', { columns: { u: { type: 'integer', unsigned: true, references: 'users.id', onDelete: ' set null ', onUpdate: 'Cascade' } } }, users);
    expect(t.foreignKeys).toStrictEqual([{ columns: ['u'], references: { table: 'users', columns: ['id'] }, onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
  });

  it.each([
    ['cascade', 'CASCADE'],
    ['SET DEFAULT', 'SET DEFAULT'],
    ['restrict', 'RESTRICT'],
    ['no action', 'NO ACTION'],
    ['No  Action', 'NO ACTION'],
  ])('action %j → %s', (input, expected) => {
    const t = build('t', { columns: { u: { type: 'integer', unsigned: true, default: 1, references: { table: 'users', column: 'id' }, onDelete: input } } }, users);
    expect(t.foreignKeys[0]?.onDelete).toBe(expected);
    expect(t.foreignKeys[0]?.onUpdate).toBe('NO ACTION');
  });

  it('builds composite foreign keys, keeps a given name, and merges an identical column-level one', () => {
    const t = build(
      't',
      {
        columns: { org: { type: 'integer' }, code: { type: 'string', references: 'users.code' }, u: { type: 'integer', unsigned: true, references: 'users.id' } },
        foreignKeys: [
          { columns: ['org', 'code'], references: { table: 'users', columns: ['org_id', 'code'] }, onDelete: 'restrict', name: 'fk_t_user' },
          { columns: ['u'], references: { table: 'users', columns: ['id'] } },
        ],
      },
      { 'users.js': { ...users['users.js'], columns: { ...users['users.js'].columns, code: { type: 'string', unique: true } } } },
    );
    expect(t.foreignKeys).toStrictEqual([
      { columns: ['code'], references: { table: 'users', columns: ['code'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
      { name: 'fk_t_user', columns: ['org', 'code'], references: { table: 'users', columns: ['org_id', 'code'] }, onDelete: 'RESTRICT', onUpdate: 'NO ACTION' },
      { columns: ['u'], references: { table: 'users', columns: ['id'] }, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' },
    ]);
  });

  it('allows a self-reference', () => {
    const t = build('t', { columns: { id: { type: 'increments' }, parent_id: { type: 'integer', unsigned: true, references: 't.id', onDelete: 'SET NULL' } } });
    expect(t.foreignKeys).toHaveLength(1);
  });
});

describe('table options', () => {
  it('keeps checks (only when non-empty), comment and renamedFrom', () => {
    const t = build('t', {
      columns: { price: { type: 'decimal' } },
      checks: [{ expression: 'price >= 0' }, { name: 'ck_small', expression: 'price < 1000' }],
      comment: 'things',
      renamedFrom: 'old_t',
    });
    // sorted by expression, like the model's sortTable
    expect(t.checks).toStrictEqual([{ name: 'ck_small', expression: 'price < 1000' }, { expression: 'price >= 0' }]);
    expect(t.comment).toBe('things');
    expect(t.renamedFrom).toBe('old_t');
    const plain = build('t', { columns: { a: { type: 'text' } }, checks: [] });
    expect('checks' in plain).toBe(false);
    expect('comment' in plain).toBe(false);
  });

  it('sets source to the absolute file path and sorts tables by name', () => {
    const { schema } = buildSchema(sourced({ 'b.js': { columns: { a: { type: 'text' } } }, 'a.js': { columns: { a: { type: 'text' } } } }));
    expect(schema.tables.map((t) => [t.name, t.source])).toEqual([
      ['a', '/schema/a.js'],
      ['b', '/schema/b.js'],
    ]);
  });
});

describe('identity', () => {
  it.each(['byDefault', 'always', 'serial'] as const)("increments with identity: '%s' carries the kind", (identity) => {
    expect(column({ type: 'increments', identity })).toMatchObject({ autoIncrement: true, identity });
    expect(column({ type: 'bigIncrements', identity })).toMatchObject({ type: { kind: 'integer', size: 'big' }, autoIncrement: true, identity });
  });

  it('increments without identity leaves the kind to the adapter', () => {
    expect(column({ type: 'increments' }).identity).toBeUndefined();
  });
});

describe('collation', () => {
  it('a string column carries its collation as written', () => {
    expect(column({ type: 'string', collation: ' C ' }).collation).toBe('C');
    expect(column({ type: 'text' }).collation).toBeUndefined();
  });
});
