import { OdacError } from '@odac/core';
import adapter, { literal, nstring, parseUrl, quote } from '@odac/adapter-mssql';

describe('quote / literal', () => {
  it('brackets identifiers and doubles closing brackets', () => {
    expect(quote('users')).toBe('[users]');
    expect(quote('order items')).toBe('[order items]');
    expect(quote('a]b')).toBe('[a]]b]');
    expect(quote('[x]')).toBe('[[x]]]');
    expect(quote(`it's "q"`)).toBe(`[it's "q"]`);
  });

  it('writes values as Unicode literals with doubled quotes, bits and numbers bare', () => {
    expect(literal(`it's "quoted" \\ and 50% off; -- not a comment`)).toBe(`N'it''s "quoted" \\ and 50% off; -- not a comment'`);
    expect(literal('')).toBe("N''");
    expect(literal('groß')).toBe("N'groß'");
    expect(literal(0)).toBe('0');
    expect(literal(-4)).toBe('-4');
    expect(literal(9.99)).toBe('9.99');
    expect(literal(true)).toBe('1');
    expect(literal(false)).toBe('0');
    expect(literal(null)).toBe('NULL');
    expect(nstring("a'b")).toBe("N'a''b'");
  });
});

describe('parseUrl', () => {
  it('reads host, port, database, schema and the tedious options', () => {
    const r = parseUrl('mssql://sa:S3cret%21@db.example.com:14330/app?encrypt=false&trustServerCertificate=true&schema=dbo');
    expect(r.host).toBe('db.example.com');
    expect(r.port).toBe(14330);
    expect(r.database).toBe('app');
    expect(r.schema).toBe('dbo');
    expect(r.config.server).toBe('db.example.com');
    expect(r.config.options).toMatchObject({ port: 14330, database: 'app', encrypt: false, trustServerCertificate: true, requestTimeout: 0, useColumnNames: true });
    expect(r.config.authentication).toEqual({ type: 'default', options: { userName: 'sa', password: 'S3cret!' } });
  });

  it('accepts sqlserver:// and fills in defaults (port 1433, schema dbo, encrypt on)', () => {
    const r = parseUrl('sqlserver://u:p@localhost/test');
    expect(r.port).toBe(1433);
    expect(r.schema).toBe('dbo');
    expect(r.config.options).toMatchObject({ port: 1433, encrypt: true, trustServerCertificate: false });
    expect(r.lockTimeoutMs).toBe(5000);
    expect(r.migratorLockTimeoutMs).toBe(600000);
  });

  it('lets connect options win over the URL', () => {
    const r = parseUrl('mssql://u:p@h/db?schema=app', { schemaName: 'sales', lockTimeoutMs: 100, migratorLockTimeoutMs: 200 });
    expect(r.schema).toBe('sales');
    expect(r.lockTimeoutMs).toBe(100);
    expect(r.migratorLockTimeoutMs).toBe(200);
  });

  it('uses a named instance instead of a port', () => {
    const r = parseUrl('mssql://u:p@h/db?instanceName=SQLEXPRESS');
    expect(r.config.options?.instanceName).toBe('SQLEXPRESS');
    expect(r.config.options?.port).toBeUndefined();
  });

  it.each([
    ['postgres://u:hunter2@h/db', 'starts with postgres:'],
    ['mssql//u:hunter2@h/db', 'is not an SQL Server URL'],
    ['mssql://u:hunter2@h/db?encrypt=maybe', 'encrypt=maybe'],
    ['mssql://u:hunter2@h/db?schemaa=x', 'unknown parameter schemaa'],
    ['mssql://u:hunter2@h/db?requestTimeout=soon', 'requestTimeout=soon'],
  ])('refuses %s with CONNECT.BAD_URL and never shows the password', (url, text) => {
    let error: unknown;
    try {
      parseUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OdacError);
    expect((error as OdacError).code).toBe('CONNECT.BAD_URL');
    expect((error as OdacError).message).toContain(text);
    expect((error as OdacError).message).not.toContain('hunter2');
  });
});

describe('connect', () => {
  it('fails with CONNECT.FAILED naming host and database, never the password', async () => {
    // Nothing listens on port 1 of the loopback address: tedious fails at once.
    const url = 'mssql://sa:TopSecret99@127.0.0.1:1/appdb?connectTimeout=2000';
    let error: unknown;
    try {
      const conn = await adapter.connect(url);
      await conn.close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OdacError);
    expect((error as OdacError).code).toBe('CONNECT.FAILED');
    expect((error as OdacError).message).toContain('127.0.0.1:1');
    expect((error as OdacError).message).toContain('appdb');
    expect((error as OdacError).message).not.toContain('TopSecret99');
    expect(JSON.stringify((error as OdacError).details)).not.toContain('TopSecret99');
  });
});
