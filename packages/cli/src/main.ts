/**
 * The CLI entry: parse, then hand the command to `run.ts`. Runs in-process
 * with injectable streams. Nothing heavy is imported here: help prints
 * after loading only the parser, and a command loads what it uses.
 */
import { nativeImport, type CliIO } from './context.js';

export type { CliIO, OutputStream, ModuleImporter } from './context.js';

function defaults(io: Partial<CliIO>): CliIO {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    importModule: io.importModule ?? nativeImport,
    ...(io.stdin !== undefined ? { stdin: io.stdin } : {}),
  };
}

/**
 * Runs `odac` with `argv` (without the node and script paths) and returns the
 * exit code: 0 success, 1 error, 2 changes pending (`plan --exit-code`).
 * Never throws and never calls `process.exit`.
 */
export async function main(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const ctx = defaults(io);
  const { parseArgs } = await import('./args.js');
  const parsed = await parseArgs(argv);
  if (parsed.kind === 'output') {
    ctx.stdout.write(parsed.text.endsWith('\n') ? parsed.text : `${parsed.text}\n`);
    return 0;
  }
  const { runParsed } = await import('./run.js');
  return runParsed(parsed, ctx);
}
