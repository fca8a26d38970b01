/**
 * The interactive confirmation, end to end on a real terminal: the built
 * `odac` runs under `script` (util-linux), which gives it a pseudo-terminal
 * for stdin and stdout; the test answers the question through it. And the
 * same migrate with a pipe for stdin exits at once with a clear message.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '..', 'dist', 'bin.js');
const USERS = (extra: string) => `module.exports = { columns: { id: { type: 'increments' }, email: { type: 'string', nullable: false }${extra} } };\n`;

let dir: string;

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function env(): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], NO_COLOR: '1', TERM: 'dumb' };
}

function odacArgs(...flags: string[]): string[] {
  return [BIN, 'migrate', '--url', path.join(dir, 'app.db'), '--schema', path.join(dir, 'schema'), ...flags];
}

interface Session {
  readonly code: number | null;
  readonly output: string;
}

/** Runs odac on a pseudo-terminal; when the output shows `[y/N]`, types `answer`. */
function onTerminal(args: readonly string[], answer: string | undefined): Promise<Session> {
  const command = [process.execPath, ...args].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: dir, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`odac did not finish on the terminal; output so far:\n${output}`));
    }, 30_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!answered && answer !== undefined && output.includes('[y/N] ')) {
        answered = true;
        child.stdin.write(`${answer}\r`);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, output: output.replace(/\r\n/g, '\n') });
    });
  });
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the CLI first (pnpm exec turbo run build --filter=@odac/cli...).`);
  // `script` ships with util-linux; without it this suite cannot drive a terminal.
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error('the `script` command (util-linux) is needed to run odac on a pseudo-terminal; install util-linux.');
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-pty-'));
  mkdirSync(path.join(dir, 'schema'));
  writeFileSync(path.join(dir, 'schema', 'users.js'), USERS(", legacy: { type: 'string' }"));
  const first = spawnSync(process.execPath, odacArgs(), { cwd: dir, env: env(), encoding: 'utf8' });
  // Piped: one plain progress line per table on stderr.
  expect(first.stderr).toMatch(/^(\[\d+\/\d+ [\dms.]+\] \S+\n)*$/);
  writeFileSync(path.join(dir, 'schema', 'users.js'), USERS(''));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('on a terminal, migrate shows the plan and asks before a destructive change; "n" changes nothing', async () => {
  const session = await onTerminal(odacArgs('--allow-destructive'), 'n');
  expect(session.output).toContain('Destructive (data in these will be lost):\n    - drop column users.legacy\n');
  expect(session.output).toContain('Apply 1 destructive change? The data in it will be lost. [y/N] n\n');
  expect(session.output).toContain('Cancelled: nothing was changed.\n');
  expect(session.code).toBe(1);
  const after = spawnSync(process.execPath, [...odacArgs('--dry-run', '--allow-destructive')], { cwd: dir, env: env(), encoding: 'utf8' });
  expect(after.stdout).toContain('drop column users.legacy');
});

test('"y" applies, with progress per statement', async () => {
  const session = await onTerminal(odacArgs('--allow-destructive'), 'y');
  expect(session.output).toContain('[y/N] y\n');
  expect(session.output).toMatch(/\n\[1\/\d+ \d+\.\ds\] users: /);
  expect(session.output).toMatch(/Applied \d+ statements? in \d+ ms\.\n/);
  expect(session.code).toBe(0);
  const again = spawnSync(process.execPath, odacArgs('--allow-destructive'), { cwd: dir, env: env(), encoding: 'utf8' });
  expect(again.stdout).toBe('Nothing to do: the database matches the schema.\n');
});

test('not a terminal: exits 1 at once with what to do, instead of waiting', () => {
  // stdin is an open pipe nobody writes to: a prompt would hang until the timeout.
  const piped = spawnSync(process.execPath, odacArgs('--allow-destructive'), { cwd: dir, env: env(), encoding: 'utf8', input: undefined, stdio: ['pipe', 'pipe', 'pipe'], timeout: 20_000 });
  expect(piped.error).toBeUndefined();
  expect(piped.status).toBe(1);
  expect(piped.stderr).toBe(
    'error[CLI.CONFIRMATION_REQUIRED]: The plan has 1 destructive change (drop column users.legacy) and there is no terminal to confirm it on, so nothing was changed. Re-run with --yes to apply them, or without --allow-destructive to skip them.\n',
  );
  expect(piped.stdout).toContain('- drop column users.legacy');
});
