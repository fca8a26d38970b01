/**
 * Where a fleet's targets come from: `--targets <file>` (one URL per line,
 * `#` comments), `targets` in the config file (a list, a function, a shell
 * command or a module), or one URL whose schema or database is a pattern.
 */
import { exec } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importModuleFile, OdacError } from '@odac/core';
import type { LoadedConfig, TargetsSetting } from '../config.js';
import { messageOf } from '../errors.js';

/** URLs of a targets text: one per line; `#` starts a comment at the start of a line or after a space. */
export function parseTargetsText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line.length > 0);
}

/** The URLs of a `--targets` file (relative to `cwd`). */
export function readTargetsFile(cwd: string, file: string): string[] {
  const full = path.resolve(cwd, file);
  if (!existsSync(full)) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `Targets file ${full} (from --targets) does not exist. Write one database URL per line there, or fix the path.`);
  }
  const urls = parseTargetsText(readFileSync(full, 'utf8'));
  if (urls.length === 0) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `Targets file ${full} names no database: write one URL per line (lines starting with # are comments).`);
  }
  return urls;
}

function runCommand(command: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    exec(command, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message.trim()}${stderr.trim() ? `: ${stderr.trim()}` : ''}`));
      else resolve(stdout);
    });
  });
}

function urlList(value: unknown, where: string): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v: string) => v.trim()).filter((v) => v.length > 0);
  throw new OdacError('CLI.CONFIG', `${where} must give an array of database URLs, got ${typeof value === 'object' ? JSON.stringify(value)?.slice(0, 80) : typeof value}.`);
}

/** The URLs a config file's `targets` setting stands for. */
export async function configTargets(setting: TargetsSetting, config: LoadedConfig): Promise<string[]> {
  const dir = path.dirname(config.file);
  const where = `${config.file}: "targets"`;
  let urls: string[];
  try {
    if (typeof setting === 'function') {
      urls = urlList(await setting(), `${where} (a function)`);
    } else if ('command' in setting) {
      urls = parseTargetsText(await runCommand(setting.command, dir));
    } else if ('module' in setting) {
      const file = path.resolve(dir, setting.module);
      const mod = await importModuleFile(file);
      const value = typeof mod === 'function' ? await (mod as () => unknown)() : mod;
      urls = urlList(value, `${where} (module ${file})`);
    } else {
      urls = urlList(setting, where);
    }
  } catch (cause) {
    if (cause instanceof OdacError) throw cause;
    throw new OdacError('CLI.CONFIG', `${where} could not be read: ${messageOf(cause)}`, { cause, details: { file: config.file } });
  }
  if (urls.length === 0) throw new OdacError('CLI.CONFIG', `${where} names no database.`, { details: { file: config.file } });
  return urls;
}

/** The `targets` setting of the named environment (`--env`), else of the file. */
export function targetsSetting(config: LoadedConfig | undefined, env: string | undefined): TargetsSetting | undefined {
  if (!config) return undefined;
  const named = env !== undefined ? config.config.environments?.[env]?.targets : undefined;
  return named ?? config.config.targets;
}
