/**
 * Evaluating generated schema-file text the way the loader would see it,
 * without touching the file system: CommonJS text runs with a `module`
 * object; TypeScript text is stripped of its `defineTable` wrapper.
 */
import vm from 'node:vm';

/** The value a `module.exports = …` file exports. */
export function evaluateCommonJs(source: string): unknown {
  const module = { exports: {} as unknown };
  vm.runInNewContext(source, { module, exports: module.exports });
  return module.exports;
}

/** The value an `export default defineTable(…)` file exports. */
export function evaluateTypeScript(source: string): unknown {
  const body = /export default defineTable\(([\s\S]*)\);\s*$/.exec(source)?.[1];
  if (body === undefined) throw new Error(`not a defineTable() file:\n${source}`);
  return vm.runInNewContext(`(${body})`, {});
}

/** A plain copy: the object as JSON would see it (vm objects have another prototype). */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
