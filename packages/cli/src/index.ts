/**
 * `@odac/cli`: the `odac` command line, also callable in-process.
 */
export { main } from './main.js';
export { migrate } from './boot.js';
export type { BootConnectionResult, BootOptions, BootResult } from './boot.js';
export type { CliIO, OutputStream, ModuleImporter } from './context.js';
export type { CliConfig, ConfigSettings } from './config.js';
export { CONFIG_FILE_NAMES, defineConfig } from './config.js';
export { inferDriver, resolveAdapter } from './driver.js';
export type { JsonPlan, JsonStatement } from './render/json.js';
export { VERSION } from './version.js';
export { schemaFiles } from './pull/files.js';
export type { PulledFiles, SchemaFile, SchemaFilesOptions } from './pull/files.js';
export type { Hazard } from './render/hazards.js';
