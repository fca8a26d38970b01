/**
 * Which databases a command works on. Usually one: the URL from a flag, the
 * config file or `DATABASE_URL`. Without one, the connections of `odac.json`
 * (ODAC.JS projects), each with its own schema folder: `schema/*.js` for the
 * default connection (the one named `default`, else the first), and
 * `schema/<connection>/*.js` for each named one. A sub-folder of `schema/`
 * that names no connection is an error, never silently skipped.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { OdacError } from '@odac/core';
import type { OdacJsonDatabase } from './odac-json.js';
import { explicitUrl, resolveSettings, type Settings, type SettingsSources } from './settings.js';

/** One database a command runs on. */
export interface ConnectionTarget {
  /** The odac.json connection name; absent for a URL given any other way. */
  readonly name?: string;
  readonly settings: Settings;
  /**
   * False when this connection has no schema folder (`schema/` for the
   * default, `schema/<name>/` for the others): there is nothing to sync,
   * and data steps still run.
   */
  readonly hasSchema: boolean;
  /** The schema directory all connections share (`schema/`): what `odac dev` watches. */
  readonly schemaRoot: string;
}

export interface ConnectionSources extends SettingsSources {
  /** `odac.json` → `database`, read by the caller (only consulted when no other source gives a URL). */
  readonly odacJson?: OdacJsonDatabase;
}

function isDirectory(full: string): boolean {
  try {
    return statSync(full).isDirectory();
  } catch {
    // A broken symlink is no folder; it must not hide the others.
    return false;
  }
}

function subfolders(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || (e.isSymbolicLink() && isDirectory(path.join(dir, e.name)))))
    .map((e) => e.name)
    .sort();
}

/** The connection whose files are `schema/*.js`: the one named `default`, else the first. */
export function defaultConnectionName(names: readonly string[]): string | undefined {
  return names.includes('default') ? 'default' : names[0];
}

/** Throws when `root` holds a folder that is not a named connection's (the default's files live in `root` itself). */
export function checkSchemaFolders(root: string, names: readonly string[], file: string): void {
  const fallback = defaultConnectionName(names);
  for (const folder of subfolders(root)) {
    const shown = path.join(path.basename(root), folder);
    if (folder === fallback) {
      throw new OdacError(
        'CLI.CONFIG',
        `${shown}/ is a folder for connection "${folder}", the default connection, whose schema files live directly in ${path.basename(root)}/. Move its files up one level.`,
        { details: { folder: path.join(root, folder), connection: folder } },
      );
    }
    if (!names.includes(folder)) {
      throw new OdacError(
        'CLI.CONFIG',
        `${shown}/ names no connection of ${file} (it defines ${names.join(', ')}), so its schema files would belong to no database. ` +
          `Add a "${folder}" connection under "database" in odac.json, or rename or move the folder.`,
        { details: { folder: path.join(root, folder), connections: names } },
      );
    }
  }
}

/**
 * The targets of a command. An explicit URL gives one unnamed target (and
 * `--db` is then an error); otherwise odac.json's connections, in its order,
 * or only `--db`'s. Throws `CLI.BAD_ARGUMENTS` / `CLI.CONFIG`.
 */
export function resolveConnections(sources: ConnectionSources): ConnectionTarget[] {
  const { flags, odacJson } = sources;
  if (explicitUrl(sources) !== undefined || odacJson === undefined) {
    if (flags.db !== undefined) {
      throw new OdacError(
        'CLI.BAD_ARGUMENTS',
        `--db ${flags.db} selects a connection of odac.json, but ${odacJson === undefined ? 'there is no odac.json with a "database" here' : 'the database URL comes from --url, odac.config or DATABASE_URL, which win over odac.json'}. Leave --db out, or remove the other URL.`,
      );
    }
    const settings = resolveSettings(sources);
    return [{ settings, hasSchema: true, schemaRoot: settings.schemaDir }];
  }
  const names = odacJson.connections.map((c) => c.name);
  const chosen = flags.db === undefined ? odacJson.connections : odacJson.connections.filter((c) => c.name === flags.db);
  if (chosen.length === 0) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `--db ${String(flags.db)}: ${odacJson.file} has no connection "${String(flags.db)}"; it defines ${names.join(', ')}.`, {
      details: { file: odacJson.file, connections: names },
    });
  }
  const fallback = defaultConnectionName(names);
  const targets = chosen.map((conn): ConnectionTarget => {
    const base = resolveSettings({ ...sources, flags: { ...flags, url: conn.url } });
    const schemaDir = conn.name === fallback ? base.schemaDir : path.join(base.schemaDir, conn.name);
    const settings: Settings = { ...base, schemaDir, connection: conn.name, compat: 'odacjs' };
    // Every connection shares one root: the schema directory of the settings (default ./schema).
    return { name: conn.name, settings, hasSchema: existsSync(schemaDir), schemaRoot: base.schemaDir };
  });
  const root = targets[0]?.schemaRoot;
  if (root !== undefined) checkSchemaFolders(root, names, path.basename(odacJson.file));
  return targets;
}
