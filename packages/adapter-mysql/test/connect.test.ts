import { OdacError } from '@odac/core';
import adapter, { connectionOptions, migratorLockName, parseServerVersion } from '@odac/adapter-mysql';

describe('connection options', () => {
  it('reads mysql:// and mariadb:// URLs', () => {
    expect(connectionOptions('mysql://app:s%40cret@db.example:3307/shop?ssl=true')).toMatchObject({
      host: 'db.example',
      port: 3307,
      user: 'app',
      password: 's@cret',
      database: 'shop',
      ssl: {},
    });
    expect(connectionOptions('mariadb://root@127.0.0.1/test')).toMatchObject({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  });

  it.each([
    ['postgres://u@h/db', 'scheme is "postgres"'],
    ['mysql://u:pw@h:3306/', 'names no database'],
    ['not a url', 'not a URL'],
  ])('refuses %s without showing the password', (url, why) => {
    let error: unknown;
    try {
      connectionOptions(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OdacError);
    expect((error as OdacError).code).toBe('CONNECT.BAD_URL');
    expect((error as OdacError).message).toContain(why);
    expect((error as OdacError).message).not.toContain(':pw@');
  });

  it('reports an unreachable server with host, port and database but never the password', async () => {
    let error: unknown;
    try {
      await adapter.connect('mysql://root:hunter2@127.0.0.1:1/nowhere?connectTimeout=2000');
    } catch (e) {
      error = e;
    }
    expect((error as OdacError).code).toBe('CONNECT.FAILED');
    expect((error as OdacError).message).toContain('127.0.0.1:1, database "nowhere"');
    expect((error as OdacError).message).not.toContain('hunter2');
  });
});

describe('server version', () => {
  it.each([
    ['8.0.36', { flavor: 'mysql', major: 8, minor: 0, patch: 36 }],
    ['10.11.19-MariaDB-0+deb12u1', { flavor: 'mariadb', major: 10, minor: 11, patch: 19 }],
    ['5.5.5-10.6.12-MariaDB-log', { flavor: 'mariadb', major: 10, minor: 6, patch: 12 }],
  ])('%s', (version, info) => {
    expect(parseServerVersion(version)).toMatchObject(info);
  });
});

describe('migrator lock name', () => {
  it('is per database and fits the 64 characters GET_LOCK allows', () => {
    expect(migratorLockName('shop')).toBe('odac_migrate:shop');
    const long = migratorLockName('d'.repeat(64));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).not.toBe(migratorLockName('d'.repeat(63) + 'e'));
  });
});
