/**
 * What a command runs with: resolved settings, the loaded adapter and the
 * output streams. Commands return an exit code; errors are thrown and
 * formatted by `main`.
 */
import type { ConnectOptions, DriverAdapter, EngineOptions, TableSelection } from '@odac/core';
import type { CliIO } from '../context.js';
import type { Colors } from '../render/color.js';
import type { Settings } from '../settings.js';

export interface CommandContext {
  readonly io: CliIO;
  readonly settings: Settings;
  readonly adapter: DriverAdapter;
  readonly json: boolean;
  readonly verbose: boolean;
  /** Colours for stdout. */
  readonly colors: Colors;
  /** `--tables` / `--exclude`. */
  readonly tables?: TableSelection;
  /** `--sql`: print only the statements. */
  readonly sqlOnly?: boolean;
  /** False: sync the schema without its seed rows (they run after pending migration files). */
  readonly seeds?: boolean;
}

/** Exit codes: 0 success, 1 error, 2 changes pending (`plan --exit-code`). */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_PENDING = 2;

/** Connection options the settings stand for. */
export function connectOptions(settings: Settings): ConnectOptions {
  return {
    ...(settings.schemaName !== undefined ? { schemaName: settings.schemaName } : {}),
    ...(settings.lockTimeoutMs !== undefined ? { lockTimeoutMs: settings.lockTimeoutMs } : {}),
    ...(settings.connectTimeoutMs !== undefined ? { connectTimeoutMs: settings.connectTimeoutMs } : {}),
    ...(settings.queryTimeoutMs !== undefined ? { queryTimeoutMs: settings.queryTimeoutMs } : {}),
  };
}

/** The engine options the settings stand for, with the schema files as the desired schema. */
export function engineOptions(ctx: CommandContext): EngineOptions {
  const { settings } = ctx;
  return {
    adapter: ctx.adapter,
    url: settings.url,
    connectOptions: connectOptions(settings),
    schemaDir: settings.schemaDir,
    allowDestructive: settings.allowDestructive,
    dropUnmanagedTables: settings.dropUnmanagedTables,
    allowExternalReferences: settings.allowExternalReferences,
    ignoreTables: settings.ignoreTables,
    emit: { online: settings.online },
    ...(ctx.tables !== undefined ? { tables: ctx.tables } : {}),
    ...(settings.compat !== undefined ? { compat: settings.compat } : {}),
    ...(ctx.seeds === false ? { seeds: false } : {}),
  };
}

/** The `--tables` / `--exclude` selection, when either was given. */
export function tableSelection(flags: { readonly tables?: readonly string[]; readonly exclude?: readonly string[] }): TableSelection | undefined {
  if (flags.tables === undefined && flags.exclude === undefined) return undefined;
  return { ...(flags.tables !== undefined ? { only: flags.tables } : {}), ...(flags.exclude !== undefined ? { exclude: flags.exclude } : {}) };
}
