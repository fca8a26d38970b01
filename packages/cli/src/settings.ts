/**
 * Settings from every source, merged. Precedence, strongest first: command
 * line flags, the named environment of the config file (`--env`), the config
 * file, the environment (`DATABASE_URL`), the `.env` file.
 */
import path from 'node:path';
import { OdacError, type Compat } from '@odac/core';
import type { ConfigSettings, LoadedConfig } from './config.js';
import { driverForUrl } from './driver.js';

/** Flags that make up the settings, as yargs parsed them (absent when not given). */
export interface Flags {
  readonly url?: string;
  readonly driver?: string;
  readonly schema?: string;
  /** `--to-url`: the desired schema comes from this database. */
  readonly toUrl?: string;
  readonly allowDestructive?: boolean;
  /** `--drop-unmanaged`. */
  readonly dropUnmanaged?: boolean;
  readonly allowExternalReferences?: boolean;
  readonly json?: boolean;
  readonly online?: boolean;
  readonly schemaName?: string;
  readonly lockTimeout?: number;
  readonly connectTimeout?: number;
  readonly queryTimeout?: number;
  readonly verbose?: boolean;
  readonly config?: string;
  readonly env?: string;
  /** `--db <name>`: only this connection of odac.json. */
  readonly db?: string;
}

/** Everything a command needs, resolved. */
export interface Settings {
  readonly url: string;
  /** Adapter name, package or path (for `resolveAdapter`). */
  readonly driver: string;
  /** Absolute directory of schema files. */
  readonly schemaDir: string;
  /** The database whose schema is the desired one (`--to-url`), instead of the schema files. */
  readonly toUrl?: string;
  readonly allowDestructive: boolean;
  /** Drop tables no schema file describes (still needs `allowDestructive`). */
  readonly dropUnmanagedTables: boolean;
  readonly allowExternalReferences: boolean;
  readonly online: boolean;
  readonly schemaName?: string;
  readonly lockTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly queryTimeoutMs?: number;
  readonly ignoreTables: readonly string[];
  /** The config file used, if any. */
  readonly configFile?: string;
  /** The odac.json connection this is (absent when the URL came from a flag, the config file or DATABASE_URL). */
  readonly connection?: string;
  /** Match what ODAC.JS (knex) creates: set for projects configured by odac.json, or by `compat` in the config file. */
  readonly compat?: Compat;
}

export interface SettingsSources {
  readonly flags: Flags;
  readonly config?: LoadedConfig;
  /** Process environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Variables of the `.env` file. */
  readonly dotenv?: Readonly<Record<string, string>>;
  readonly cwd: string;
}

function environmentSettings(sources: SettingsSources): ConfigSettings {
  const name = sources.flags.env;
  if (name === undefined) return {};
  const config = sources.config;
  if (!config) {
    throw new OdacError('CLI.CONFIG', `--env ${name} needs a config file with environments (odac.config.js: { environments: { ${name}: { url: '...' } } }); none was found.`);
  }
  const environments = config.config.environments ?? {};
  const settings = environments[name];
  if (!settings) {
    const known = Object.keys(environments);
    throw new OdacError(
      'CLI.CONFIG',
      `${config.file} has no environment "${name}"${known.length > 0 ? `; it defines ${known.join(', ')}` : ' (it defines no "environments")'}.`,
      { details: { file: config.file, environment: name } },
    );
  }
  return settings;
}

function checkMillis(flag: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `--${flag} must be a positive whole number of milliseconds, got ${Number.isNaN(value) ? 'something that is not a number' : String(value)}.`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The URL from a flag, the config file (or its `--env` environment) or `DATABASE_URL`; `undefined` when none gives one (then odac.json may). */
export function explicitUrl(sources: SettingsSources): string | undefined {
  const named = environmentSettings(sources);
  const file: ConfigSettings = sources.config?.config ?? {};
  return nonEmpty(sources.flags.url) ?? named.url ?? file.url ?? nonEmpty(sources.env['DATABASE_URL']) ?? nonEmpty(sources.dotenv?.['DATABASE_URL']);
}

/** Merges the sources; throws `CLI.BAD_ARGUMENTS` when no URL is given anywhere. */
export function resolveSettings(sources: SettingsSources): Settings {
  const { flags, cwd } = sources;
  const file: ConfigSettings = sources.config?.config ?? {};
  const named = environmentSettings(sources);
  const pick = <K extends keyof ConfigSettings>(key: K): ConfigSettings[K] => named[key] ?? file[key];

  const url = explicitUrl(sources);
  if (url === undefined) {
    throw new OdacError(
      'CLI.BAD_ARGUMENTS',
      'No database URL: pass --url, set DATABASE_URL (in the environment or a .env file), set `url` in odac.config.js, or describe the connection in odac.json under "database".',
    );
  }
  if (nonEmpty(flags.toUrl) !== undefined && flags.schema !== undefined) {
    throw new OdacError('CLI.BAD_ARGUMENTS', '--schema and --to-url both say where the desired schema comes from (files or another database); pass only one of them.');
  }
  const schema = flags.schema !== undefined ? path.resolve(cwd, flags.schema) : pick('schema') ?? path.resolve(cwd, 'schema');
  const lockTimeoutMs = checkMillis('lock-timeout', flags.lockTimeout ?? pick('lockTimeout'));
  const connectTimeoutMs = checkMillis('connect-timeout', flags.connectTimeout ?? pick('connectTimeout'));
  const queryTimeoutMs = checkMillis('query-timeout', flags.queryTimeout ?? pick('queryTimeout'));
  const schemaName = flags.schemaName ?? pick('schemaName');
  const configFile = sources.config?.file;
  const compat = pick('compat');
  return {
    url,
    driver: flags.driver ?? pick('driver') ?? driverForUrl(url),
    schemaDir: schema,
    allowDestructive: flags.allowDestructive ?? pick('allowDestructive') ?? false,
    dropUnmanagedTables: flags.dropUnmanaged ?? pick('dropUnmanagedTables') ?? false,
    allowExternalReferences: flags.allowExternalReferences ?? pick('allowExternalReferences') ?? false,
    online: flags.online ?? pick('online') ?? false,
    ignoreTables: pick('ignoreTables') ?? [],
    ...(nonEmpty(flags.toUrl) !== undefined ? { toUrl: flags.toUrl } : {}),
    ...(schemaName !== undefined ? { schemaName } : {}),
    ...(lockTimeoutMs !== undefined ? { lockTimeoutMs } : {}),
    ...(connectTimeoutMs !== undefined ? { connectTimeoutMs } : {}),
    ...(queryTimeoutMs !== undefined ? { queryTimeoutMs } : {}),
    ...(configFile !== undefined ? { configFile } : {}),
    ...(compat !== undefined ? { compat } : {}),
  };
}
