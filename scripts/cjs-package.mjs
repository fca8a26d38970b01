#!/usr/bin/env node
// Marks a CommonJS build output directory (the second `tsc` of a package's
// build) as CommonJS: the package itself is "type": "module", so Node and
// TypeScript would otherwise read dist/cjs/*.js and *.d.ts as ES modules.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: cjs-package.mjs <dir>');
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
