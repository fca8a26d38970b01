/**
 * The apps the packed-tarball test installs the packages into: one per way a
 * Node user loads them (CommonJS `require`, ESM `import`, TypeScript with
 * `module: commonjs` and with `module: nodenext`). Each app migrates a SQLite
 * database from the blog example through the public API, checks that a second
 * plan is empty, and prints one JSON line the test reads.
 */

/** Package directory names under packages/, each packed into a tarball. */
export const PACKAGES = ['core', 'cli', 'adapter-postgres', 'adapter-mysql', 'adapter-sqlite', 'adapter-mssql', 'adapter-testkit'] as const;

const ADAPTERS = ['postgres', 'mysql', 'sqlite', 'mssql'];

/** CommonJS: `require` of every package, then a real migrate. */
export const CJS_APP = `'use strict';
const path = require('node:path');
const core = require('@odac/core');
const cli = require('@odac/cli');
const testkit = require('@odac/adapter-testkit');
const adapters = ${JSON.stringify(ADAPTERS)}.map((name) => require('@odac/adapter-' + name).default);

async function run() {
  const [schemaDir, db] = process.argv.slice(2);
  const sqlite = adapters.find((a) => a.name === 'sqlite');
  const url = 'sqlite:' + db;
  const first = await core.migrate({ adapter: sqlite, url, schemaDir });
  const second = await core.plan({ adapter: sqlite, url, schemaDir });
  const config = cli.defineConfig({ url: process.env.DATABASE_URL });
  console.log(JSON.stringify({
    format: typeof module,
    adapters: adapters.map((a) => a.name),
    applied: first.applied.length,
    pending: second.plan.operations.length,
    tables: second.current.tables.map((t) => t.name),
    odacError: new core.OdacError('SCHEMA.LOAD_FAILED', 'x') instanceof Error,
    testkit: typeof testkit.uniqueSuffix,
    config: Object.keys(config),
    version: cli.VERSION,
  }));
}
run().catch((err) => { console.error(err); process.exit(1); });
`;

/** ESM: named and default imports of every package, then a real migrate. */
export const ESM_APP = `import { migrate, plan, OdacError } from '@odac/core';
import { defineConfig, VERSION } from '@odac/cli';
import { uniqueSuffix } from '@odac/adapter-testkit';
import postgres from '@odac/adapter-postgres';
import mysql from '@odac/adapter-mysql';
import sqlite from '@odac/adapter-sqlite';
import mssql from '@odac/adapter-mssql';

const [schemaDir, db] = process.argv.slice(2);
const url = 'sqlite:' + db;
const first = await migrate({ adapter: sqlite, url, schemaDir });
const second = await plan({ adapter: sqlite, url, schemaDir });
const config = defineConfig({ url: process.env.DATABASE_URL });
console.log(JSON.stringify({
  format: typeof module,
  adapters: [postgres, mysql, sqlite, mssql].map((a) => a.name),
  applied: first.applied.length,
  pending: second.plan.operations.length,
  tables: second.current.tables.map((t) => t.name),
  odacError: new OdacError('SCHEMA.LOAD_FAILED', 'x') instanceof Error,
  testkit: typeof uniqueSuffix,
  config: Object.keys(config),
  version: VERSION,
}));
`;

/**
 * TypeScript, strict with `exactOptionalPropertyTypes` (the issue's
 * `defineConfig({ url: process.env.DATABASE_URL })`), compiled by the app's
 * own `tsc` against the packages' shipped declarations.
 */
export const TS_APP = `import { defineConfig, VERSION } from '@odac/cli';
import { defineTable, migrate, plan, OdacError, type DriverAdapter, type Schema } from '@odac/core';
import postgres from '@odac/adapter-postgres';
import mysql from '@odac/adapter-mysql';
import sqlite from '@odac/adapter-sqlite';
import mssql from '@odac/adapter-mssql';
import { uniqueSuffix } from '@odac/adapter-testkit';

export const config = defineConfig({ url: process.env.DATABASE_URL, schema: './schema' });
export const tags = defineTable({
  columns: {
    id: { type: 'increments' },
    slug: { type: 'string', length: 64, nullable: false, unique: true },
  },
});

async function run(): Promise<void> {
  const [schemaDir, db] = process.argv.slice(2);
  if (schemaDir === undefined || db === undefined) throw new Error('usage: app <schemaDir> <db>');
  const adapters: DriverAdapter[] = [postgres, mysql, sqlite, mssql];
  const url = 'sqlite:' + db;
  const first = await migrate({ adapter: sqlite, url, schemaDir });
  const second = await plan({ adapter: sqlite, url, schemaDir });
  const current: Schema = second.current;
  console.log(JSON.stringify({
    format: typeof module,
    adapters: adapters.map((a) => a.name),
    applied: first.applied.length,
    pending: second.plan.operations.length,
    tables: current.tables.map((t) => t.name),
    odacError: new OdacError('SCHEMA.LOAD_FAILED', 'x') instanceof Error,
    testkit: typeof uniqueSuffix,
    config: Object.keys(config),
    version: VERSION,
  }));
}
run().catch((err: unknown) => { console.error(err); process.exit(1); });
`;

/** Under nodenext, a `.cts` file of an ESM app loads the packages through their `require` types. */
export const CTS_FILE = `import core = require('@odac/core');
import cli = require('@odac/cli');
import sqlite = require('@odac/adapter-sqlite');
export const loaded: string = [typeof core.migrate, typeof cli.defineConfig, sqlite.default.name].join(',');
`;

/** The app's tsconfig for `module` (`commonjs` or `nodenext`). */
export function tsconfig(module: 'commonjs' | 'nodenext'): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module,
      ...(module === 'nodenext' ? { moduleResolution: 'nodenext' } : {}),
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      rootDir: 'src',
      outDir: 'out',
    },
    include: ['src'],
  }, null, 2);
}
