import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OdacError } from '@odac/core';
import { adapter } from '../src/index.js';
import { parseSqliteUrl } from '../src/url.js';

describe('parseSqliteUrl', () => {
  const cwd = '/work/app';
  it('refuses a host after credentials without printing the password', () => {
    let caught: unknown;
    try {
      parseSqliteUrl('sqlite://user:s3cret@dbhost/blog.db', cwd);
    } catch (e) {
      caught = e;
    }
    expect((caught as OdacError).code).toBe('CONNECT.BAD_URL');
    expect((caught as OdacError).message).not.toContain('s3cret');
    expect((caught as OdacError).message).toContain('names a host');
  });

  it.each([
    ['sqlite::memory:', ':memory:'],
    [':memory:', ':memory:'],
    ['sqlite://:memory:', ':memory:'],
    ['sqlite:blog.db', '/work/app/blog.db'],
    ['sqlite:./data/blog.db', '/work/app/data/blog.db'],
    ['sqlite:/abs/blog.db', '/abs/blog.db'],
    ['sqlite:///abs/blog.db', '/abs/blog.db'],
    ['sqlite://./rel/blog.db', '/work/app/rel/blog.db'],
    ['sqlite://rel.db', '/work/app/rel.db'],
    ['sqlite3:x.db', '/work/app/x.db'],
    ['file:blog.db', '/work/app/blog.db'],
    ['file:///abs/my%20blog.db', '/abs/my blog.db'],
    ['file:blog.db?mode=rwc', '/work/app/blog.db'],
    ['./blog.db', '/work/app/blog.db'],
    ['blog.sqlite', '/work/app/blog.sqlite'],
    ['/var/db/blog.sqlite', '/var/db/blog.sqlite'],
    // SQLite has no credentials: a templated user:password is dropped, never part of the file name.
    ['sqlite://user:s3cret@/abs/blog.db', '/abs/blog.db'],
    ['sqlite://user:s%40cret@/abs/blog.db', '/abs/blog.db'],
  ])('%s → %s', (url, file) => {
    expect(parseSqliteUrl(url, cwd)).toBe(file);
  });

  it.each(['sqlite:', 'sqlite://', ''])('rejects %p with CONNECT.BAD_URL', (url) => {
    expect(() => parseSqliteUrl(url, cwd)).toThrow(expect.objectContaining({ code: 'CONNECT.BAD_URL' }));
  });
});

describe('connect', () => {
  it('fails clearly when the directory does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'odac-sqlite-url-'));
    try {
      const missing = join(dir, 'nope', 'blog.db');
      let caught: unknown;
      try {
        await adapter.connect(`sqlite:${missing}`);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(OdacError);
      expect((caught as OdacError).code).toBe('CONNECT.FAILED');
      expect((caught as OdacError).message).toContain(join(dir, 'nope'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails clearly on a file that is not a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'odac-sqlite-url-'));
    try {
      const file = join(dir, 'notes.txt');
      require('node:fs').writeFileSync(file, 'this is not a database, it is a long enough text file to have a header '.repeat(10));
      await expect(adapter.connect(file)).rejects.toMatchObject({ code: 'CONNECT.FAILED' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates the file in an existing directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'odac-sqlite-url-'));
    try {
      const conn = await adapter.connect(`sqlite://${join(dir, 'new.db')}`);
      expect(await conn.introspect()).toEqual({ tables: [] });
      await conn.close();
      expect(require('node:fs').existsSync(join(dir, 'new.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
