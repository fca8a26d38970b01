/**
 * ODAC.JS-style projects for the seed and data migration tests: a temporary
 * directory with `schema/` and `migration/` files, the CLI run against a
 * throwaway database, and rows read back through the adapter.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RowValue } from '@odac/core';
import { importerWith } from '../../helpers/importer.js';
import { runCli, type RunResult } from '../../helpers/streams.js';
import type { DatabaseKind } from '../../support/databases.js';

export interface Project {
  readonly dir: string;
  /** Writes (or replaces) files relative to the project directory. */
  write(files: Readonly<Record<string, string>>): void;
  remove(file: string): void;
  /** `odac <args> --url <db>` in the project directory. */
  odac(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<RunResult>;
  /** Rows of `columns` from `table`, ordered by the first column. */
  rows(table: string, columns: readonly string[]): Promise<RowValue[][]>;
  cleanup(): void;
}

export function project(kind: DatabaseKind, url: () => string): Project {
  const dir = mkdtempSync(path.join(tmpdir(), 'odac-odacjs-'));
  const importModule = importerWith({ [kind.module]: { default: kind.adapter } });
  return {
    dir,
    write(files) {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
    },
    remove(file) {
      rmSync(path.join(dir, file), { force: true });
    },
    odac(args, env = {}) {
      // pull and migrate:rollback take no --schema (the schema directory is ./schema of the project either way).
      const schema = args[0] === 'pull' || args[0] === 'migrate:rollback' ? [] : ['--schema', path.join(dir, 'schema')];
      return runCli([...args, '--url', url(), ...schema], { cwd: dir, env: { ...env }, importModule });
    },
    async rows(table, columns) {
      const conn = await kind.adapter.connect(url());
      try {
        if (!conn.readRows) throw new Error(`${kind.name} cannot read rows`);
        const [rows = []] = await conn.readRows([{ table, columns }]);
        return [...rows].map((r) => [...r]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
      } finally {
        await conn.close();
      }
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Lines of a piped run's stderr that are not progress lines. */
export function stderrProblems(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !/^\[\d+\/\d+ [\d.]+s\] /.test(line));
}
