import { coerceDefaultWith, emitInPlanOrder, type EmittedSql, type EmitterTable, type Operation, errorMessage, fleetLocation, pooledSession, foreignKeyClause, namespacesMatching, OdacError, poolOptions, schemasByNamespace, type DefaultValue, type ForeignKey, type Schema } from '../src/index.js';

describe('poolOptions', () => {
  it('splits the pool size from the per-connection options', () => {
    expect(poolOptions({ poolSize: 4, lockTimeoutMs: 10 })).toEqual({ poolSize: 4, connect: { lockTimeoutMs: 10 } });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a pool size of %p with API.INVALID_OPTION naming the option', (poolSize) => {
    const thrown = (() => {
      try {
        poolOptions({ poolSize });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(OdacError);
    expect((thrown as OdacError).code).toBe('API.INVALID_OPTION');
    expect((thrown as OdacError).message).toContain(`got ${String(poolSize)}`);
  });
});

describe('coerceDefaultWith', () => {
  const parse = (sql: string): DefaultValue => (sql === 'NULL' ? { kind: 'literal', value: null } : sql === "'7'" ? { kind: 'literal', value: '7' } : { kind: 'expression', sql });
  const coerce = coerceDefaultWith(parse, (type, value) => (type.kind === 'integer' && typeof value === 'string' ? Number(value) : value));
  const int = { kind: 'integer', size: 'regular' } as const;

  it('parses raw SQL as the catalog would, gives literals the column type, and drops a NULL default', () => {
    expect(coerce(int, undefined)).toBeUndefined();
    expect(coerce(int, { kind: 'expression', sql: "'7'" })).toEqual({ kind: 'literal', value: 7 });
    expect(coerce(int, { kind: 'literal', value: '8' })).toEqual({ kind: 'literal', value: 8 });
    expect(coerce(int, { kind: 'expression', sql: 'NULL' })).toBeUndefined();
    expect(coerce(int, { kind: 'expression', sql: 'now()' })).toEqual({ kind: 'expression', sql: 'now()' });
  });

  it('by default keeps every digit of a number, reads booleans in any text form and makes the rest text', () => {
    const lit = (value: string | number | boolean) => ({ kind: 'literal', value }) as const;
    const plain = coerceDefaultWith(parse);
    expect(plain(int, lit(' -4 '))).toEqual(lit(-4));
    expect(plain(int, lit(true))).toEqual(lit(1));
    expect(plain({ kind: 'decimal', precision: 35, scale: 30 }, lit('0.123456789012345678901234567891'))).toEqual(lit('0.123456789012345678901234567891'));
    expect(plain({ kind: 'boolean' }, lit('off'))).toEqual(lit(false));
    expect(plain({ kind: 'text' }, lit(5))).toEqual(lit('5'));
  });
});

describe('foreignKeyClause', () => {
  const fk: ForeignKey = { name: 'fk_b_a', columns: ['a_id', 'x'], references: { table: 'a', columns: ['id', 'y'] }, onDelete: 'RESTRICT', onUpdate: 'NO ACTION' };
  const q = (n: string): string => `[${n}]`;

  it('writes both actions by default, ON DELETE first, the name only when given', () => {
    expect(foreignKeyClause(fk, q)).toBe('CONSTRAINT [fk_b_a] FOREIGN KEY ([a_id], [x]) REFERENCES [a] ([id], [y]) ON DELETE RESTRICT ON UPDATE NO ACTION');
    const { name: _name, ...unnamed } = fk;
    expect(foreignKeyClause(unnamed, q)).toBe('FOREIGN KEY ([a_id], [x]) REFERENCES [a] ([id], [y]) ON DELETE RESTRICT ON UPDATE NO ACTION');
  });

  it('takes the dialect\'s action spelling, omission of NO ACTION, order, column lists and MATCH', () => {
    expect(foreignKeyClause(fk, q, { omitNoAction: true, action: (a) => (a === 'RESTRICT' ? 'NO ACTION' : a) })).toBe('CONSTRAINT [fk_b_a] FOREIGN KEY ([a_id], [x]) REFERENCES [a] ([id], [y])');
    const cascade: ForeignKey = { ...fk, onDelete: 'SET NULL', onUpdate: 'CASCADE' };
    expect(
      foreignKeyClause(cascade, q, { updateFirst: true, omitNoAction: true, match: ' MATCH FULL', columns: (c) => c.join('+'), action: (a, on) => (on === 'DELETE' ? `${a} (x)` : a) }),
    ).toBe('CONSTRAINT [fk_b_a] FOREIGN KEY (a_id+x) REFERENCES [a] (id+y) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL (x)');
  });
});

describe('fleet helpers', () => {
  it('namespacesMatching keeps the names a namespace glob matches, in order', () => {
    expect(namespacesMatching(['tenant_1', 'tenant_10', 'other', 'tenant_2'], 'tenant_?')).toEqual(['tenant_1', 'tenant_2']);
    expect(namespacesMatching(['a.b', 'axb'], 'a.*')).toEqual(['a.b']);
  });

  it('schemasByNamespace splits tagged rows by namespace and models each; a namespace without rows gets its own call', () => {
    const rows = { tables: [{ odac_schema: 's1', name: 't' }, { odac_schema: 's2', name: 'u' }, { odac_schema: 's1', name: 'v' }], columns: [{ odac_schema: 's2', name: 'c' }] };
    const seen: [string, unknown][] = [];
    const out = schemasByNamespace(['s1', 's2', 's3'], rows, (r, n): Schema => {
      seen.push([n, r]);
      return { tables: r.tables.map((t) => ({ name: t.name, columns: [], indexes: [], foreignKeys: [] })) };
    });
    expect([...out.keys()]).toEqual(['s1', 's2', 's3']);
    expect(out.get('s1')?.tables.map((t) => t.name)).toEqual(['t', 'v']);
    expect(seen[1]).toEqual(['s2', { tables: [{ odac_schema: 's2', name: 'u' }], columns: [{ odac_schema: 's2', name: 'c' }] }]);
    expect(seen[2]).toEqual(['s3', { tables: [], columns: [] }]);
  });
});

describe('fleetLocation and errorMessage', () => {
  it('urlFor puts another namespace where `place` says, leaving the URL it was given alone', () => {
    const at = fleetLocation('srv', 'tenant_1', 'postgres://u:p@h/db?schema=tenant_1', (u, n) => u.searchParams.set('schema', n));
    expect(at).toMatchObject({ server: 'srv', namespace: 'tenant_1' });
    expect(at.urlFor('tenant_2')).toBe('postgres://u:p@h/db?schema=tenant_2');
    expect(at.urlFor('tenant_3')).toBe('postgres://u:p@h/db?schema=tenant_3');
  });

  it('errorMessage reads a message from anything that has one (errors of another realm too)', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage({ message: 'from a native module' })).toBe('from a native module');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(null)).toBe('null');
  });
});

describe('pooledSession', () => {
  it('gives the session, or CONNECT.FAILED naming the server without the password', async () => {
    await expect(pooledSession(async () => 'session', 'postgres', 'postgres://u:hunter2@h:5/db')).resolves.toBe('session');
    const failed = pooledSession(async () => Promise.reject(new Error('refused')), 'postgres', 'postgres://u:hunter2@h:5/db');
    await expect(failed).rejects.toMatchObject({ code: 'CONNECT.FAILED' });
    await expect(failed).rejects.toThrow(/h:5, database "db": refused/);
    await expect(failed).rejects.not.toThrow(/hunter2/);
  });
});

describe('emitInPlanOrder', () => {
  const emitters = Object.fromEntries(
    ['createTable', 'addIndex', 'addForeignKey'].map((kind) => [
      kind,
      (op: Operation): EmittedSql[] => [
        { sql: `${kind} ${op.table}`, lock: 'X', referenced: { table: 'a', lock: 'S' } },
        { sql: `${kind} ${op.table} online`, transactional: false, buildsIndex: 'i', cleanup: ['DROP INDEX i'] },
      ],
    ]),
  ) as unknown as EmitterTable;

  it('names each statement’s operation and table, keeps what the emitter knows, and locks no table the plan creates', () => {
    const operations: Operation[] = [
      { kind: 'createTable', table: 'b', definition: { name: 'b', columns: [], indexes: [], foreignKeys: [] }, classification: 'additive' },
      { kind: 'addIndex', table: 'c', index: { name: 'i', columns: ['id'], unique: false }, classification: 'additive' },
      { kind: 'addIndex', table: 'b', index: { name: 'j', columns: ['id'], unique: false }, classification: 'additive' },
    ] as unknown as Operation[];
    const out = emitInPlanOrder(operations, emitters, (s, op) => (op.table === 'c' ? { ...s, batchable: true } : s));
    expect(out).toEqual([
      { sql: 'createTable b', transactional: true, operation: 0, table: 'b' },
      { sql: 'createTable b online', transactional: false, operation: 0, table: 'b', buildsIndex: 'i', cleanup: ['DROP INDEX i'] },
      { sql: 'addIndex c', transactional: true, operation: 1, table: 'c', lock: 'X', referenced: { table: 'a', lock: 'S' }, batchable: true },
      { sql: 'addIndex c online', transactional: false, operation: 1, table: 'c', buildsIndex: 'i', cleanup: ['DROP INDEX i'], batchable: true },
      { sql: 'addIndex b', transactional: true, operation: 2, table: 'b' },
      { sql: 'addIndex b online', transactional: false, operation: 2, table: 'b', buildsIndex: 'i', cleanup: ['DROP INDEX i'] },
    ]);
  });
});
