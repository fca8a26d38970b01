/**
 * `odac init`: a starting point for a project: `odac.config.js` (reading
 * `DATABASE_URL`) and `schema/users.js`, for the driver given with `--driver`
 * or inferred from `--url`. Existing files are kept unless `--force`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OdacError } from '@odac/core';
import type { CliIO } from '../context.js';
import { BUILTIN_DRIVERS, inferDriver } from '../driver.js';
import type { Flags } from '../settings.js';
import { EXIT_OK } from './context.js';

const EXAMPLE_URLS: Readonly<Record<string, string>> = {
  postgres: 'postgres://postgres@127.0.0.1:5432/app',
  mysql: 'mysql://root@127.0.0.1:3306/app',
  sqlite: 'sqlite:./dev.db',
  mssql: 'mssql://sa:secret@127.0.0.1:1433/app',
};

function config(driver: string): string {
  return `// odac settings; flags on the command line win. https://github.com/odac/odac/tree/main/packages/cli#readme
/** @type {import('@odac/cli').CliConfig} */
module.exports = {
  // e.g. ${EXAMPLE_URLS[driver] ?? '<your database URL>'} (also read from .env)
  url: process.env.DATABASE_URL,
  driver: '${driver}',
  schema: './schema',
};
`;
}

const USERS = `// One file per table: the table is named after the file.
'use strict';
module.exports = {
  columns: {
    id: { type: 'increments' },
    email: { type: 'string', length: 255, nullable: false, unique: true },
    name: { type: 'string', length: 100 },
    timestamps: { type: 'timestamps' }
  }
};
`;

export async function runInit(io: CliIO, flags: Flags, options: { readonly force: boolean }): Promise<number> {
  const driver = flags.driver ?? (flags.url !== undefined ? inferDriver(flags.url) : undefined);
  if (driver === undefined) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `Which database? Pass --driver (${BUILTIN_DRIVERS.join(', ')}) or --url, e.g. \`odac init --driver postgres\`.`);
  }
  const files = [
    { file: path.join(io.cwd, 'odac.config.js'), text: config(driver) },
    { file: path.join(io.cwd, 'schema', 'users.js'), text: USERS },
  ];
  const existing = files.filter((f) => existsSync(f.file)).map((f) => path.relative(io.cwd, f.file));
  if (existing.length > 0 && !options.force) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written. Pass --force to overwrite.`);
  }
  mkdirSync(path.join(io.cwd, 'schema'), { recursive: true });
  for (const f of files) writeFileSync(f.file, f.text);
  const install = BUILTIN_DRIVERS.includes(driver) ? `npm install --save-dev @odac/cli @odac/core @odac/adapter-${driver}` : `npm install --save-dev @odac/cli @odac/core (and your adapter ${driver})`;
  io.stdout.write(
    [
      `Wrote odac.config.js (driver ${driver}) and schema/users.js.`,
      'Next:',
      `  ${install}`,
      `  export DATABASE_URL=${EXAMPLE_URLS[driver] ?? '<url>'}`,
      '  npx odac plan      # what would change',
      '  npx odac migrate   # apply it',
      '',
    ].join('\n'),
  );
  return EXIT_OK;
}
