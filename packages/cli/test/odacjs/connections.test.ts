/** Which databases a command runs on: an explicit URL wins over odac.json; odac.json connections each own a schema folder. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConnections, type ConnectionSources } from '../../src/connections.js';
import type { OdacJsonDatabase } from '../../src/odac-json.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-conns-'));
  mkdirSync(path.join(dir, 'schema', 'analytics'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const odacJson = (): OdacJsonDatabase => ({
  file: path.join(dir, 'odac.json'),
  connections: [
    { name: 'default', driver: 'sqlite', url: `sqlite:${dir}/main.db` },
    { name: 'analytics', driver: 'postgres', url: 'postgres://u:secret@h/stats' },
  ],
});

function resolve(partial: Partial<ConnectionSources>) {
  return resolveConnections({ flags: {}, env: {}, cwd: dir, odacJson: odacJson(), ...partial });
}

test('every odac.json connection, in order, with its schema folder and ODAC.JS compatibility', () => {
  const targets = resolve({});
  expect(targets.map((t) => [t.name, t.settings.driver, t.settings.schemaDir, t.settings.compat, t.hasSchema])).toEqual([
    ['default', 'sqlite', path.join(dir, 'schema'), 'odacjs', true],
    ['analytics', 'postgres', path.join(dir, 'schema', 'analytics'), 'odacjs', true],
  ]);
});

test('--db selects one connection; an unknown one lists the others', () => {
  expect(resolve({ flags: { db: 'analytics' } }).map((t) => t.name)).toEqual(['analytics']);
  expect(() => resolve({ flags: { db: 'stats' } })).toThrow(/has no connection "stats"; it defines default, analytics/);
});

test('a URL from a flag, odac.config or DATABASE_URL wins over odac.json (one unnamed target, no compat)', () => {
  for (const partial of [
    { flags: { url: 'sqlite:flag.db' } },
    { env: { DATABASE_URL: 'sqlite:env.db' } },
    { dotenv: { DATABASE_URL: 'sqlite:dotenv.db' } },
    { config: { file: path.join(dir, 'odac.config.js'), config: { url: 'sqlite:config.db' } } },
  ]) {
    const targets = resolve(partial);
    expect(targets).toHaveLength(1);
    expect(targets[0]?.name).toBeUndefined();
    expect(targets[0]?.settings.compat).toBeUndefined();
  }
  expect(() => resolve({ flags: { url: 'sqlite:x.db', db: 'analytics' } })).toThrow(/--db analytics selects a connection of odac.json/);
});

test('settings of odac.config and flags still apply to odac.json connections', () => {
  const config = { file: path.join(dir, 'odac.config.js'), config: { allowDestructive: true, schema: path.join(dir, 'db') } };
  mkdirSync(path.join(dir, 'db'));
  const [main, analytics] = resolve({ config, flags: { lockTimeout: 50 } });
  expect(main?.settings.allowDestructive).toBe(true);
  expect(main?.settings.lockTimeoutMs).toBe(50);
  expect(main?.settings.schemaDir).toBe(path.join(dir, 'db'));
  expect(analytics?.settings.schemaDir).toBe(path.join(dir, 'db', 'analytics'));
  expect(analytics?.hasSchema).toBe(false);
});

test('a schema sub-folder that names no connection is an error, never skipped', () => {
  mkdirSync(path.join(dir, 'schema', 'reports'));
  expect(() => resolve({})).toThrow(/schema\/reports\/ names no connection of odac.json \(it defines default, analytics\)/);
  // Also when only another connection is selected: the layout is wrong either way.
  expect(() => resolve({ flags: { db: 'analytics' } })).toThrow(/schema\/reports\//);
});

test('a broken symlink in schema/ does not hide an unknown folder next to it', () => {
  symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'schema', 'aaa-broken'));
  mkdirSync(path.join(dir, 'schema', 'reports'));
  expect(() => resolve({})).toThrow(/schema\/reports\/ names no connection/);
});

test("a folder named after the default connection is an error: the default's files live in schema/ itself", () => {
  mkdirSync(path.join(dir, 'schema', 'default'));
  expect(() => resolve({})).toThrow(/schema\/default\/ is a folder for connection "default", the default connection/);
});

test('without a connection named "default" the first one owns schema/*.js', () => {
  const json: OdacJsonDatabase = { file: path.join(dir, 'odac.json'), connections: [{ name: 'main', driver: 'sqlite', url: 'sqlite:a.db' }, { name: 'analytics', driver: 'sqlite', url: 'sqlite:b.db' }] };
  const targets = resolveConnections({ flags: {}, env: {}, cwd: dir, odacJson: json });
  expect(targets.map((t) => t.settings.schemaDir)).toEqual([path.join(dir, 'schema'), path.join(dir, 'schema', 'analytics')]);
});
