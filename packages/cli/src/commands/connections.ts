/**
 * A command over the connections of odac.json, in its order (or the one
 * `--db` names): each runs as the single-database command would, under a
 * heading naming the connection. With `--json`, one object holds each
 * connection's output: `{ "version": 1, "connections": [{ "connection": "default", ... }] }`.
 */
import { OdacError, redactUrl } from '@odac/core';
import type { ConnectionTarget } from '../connections.js';
import type { CliIO, OutputStream } from '../context.js';
import { createColors, shouldColor } from '../render/color.js';
import type { CommandArgs } from '../run.js';
import { EXIT_OK } from './context.js';
import { runTarget } from './target.js';

class Buffered implements OutputStream {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

function where(target: ConnectionTarget): string {
  return `${target.settings.driver}, ${redactUrl(target.settings.url)}`;
}

/** Runs `fn`; an error names the connection it happened on (later connections are not started). */
export async function inConnection<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof OdacError)) throw err;
    throw new OdacError(err.code, `Connection "${name}": ${err.message}`, { cause: err, details: { ...err.details, connection: name } });
  }
}

export async function runConnections(parsed: CommandArgs, io: CliIO, targets: readonly ConnectionTarget[], urls: string[]): Promise<number> {
  if (parsed.command === 'pull' && parsed.commandFlags.out !== undefined && targets.length > 1) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `--out would receive the tables of ${targets.length} connections (${targets.map((t) => t.name).join(', ')}); pick one with --db <name>, or leave --out out to write each into its own schema folder.`);
  }
  const json = parsed.flags.json ?? false;
  const colors = createColors(!json && shouldColor(io.stdout, io.env));
  const outputs: unknown[] = [];
  let worst = EXIT_OK;
  for (const target of targets) {
    const name = target.name ?? 'default';
    if (json) {
      const out = new Buffered();
      worst = Math.max(worst, await inConnection(name, () => runTarget(parsed, { ...io, stdout: out }, target, urls)));
      const body = out.text.trim() === '' ? {} : (JSON.parse(out.text) as Record<string, unknown>);
      outputs.push({ connection: name, ...(target.hasSchema ? {} : { schema: 'none' }), ...body });
      continue;
    }
    io.stdout.write(colors.bold(`Connection "${name}" (${where(target)}):`) + '\n');
    if (!target.hasSchema && parsed.command !== 'pull') {
      io.stdout.write(`  No schema folder (${target.settings.schemaDir}): no tables to sync.\n`);
    }
    worst = Math.max(worst, await inConnection(name, () => runTarget(parsed, io, target, urls)));
    io.stdout.write('\n');
  }
  if (json) io.stdout.write(JSON.stringify({ version: 1, connections: outputs }, null, 2) + '\n');
  return worst;
}
