/**
 * Asking a person: only when both stdin and stdout are terminals, so a CI
 * job or a pipe never waits for an answer that cannot come.
 */
import type { CliIO, InputStream } from './context.js';

function input(io: CliIO): InputStream {
  return io.stdin ?? process.stdin;
}

/** True when a person can see a question and answer it. */
export function isInteractive(io: CliIO): boolean {
  return input(io).isTTY === true && io.stdout.isTTY === true;
}

/** The first line of `stream` (without its line break); `undefined` when it ends first. */
export async function readLine(stream: InputStream): Promise<string | undefined> {
  let buffer = '';
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const end = buffer.indexOf('\n');
    if (end >= 0) return buffer.slice(0, end).replace(/\r$/, '');
  }
  return buffer.length > 0 ? buffer : undefined;
}

/** Writes `question` and reads the answer: true for y/yes (any case), false for anything else or no answer. */
export async function confirm(io: CliIO, question: string): Promise<boolean> {
  io.stdout.write(question);
  const answer = await readLine(input(io));
  if (answer === undefined) io.stdout.write('\n');
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
}
