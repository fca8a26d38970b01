import path from 'node:path';
import { OdacError } from '@odac/core';
import type { LoadedConfig } from '../src/config.js';
import { resolveSettings, type SettingsSources } from '../src/settings.js';

const cwd = '/work/app';
const config: LoadedConfig = {
  file: '/work/app/odac.config.js',
  config: {
    url: 'postgres://config/db',
    schema: '/work/app/db/schema',
    allowDestructive: true,
    lockTimeout: 3000,
    environments: { production: { url: 'postgres://prod/db', allowDestructive: false } },
  },
};

function settings(partial: Partial<SettingsSources>) {
  return resolveSettings({ flags: {}, env: {}, cwd, ...partial });
}

describe('precedence: flags > named environment > config > DATABASE_URL > .env', () => {
  test('flags override the config', () => {
    const s = settings({ flags: { url: 'mysql://flag/db', allowDestructive: false, schema: 'other', lockTimeout: 10 }, config });
    expect(s.url).toBe('mysql://flag/db');
    expect(s.driver).toBe('mysql');
    expect(s.allowDestructive).toBe(false);
    expect(s.schemaDir).toBe(path.join(cwd, 'other'));
    expect(s.lockTimeoutMs).toBe(10);
  });

  test('the config overrides the environment', () => {
    const s = settings({ config, env: { DATABASE_URL: 'sqlite:env.db' } });
    expect(s.url).toBe('postgres://config/db');
    expect(s.driver).toBe('postgres');
    expect(s.allowDestructive).toBe(true);
    expect(s.schemaDir).toBe('/work/app/db/schema');
    expect(s.lockTimeoutMs).toBe(3000);
  });

  test('DATABASE_URL is used when neither flag nor config gives a URL, and beats .env', () => {
    expect(settings({ env: { DATABASE_URL: 'sqlite:env.db' }, dotenv: { DATABASE_URL: 'sqlite:dotenv.db' } }).url).toBe('sqlite:env.db');
    expect(settings({ env: {}, dotenv: { DATABASE_URL: 'sqlite:dotenv.db' } }).url).toBe('sqlite:dotenv.db');
    expect(settings({ env: { DATABASE_URL: '' }, dotenv: { DATABASE_URL: 'sqlite:dotenv.db' } }).url).toBe('sqlite:dotenv.db');
  });

  test('--env picks a named environment over the top-level config, and flags still win', () => {
    const prod = settings({ flags: { env: 'production' }, config });
    expect(prod.url).toBe('postgres://prod/db');
    expect(prod.allowDestructive).toBe(false);
    expect(prod.lockTimeoutMs).toBe(3000);
    expect(settings({ flags: { env: 'production', url: 'sqlite:x.db' }, config }).url).toBe('sqlite:x.db');
  });

  test('an unknown --env lists the known ones', () => {
    expect(() => settings({ flags: { env: 'staging' }, config })).toThrow(/no environment "staging"; it defines production/);
    expect(() => settings({ flags: { env: 'staging', url: 'sqlite:x.db' } })).toThrow(/needs a config file/);
  });

  test('defaults', () => {
    const s = settings({ flags: { url: 'sqlite:app.db' } });
    expect(s).toEqual({
      url: 'sqlite:app.db',
      driver: 'sqlite',
      schemaDir: path.join(cwd, 'schema'),
      allowDestructive: false,
      dropUnmanagedTables: false,
      allowExternalReferences: false,
      online: false,
      ignoreTables: [],
    });
  });

  test('--schema and --to-url together are an error', () => {
    expect(() => settings({ flags: { url: 'sqlite:a.db', schema: 'db', toUrl: 'sqlite:b.db' } })).toThrow(/--schema and --to-url both say where the desired schema comes from/);
  });

  test('--drop-unmanaged and --to-url; dropUnmanagedTables from the config file', () => {
    expect(settings({ flags: { url: 'sqlite:a.db', dropUnmanaged: true, toUrl: 'sqlite:b.db' } })).toMatchObject({ dropUnmanagedTables: true, toUrl: 'sqlite:b.db' });
    const fromFile = settings({ flags: { url: 'sqlite:a.db' }, config: { file: '/work/app/odac.config.json', config: { dropUnmanagedTables: true } } });
    expect(fromFile.dropUnmanagedTables).toBe(true);
    expect(settings({ flags: { url: 'sqlite:a.db', dropUnmanaged: false }, config: { file: '/x.json', config: { dropUnmanagedTables: true } } }).dropUnmanagedTables).toBe(false);
  });

  test('boolean flags and --schema-name are carried over', () => {
    const s = settings({ flags: { url: 'postgres://x/db', allowExternalReferences: true, online: true, schemaName: 'app' } });
    expect(s).toMatchObject({ allowExternalReferences: true, online: true, schemaName: 'app', allowDestructive: false });
  });

  test('an explicit --driver is kept even when the URL says otherwise', () => {
    expect(settings({ flags: { url: 'postgres://x/db', driver: './my-adapter.js' } }).driver).toBe('./my-adapter.js');
  });
});

describe('errors', () => {
  test('no URL anywhere says where one can come from', () => {
    try {
      settings({});
      throw new Error('expected a throw');
    } catch (err) {
      expect((err as OdacError).code).toBe('CLI.BAD_ARGUMENTS');
      expect((err as Error).message).toMatch(/--url.*DATABASE_URL.*odac\.config\.js/);
    }
  });
  test('--lock-timeout must be a positive whole number', () => {
    expect(() => settings({ flags: { url: 'sqlite:a.db', lockTimeout: Number.NaN } })).toThrow(/--lock-timeout must be a positive whole number/);
    expect(() => settings({ flags: { url: 'sqlite:a.db', lockTimeout: 1.5 } })).toThrow(/--lock-timeout/);
  });
});
