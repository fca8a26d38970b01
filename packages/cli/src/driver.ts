/**
 * Which adapter to use: inferred from the connection URL, or named with
 * `--driver`, then found as `@odac/adapter-<name>`, `odac-adapter-<name>` or
 * a path, first from the user's project and then from the CLI's own install.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OdacError, redactUrl, type DriverAdapter } from '@odac/core';
import { nativeImport, type ModuleImporter } from './context.js';
import { messageOf } from './errors.js';

/** Adapters maintained with odac, installable as `@odac/adapter-<name>`. */
export const BUILTIN_DRIVERS: readonly string[] = ['sqlite', 'postgres', 'mysql', 'mssql'];

const SCHEMES: Readonly<Record<string, string>> = {
  sqlite: 'sqlite',
  file: 'sqlite',
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  mssql: 'mssql',
  sqlserver: 'mssql',
};

/**
 * The driver a URL implies: `sqlite:`/`file:` or a path ending in `.db`,
 * `.sqlite`, `.sqlite3` → sqlite; `postgres(ql)://` → postgres;
 * `mysql://`/`mariadb://` → mysql; `mssql://`/`sqlserver://` → mssql.
 * `undefined` when it cannot tell.
 */
export function inferDriver(url: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  // A one-letter "scheme" is a Windows drive (C:\data\app.db).
  if (scheme !== undefined && scheme.length > 1) return SCHEMES[scheme];
  if (url === ':memory:' || /\.(db|sqlite|sqlite3)$/i.test(url)) return 'sqlite';
  return undefined;
}

/** {@link inferDriver} or a `CLI.BAD_ARGUMENTS` error saying to pass `--driver`. */
export function driverForUrl(url: string): string {
  const driver = inferDriver(url);
  if (driver) return driver;
  throw new OdacError(
    'CLI.BAD_ARGUMENTS',
    `Cannot tell which database "${redactUrl(url)}" is: pass --driver (${BUILTIN_DRIVERS.join(', ')}, an adapter package or a path), or use a URL starting with postgres://, mysql://, mssql:// or sqlite:.`,
  );
}

function isPathLike(value: string): boolean {
  return value.startsWith('.') || path.isAbsolute(value) || value.includes('\\') || /\.(c|m)?(j|t)s$/.test(value);
}

/** Package names tried for `--driver <name>`, in order. */
export function adapterPackageNames(name: string): string[] {
  if (name.startsWith('@') && name.includes('/')) return [name];
  if (isPathLike(name) || name.includes('/')) return [];
  return [`@odac/adapter-${name}`, `odac-adapter-${name}`];
}

// The entry of an `exports` map for `import()`; `source` and `types` are for tools, not for Node.
function exportsEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (Array.isArray(exports)) return exports.map(exportsEntry).find((e) => e !== undefined);
  if (typeof exports !== 'object' || exports === null) return undefined;
  const map = exports as Record<string, unknown>;
  if ('.' in map) return exportsEntry(map['.']);
  for (const condition of ['node', 'import', 'default', 'require']) {
    if (condition in map) {
      const entry = exportsEntry(map[condition]);
      if (entry !== undefined) return entry;
    }
  }
  return undefined;
}

/**
 * Resolves a package from the user's project (`cwd`), the way Node's
 * `import()` would from there; `undefined` when it is not installed. The
 * package's `import` entry comes first: its `require` entry (what
 * `require.resolve` finds) is the CommonJS build, which would load a second
 * copy of `@odac/core` next to the CLI's (and its errors would not be
 * `OdacError`s here). `require.resolve` covers packages without `exports`.
 */
export function resolveFromProject(pkg: string, cwd: string): string | undefined {
  const require = createRequire(path.join(cwd, 'package.json'));
  for (const dir of nodeModulesDirs(cwd, require)) {
    const manifest = path.join(dir, pkg, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; module?: unknown; main?: unknown };
    const entry = exportsEntry(json.exports) ?? (typeof json.module === 'string' ? json.module : undefined) ?? (typeof json.main === 'string' ? json.main : 'index.js');
    const file = path.resolve(dir, pkg, entry);
    if (existsSync(file)) return file;
  }
  try {
    return require.resolve(pkg);
  } catch {
    return undefined;
  }
}

/** `node_modules` folders Node would search from `cwd`, nearest first. */
function nodeModulesDirs(cwd: string, require: NodeJS.Require): string[] {
  const dirs: string[] = [];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') dirs.push(path.join(dir, 'node_modules'));
    if (path.dirname(dir) === dir) break;
  }
  // NODE_PATH and the global folders, when the runtime knows them.
  const extra = typeof require.resolve.paths === 'function' ? (require.resolve.paths('x') ?? []) : [];
  return [...new Set([...dirs, ...extra])];
}

function isDriverAdapter(value: unknown): value is DriverAdapter {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && typeof v['connect'] === 'function' && typeof v['normalize'] === 'function' && typeof v['emit'] === 'function';
}

/** The `DriverAdapter` a module exports as `default` or `adapter` (CommonJS interop included). */
export function adapterFromModule(mod: unknown): DriverAdapter | undefined {
  if (typeof mod !== 'object' || mod === null) return undefined;
  const m = mod as Record<string, unknown>;
  const inner = (typeof m['default'] === 'object' && m['default'] !== null ? m['default'] : {}) as Record<string, unknown>;
  return [m['default'], m['adapter'], inner['default'], inner['adapter']].find(isDriverAdapter);
}

function isNotFound(err: unknown, specifier: string): boolean {
  const e = err as { code?: string; message?: string };
  const missing = e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND';
  // Only the package itself missing counts: "Cannot find package '<name>'". An installed
  // adapter whose entry file or own dependency is missing is a different problem.
  return missing && typeof e.message === 'string' && e.message.includes(`'${specifier}'`);
}

/** The `CLI.ADAPTER_NOT_FOUND` error for `--driver <name>` after trying `tried`: what to install, or the path that is missing. */
export function notFound(name: string, tried: readonly string[]): OdacError {
  const details = { driver: name, tried };
  if (BUILTIN_DRIVERS.includes(name)) {
    return new OdacError('CLI.ADAPTER_NOT_FOUND', `No adapter for "${name}": install it with \`npm install @odac/adapter-${name}\`.`, { details });
  }
  if (adapterPackageNames(name).length === 0) {
    return new OdacError('CLI.ADAPTER_NOT_FOUND', `No adapter module at "${tried[tried.length - 1] ?? name}": the file does not exist. Check the --driver path.`, { details });
  }
  return new OdacError(
    'CLI.ADAPTER_NOT_FOUND',
    `No adapter for "${name}": install \`odac-adapter-${name}\` or \`@odac/adapter-${name}\`, or pass --driver the path of a module exporting a DriverAdapter.`,
    { details },
  );
}

async function importAdapter(specifier: string, label: string, importModule: ModuleImporter): Promise<DriverAdapter> {
  const mod = await importModule(specifier);
  const adapter = adapterFromModule(mod);
  if (!adapter) {
    throw new OdacError('CLI.ADAPTER_NOT_FOUND', `${label} does not export a DriverAdapter as \`default\` or \`adapter\`; is it an odac adapter?`, {
      details: { driver: label },
    });
  }
  return adapter;
}

function loadFailed(label: string, cause: unknown): OdacError {
  return new OdacError('CLI.ADAPTER_NOT_FOUND', `The adapter ${label} was found but failed to load: ${messageOf(cause)} Reinstall (or rebuild) it, or run again with --verbose for the stack trace.`, { cause, details: { driver: label } });
}

export interface ResolveAdapterOptions {
  readonly cwd: string;
  readonly importModule?: ModuleImporter;
}

/**
 * Loads the adapter for `--driver <name>`: `@odac/adapter-<name>`, then
 * `odac-adapter-<name>` (each from the project, then from the CLI), then
 * `name` as a path relative to `cwd`. Throws `CLI.ADAPTER_NOT_FOUND`.
 */
export async function resolveAdapter(name: string, options: ResolveAdapterOptions): Promise<DriverAdapter> {
  const importModule = options.importModule ?? nativeImport;
  const tried: string[] = [];
  for (const pkg of adapterPackageNames(name)) {
    tried.push(pkg);
    const file = resolveFromProject(pkg, options.cwd);
    const specifier = file ? pathToFileURL(file).href : pkg;
    try {
      return await importAdapter(specifier, pkg, importModule);
    } catch (err) {
      if (err instanceof OdacError) throw err;
      if (!file && isNotFound(err, pkg)) continue;
      throw loadFailed(pkg, err);
    }
  }
  const file = path.resolve(options.cwd, name);
  if (isPathLike(name) || name.includes('/') || existsSync(file)) {
    tried.push(file);
    if (existsSync(file)) {
      try {
        return await importAdapter(pathToFileURL(file).href, file, importModule);
      } catch (err) {
        if (err instanceof OdacError) throw err;
        throw loadFailed(file, err);
      }
    }
  }
  throw notFound(name, tried);
}
