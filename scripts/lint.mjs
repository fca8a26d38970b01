#!/usr/bin/env node
// Project rules no compiler checks (run by `pnpm lint`, per package via turbo):
// - no `import.meta` in src/ (tests compile src to CommonJS),
// - relative imports in src/ end in `.js` (NodeNext ESM),
// - no focused tests (`it.only`, `fit`, `fdescribe`) and no assertions that cannot fail,
// - source files stay under 500 lines (split by concern past that).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2] ?? process.cwd();
const problems = [];

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
