import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OdacError } from '@odac/core';
import { CONFIG_FILE_NAMES, findConfigFile, loadConfig, validateConfig } from '../src/config.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function configError(promise: Promise<unknown>): Promise<OdacError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OdacError);
  expect((err as OdacError).code).toBe('CLI.CONFIG');
  return err as OdacError;
}

describe('loading the config file', () => {
  test('there is none', async () => {
    expect(await loadConfig(dir)).toBeUndefined();
  });

  test.each([
    ['odac.config.json', '{ "url": "sqlite:app.db", "allowDestructive": true }'],
    ['odac.config.cjs', "module.exports = { url: 'sqlite:app.db', allowDestructive: true };"],
    ['odac.config.mjs', "export default { url: 'sqlite:app.db', allowDestructive: true };"],
    ['odac.config.js', "export default { url: 'sqlite:app.db', allowDestructive: true };"],
    ['odac.config.ts', "const allow: boolean = true;\nexport default { url: 'sqlite:app.db', allowDestructive: allow } satisfies Record<string, unknown>;"],
  ])('%s', async (name, source) => {
    writeFileSync(path.join(dir, name), source);
    const loaded = await loadConfig(dir);
    expect(loaded?.file).toBe(path.join(dir, name));
    expect(loaded?.config).toEqual({ url: 'sqlite:app.db', allowDestructive: true });
  });

  test('a config exporting a function is called', async () => {
    writeFileSync(path.join(dir, 'odac.config.cjs'), "module.exports = async () => ({ driver: 'sqlite' });");
    expect((await loadConfig(dir))?.config).toEqual({ driver: 'sqlite' });
  });

  test('.js wins over the other names, in the documented order', () => {
    expect(CONFIG_FILE_NAMES[0]).toBe('odac.config.js');
    writeFileSync(path.join(dir, 'odac.config.json'), '{}');
    writeFileSync(path.join(dir, 'odac.config.js'), 'export default {}');
    expect(findConfigFile(dir)).toBe(path.join(dir, 'odac.config.js'));
  });

  test('--config points at any file, relative to cwd', async () => {
    writeFileSync(path.join(dir, 'ci.json'), '{ "url": "postgres://ci/db" }');
    expect((await loadConfig(dir, 'ci.json'))?.config.url).toBe('postgres://ci/db');
  });

  test('--config naming a missing file is an error', async () => {
    const err = await configError(loadConfig(dir, 'missing.json'));
    expect(err.message).toContain(path.join(dir, 'missing.json'));
  });

  test('schema and a path driver are relative to the config file', async () => {
    writeFileSync(path.join(dir, 'odac.config.json'), '{ "schema": "db/schema", "driver": "./my-adapter.js" }');
    expect((await loadConfig(dir))?.config).toEqual({ schema: path.join(dir, 'db/schema'), driver: path.join(dir, 'my-adapter.js') });
  });

  test('invalid JSON names the file', async () => {
    writeFileSync(path.join(dir, 'odac.config.json'), '{ url: ');
    const err = await configError(loadConfig(dir));
    expect(err.message).toContain('odac.config.json is not valid JSON');
  });

  test('a config that throws names the file', async () => {
    writeFileSync(path.join(dir, 'odac.config.cjs'), "throw new Error('kaput');");
    const err = await configError(loadConfig(dir));
    expect(err.message).toContain('odac.config.cjs');
    expect(err.message).toContain('kaput');
  });
});

describe('validateConfig', () => {
  const file = '/p/odac.config.js';
  test('unknown keys are typos, listed with the known ones', () => {
    expect(() => validateConfig({ allowDestrutive: true }, file)).toThrow(/unknown setting "allowDestrutive".*allowDestructive/);
  });
  test('types are checked', () => {
    expect(() => validateConfig({ allowDestructive: 'yes' }, file)).toThrow(/"allowDestructive" must be true or false, got "yes"/);
    expect(() => validateConfig({ lockTimeout: -5 }, file)).toThrow(/lockTimeout/);
    expect(() => validateConfig({ ignoreTables: 'x' }, file)).toThrow(/array of strings/);
    expect(() => validateConfig([], file)).toThrow(/must export an object/);
  });
  test('environments hold settings but not nested environments', () => {
    expect(validateConfig({ environments: { prod: { url: 'postgres://p/db', schema: 'schema' } } }, file)).toEqual({
      environments: { prod: { url: 'postgres://p/db', schema: '/p/schema' } },
    });
    expect(() => validateConfig({ environments: { prod: { environments: {} } } }, file)).toThrow(/unknown setting "environments.prod.environments"/);
    expect(() => validateConfig({ environments: { prod: 'x' } }, file)).toThrow(/"environments.prod" must be an object/);
  });
});
