/**
 * Turning TypeScript (and ES module syntax Node cannot run in place) into
 * CommonJS with sucrase, which strips types without type-checking and keeps
 * every line where it was, so stack traces and syntax errors point at the
 * right line of the original file.
 *
 * Sucrase is loaded only when a file needs it, and its output is cached by
 * file content: in memory for the process, and on disk (in
 * `node_modules/.cache/odac` next to the schema files, or `$ODAC_CACHE_DIR`,
 * or the system temp directory), so an unchanged TypeScript schema is never
 * transpiled twice.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Transform = (code: string, options: { transforms: string[]; filePath: string; production?: boolean }) => { code: string };

/** Bumped whenever the transform options change, so old cache entries are not reused. */
const CACHE_VERSION = 'odac-sucrase-1';

let transform: Transform | undefined;
const memory = new Map<string, string>();
const cacheDirs = new Map<string, string | undefined>();
let diskCacheBroken = false;

/** Thrown by a synchronous transpile before the transpiler was loaded; the caller loads it and retries. */
export class TranspilerNotLoaded extends Error {
  constructor() {
    super('The TypeScript transpiler is not loaded yet.');
    this.name = 'TranspilerNotLoaded';
  }
}

/** `.ts`, `.cts`, `.mts` (declaration files are never loaded). */
export function isTypeScript(file: string): boolean {
  return /\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file);
}

/** Loads sucrase (once). Synchronous transpiling needs this to have happened. */
export async function ensureTranspiler(): Promise<void> {
  if (transform) return;
  const sucrase = (await import('sucrase')) as unknown as { transform?: Transform; default?: { transform: Transform } };
  transform = sucrase.transform ?? sucrase.default?.transform;
}

/** Whether sucrase has been loaded in this process (the boot API must not load it for plain JavaScript). */
export function isTranspilerLoaded(): boolean {
  return transform !== undefined;
}

function findCacheDir(file: string): string | undefined {
  const env = process.env['ODAC_CACHE_DIR'];
  if (env) return env;
  const start = path.dirname(file);
  const known = cacheDirs.get(start);
  if (known !== undefined || cacheDirs.has(start)) return known;
  let found: string | undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) {
      found = path.join(dir, 'node_modules', '.cache', 'odac');
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  found ??= path.join(os.tmpdir(), `odac-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
  cacheDirs.set(start, found);
  return found;
}

function readDisk(dir: string | undefined, key: string): string | undefined {
  if (!dir || diskCacheBroken) return undefined;
  try {
    return readFileSync(path.join(dir, `${key}.cjs`), 'utf8');
  } catch {
    return undefined;
  }
}

function writeDisk(dir: string | undefined, key: string, code: string): void {
  if (!dir || diskCacheBroken) return;
  try {
    mkdirSync(dir, { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = path.join(dir, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, code);
    renameSync(tmp, path.join(dir, `${key}.cjs`));
  } catch {
    // A read-only or full disk only costs speed.
    diskCacheBroken = true;
  }
}

/**
 * The CommonJS code for `file` (TypeScript or ES module syntax), from the
 * cache when its content was seen before. Synchronous: throws
 * {@link TranspilerNotLoaded} when sucrase is needed and not loaded yet.
 * Syntax errors are sucrase's, with `loc` (line, 0-based column).
 */
export function transpileFile(file: string): string {
  const source = readFileSync(file, 'utf8');
  const ts = isTypeScript(file);
  const key = createHash('sha1').update(`${CACHE_VERSION}\0${ts ? 'ts' : 'js'}\0${source}`).digest('hex');
  const cached = memory.get(key);
  if (cached !== undefined) return cached;
  const dir = findCacheDir(file);
  const fromDisk = readDisk(dir, key);
  if (fromDisk !== undefined) {
    memory.set(key, fromDisk);
    return fromDisk;
  }
  if (!transform) throw new TranspilerNotLoaded();
  const { code } = transform(source, { transforms: ts ? ['typescript', 'imports'] : ['imports'], filePath: file, production: true });
  memory.set(key, code);
  writeDisk(dir, key, code);
  return code;
}

/**
 * Where the syntax error in `file` is, by parsing it with sucrase: Node
 * reports syntax errors of ES modules loaded through `require`/`import()`
 * without a position. `undefined` when sucrase finds none.
 */
export async function locateSyntaxError(file: string): Promise<{ line: number; column: number } | undefined> {
  await ensureTranspiler();
  try {
    transform?.(readFileSync(file, 'utf8'), { transforms: isTypeScript(file) ? ['typescript', 'imports'] : ['imports'], filePath: file });
  } catch (err) {
    const loc = err && typeof err === 'object' ? (err as { loc?: { line?: unknown; column?: unknown } }).loc : undefined;
    if (typeof loc?.line === 'number' && typeof loc.column === 'number') return { line: loc.line, column: loc.column };
  }
  return undefined;
}
