/**
 * The command line grammar (yargs): commands, flags, help and examples.
 * Parsing only; `main` runs the chosen command.
 */
import yargs from 'yargs';
import type { Argv, Options } from 'yargs';
import type { Flags } from './settings.js';
import { VERSION } from './version.js';

/** Flags every command accepts: where the database is, and how to print. */
export const GLOBAL_OPTIONS = {
  url: { type: 'string', describe: 'Database connection URL (default: $DATABASE_URL, also read from .env)' },
  driver: {
    type: 'string',
    describe: 'Adapter: sqlite, postgres, mysql, mssql, a package name or a path (default: inferred from the URL)',
  },
  'schema-name': { type: 'string', describe: "PostgreSQL schema to manage (default: public); a pattern such as 'tenant_*' makes every matching schema (MySQL: database) a target" },
  'lock-timeout': { type: 'number', describe: 'Give up waiting for a table lock after this many milliseconds' },
  'connect-timeout': { type: 'number', describe: 'Give up connecting to the database after this many milliseconds (default: 10000)' },
  'query-timeout': { type: 'number', describe: 'Give up on one catalog query after this many milliseconds (default: 120000)' },
  config: { type: 'string', describe: 'Config file (default: ./odac.config.{js,mjs,cjs,ts,json} if present)' },
  env: { type: 'string', describe: 'Use the named environment from the config file (environments.<name>)' },
  db: { type: 'string', describe: 'Only this connection of odac.json (default: every connection, in order); ODAC.JS spells it --db=<name>' },
  json: { type: 'boolean', describe: 'Print one JSON object instead of text (format: docs/plan-json.md)' },
  verbose: { type: 'boolean', describe: 'Show stack traces on errors and the SQL while migrating' },
} as const satisfies Record<string, Options>;

/** Flags of `plan` and `migrate`: where the desired schema comes from and what may change. */
export const CHANGE_OPTIONS = {
  schema: { type: 'string', describe: 'Directory of schema files (default: ./schema)' },
  'to-url': {
    type: 'string',
    describe: 'Take the desired schema from this database instead of schema files (drift between environments)',
  },
  'allow-destructive': { type: 'boolean', describe: 'Run destructive changes (drop table or column, narrowing type) instead of skipping them' },
  'drop-unmanaged': {
    type: 'boolean',
    describe: 'Also drop tables no schema file describes (destructive: needs --allow-destructive too)',
  },
  'allow-external-references': {
    type: 'boolean',
    describe: 'Allow foreign keys to tables no schema file defines (they must exist in the database)',
  },
  online: { type: 'boolean', describe: 'Prefer lock-light DDL (CONCURRENTLY, NOT VALID + VALIDATE, LOCK=NONE)' },
} as const satisfies Record<string, Options>;

export const PLAN_OPTIONS = {
  'exit-code': { type: 'boolean', describe: 'Exit with 2 when changes are pending, skipped ones included (CI drift check)' },
} as const satisfies Record<string, Options>;

export const MIGRATE_OPTIONS = {
  yes: { type: 'boolean', alias: 'y', describe: 'Apply destructive changes without asking (required when not on a terminal)' },
  'dry-run': { type: 'boolean', describe: 'Only print the plan, like `odac plan`' },
} as const satisfies Record<string, Options>;

export const PULL_OPTIONS = {
  out: { type: 'string', describe: 'Directory to write one schema file per table into (default: the schema directory, ./schema)' },
  ts: { type: 'boolean', describe: 'Write TypeScript files using defineTable() instead of JavaScript' },
  force: { type: 'boolean', describe: 'Replace the schema files already in --out (others there are deleted)' },
} as const satisfies Record<string, Options>;

/** `plan --sql`, `migrate --dry-run --sql`: the statements and nothing else. */
export const SQL_OPTIONS = {
  sql: { type: 'boolean', describe: 'Print only the SQL (each statement ending in ;), ready to pipe into the database client or a review' },
} as const satisfies Record<string, Options>;

/** `plan --from/--to/--dialect`: a diff without a live database. */
export const OFFLINE_OPTIONS = {
  from: { type: 'string', describe: 'Offline diff: the current schema, from a schema directory, a database URL, or "empty"' },
  to: { type: 'string', describe: 'Offline diff: the desired schema, from a schema directory or a database URL (default: ./schema)' },
  dialect: { type: 'string', describe: 'Offline diff: postgres, mysql, sqlite, mssql or an adapter (default: inferred from a URL)' },
} as const satisfies Record<string, Options>;

/** `--tables`/`--exclude`: which tables a run looks at (globs with `*`, like ignoreTables). */
export const TABLE_FILTER_OPTIONS = {
  tables: { type: 'string', describe: 'Only these tables (comma-separated globs with *, as in ignoreTables)' },
  exclude: { type: 'string', describe: 'Leave these tables out (comma-separated globs with *, added to ignoreTables)' },
} as const satisfies Record<string, Options>;

/** `odac diagram`. */
export const DIAGRAM_OPTIONS = {
  format: { type: 'string', choices: ['mermaid', 'html'], describe: 'mermaid (erDiagram text, the default) or html (a self-contained page with an SVG drawing)' },
  output: { type: 'string', alias: 'o', describe: 'Write to this file instead of stdout' },
} as const satisfies Record<string, Options>;

/** `odac migrate:rollback`. */
export const ROLLBACK_OPTIONS = {
  yes: MIGRATE_OPTIONS.yes,
} as const satisfies Record<string, Options>;

/** `odac dev`. */
export const DEV_OPTIONS = {
  debounce: { type: 'number', describe: 'Milliseconds to wait after the last change before migrating (default 200)' },
} as const satisfies Record<string, Options>;

/** `odac init`. */
export const INIT_OPTIONS = {
  force: { type: 'boolean', describe: 'Overwrite odac.config.js and the example schema file when they exist' },
} as const satisfies Record<string, Options>;

/** Flags of `plan` and `migrate` that name many targets. */
export const FLEET_OPTIONS = {
  targets: { type: 'string', describe: 'Run on every database in this file (one URL per line, # comments): a fleet' },
  concurrency: { type: 'number', describe: 'Fleets: targets worked on at once, per run (default 8)' },
} as const satisfies Record<string, Options>;

/** Flags of `migrate` only. */
export const FLEET_MIGRATE_OPTIONS = {
  'fail-fast': { type: 'boolean', describe: 'Fleets: stop starting targets after the first failure' },
  canary: { type: 'number', describe: 'Fleets: migrate this many targets first and stop if any of them fails' },
} as const satisfies Record<string, Options>;

/** The fleet flags as parsed (absent when not given). */
export interface FleetFlags {
  readonly targets?: string;
  readonly concurrency?: number;
  readonly failFast?: boolean;
  readonly canary?: number;
}

export type CommandName = 'plan' | 'migrate' | 'pull' | 'diagram' | 'init' | 'migrate:rollback' | 'dev';

/** ODAC.JS's command names that are another odac command under a second name. */
export const COMMAND_ALIASES: Readonly<Record<string, CommandName>> = {
  'migrate:status': 'plan',
  'migrate:snapshot': 'pull',
};

/** Flags that belong to one command. */
export interface CommandFlags {
  readonly exitCode: boolean;
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly out?: string;
  readonly ts: boolean;
  readonly force: boolean;
  /** `--targets`, `--concurrency`, `--fail-fast`, `--canary`: many databases at once. */
  readonly fleet: FleetFlags;
  /** `--sql`: only the statements. */
  readonly sql: boolean;
  /** `--from`, `--to`, `--dialect`: an offline diff. */
  readonly from?: string;
  readonly to?: string;
  readonly dialect?: string;
  /** `--tables`, `--exclude`: comma-separated globs. */
  readonly tables?: readonly string[];
  readonly exclude?: readonly string[];
  /** `diagram --format`, `--output`. */
  readonly format?: 'mermaid' | 'html';
  readonly output?: string;
  /** `odac dev -- <app command>`: the app to start and restart. */
  readonly appCommand?: readonly string[];
  /** `odac dev --debounce`: milliseconds of quiet before migrating. */
  readonly debounce?: number;
}

export type ParsedArgs =
  /** Help or version text to print; exit 0. */
  | { readonly kind: 'output'; readonly text: string }
  /** A usage error (unknown flag, missing command). */
  | { readonly kind: 'usage-error'; readonly message: string; readonly flags: Flags }
  | { readonly kind: 'command'; readonly command: CommandName; readonly flags: Flags; readonly commandFlags: CommandFlags };

function pick(argv: Record<string, unknown>): { flags: Flags; commandFlags: CommandFlags } {
  const str = (key: string): string | undefined => (typeof argv[key] === 'string' ? (argv[key] as string) : undefined);
  const bool = (key: string): boolean | undefined => (typeof argv[key] === 'boolean' ? (argv[key] as boolean) : undefined);
  const flags: Record<string, unknown> = {
    url: str('url'),
    driver: str('driver'),
    schema: str('schema'),
    toUrl: str('toUrl'),
    allowDestructive: bool('allowDestructive'),
    dropUnmanaged: bool('dropUnmanaged'),
    allowExternalReferences: bool('allowExternalReferences'),
    json: bool('json'),
    online: bool('online'),
    schemaName: str('schemaName'),
    lockTimeout: typeof argv['lockTimeout'] === 'number' ? argv['lockTimeout'] : undefined,
    connectTimeout: typeof argv['connectTimeout'] === 'number' ? argv['connectTimeout'] : undefined,
    queryTimeout: typeof argv['queryTimeout'] === 'number' ? argv['queryTimeout'] : undefined,
    verbose: bool('verbose'),
    config: str('config'),
    env: str('env'),
    db: str('db'),
  };
  for (const key of Object.keys(flags)) if (flags[key] === undefined) delete flags[key];
  const out = str('out');
  const num = (key: string): number | undefined => (typeof argv[key] === 'number' ? (argv[key] as number) : undefined);
  const fleet: Record<string, unknown> = { targets: str('targets'), concurrency: num('concurrency'), failFast: bool('failFast'), canary: num('canary') };
  for (const key of Object.keys(fleet)) if (fleet[key] === undefined) delete fleet[key];
  const commandFlags: CommandFlags = {
    exitCode: bool('exitCode') ?? false,
    dryRun: bool('dryRun') ?? false,
    yes: bool('yes') ?? false,
    ts: bool('ts') ?? false,
    force: bool('force') ?? false,
    fleet: fleet as FleetFlags,
    ...(out !== undefined ? { out } : {}),
    ...extraCommandFlags(argv),
  };
  return { flags: flags as Flags, commandFlags };
}

function extraCommandFlags(argv: Record<string, unknown>): Omit<CommandFlags, 'exitCode' | 'dryRun' | 'yes' | 'out' | 'ts' | 'force' | 'fleet'> {
  const str = (key: string): string | undefined => (typeof argv[key] === 'string' ? (argv[key] as string) : undefined);
  const list = (key: string): readonly string[] | undefined => str(key)?.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const rest = Array.isArray(argv['--']) ? (argv['--'] as unknown[]).map(String) : undefined;
  const found = {
    from: str('from'),
    to: str('to'),
    dialect: str('dialect'),
    tables: list('tables'),
    exclude: list('exclude'),
    format: str('format'),
    output: str('output'),
    appCommand: rest !== undefined && rest.length > 0 ? rest : undefined,
    debounce: typeof argv['debounce'] === 'number' ? argv['debounce'] : undefined,
  };
  const out: Record<string, unknown> = { sql: argv['sql'] === true };
  for (const [key, value] of Object.entries(found)) if (value !== undefined) out[key] = value;
  return out as Omit<CommandFlags, 'exitCode' | 'dryRun' | 'yes' | 'out' | 'ts' | 'force' | 'fleet'>;
}

const COMMANDS: readonly string[] = ['plan', 'migrate', 'pull', 'diagram', 'init', 'migrate:status', 'migrate:snapshot', 'migrate:rollback', 'dev'];
const KNOWN_FLAGS: readonly string[] = [
  ...Object.keys(GLOBAL_OPTIONS),
  ...Object.keys(CHANGE_OPTIONS),
  ...Object.keys(PLAN_OPTIONS),
  ...Object.keys(MIGRATE_OPTIONS),
  ...Object.keys(PULL_OPTIONS),
  ...Object.keys(FLEET_OPTIONS),
  ...Object.keys(FLEET_MIGRATE_OPTIONS),
  ...Object.keys(SQL_OPTIONS),
  ...Object.keys(OFFLINE_OPTIONS),
  ...Object.keys(TABLE_FILTER_OPTIONS),
  ...Object.keys(DIAGRAM_OPTIONS),
  ...Object.keys(DEV_OPTIONS),
  'help',
  'version',
];

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

/** Commands of drizzle-kit, Prisma, Atlas and knex, and the odac command that does that job. */
export const OTHER_TOOLS: Readonly<Record<string, string>> = {
  push: 'migrate',
  'db push': 'migrate',
  'db pull': 'pull',
  'migrate dev': 'migrate',
  'migrate deploy': 'migrate',
  deploy: 'migrate',
  apply: 'migrate',
  up: 'migrate',
  sync: 'migrate',
  generate: 'plan --sql',
  diff: 'plan',
  check: 'plan --exit-code',
  status: 'plan --exit-code',
  introspect: 'pull',
  inspect: 'pull',
  studio: 'diagram',
  erd: 'diagram',
};

/**
 * yargs' "Unknown arguments: allow-destructiv, allowDestructiv" as
 * "Unknown flag --allow-destructiv (did you mean --allow-destructive?)".
 * A flag that exists but not on this command says which commands take it.
 */
export function usageMessage(message: string, positional: readonly string[]): string {
  const match = /^Unknown arguments?: (.*)$/.exec(message);
  if (!match?.[1]) return message;
  const names = match[1].split(', ');
  // yargs reports each unknown flag twice, as typed and camel-cased.
  const unique = names.filter((n) => kebab(n) === n || !names.includes(kebab(n)));
  const command = positional.find((p) => COMMANDS.includes(p));
  // `odac db push` (Prisma): one command of two words.
  const dbCommand = positional[0] === 'db' && positional[1] !== undefined && unique.includes('db') ? `db ${positional[1]}` : undefined;
  const parts = unique.filter((name) => dbCommand === undefined || name !== positional[1]).map((name) => {
    if (positional.includes(name)) {
      const typed = name === 'db' && dbCommand !== undefined ? dbCommand : name;
      const other = OTHER_TOOLS[typed];
      if (other !== undefined) return `unknown command "${typed}" (did you mean odac ${other}?)`;
      const hint = suggest(name, COMMANDS);
      return `unknown command "${typed}"${hint ? ` (did you mean ${hint}?)` : ''}`;
    }
    if (KNOWN_FLAGS.includes(name) && command !== undefined) {
      return `--${name} is not a flag of ${command} (see odac ${command} --help)`;
    }
    const hint = suggest(name, KNOWN_FLAGS);
    return `unknown flag --${name}${hint ? ` (did you mean --${hint}?)` : ''}`;
  });
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function withChangeOptions(y: Argv): Argv {
  return y
    .options(CHANGE_OPTIONS)
    .group(['schema', 'to-url', 'allow-destructive', 'drop-unmanaged', 'allow-external-references', 'online'], 'Changes:');
}

/**
 * The yargs parser for `odac`, writing nothing itself. Help is not wrapped:
 * every flag and example keeps its one line (yargs' ESM build wraps in the
 * middle of words), and a narrow terminal wraps lines itself.
 */
export function createParser() {
  return yargs()
    .scriptName('odac')
    .locale('en')
    .usage('$0 <command> [options]\n\nKeep a database in sync with the schema files in ./schema.')
    .options(GLOBAL_OPTIONS)
    .group(['url', 'driver', 'db', 'schema-name', 'lock-timeout', 'connect-timeout', 'query-timeout', 'config', 'env'], 'Database:')
    .group(['json', 'verbose', 'help', 'version'], 'Output:')
    .parserConfiguration({ 'duplicate-arguments-array': false, 'populate--': true })
    .command('plan', 'Show what migrate would change (summary, SQL, hazards), without changing anything', (y) =>
      withChangeOptions(y)
        .options(PLAN_OPTIONS)
        .options(FLEET_OPTIONS)
        .options(SQL_OPTIONS)
        .options(OFFLINE_OPTIONS)
        .options(TABLE_FILTER_OPTIONS)
        .group(['exit-code', 'sql', 'tables', 'exclude'], 'Plan:')
        .group(['from', 'to', 'dialect'], 'Offline diff (no live database):')
        .group(['targets', 'concurrency'], 'Fleet (many databases or schemas):')
        .example('$0 plan --url postgres://app@localhost/app', 'Print the pending changes, their SQL and hazards')
        .example('$0 plan --exit-code', 'Fail a CI job when the database has drifted from the schema')
        .example('$0 plan --url $STAGING_URL --to-url $PROD_URL', 'Show how staging differs from production')
        .example('$0 plan --json > plan.json', 'Save the plan as JSON')
        .example('$0 plan --sql > changes.sql', 'Only the SQL, for a review or the database client')
        .example('$0 plan --dialect postgres --from empty --to ./schema --sql', 'The whole DDL of ./schema, no database needed')
        .example('$0 plan --dialect mysql --from ./old-schema --to ./schema', 'What changed between two schema directories'),
    )
    .command('migrate', 'Change the database to match the schema files (asks before destructive changes)', (y) =>
      withChangeOptions(y)
        .options(MIGRATE_OPTIONS)
        .options(FLEET_OPTIONS)
        .options(FLEET_MIGRATE_OPTIONS)
        .options(SQL_OPTIONS)
        .options(TABLE_FILTER_OPTIONS)
        .group(['yes', 'dry-run', 'sql', 'tables', 'exclude'], 'Migrate:')
        .group(['targets', 'concurrency', 'fail-fast', 'canary'], 'Fleet (many databases or schemas):')
        .example('$0 migrate --url sqlite:./dev.db', 'Apply the schema in ./schema to a SQLite file')
        .example('$0 migrate --allow-destructive --yes', 'Also drop what the schema no longer has, without asking (CI)')
        .example('$0 migrate --env production --dry-run', 'Print what would change in production without applying it')
        .example('$0 migrate --url $STAGING_URL --to-url $PROD_URL', 'Make staging match production')
        .example("$0 migrate --url postgres://app@db/app --schema-name 'tenant_*' --canary 5", 'Migrate every tenant schema, five first'),
    )
    .command('pull', 'Write schema files (one per table) describing an existing database', (y) =>
      y
        .options(PULL_OPTIONS)
        .group(['out', 'ts', 'force'], 'Pull:')
        .example('$0 pull --url postgres://app@localhost/app --out schema/', 'Describe an existing database in ./schema')
        .example('$0 pull --url sqlite:app.db --out schema/ --ts', 'Write TypeScript files using defineTable()')
        .example('$0 pull --force', 'Refresh ./schema from $DATABASE_URL, replacing the files there'),
    )
    .command('diagram', 'Draw the schema (files, or a database with --url) as a Mermaid erDiagram or an HTML page', (y) =>
      y
        .options({ schema: CHANGE_OPTIONS.schema })
        .options(DIAGRAM_OPTIONS)
        .options(TABLE_FILTER_OPTIONS)
        .group(['schema', 'format', 'output', 'tables', 'exclude'], 'Diagram:')
        .example('$0 diagram', 'Mermaid erDiagram text of ./schema (paste into Markdown)')
        .example('$0 diagram --format html -o schema.html', 'A page with tables, keys and foreign keys drawn')
        .example('$0 diagram --url postgres://app@localhost/app', 'Draw a live database'),
    )
    .command('migrate:status', 'ODAC.JS name of `odac plan`: pending schema changes, migration files and seeds, per connection', (y) =>
      withChangeOptions(y)
        .options(PLAN_OPTIONS)
        .options(SQL_OPTIONS)
        .options(TABLE_FILTER_OPTIONS)
        .group(['exit-code', 'sql', 'tables', 'exclude'], 'Plan:')
        .example('$0 migrate:status', 'What migrate would do on every connection of odac.json')
        .example('$0 migrate:status --db=analytics', 'Only the analytics connection'),
    )
    .command('migrate:snapshot', 'ODAC.JS name of `odac pull`: write schema files describing the database(s)', (y) =>
      y
        .options(PULL_OPTIONS)
        .group(['out', 'ts', 'force'], 'Pull:')
        .example('$0 migrate:snapshot --db=analytics --force', 'Rewrite schema/analytics/ from the analytics database'),
    )
    .command('migrate:rollback', 'Run down() of the last batch of migration files (migration/*.js), newest first', (y) =>
      y
        .options(ROLLBACK_OPTIONS)
        .example('$0 migrate:rollback', 'Undo the last batch on every connection')
        .example('$0 migrate:rollback --db=analytics', 'Only on the analytics connection'),
    )
    .command('dev', 'Migrate, start the app (after --), then watch schema/ and migration/ and migrate on every save', (y) =>
      y
        .options({ schema: CHANGE_OPTIONS.schema })
        .options(DEV_OPTIONS)
        .group(['schema', 'debounce'], 'Dev:')
        .example('$0 dev -- node app.js', 'Migrate, start node app.js, and migrate + restart it when a schema file changes')
        .example('$0 dev', 'Only migrate on every change; destructive changes are shown and skipped'),
    )
    .command('init', 'Write odac.config.js and an example schema file for a driver', (y) =>
      y
        .options(INIT_OPTIONS)
        .group(['driver', 'force'], 'Init:')
        .example('$0 init --driver postgres', 'odac.config.js reading DATABASE_URL, and schema/users.js')
        .example('$0 init --url sqlite:dev.db', 'The driver inferred from the URL'),
    )
    .example('$0 migrate --url postgres://app@localhost/app', 'Apply ./schema to a PostgreSQL database')
    .example('$0 plan --exit-code', 'Exit with 2 when changes are pending')
    .example('$0 pull --url sqlite:app.db --out schema/', 'Start from an existing database')
    .epilogue(
      'Run `odac <command> --help` for the flags of each command.\n' +
        'Settings also come from odac.config.{js,mjs,cjs,ts,json} and DATABASE_URL (environment or .env); flags win.\n' +
        'Without a URL from those, the connections under "database" in odac.json (ODAC.JS projects) are used, each with schema/<connection>/.\n' +
        'Exit codes: 0 success, 1 error, 2 changes pending (plan --exit-code).',
    )
    .demandCommand(1, 'Pass a command: odac plan, odac migrate, odac pull, odac diagram, odac init, or odac dev.')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .wrap(null);
}

/** Parses the arguments without side effects. */
export async function parseArgs(argv: readonly string[]): Promise<ParsedArgs> {
  const parser = createParser();
  return new Promise<ParsedArgs>((resolve) => {
    // A parse callback makes yargs hand back help and errors instead of printing them or exiting.
    void parser.parse([...argv], {}, (err, parsed, output) => {
      const args = parsed as unknown as Record<string, unknown> & { _: unknown[] };
      const { flags, commandFlags } = pick(args);
      if (err) {
        resolve({ kind: 'usage-error', message: usageMessage(err.message, args._.map(String)), flags });
      } else if (args['help'] === true || args['version'] === true || output) {
        resolve({ kind: 'output', text: output });
      } else {
        const typed = String(args._[0]);
        const command = COMMAND_ALIASES[typed] ?? (typed as CommandName);
        if (command !== 'dev' && commandFlags.appCommand !== undefined) {
          resolve({ kind: 'usage-error', message: `Arguments after -- (${commandFlags.appCommand.join(' ')}) are the app command of odac dev; odac ${typed} takes none`, flags });
          return;
        }
        resolve({ kind: 'command', command, flags, commandFlags });
      }
    });
  });
}
