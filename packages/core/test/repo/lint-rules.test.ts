/**
 * scripts/lint.mjs enforces what jest cannot see (it maps every @odac/* to
 * source): imports of undeclared packages and the layering of
 * ARCHITECTURE.md. Each fixture under scripts/fixtures/lint breaks one rule.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..', '..');
const lint = (fixture: string): { code: number | null; out: string } => {
  const r = spawnSync(process.execPath, [path.join(repo, 'scripts', 'lint.mjs'), path.join(repo, 'scripts', 'fixtures', 'lint', fixture)], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

test('a package that declares what it imports and keeps its layer passes', () => {
  expect(lint('clean')).toEqual({ code: 0, out: expect.stringContaining('ok') });
});

test('core importing a driver or another odac package fails on both rules', () => {
  const { code, out } = lint('core-driver');
  expect(code).toBe(1);
  expect(out).toContain('src/index.ts:1: imports "pg": core imports no database driver');
  expect(out).toContain('src/index.ts:2: imports "@odac/cli": core imports no other odac package');
  expect(out).toContain('"pg" is not in package.json');
});

test('an adapter importing another adapter fails even when it declares it', () => {
  const { code, out } = lint('adapter-imports-adapter');
  expect(code).toBe(1);
  expect(out).toContain('imports "@odac/adapter-sqlite": an adapter imports only @odac/core among odac packages');
  expect(out).not.toContain('@odac/core"');
});

test('the CLI importing an adapter statically fails, and a devDependency does not count for src', () => {
  const { code, out } = lint('cli-static-adapter');
  expect(code).toBe(1);
  expect(out).toContain('the CLI loads adapters by name');
  expect(out).toContain('only in devDependencies, which a user does not install');
});

test('undeclared imports are found in every form (multi-line, sub-path, require), in src and in tests; comments and strings are not imports', () => {
  const { code, out } = lint('undeclared');
  expect(code).toBe(1);
  expect(out).toContain('src/index.ts:1: imports "fast-check", but "fast-check" is only in devDependencies');
  expect(out).toContain('src/index.ts:4: imports "left-pad/sub", but "left-pad" is not in package.json');
  expect(out).toContain('src/index.ts:7: imports "lodash"');
  expect(out).toContain('test/a.test.ts:2: imports "not-declared-anywhere"');
  expect(out).not.toContain('test/a.test.ts:1');
  expect(out).not.toContain('in-a-comment');
  expect(out).not.toContain('not-an-import');
  expect(out).toContain('4 problem(s).');
});

test("an adapter's apply deciding from a statement's SQL text fails (rule 9: it reads the statement's metadata)", () => {
  const { code, out } = lint('adapter-sql-matching');
  expect(code).toBe(1);
  for (const line of [9, 10, 11, 12]) expect(out).toContain(`src/apply.ts:${line}: decides from a statement's SQL text`);
  expect(out).not.toContain('src/apply.ts:13');
  expect(out).not.toContain('src/apply.ts:14');
  // A helper of apply's is found by what it takes in, whatever its name; an emitter is not apply.
  expect(out).toContain("src/lock-order.ts:5: decides from a statement's SQL text");
  expect(out).not.toContain('src/emit.ts');
  expect(out).toContain('5 problem(s).');
});

test("a third-party adapter's statement observer deciding from the SQL text fails too", () => {
  const { code, out } = lint('third-party-sql-matching');
  expect(code).toBe(1);
  expect(out).toContain("src/index.ts:6: decides from a statement's SQL text");
  expect(out).toContain('1 problem(s).');
});
