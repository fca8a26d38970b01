import { OdacError } from '@odac/core';
import { dollarQuote, literal, quote } from '../../src/quote.js';
import { parseUrl } from '../../src/url.js';

describe('quote / literal', () => {
  it('quotes identifiers, doubling quotes', () => {
    expect(quote('users')).toBe('"users"');
    expect(quote('a"b')).toBe('"a""b"');
    expect(quote('select')).toBe('"select"');
  });
  it('escapes values', () => {
    expect(literal("it's")).toBe("'it''s'");
    expect(literal('a\\b')).toBe("'a\\b'");
    expect(literal(-1.5)).toBe('-1.5');
    expect(literal(true)).toBe('true');
    expect(literal(null)).toBe('NULL');
  });
  it('picks a dollar-quote tag absent from the body', () => {
    expect(dollarQuote('x')).toBe('$odac$x$odac$');
    expect(dollarQuote('a $odac$ b')).toBe('$odac1$a $odac$ b$odac1$');
  });
});

describe('parseUrl', () => {
  it('reads ?schema= and strips it from the pg URL', () => {
    const p = parseUrl('postgres://u:secret@db.example:6543/app?schema=tenant_1&sslmode=require');
    expect(p.schema).toBe('tenant_1');
    expect(p.connectionString).toBe('postgres://u:secret@db.example:6543/app?sslmode=require');
    expect(p).toMatchObject({ host: 'db.example', port: '6543', database: 'app', lockTimeoutMs: 5000 });
  });
  it('defaults to public and lets schemaName win over the URL', () => {
    expect(parseUrl('postgresql://localhost/app').schema).toBe('public');
    expect(parseUrl('postgres://localhost/app?schema=a', { schemaName: 'b', lockTimeoutMs: 250 })).toMatchObject({ schema: 'b', lockTimeoutMs: 250 });
  });
  it('rejects other URLs without echoing the password', () => {
    expect(() => parseUrl('mysql://root:hunter2@localhost/app')).toThrow(OdacError);
    try {
      parseUrl('mysql://root:hunter2@localhost/app');
    } catch (e) {
      expect((e as OdacError).code).toBe('CONNECT.BAD_URL');
      expect((e as Error).message).not.toContain('hunter2');
    }
    expect(() => parseUrl('not a url')).toThrow(/not a PostgreSQL URL/);
  });
});
