import { coerceDefaultWith, OdacError, poolOptions, type DefaultValue } from '../src/index.js';

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
});
