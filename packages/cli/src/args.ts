/**
 * The command line grammar (yargs): commands, flags, help and examples.
 * Parsing only; `main` runs the chosen command.
 */
import yargs from 'yargs';
import type { Options } from 'yargs';
import type { Flags } from './settings.js';
import { VERSION } from './version.js';

/** Flags every command accepts, with their one-line help. */
export const GLOBAL_OPTIONS = {
  url: { type: 'string', describe: 'Database connection URL (default: $DATABASE_URL)' },
  driver: {
    type: 'string',
    describe: 'Adapter: sqlite, postgres, mysql, mssql, a package name or a path (default: inferred from the URL)',
  },
  schema: { type: 'string', describe: 'Directory of schema files (default: ./schema)' },
  'allow-destructive': { type: 'boolean', describe: 'Run destructive changes (drop table or column, narrowing type) instead of skipping them' },
  'allow-external-references': {
    type: 'boolean',
    describe: 'Allow foreign keys to tables no schema file defines (they must exist in the database)',
  },
  json: { type: 'boolean', describe: 'Print one JSON object instead of text' },
  online: { type: 'boolean', describe: 'Prefer lock-light DDL (CONCURRENTLY, NOT VALID + VALIDATE, LOCK=NONE)' },
  'schema-name': { type: 'string', describe: 'PostgreSQL schema to manage (default: public)' },
  'lock-timeout': { type: 'number', describe: 'Give up waiting for a table lock after this many milliseconds' },
  config: { type: 'string', describe: 'Config file (default: ./odac.config.{js,mjs,cjs,ts,json} if present)' },
  env: { type: 'string', describe: 'Use the named environment from the config file (environments.<name>)' },
  verbose: { type: 'boolean', describe: 'Show stack traces on errors and the SQL while migrating' },
} as const satisfies Record<string, Options>;

export type CommandName = 'plan' | 'migrate';

export type ParsedArgs =
  /** Help or version text to print; exit 0. */
  | { readonly kind: 'output'; readonly text: string }
  /** A usage error (unknown flag, missing command). */
  | { readonly kind: 'usage-error'; readonly message: string; readonly flags: Flags }
  | { readonly kind: 'command'; readonly command: CommandName; readonly flags: Flags; readonly exitCode: boolean; readonly dryRun: boolean };

function pick(argv: Record<string, unknown>): Flags & { exitCode: boolean; dryRun: boolean } {
  const str = (key: string): string | undefined => (typeof argv[key] === 'string' ? (argv[key] as string) : undefined);
  const bool = (key: string): boolean | undefined => (typeof argv[key] === 'boolean' ? (argv[key] as boolean) : undefined);
  const flags: Record<string, unknown> = {
    url: str('url'),
    driver: str('driver'),
    schema: str('schema'),
    allowDestructive: bool('allowDestructive'),
    allowExternalReferences: bool('allowExternalReferences'),
    json: bool('json'),
    online: bool('online'),
    schemaName: str('schemaName'),
    lockTimeout: typeof argv['lockTimeout'] === 'number' ? argv['lockTimeout'] : undefined,
    verbose: bool('verbose'),
    config: str('config'),
    env: str('env'),
  };
  for (const key of Object.keys(flags)) if (flags[key] === undefined) delete flags[key];
  return { ...(flags as Flags), exitCode: bool('exitCode') ?? false, dryRun: bool('dryRun') ?? false };
}

const COMMANDS: readonly CommandName[] = ['plan', 'migrate'];
const KNOWN_FLAGS: readonly string[] = [...Object.keys(GLOBAL_OPTIONS), 'exit-code', 'dry-run', 'help', 'version'];

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

function suggest(name: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: distance(name, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? best.k : '';
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * yargs' "Unknown arguments: allow-destructiv, allowDestructiv" as
 * "Unknown flag --allow-destructiv (did you mean --allow-destructive?)".
 */
export function usageMessage(message: string, positional: readonly string[]): string {
  const match = /^Unknown arguments?: (.*)$/.exec(message);
  if (!match?.[1]) return message;
  const names = match[1].split(', ');
  // yargs reports each unknown flag twice, as typed and camel-cased.
  const unique = names.filter((n) => kebab(n) === n || !names.includes(kebab(n)));
  const parts = unique.map((name) => {
    if (positional.includes(name)) {
      const hint = suggest(name, COMMANDS);
      return `unknown command "${name}"${hint ? ` (did you mean ${hint}?)` : ''}`;
    }
    const hint = suggest(name, KNOWN_FLAGS);
    return `unknown flag --${name}${hint ? ` (did you mean --${hint}?)` : ''}`;
  });
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The yargs parser for `odac`, writing nothing itself. */
export function createParser(width: number) {
  return yargs()
    .scriptName('odac')
    .locale('en')
    .usage('$0 <command> [options]\n\nKeep a database in sync with the schema files in ./schema.')
    .options(GLOBAL_OPTIONS)
    .group(['url', 'driver', 'schema-name', 'lock-timeout', 'config', 'env'], 'Database:')
    .group(['schema', 'allow-destructive', 'allow-external-references', 'online'], 'Changes:')
    .group(['json', 'verbose', 'help', 'version'], 'Output:')
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .command('plan', 'Show what migrate would change (summary and SQL), without changing anything', (y) =>
      y
        .option('exit-code', { type: 'boolean', describe: 'Exit with 2 when the database differs from the schema (CI drift check)' })
        .group(['exit-code'], 'Plan:')
        .example('$0 plan --url postgres://app@localhost/app', 'Print the pending changes and their SQL')
        .example('$0 plan --exit-code', 'Fail a CI job when the database has drifted from the schema')
        .example('$0 plan --json > plan.json', 'Save the plan as JSON'),
    )
    .command('migrate', 'Change the database to match the schema files', (y) =>
      y
        .option('dry-run', { type: 'boolean', describe: 'Only print the plan, like `odac plan`' })
        .group(['dry-run'], 'Migrate:')
        .example('$0 migrate --url sqlite:./dev.db', 'Apply the schema in ./schema to a SQLite file')
        .example('$0 migrate --dry-run', 'Print what would change without applying it')
        .example('$0 migrate --allow-destructive', 'Also drop the tables and columns the schema no longer has'),
    )
    .example('$0 migrate --url postgres://app@localhost/app', 'Apply ./schema to a PostgreSQL database')
    .example('$0 plan --exit-code', 'Exit with 2 when changes are pending')
    .epilogue('Settings also come from odac.config.{js,mjs,cjs,ts,json} and DATABASE_URL (environment or .env); flags win.\nExit codes: 0 success, 1 error, 2 changes pending (plan --exit-code).')
    .demandCommand(1, 'Pass a command: odac plan or odac migrate.')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .wrap(width);
}

/** Parses the arguments without side effects. */
export async function parseArgs(argv: readonly string[], width = 100): Promise<ParsedArgs> {
  const parser = createParser(width);
  return new Promise<ParsedArgs>((resolve) => {
    // A parse callback makes yargs hand back help and errors instead of printing them or exiting.
    void parser.parse([...argv], {}, (err, parsed, output) => {
      const args = parsed as unknown as Record<string, unknown> & { _: unknown[] };
      const { exitCode, dryRun, ...flags } = pick(args);
      if (err) {
        resolve({ kind: 'usage-error', message: usageMessage(err.message, args._.map(String)), flags });
      } else if (args['help'] === true || args['version'] === true || output) {
        resolve({ kind: 'output', text: output });
      } else {
        const command = String(args._[0]) as CommandName;
        resolve({ kind: 'command', command, flags, exitCode, dryRun });
      }
    });
  });
}
