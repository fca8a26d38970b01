#!/usr/bin/env node
// Project rules no compiler checks (run by `pnpm lint`, per package via turbo):
// - no `import.meta` in src/ (tests compile src to CommonJS),
// - relative imports in src/ end in `.js` (NodeNext ESM),
// - no focused tests (`it.only`, `fit`, `fdescribe`) and no assertions that cannot fail,
// - source files stay under 500 lines (split by concern past that),
// - every package a file imports is declared in that package's package.json
//   (src: dependencies, peer or optional; tests: devDependencies too): jest
//   maps every @odac/* to source, so an undeclared import would pass there
//   and break for a user who installs the package,
// - the layering of ../shared/ARCHITECTURE.md (see `forbidden` below),
// - adapters (ours and third-party `odac-adapter-*` ones) never decide what to
//   do from a Statement's SQL text in any file of their apply path (rule 9:
//   apply reads the statement's metadata: rebuild, fallback, cleanup, …).
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2] ?? process.cwd();
const problems = [];

const manifest = existsSync(join(root, 'package.json')) ? JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) : {};
const runtimeDeps = new Set([
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.peerDependencies ?? {}),
  ...Object.keys(manifest.optionalDependencies ?? {}),
]);
const devDeps = new Set(Object.keys(manifest.devDependencies ?? {}));
const builtins = new Set(builtinModules);
const DRIVERS = ['pg', 'mysql2', 'better-sqlite3', 'tedious', 'knex'];

/**
 * What a package's src/ may not import, whatever it declares (ARCHITECTURE.md,
 * "Packages"): core no driver and no other odac package; an adapter no other
 * adapter; the testkit no concrete adapter; the CLI loads adapters by name,
 * never by a static import, and talks to databases only through them.
 */
function forbidden(pkg) {
  const name = manifest.name ?? '';
  if (name === '@odac/core') {
    if (pkg.startsWith('@odac/')) return 'core imports no other odac package';
    if (DRIVERS.includes(pkg)) return 'core imports no database driver';
  }
  if (/^@odac\/adapter-(?!testkit)/.test(name) && pkg.startsWith('@odac/') && pkg !== '@odac/core') return 'an adapter imports only @odac/core among odac packages';
  if (name === '@odac/adapter-testkit') {
    if (/^@odac\/adapter-/.test(pkg)) return 'the testkit must not depend on a concrete adapter';
    if (DRIVERS.includes(pkg)) return 'the testkit imports no database driver';
  }
  if (name === '@odac/cli') {
    if (/^@odac\/adapter-/.test(pkg)) return 'the CLI loads adapters by name (resolveAdapter), never by a static import';
    if (DRIVERS.includes(pkg) && pkg !== 'knex') return 'the CLI reaches databases only through adapters';
  }
  return undefined;
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for relative and built-in ones. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const pkg = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtins.has(pkg) ? undefined : pkg;
}

/** Import specifiers with their line numbers, comments removed first (TSDoc examples are not imports). */
function imports(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\w])\/\/.*$/gm, '$1');
  const found = [];
  // Statement forms only at the start of a line (a multi-line import ends with "} from 'x'"), so SQL or
  // messages in strings that happen to say "from 'x'" are not taken for imports.
  const patterns = [
    /^\s*(?:import|export|\})[^'"`\n]*\bfrom\s+['"]([^'"]+)['"]/gm,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
    /(?:^|[=(,:\s])(?:await\s+)?import\(\s*['"]([^'"]+)['"]\s*\)/gm,
    /(?:^|[=(,:\s])require\(\s*['"]([^'"]+)['"]\s*\)/gm,
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) found.push({ specifier: m[1], line: code.slice(0, m.index).split('\n').length });
  }
  return found;
}

/** Reading a statement's SQL to choose what to do: comparing it, searching it, slicing it. */
const SQL_MATCHING = [
  /\.sql\s*\.\s*(startsWith|endsWith|includes|match|matchAll|slice|substring|replace|indexOf|search|split)\(/,
  /\.(exec|test)\(\s*[\w.?]*\.sql\b/,
  /(===|!==)\s*[\w.?]*\.sql\b|\b\w+(\?)?\.sql\s*(===|!==)/,
  // A helper handed the SQL with something to compare it to (`rebuildStart(statement.sql, table)`).
  /\b(?!execute\b|query\b|prepare\b|run\b|exec\b)\w+\(\s*[\w.?]*\.sql\s*,/,
];

/** An adapter package: ours (`@odac/adapter-*` but the testkit) or a third party's (`odac-adapter-*`). */
const isAdapter = (name) => /^@odac\/adapter-(?!testkit)|^odac-adapter-/.test(name);

/**
 * A file of an adapter's apply path: where statements run (apply, connection,
 * server pool, SQLite rebuild, driver), or any other file that takes
 * statements in (the `Statement` type, an `onStatement` observer), such as
 * PostgreSQL's lock order and round trips, found by content so a new helper
 * is covered without naming it here. Emitters make statements and are not
 * checked (DefaultValue expressions elsewhere also have a `.sql`).
 */
function isApplyTime(rel, text) {
  if (/(^|[\\/])emit[\w-]*([\\/]|\.ts$)/.test(rel)) return false;
  return /(^|[\\/])(apply|connection|server-pool|rebuild|driver)\.ts$/.test(rel) || /\b(Statement|onStatement|observeStatements)\b/.test(text);
}

function checkSqlMatching(lines, report) {
  lines.forEach((line, i) => {
    if (/^\s*(\*|\/\/)/.test(line)) return;
    if (SQL_MATCHING.some((re) => re.test(line))) report(i + 1, "decides from a statement's SQL text; put what apply needs in the Statement's metadata (rebuild, fallback, cleanup, buildsIndex) instead");
  });
}

function checkImports(text, isTest, report) {
  if (manifest.name === undefined) return;
  for (const { specifier, line } of imports(text)) {
    const pkg = packageOf(specifier);
    if (pkg === undefined || pkg === manifest.name) continue;
    // Types come from @types/<pkg> when the package itself is declared.
    const declared = runtimeDeps.has(pkg) || (isTest && devDeps.has(pkg));
    if (!declared) {
      const where = devDeps.has(pkg) ? 'only in devDependencies, which a user does not install' : 'not in package.json';
      report(line, `imports "${specifier}", but "${pkg}" is ${where}`);
    }
    const rule = isTest ? undefined : forbidden(pkg);
    if (rule) report(line, `imports "${specifier}": ${rule}`);
  }
}

function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) check(full);
  }
}

function check(file) {
  const rel = relative(root, file);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const isTest = /\.test\.ts$/.test(file) || rel.split(/[\\/]/).includes('test');
  const report = (line, message) => problems.push(`${rel}:${line}: ${message}`);
  checkImports(text, isTest, report);
  if (!isTest && isAdapter(manifest.name ?? '') && isApplyTime(rel, text)) checkSqlMatching(lines, report);
  lines.forEach((line, i) => {
    if (/\b(it|test|describe)\.only\(|\bf(it|describe)\(/.test(line)) report(i + 1, 'focused test hides the rest of the suite');
    if (/expect\((true|1)\)\.(toBe|toEqual)\((true|1)\)|expect\.assertions\(0\)/.test(line)) report(i + 1, 'assertion that cannot fail');
    if (isTest) return;
    if (/\bimport\.meta\b/.test(line) && !/^\s*(\*|\/\/)/.test(line)) report(i + 1, 'import.meta in src (tests load src as CommonJS)');
    const rel = line.match(/^\s*(?:import|export)\b[^'"]*from\s+['"](\.{1,2}\/[^'"]+)['"]/);
    if (rel && !rel[1].endsWith('.js') && !rel[1].endsWith('.json')) report(i + 1, `relative import "${rel[1]}" needs a .js extension`);
  });
  if (!isTest && lines.length > 500) report(lines.length, `${lines.length} lines: split it by concern`);
}

for (const dir of ['src', 'test']) {
  try {
    if (statSync(join(root, dir)).isDirectory()) walk(join(root, dir));
  } catch {
    // a package without tests
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problem(s).`);
  process.exit(1);
}
console.log(`lint: ${relative(process.cwd(), root) || '.'} ok`);
