/** The command names ODAC.JS users type are listed in help and suggested when mistyped. */
import { runCli } from '../helpers/streams.js';

test('--help lists migrate:status, migrate:snapshot and migrate:rollback, and --db', async () => {
  const { code, stdout } = await runCli(['--help']);
  expect(code).toBe(0);
  for (const name of ['migrate:status', 'migrate:snapshot', 'migrate:rollback']) expect(stdout).toMatch(new RegExp(`^  odac ${name} `, 'm'));
  expect(stdout).toMatch(/^ +--db +Only this connection of odac\.json/m);
});

test.each([
  ['migrate:stauts', 'migrate:status'],
  ['migrate:snapshop', 'migrate:snapshot'],
  ['migrate:rollbak', 'migrate:rollback'],
])('a mistyped %s suggests %s', async (typed, meant) => {
  const { code, stderr } = await runCli([typed]);
  expect(code).toBe(1);
  expect(stderr).toContain(`Unknown command "${typed}" (did you mean ${meant}?)`);
});

test('--db is a flag of every database command, so --db=<name> parses', async () => {
  const { code, stderr } = await runCli(['migrate:status', '--db=analytics'], { cwd: '/nonexistent-odac-dir' });
  expect(code).toBe(1);
  // Parsed fine; fails only because there is no odac.json.
  expect(stderr).toMatch(/--db analytics selects a connection of odac\.json, but there is no odac\.json/);
});

test('arguments after -- belong to odac dev only', async () => {
  const { code, stderr } = await runCli(['migrate', '--', 'node', 'app.js']);
  expect(code).toBe(1);
  expect(stderr).toContain('Arguments after -- (node app.js) are the app command of odac dev; odac migrate takes none');
});

test('odac dev is listed in help', async () => {
  const { stdout } = await runCli(['--help']);
  expect(stdout).toMatch(/^  odac dev +Migrate, start the app/m);
});
