#!/usr/bin/env node
/**
 * The `odac` executable. `odac --version` prints a constant and loads
 * nothing else; everything else goes through `main`, which loads what the
 * command uses.
 *
 * Two guarantees live here because only the process can give them:
 * - odac never exits 0 without having finished: if the event loop runs dry
 *   while a command is still waiting (a promise nothing will ever settle),
 *   the exit code is 1 and stderr says so;
 * - a promise rejected with nothing to handle it, or an exception thrown
 *   from a callback (e.g. a timer in a schema file), ends the run as one
 *   `error[...]` line, with the stack only under `--verbose`.
 */
const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
let finished = false;

function fail(text: string, err?: unknown): void {
  const stack = verbose && err instanceof Error && err.stack ? `\n\n${err.stack}` : '';
  const hint = verbose || err === undefined ? '' : '\nRun again with --verbose to see the stack trace.';
  process.stderr.write(`error[UNEXPECTED]: ${text}${stack}${hint}\n`);
}

function reason(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// `odac plan | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.on('unhandledRejection', (err) => {
  fail(`a promise was rejected and nothing handled it: ${reason(err)} Nothing more was done; if it comes from a schema or config file, await or catch it there.`, err);
  process.exit(1);
});
process.on('uncaughtException', (err) => {
  fail(`an error was thrown outside of odac's control: ${reason(err)} Nothing more was done; if it comes from a schema or config file (a timer or callback), fix it there.`, err);
  process.exit(1);
});
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  fail('odac stopped before finishing: it was waiting for something that can never complete (a promise nothing settles, e.g. in a schema file, a config file or an adapter), so the work was not done.');
  process.exitCode = 1;
});

function done(code: number): void {
  finished = true;
  process.exitCode = code;
  // Whatever a schema or config file left running (an interval, an open socket) must not keep odac alive.
  setTimeout(() => process.exit(), 1000).unref();
}

if (argv.length === 1 && argv[0] === '--version') {
  void import('./version.js').then(({ VERSION }) => {
    process.stdout.write(`${VERSION}\n`);
    done(0);
  });
} else {
  void import('./main.js')
    .then(({ main }) => main(argv))
    .then(done, (err: unknown) => {
      // main() formats its own errors; reaching this is a bug.
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      done(1);
    });
}
