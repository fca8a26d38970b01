/** Fake streams and an in-process runner for `main()`. */
import { Readable } from 'node:stream';
import type { InputStream } from '../../src/context.js';
import { main, type CliIO } from '../../src/main.js';

/** A stdin that yields `text`; a terminal when `tty`. */
export function fakeStdin(text: string, tty: boolean): InputStream {
  return Object.assign(Readable.from(text.length > 0 ? [text] : []), { isTTY: tty });
}

export class FakeStream {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions extends Partial<Omit<CliIO, 'stdout' | 'stderr'>> {
  readonly tty?: boolean;
}

/** Runs `odac <argv>` in-process with an empty environment unless given. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const stdout = new FakeStream(options.tty ?? false);
  const stderr = new FakeStream(false);
  const { tty: _tty, ...io } = options;
  void _tty;
  // Never the real stdin: whether jest runs on a terminal must not matter.
  const code = await main(argv, { env: {}, stdin: fakeStdin('', false), ...io, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
