/**
 * What the CLI needs from its surroundings, injectable so tests can run
 * `main()` in-process with fake streams, environment and working directory.
 */

/** The part of a writable stream the CLI uses. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when a person is (probably) watching: enables colour and progress. */
  readonly isTTY?: boolean;
}

/** The part of stdin the CLI uses: whether it is a terminal, and its text (for a yes/no answer). */
export interface InputStream extends AsyncIterable<string | Buffer> {
  /** True when a person can answer a question. */
  readonly isTTY?: boolean;
}

/** Imports a module by bare specifier or `file:` URL. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Where confirmations are read from (default `process.stdin`, looked at only when a question is due). */
  readonly stdin?: InputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory that relative paths, the config file and adapters are resolved from. */
  readonly cwd: string;
  /** How modules are imported (default: native `import()`); tests running as CommonJS substitute `require`. */
  readonly importModule: ModuleImporter;
}

// A real dynamic import in both builds: the CommonJS build's compiler would turn `import()` into
// `require()`, which cannot load ES modules by file URL.
const dynamicImport = new Function('specifier', 'return import(specifier)') as ModuleImporter;

/** Native dynamic import. Kept in one place so tests can replace it through `CliIO`. */
export const nativeImport: ModuleImporter = async (specifier) => {
  try {
    return await dynamicImport(specifier);
  } catch (err) {
    // A VM context without an import callback (a test runner): its own rewrite of import() works there.
    if (!String((err as { code?: unknown }).code).startsWith('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING')) throw err;
    return import(specifier);
  }
};
