/**
 * The config file: `odac.config.{js,mjs,cjs,ts,json}` in the working
 * directory (or the file given with `--config`), holding the same settings as
 * the flags. JavaScript files are imported natively, TypeScript through
 * core's module loader (transpiled, cached by content).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importModuleFile, OdacError, type Compat } from '@odac/core';
import { messageOf } from './errors.js';

/** Settings a config file (or one of its named environments) may hold. */
export interface ConfigSettings {
  /** Connection URL; also read from `DATABASE_URL`. */
  readonly url?: string | undefined;
  /** Adapter name (`postgres`), package, or path; inferred from the URL when absent. */
  readonly driver?: string | undefined;
  /** Directory of schema files, relative to the config file. Default `./schema`. */
  readonly schema?: string | undefined;
  readonly allowDestructive?: boolean | undefined;
  /** Drop tables no schema file describes (destructive: needs `allowDestructive` too). */
  readonly dropUnmanagedTables?: boolean | undefined;
  readonly allowExternalReferences?: boolean | undefined;
  /** Prefer lock-light DDL (CONCURRENTLY, NOT VALID + VALIDATE, LOCK=NONE). */
  readonly online?: boolean | undefined;
  /** PostgreSQL / SQL Server schema to manage. */
  readonly schemaName?: string | undefined;
  /** Give up waiting for a table lock after this many milliseconds. */
  readonly lockTimeout?: number | undefined;
  /** Give up connecting after this many milliseconds (default 10 000). */
  readonly connectTimeout?: number | undefined;
  /** Give up on one catalog query after this many milliseconds (default 120 000). */
  readonly queryTimeout?: number | undefined;
  /** Tables never touched (glob patterns with `*`). */
  readonly ignoreTables?: readonly string[] | undefined;
  /** A fleet: the databases to migrate together (see docs/fleets.md). */
  readonly targets?: TargetsSetting | undefined;
  /** `'odacjs'`: read schema files with ODAC.JS's meaning (types as its knex engine built them; docs/odacjs.md). */
  readonly compat?: Compat | undefined;
}

/** URLs, a function returning them, a shell command printing one per line, or a module exporting them. */
export type TargetsSetting =
  | readonly string[]
  | (() => readonly string[] | Promise<readonly string[]>)
  | { readonly command: string }
  | { readonly module: string };

/**
 * The whole config file: settings plus named environments (`--env production`).
 * Optional keys also accept `undefined`, so `url: process.env.DATABASE_URL`
 * compiles under `exactOptionalPropertyTypes`; an undefined setting counts as absent.
 */
export interface CliConfig extends ConfigSettings {
  readonly environments?: Readonly<Record<string, ConfigSettings>> | undefined;
}

/** A loaded config file and where it came from. */
export interface LoadedConfig {
  readonly file: string;
  readonly config: CliConfig;
}

/** Looked for in this order in the working directory. */
export const CONFIG_FILE_NAMES: readonly string[] = [
  'odac.config.js',
  'odac.config.mjs',
  'odac.config.cjs',
  'odac.config.ts',
  'odac.config.json',
];

type Check = (value: unknown) => string | undefined;

const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const isString: Check = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be a non-empty string');
const isMillis: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? undefined : 'must be a positive whole number of milliseconds';
const isStringList: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must be an array of strings';

const isCompat: Check = (v) => (v === 'odacjs' ? undefined : "must be 'odacjs' (the only compatibility mode), or left out");

const isTargets: Check = (v) => {
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string' && x.length > 0) ? undefined : 'must be an array of URLs';
  if (typeof v === 'function') return undefined;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    const ok = keys.length === 1 && (keys[0] === 'command' || keys[0] === 'module') && typeof v[keys[0]] === 'string' && (v[keys[0]] as string).length > 0;
    if (ok) return undefined;
  }
  return 'must be an array of URLs, a function returning them, { command: "…" } (one URL per output line) or { module: "./targets.js" }';
};

const SETTING_CHECKS: Readonly<Record<keyof ConfigSettings, Check>> = {
  url: isString,
  driver: isString,
  schema: isString,
  allowDestructive: isBoolean,
  dropUnmanagedTables: isBoolean,
  allowExternalReferences: isBoolean,
  online: isBoolean,
  schemaName: isString,
  lockTimeout: isMillis,
  connectTimeout: isMillis,
  queryTimeout: isMillis,
  ignoreTables: isStringList,
  targets: isTargets,
  compat: isCompat,
};

const SETTING_KEYS = Object.keys(SETTING_CHECKS);

/**
 * The config file to use: `explicit` (relative to `cwd`) when given, which
 * must exist; otherwise the first of {@link CONFIG_FILE_NAMES} found in `cwd`.
 */
export function findConfigFile(cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) {
      throw new OdacError('CLI.CONFIG', `Config file ${file} (from --config) does not exist. Check the path, or leave --config out to use ./odac.config.js.`);
    }
    return file;
  }
  return CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPathLike(value: string): boolean {
  return value.startsWith('./') || value.startsWith('../') || value === '.' || value === '..';
}

// Paths in a config file mean "next to the config file", wherever odac runs from.
function resolvePathSetting(key: string, value: unknown, dir: string): unknown {
  if (typeof value !== 'string') return value;
  if (key === 'schema' || (key === 'driver' && isPathLike(value))) return path.resolve(dir, value);
  return value;
}

function validateSettings(raw: Record<string, unknown>, file: string, where: string, allowed: readonly string[]): ConfigSettings {
  const dir = path.dirname(file);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!allowed.includes(key)) {
      throw new OdacError(
        'CLI.CONFIG',
        `${file}: unknown setting "${where}${key}". Known settings: ${allowed.join(', ')}.`,
        { details: { file, key: where + key } },
      );
    }
    if (key === 'environments' || value === undefined) continue;
    const problem = SETTING_CHECKS[key as keyof ConfigSettings](value);
    if (problem) {
      throw new OdacError('CLI.CONFIG', `${file}: "${where}${key}" ${problem}, got ${describe(value)}.`, { details: { file, key: where + key } });
    }
    out[key] = resolvePathSetting(key, value, dir);
  }
  return out as ConfigSettings;
}

/** Checks a config object's keys and types; relative `schema` and path `driver` become absolute (relative to the file). */
export function validateConfig(raw: unknown, file: string): CliConfig {
  if (!isPlainObject(raw)) {
    throw new OdacError('CLI.CONFIG', `${file} must export an object (or a function returning one) with settings such as { url, schema }; got ${describe(raw)}.`, {
      details: { file },
    });
  }
  const settings = validateSettings(raw, file, '', [...SETTING_KEYS, 'environments']);
  const envs = raw['environments'];
  if (envs === undefined) return settings;
  if (!isPlainObject(envs)) {
    throw new OdacError('CLI.CONFIG', `${file}: "environments" must be an object of named settings, e.g. { production: { url: '...' } }.`, { details: { file } });
  }
  const environments: Record<string, ConfigSettings> = {};
  for (const [name, value] of Object.entries(envs)) {
    if (!isPlainObject(value)) {
      throw new OdacError('CLI.CONFIG', `${file}: "environments.${name}" must be an object of settings, got ${describe(value)}.`, { details: { file } });
    }
    environments[name] = validateSettings(value, file, `environments.${name}.`, SETTING_KEYS);
  }
  return { ...settings, environments };
}

async function importConfig(file: string): Promise<unknown> {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (cause) {
      throw new OdacError('CLI.CONFIG', `${file} is not valid JSON: ${messageOf(cause)}`, { cause, details: { file } });
    }
  }
  try {
    // `import { defineConfig } from '@odac/cli'` resolves to this CLI wherever the file is.
    const mod = await importModuleFile(file, { provide: { '@odac/cli': await import('./index.js') } });
    return typeof mod === 'function' ? await (mod as () => unknown)() : mod;
  } catch (cause) {
    throw new OdacError('CLI.CONFIG', `Could not load ${file}: ${messageOf(cause)}`, { cause, details: { file } });
  }
}

/** Finds and loads the config file; `undefined` when there is none. Throws `CLI.CONFIG`. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  const file = findConfigFile(cwd, explicit);
  if (file === undefined) return undefined;
  return { file, config: validateConfig(await importConfig(file), file) };
}

/** Identity helper giving `odac.config.ts` autocomplete and type errors. */
export function defineConfig<const T extends CliConfig>(config: T): T {
  return config;
}
