/**
 * Fleets without a server: where targets come from (file, config list,
 * function, command, module), config validation, and a fleet of SQLite
 * files (adapters without server pools get one connection per target).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite from '@odac/adapter-sqlite';
import { validateConfig } from '../src/config.js';
import { configTargets, parseTargetsText, readTargetsFile } from '../src/fleet/targets.js';
import { isPattern, urlHasPattern } from '../src/fleet/options.js';
import { importerWith } from './helpers/importer.js';
import { runCli } from './helpers/streams.js';
import { validate } from './support/json-schema.js';

const BLOG = path.resolve(__dirname, '..', '..', '..', 'examples', 'blog', 'schema');
const REPORT_SCHEMA = JSON.parse(readFileSync(path.join(__dirname, '..', 'schema', 'fleet-report.schema.json'), 'utf8')) as Record<string, unknown>;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-fleet-unit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('targets', () => {
  it('reads one URL per line, skipping blank lines and # comments', () => {
    expect(parseTargetsText('# tenants\npostgres://h/app?schema=a  # first\n\n  mysql://h/b\r\n#postgres://h/c\n')).toEqual(['postgres://h/app?schema=a', 'mysql://h/b']);
  });

  it('names a missing or empty targets file', () => {
    expect(() => readTargetsFile(dir, 'nope.txt')).toThrow(/nope\.txt \(from --targets\) does not exist/);
    writeFileSync(path.join(dir, 'empty.txt'), '# nothing\n');
    expect(() => readTargetsFile(dir, 'empty.txt')).toThrow(/names no database/);
  });

  it('takes targets from the config as a list, a function, a command or a module', async () => {
    const config = { file: path.join(dir, 'odac.config.js'), config: {} };
    expect(await configTargets(['sqlite:a.db'], config)).toEqual(['sqlite:a.db']);
    expect(await configTargets(async () => ['sqlite:b.db'], config)).toEqual(['sqlite:b.db']);
    expect(await configTargets({ command: 'printf "sqlite:c.db\\n# x\\nsqlite:d.db\\n"' }, config)).toEqual(['sqlite:c.db', 'sqlite:d.db']);
    writeFileSync(path.join(dir, 'tenants.cjs'), "module.exports = () => ['sqlite:e.db'];");
    expect(await configTargets({ module: './tenants.cjs' }, config)).toEqual(['sqlite:e.db']);
    await expect(configTargets({ command: 'exit 3' }, config)).rejects.toMatchObject({ code: 'CLI.CONFIG' });
    await expect(configTargets(async () => 'sqlite:x.db' as unknown as string[], config)).rejects.toThrow(/must give an array of database URLs/);
  });

  it('validates the targets setting of a config file', () => {
    const file = path.join(dir, 'odac.config.js');
    expect(validateConfig({ targets: ['sqlite:a.db'], environments: { prod: { targets: { command: 'list-tenants' } } } }, file).targets).toEqual(['sqlite:a.db']);
    expect(() => validateConfig({ targets: 'sqlite:a.db' }, file)).toThrow(/"targets" must be an array of URLs, a function returning them/);
    expect(() => validateConfig({ targets: { cmd: 'x' } }, file)).toThrow(/"targets" must be/);
  });

  it('tells patterns from names', () => {
    expect(isPattern('tenant_*')).toBe(true);
    expect(isPattern('tenant_1')).toBe(false);
    expect(urlHasPattern('mysql://root@h/tenant_*')).toBe(true);
    expect(urlHasPattern('postgres://h/app?schema=t%3F')).toBe(true);
    expect(urlHasPattern('postgres://h/app?schema=t1')).toBe(false);
  });
});

describe('a fleet of SQLite files', () => {
  const importModule = importerWith({ '@odac/adapter-sqlite': { default: sqlite } });

  it('migrates every target, reports each, and a re-run touches none', async () => {
    writeFileSync(path.join(dir, 'targets.txt'), ['a', 'b', 'c'].map((n) => `sqlite:${path.join(dir, `${n}.db`)}`).join('\n'));
    const first = await runCli(['migrate', '--targets', 'targets.txt', '--schema', BLOG, '--json'], { cwd: dir, importModule });
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { targets: { status: string; namespace: string; statements: number }[]; plans: unknown[] };
    expect(validate(REPORT_SCHEMA, report)).toEqual([]);
    expect(report.targets.map((t) => t.status)).toEqual(['applied', 'applied', 'applied']);
    expect(report.plans).toHaveLength(1);

    const again = await runCli(['plan', '--targets', 'targets.txt', '--schema', BLOG, '--exit-code'], { cwd: dir, importModule });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Fleet: 3 targets on 3 servers, 1 plan');
    expect(again.stdout).toContain('3 unchanged');
  });

  it('takes the targets from the config file (here a command printing them)', async () => {
    writeFileSync(path.join(dir, 'tenants.txt'), ['p', 'q'].map((n) => `sqlite:${path.join(dir, `${n}.db`)}`).join('\n'));
    writeFileSync(path.join(dir, 'odac.config.json'), JSON.stringify({ schema: BLOG, targets: { command: 'cat tenants.txt' } }));
    const r = await runCli(['migrate', '--json'], { cwd: dir, importModule });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { targets: { status: string; target: string }[] };
    expect(report.targets.map((t) => [path.basename(t.target), t.status])).toEqual([['p.db', 'applied'], ['q.db', 'applied']]);
  });

  it('plan --exit-code exits 2 when any target has pending changes', async () => {
    writeFileSync(path.join(dir, 'targets.txt'), `sqlite:${path.join(dir, 'x.db')}\n`);
    const r = await runCli(['plan', '--targets', 'targets.txt', '--schema', BLOG, '--exit-code', '--json'], { cwd: dir, importModule });
    expect(r.code).toBe(2);
    expect(validate(REPORT_SCHEMA, JSON.parse(r.stdout))).toEqual([]);
  });

  it('refuses --url together with a targets list, and bad --concurrency', async () => {
    writeFileSync(path.join(dir, 'targets.txt'), `sqlite:${path.join(dir, 'x.db')}\n`);
    const both = await runCli(['plan', '--targets', 'targets.txt', '--url', 'sqlite:y.db', '--schema', BLOG], { cwd: dir, importModule });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--url and a targets list');
    const bad = await runCli(['migrate', '--targets', 'targets.txt', '--schema', BLOG, '--concurrency', '0'], { cwd: dir, importModule });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--concurrency must be a whole number of at least 1');
  });
});
