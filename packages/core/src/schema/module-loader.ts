/**
 * Importing schema and config files the way Node itself would, as fast as
 * it allows:
 *
 * - CommonJS, and ES modules without top-level await (Node ≥ 20.19 and
 *   ≥ 22.12 `require` them), through native `require`;
 * - ES modules with top-level await through native `import()`;
 * - TypeScript (`.ts`, `.cts`, `.mts`, also when another file requires it),
 *   and ES module syntax Node cannot run where it is, through sucrase
 *   (`transpile.ts`), loaded only then and cached by content.
 *
 * While files load, `@odac/core` (and any other module given in `provide`)
 * resolves to the running copy from any directory, installed or not, the way
 * a virtual module would. Each file gets a time limit, and a promise it
 * rejects without handling is that file's error instead of a crash later.
 */
import ModuleClass from 'node:module';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { types } from 'node:util';
import * as vm from 'node:vm';
import { ensureTranspiler, isTypeScript, locateSyntaxError, transpileFile, TranspilerNotLoaded } from './transpile.js';

/** The default time one file may take to load (top-level await, exported promise). */
export const DEFAULT_LOAD_TIMEOUT_MS = 10_000;

/** A file whose loading did not settle within the time limit. */
export class ModuleLoadTimeout extends Error {
  readonly file: string;
  readonly timeoutMs: number;
  constructor(file: string, timeoutMs: number) {
    super(`did not finish loading within ${timeoutMs} ms`);
    this.name = 'ModuleLoadTimeout';
    this.file = file;
    this.timeoutMs = timeoutMs;
  }
}

/** A promise the file rejected and nothing handled, while it was loading. */
export class UnhandledRejectionInModule extends Error {
  readonly reason: unknown;
  constructor(reason: unknown) {
    const text = errorMessage(reason);
    super(`a promise it created was rejected and nothing handled it: ${text}`, { cause: reason });
    this.name = 'UnhandledRejectionInModule';
    this.reason = reason;
  }
}

export interface ModuleLoaderOptions {
  /** Module specifiers served from the running process instead of resolved (e.g. `{ '@odac/core': namespace }`). */
  readonly provide?: Readonly<Record<string, unknown>>;
  /** Per-file limit in milliseconds (default {@link DEFAULT_LOAD_TIMEOUT_MS}, or `$ODAC_LOAD_TIMEOUT_MS`). */
  readonly timeoutMs?: number;
}

/** Imports one file; its default export (or `module.exports`), awaited when it is a promise. */
export type ModuleImport = (file: string) => Promise<unknown>;

type Loader = (this: unknown, request: string, parent: unknown, isMain: boolean) => unknown;
type ExtensionHandler = (module: NodeModule & { _compile(code: string, filename: string): void }, filename: string) => void;
interface ModuleInternals {
  _load: Loader;
  _extensions: Record<string, ExtensionHandler | undefined>;
  _cache: Record<string, NodeModule | undefined>;
  _nodeModulePaths(dir: string): string[];
}
/**
 * Node's own module class. A test runner may hand out a stand-in for
 * `node:module` (Jest: a subclass whose `createRequire` goes through its own
 * registry and transforms); schema files must load exactly as Node loads
 * them, so the class it extends is used then.
 */
function nodeModuleClass(): typeof ModuleClass {
  const parent = Object.getPrototypeOf(ModuleClass) as unknown;
  const isModuleClass = typeof parent === 'function' && typeof (parent as { _load?: unknown })._load === 'function';
  return isModuleClass ? (parent as typeof ModuleClass) : ModuleClass;
}
const Module = nodeModuleClass();
const createRequire = Module.createRequire;
const internals = Module as unknown as ModuleInternals;

const TS_EXTENSIONS = ['.ts', '.cts', '.mts'];
const provided = new Map<string, unknown>();
let sessions = 0;
let restore: (() => void) | undefined;

function inNodeModules(file: string): boolean {
  return file.split(/[\\/]/).includes('node_modules');
}

// Errors are read by shape: a module's errors may come from another realm (`instanceof Error` fails).
function errorCode(err: unknown): string | undefined {
  return err && typeof err === 'object' ? (err as { code?: string }).code : undefined;
}

function errorName(err: unknown): string {
  return err && typeof err === 'object' ? String((err as { name?: unknown }).name ?? '') : '';
}

function errorMessage(err: unknown): string {
  return err && typeof err === 'object' ? String((err as { message?: unknown }).message ?? '') : String(err);
}

/**
 * Errors that mean "Node cannot run this file where it is, but its
 * transpiled form can": a provided module (`@odac/core`) not installed next
 * to an ES module, a `.ts` file imported from one, or ES module syntax in a
 * CommonJS scope on a Node without syntax detection.
 */
function needsTranspiling(err: unknown): boolean {
  const code = errorCode(err);
  const message = errorMessage(err);
  if (code === 'ERR_MODULE_NOT_FOUND') return [...provided.keys()].some((name) => message.includes(`'${name}'`));
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION') return TS_EXTENSIONS.some((ext) => message.includes(`"${ext}"`));
  return errorName(err) === 'SyntaxError' && /Cannot use import statement outside a module|Unexpected token 'export'/.test(message);
}

/**
 * CommonJS in a `.js` file of a `"type": "module"` package: Node runs it as
 * an ES module and fails on the first `module`/`require`. Schema files are
 * CommonJS by tradition (ODAC.JS), so such a file is run as CommonJS.
 */
function isCommonJsInModuleScope(err: unknown): boolean {
  return errorName(err) === 'ReferenceError' && /^(module|exports|require|__filename|__dirname) is not defined in ES module scope/.test(errorMessage(err));
}

function install(): void {
  const originalLoad = internals._load;
  const originalJs = internals._extensions['.js'];
  const ownTs = TS_EXTENSIONS.filter((ext) => internals._extensions[ext] === undefined);
  internals._load = function load(request, parent, isMain) {
    if (provided.has(request)) return provided.get(request);
    return originalLoad.call(this, request, parent, isMain);
  };
  const compileTranspiled: ExtensionHandler = (module, filename) => module._compile(transpileFile(filename), filename);
  // A TypeScript handler someone else registered (ts-node, tsx) is kept.
  for (const ext of ownTs) internals._extensions[ext] = compileTranspiled;
  // Directories whose `.js` files turned out to be CommonJS in a `"type": "module"` package:
  // their other `.js` files are compiled as CommonJS first instead of failing as ES modules one by one.
  const commonJsDirs = new Set<string>();
  const compileCommonJs: ExtensionHandler = (module, filename) => module._compile(readFileSync(filename, 'utf8'), filename);
  if (originalJs) {
    // `.js` also handles `.mjs` when it is required.
    internals._extensions['.js'] = (module, filename) => {
      const dir = path.dirname(filename);
      if (filename.endsWith('.js') && commonJsDirs.has(dir)) {
        try {
          compileCommonJs(module, filename);
          return;
        } catch (err) {
          // ES module syntax fails to compile before any of the file runs: load it the usual way.
          if (!needsTranspiling(err)) throw err;
        }
      }
      try {
        originalJs(module, filename);
      } catch (err) {
        if (inNodeModules(filename)) throw err;
        if (isCommonJsInModuleScope(err) && filename.endsWith('.js')) {
          commonJsDirs.add(dir);
          compileCommonJs(module, filename);
        } else if (needsTranspiling(err)) compileTranspiled(module, filename);
        else throw err;
      }
    };
  }
  restore = () => {
    internals._load = originalLoad;
    internals._extensions['.js'] = originalJs;
    for (const ext of ownTs) delete internals._extensions[ext];
  };
}

/** Loads a file through the transpiler, as an async function so top-level await works. */
async function runTranspiled(file: string): Promise<Loaded> {
  const code = transpileFile(file);
  const dirname = path.dirname(file);
  // The wrapper sits on its own line, so line numbers in stack traces stay the file's own.
  const script = new vm.Script(`(async function (exports, require, module, __filename, __dirname) {\n${code}\n})`, { filename: file, lineOffset: -1 });
  const fn = script.runInThisContext() as (...args: unknown[]) => Promise<void>;
  const mod = new Module(file) as NodeModule & { paths: string[]; filename: string; loaded: boolean };
  mod.filename = file;
  mod.paths = internals._nodeModulePaths(dirname);
  internals._cache[file] = mod;
  try {
    await fn.call(mod.exports, mod.exports, requireFrom(file), mod, file, dirname);
  } catch (err) {
    delete internals._cache[file];
    throw err;
  }
  mod.loaded = true;
  return { exports: mod.exports };
}

/** What a module exports, boxed: an exported promise must not be awaited without a time limit by `return`. */
interface Loaded {
  readonly exports: unknown;
}

// A real dynamic import, not the bundler's or the test runner's rewrite of `import()`.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function importNative(file: string): Promise<Loaded> {
  try {
    return { exports: await dynamicImport(pathToFileURL(file).href) };
  } catch (err) {
    // Inside a VM context without an import callback (e.g. a test runner) import() is unavailable.
    if (!errorCode(err)?.startsWith('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING') && !needsTranspiling(err)) throw err;
    return runTranspiled(file);
  }
}

/** The value a schema file stands for: its default export, else `module.exports`. */
function interop(mod: unknown): unknown {
  if (mod && typeof mod === 'object') {
    const m = mod as { __esModule?: unknown; default?: unknown };
    if ((m.__esModule === true || types.isModuleNamespaceObject(mod)) && m.default !== undefined) return m.default;
  }
  return mod;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

async function withTimeout<T>(promise: Promise<T>, file: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ModuleLoadTimeout(file, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// One require function per directory: schema files share theirs.
const requires = new Map<string, NodeJS.Require>();
function requireFrom(file: string): NodeJS.Require {
  const dir = path.dirname(file);
  let req = requires.get(dir);
  if (!req) {
    req = createRequire(path.join(dir, 'noop.js'));
    requires.set(dir, req);
  }
  return req;
}

async function loadOnce(file: string, timeoutMs: number): Promise<Loaded> {
  if (isTypeScript(file)) return withTimeout(runTranspiled(file), file, timeoutMs);
  try {
    return { exports: requireFrom(file)(file) };
  } catch (err) {
    const code = errorCode(err);
    // Top-level await (or a Node that cannot require ES modules): import() it.
    if (code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_REQUIRE_ESM') return withTimeout(importNative(file), file, timeoutMs);
    throw err;
  }
}

/** Gives a syntax error Node reported without a position (ES modules) the `loc` of the culprit. */
async function withPosition(err: unknown, file: string): Promise<unknown> {
  if (errorName(err) !== 'SyntaxError' || typeof err !== 'object' || err === null || 'loc' in err) return err;
  const stack = String((err as { stack?: unknown }).stack ?? '');
  if (stack.includes(file) || stack.includes(pathToFileURL(file).href)) return err;
  const loc = await locateSyntaxError(file);
  if (loc) Object.assign(err, { loc });
  return err;
}

async function loadFile(file: string, timeoutMs: number): Promise<unknown> {
  let mod: Loaded;
  try {
    try {
      mod = await loadOnce(file, timeoutMs);
    } catch (err) {
      if (!(err instanceof TranspilerNotLoaded)) throw err;
      // Some file on the way needed sucrase: load it, forget the half-loaded modules, try again.
      await ensureTranspiler();
      forgetModules(new Set());
      mod = await loadOnce(file, timeoutMs);
    }
  } catch (err) {
    throw await withPosition(err, file);
  }
  const value = interop(mod.exports);
  return isThenable(value) ? withTimeout(Promise.resolve(value), file, timeoutMs) : value;
}

let baseline = new Set<string>();

/** Drops the modules loaded since the session began (outside node_modules), so the next load reads the files again. */
function forgetModules(keep: ReadonlySet<string>): void {
  for (const key of Object.keys(internals._cache)) {
    if (!baseline.has(key) && !keep.has(key) && !inNodeModules(key)) delete internals._cache[key];
  }
}

/**
 * The `process` of the realm schema files run in (Node's main realm). It is
 * the global `process` except under a test runner that sandboxes globals
 * (Jest), whose stand-in never hears about a schema file's rejections.
 */
const hostProcess = new vm.Script('process').runInThisContext() as NodeJS.Process;

function timeoutFromEnv(): number {
  const env = Number(process.env['ODAC_LOAD_TIMEOUT_MS']);
  return Number.isFinite(env) && env > 0 ? env : DEFAULT_LOAD_TIMEOUT_MS;
}

/** Rejection lists of the files loading right now, one per session. */
const collectors = new Set<unknown[]>();
const collect = (reason: unknown): void => {
  for (const list of collectors) list.push(reason);
};

/**
 * While files load, a rejection nothing handles belongs to the file being
 * loaded: odac's listener replaces the others (a host's, a test runner's,
 * the CLI's "exit on unhandled rejection") and puts them back afterwards.
 */
function takeRejections(): () => void {
  const others = hostProcess.rawListeners('unhandledRejection') as ((...args: unknown[]) => void)[];
  hostProcess.removeAllListeners('unhandledRejection');
  hostProcess.on('unhandledRejection', collect);
  return () => {
    hostProcess.off('unhandledRejection', collect);
    for (const listener of others) hostProcess.on('unhandledRejection', listener);
  };
}

let giveBackRejections: (() => void) | undefined;

/**
 * Runs `fn` with an importer for files. Modules loaded meanwhile are
 * forgotten afterwards (the next call reads the files again), except ES
 * modules, which Node caches for the life of the process. Meanwhile a
 * promise rejection nothing handles is the loading file's error (see
 * {@link UnhandledRejectionInModule}), not the process's.
 */
export async function withModuleLoader<T>(options: ModuleLoaderOptions, fn: (load: ModuleImport) => Promise<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? timeoutFromEnv();
  for (const [name, value] of Object.entries(options.provide ?? {})) provided.set(name, value);
  if (sessions++ === 0) {
    baseline = new Set(Object.keys(internals._cache));
    install();
    giveBackRejections = takeRejections();
  }
  const rejections: unknown[] = [];
  collectors.add(rejections);
  try {
    return await fn(async (file) => {
      rejections.length = 0;
      const value = await loadFile(file, timeoutMs);
      // Let rejections the file left behind surface now, while we know whose they are.
      await new Promise((resolve) => setImmediate(resolve));
      if (rejections.length > 0) throw new UnhandledRejectionInModule(rejections[0]);
      return value;
    });
  } finally {
    collectors.delete(rejections);
    if (--sessions === 0) {
      giveBackRejections?.();
      giveBackRejections = undefined;
      restore?.();
      restore = undefined;
      forgetModules(new Set());
      provided.clear();
      requires.clear();
    }
  }
}

/** Imports one file (see {@link withModuleLoader}). */
export async function importModuleFile(file: string, options: ModuleLoaderOptions = {}): Promise<unknown> {
  return withModuleLoader(options, (load) => load(file));
}
