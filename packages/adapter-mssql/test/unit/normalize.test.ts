import { CURRENT_TIMESTAMP, type Schema } from '@odac/core';
import { col, fk, schema, table } from '@odac/adapter-testkit';
import { normalize } from '@odac/adapter-mssql';

const only = (s: Schema) => s.tables[0];

describe('normalize', () => {
  it('lowers types to what SQL Server stores', () => {
    const t = only(
      normalize(
        schema(
          table('t', [
            col.increments('id'),
            col.tinyInteger('tiny'),
            col.tinyInteger('byte', { unsigned: true }),
            col.smallInteger('small', { unsigned: true }),
            col.mediumInteger('medium'),
            col.decimal('price', 10, 2, { unsigned: true }),
            col.string('long', 5000),
            col.text('body', { size: 'long' }),
            col.datetime('seen_at'),
            col.json('payload', { binary: true }),
            col.binary('blob', { length: 10000 }),
            col.enum('status', ['pending', 'paid', 'archived']),
            col.native('code', 'NVARCHAR(10)'),
            col.native('amount', 'Money'),
          ]),
        ),
      ),
    );
    expect(t?.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', { kind: 'integer', size: 'regular' }],
      ['tiny', { kind: 'integer', size: 'small' }],
      ['byte', { kind: 'integer', size: 'tiny', unsigned: true }],
      ['small', { kind: 'integer', size: 'small' }],
      ['medium', { kind: 'integer', size: 'regular' }],
      ['price', { kind: 'decimal', precision: 10, scale: 2 }],
      ['long', { kind: 'text' }],
      ['body', { kind: 'text' }],
      ['seen_at', { kind: 'timestamp', withTimeZone: false }],
      ['payload', { kind: 'json' }],
      ['blob', { kind: 'binary' }],
      ['status', { kind: 'enum', values: ['archived', 'paid', 'pending'] }],
      ['code', { kind: 'string', length: 10 }],
      ['amount', { kind: 'native', sql: 'money' }],
    ]);
  });

  it('makes identity and key columns NOT NULL, drops NULL and identity defaults, types literals', () => {
    const t = only(
      normalize(
        schema(
          table(
            't',
            [
              col.integer('a', { nullable: true }),
              col.integer('b', { default: '7' }),
              col.boolean('c', { default: 1 }),
              col.string('d', 10, { default: null }),
              col.timestamp('e', { default: { kind: 'expression', sql: 'getdate()' } }),
              col.increments('id', { default: 5 }),
            ],
            { primaryKey: ['a', 'id'] },
          ),
        ),
      ),
    );
    const byName = new Map(t?.columns.map((c) => [c.name, c]));
    expect(byName.get('a')).toEqual({ name: 'a', type: { kind: 'integer', size: 'regular' }, nullable: false });
    expect(byName.get('b')?.default).toEqual({ kind: 'literal', value: 7 });
    expect(byName.get('c')?.default).toEqual({ kind: 'literal', value: true });
    expect(byName.get('d')?.default).toBeUndefined();
    expect(byName.get('e')?.default).toEqual({ kind: 'expression', sql: CURRENT_TIMESTAMP });
    expect(byName.get('id')).toEqual({ name: 'id', type: { kind: 'integer', size: 'regular' }, nullable: false, autoIncrement: true });
  });

  it('reads RESTRICT as NO ACTION and drops onUpdateCurrentTimestamp', () => {
    const s = normalize(
      schema(
        table('a', [col.increments('id')]),
        table('b', [col.increments('id'), col.integer('a_id'), col.timestamp('t', { onUpdateCurrentTimestamp: true })], {
          foreignKeys: [fk('a_id', 'a', 'id', { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })],
        }),
      ),
    );
    const b = s.tables.find((t) => t.name === 'b');
    expect(b?.foreignKeys[0]).toMatchObject({ onDelete: 'NO ACTION', onUpdate: 'NO ACTION' });
    expect(b?.columns.find((c) => c.name === 't')?.onUpdateCurrentTimestamp).toBeUndefined();
  });

  it('drops deferrable and match: SQL Server keys are never deferrable and have no MATCH clause', () => {
    const s = normalize(
      schema(
        table('a', [col.increments('id')]),
        table('b', [col.increments('id'), col.integer('a_id')], {
          foreignKeys: [fk('a_id', 'a', 'id', { onDelete: 'CASCADE', deferrable: 'deferred', match: 'full' })],
        }),
      ),
    );
    expect(s.tables.find((t) => t.name === 'b')?.foreignKeys).toStrictEqual([
      { columns: ['a_id'], references: { table: 'a', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ]);
  });

  it('reads an enum- or json-shaped check on a matching column as that type, as introspection does', () => {
    const t = only(
      normalize(
        schema(
          table('t', [col.string('kind', 255), col.text('doc'), col.string('short', 20)], {
            checks: [{ expression: "kind IN ('b', 'a')" }, { expression: 'ISJSON(doc) = 1' }, { expression: "short IN ('x')" }, { expression: 'len(kind) > 0' }],
          }),
        ),
      ),
    );
    expect(t?.columns.map((c) => c.type)).toEqual([{ kind: 'enum', values: ['a', 'b'] }, { kind: 'json' }, { kind: 'string', length: 20 }]);
    expect(t?.checks?.map((c) => c.expression)).toEqual(["short IN ('x')", 'len(kind) > 0'].sort());
  });
});
