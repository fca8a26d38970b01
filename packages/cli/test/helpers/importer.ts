/** Module importers for tests, which jest runs as CommonJS (no `import()` of file: URLs). */
import { fileURLToPath } from 'node:url';
import type { ModuleImporter } from '../../src/context.js';

/** `require` a bare name or file URL; an unmapped `@odac/*` name fails like Node's MODULE_NOT_FOUND. */
export const requireImporter: ModuleImporter = async (specifier) => {
  try {
    return require(specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier) as unknown;
  } catch (err) {
    if ((err as Error).message.includes('Could not locate module')) {
      throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' });
    }
    throw err;
  }
};

/** Serves fixed modules by name, falling back to {@link requireImporter}. */
export function importerWith(modules: Readonly<Record<string, unknown>>): ModuleImporter {
  return async (specifier) => (specifier in modules ? modules[specifier] : requireImporter(specifier));
}
