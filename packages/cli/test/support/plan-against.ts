/** `odac plan` of schema files written on the fly against a database built with its own SQL. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importerWith } from '../helpers/importer.js';
import { runCli, type RunResult } from '../helpers/streams.js';
import type { DatabaseKind } from './databases.js';

/** Builds a database with `sql`, writes `files` (name → source) as the schema, runs `odac <command>` with `flags`. */
export async function runAgainst(
  kind: DatabaseKind,
  sql: string,
  files: Readonly<Record<string, string>>,
  command: 'plan' | 'migrate' = 'plan',
  flags: readonly string[] = [],
  inspect?: (url: string) => Promise<void>,
): Promise<RunResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-against-'));
  const db = await kind.create();
  try {
    await kind.exec(db.url, sql);
    const schemaDir = path.join(dir, 'schema');
    mkdirSync(schemaDir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(schemaDir, name), text);
    const importModule = importerWith({ [kind.module]: { default: kind.adapter } });
    const result = await runCli([command, '--url', db.url, '--schema', schemaDir, ...flags], { cwd: dir, importModule });
    if (inspect) await inspect(db.url);
    return result;
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
