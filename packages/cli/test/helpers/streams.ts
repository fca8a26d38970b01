/** Fake output streams and an in-process runner for `main()`. */
import { main, type CliIO } from '../../src/main.js';

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
  const code = await main(argv, { env: {}, ...io, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
