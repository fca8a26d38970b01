/**
 * `odac dev [-- <app command>]`: migrate, start the app, then watch
 * `schema/` and `migration/` and migrate again after every save (debounced),
 * restarting the app when something was applied. Ctrl-C stops both.
 *
 * Destructive changes (a column or table removed from a file, a narrowing
 * type) are never applied here: they are shown as "skipped destructive" and
 * kept until a person runs `odac migrate --allow-destructive` (which asks on
 * a terminal); dev then carries on from the new state.
 *
 * Each run is a fresh `odac migrate --json` process: Node caches ES modules
 * for the life of a process, so an edited `export default` schema file
 * would otherwise never be read again. The JSON result says what was
 * applied and skipped; this process prints the summary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { OdacError, type Operation } from '@odac/core';
import type { ConnectionTarget } from '../connections.js';
import type { CliIO } from '../context.js';
import type { Flags } from '../settings.js';
import { createColors, shouldColor, type Colors } from '../render/color.js';
import { describeOperation } from '../render/describe.js';
import type { CommandArgs } from '../run.js';
import { EXIT_OK } from './context.js';

/** Quiet time after the last file event before migrating. */
export const DEFAULT_DEBOUNCE_MS = 200;

interface JsonMigrate {
  readonly connection?: string;
  readonly operations?: readonly Operation[];
  readonly skipped?: readonly { readonly operation: Operation; readonly reason: string }[];
  readonly applied?: number;
  readonly error?: { readonly code: string; readonly message: string };
}

interface RunOutcome {
  /** Statements applied plus data steps that wrote (migration files, seeds), over all connections: the app restarts when > 0. */
  readonly applied: number;
  readonly failed: boolean;
}

/** The flags the child `odac migrate` needs to find the same databases and files. */
function childFlags(flags: Flags): string[] {
  const out: string[] = [];
  const add = (name: string, value: string | number | undefined): void => {
    if (value !== undefined) out.push(`--${name}`, String(value));
  };
  add('url', flags.url);
  add('driver', flags.driver);
  add('db', flags.db);
  add('schema', flags.schema);
  add('schema-name', flags.schemaName);
  add('lock-timeout', flags.lockTimeout);
  add('config', flags.config);
  add('env', flags.env);
  return out;
}

/** `odac`'s own executable: dev runs it once per migration. */
function odacBin(): string {
  const bin = process.argv[1];
  if (bin === undefined || !/(bin\.js|odac)$/.test(bin)) {
    throw new OdacError('CLI.BAD_ARGUMENTS', 'odac dev runs from the odac command (it starts `odac migrate` for each change); run `npx odac dev` instead of calling it in-process.');
  }
  return bin;
}

class Dev {
  private app: ChildProcess | undefined;
  private appExit: Promise<void> | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly colors: Colors;

  constructor(
    private readonly io: CliIO,
    private readonly bin: string,
    private readonly args: readonly string[],
    private readonly appCommand: readonly string[] | undefined,
  ) {
    this.colors = createColors(shouldColor(io.stdout, io.env));
  }

  say(text: string): void {
    this.io.stdout.write(`${this.colors.dim('[odac dev]')} ${text}\n`);
  }

  /** One `odac migrate --json` run; prints what it did. */
  async migrate(): Promise<RunOutcome> {
    const child = spawn(process.execPath, [this.bin, 'migrate', '--json', ...this.args], { cwd: this.io.cwd, env: { ...this.io.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    let json: (JsonMigrate & { connections?: readonly JsonMigrate[] }) | undefined;
    try {
      json = JSON.parse(stdout) as JsonMigrate & { connections?: readonly JsonMigrate[] };
    } catch {
      json = undefined;
    }
    if (code !== 0 || json === undefined || json.error !== undefined) {
      // The child printed `error[CODE]: ...` on stderr; progress lines are noise here.
      const text = stderr.replace(/^\[\d+\/\d+ .*\n/gm, '').trim() || json?.error?.message || `odac migrate exited with ${String(code)}`;
      this.io.stderr.write(`${text}\n`);
      this.say(this.colors.red('migrate failed; fix the files and save again (the app keeps its previous schema).'));
      return { applied: 0, failed: true };
    }
    const parts = json.connections ?? [json];
    // With --json, the data steps report on stderr ("Ran 1 migration file (batch 2): ...", "Seeded: ..."): show them.
    const notes = stderr.split('\n').filter((line) => line.trim() !== '' && !/^\[\d+\/\d+ /.test(line));
    for (const note of notes) this.say(note);
    let applied = notes.filter((note) => /^(Ran|Seeded:) /.test(note)).length;
    for (const part of parts) {
      const where = part.connection !== undefined ? `"${part.connection}": ` : '';
      const n = part.applied ?? 0;
      applied += n;
      if (n > 0) {
        const what = (part.operations ?? []).map((op) => { const l = describeOperation(op); return `${l.symbol} ${l.table}: ${l.text}`; });
        this.say(this.colors.green(`${where}applied ${n} statement${n === 1 ? '' : 's'}`) + (what.length > 0 ? `\n  ${what.join('\n  ')}` : ''));
      }
      for (const s of part.skipped ?? []) {
        const l = describeOperation(s.operation);
        this.say(this.colors.yellow(`${where}skipped destructive change: ${l.table}: ${l.text} (${s.reason}).`) + ' odac dev never applies these; run `odac migrate --allow-destructive` to apply it.');
      }
    }
    if (applied === 0 && parts.every((p) => (p.skipped ?? []).length === 0)) this.say('database matches the schema files.');
    return { applied, failed: false };
  }

  startApp(): void {
    if (this.appCommand === undefined || this.stopped) return;
    const [command, ...args] = this.appCommand;
    if (command === undefined) return;
    const app = spawn(command, args, { cwd: this.io.cwd, env: { ...this.io.env }, stdio: 'inherit' });
    this.app = app;
    this.appExit = new Promise((resolve) => {
      app.on('error', (err) => {
        this.say(this.colors.red(`could not start ${command}: ${err.message}`));
        resolve();
      });
      app.on('exit', (code, signal) => {
        if (this.app === app) {
          this.app = undefined;
          if (!this.stopped) this.say(`app exited (${signal ?? `code ${String(code)}`}); it starts again after the next save.`);
        }
        resolve();
      });
    });
    this.say(`started: ${this.appCommand.join(' ')}`);
  }

  async stopApp(): Promise<void> {
    const app = this.app;
    if (app === undefined) return;
    this.app = undefined;
    const exited = this.appExit;
    app.kill('SIGTERM');
    const force = setTimeout(() => app.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(force);
  }

  /** Debounced: called on every file event. */
  changed(debounceMs: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.cycle(), debounceMs);
  }

  async cycle(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const outcome = await this.migrate();
        if (this.stopped) return;
        // A change applied, or the app is not running (it crashed, or the first migrate failed): (re)start it.
        if (!outcome.failed && this.appCommand !== undefined && (outcome.applied > 0 || this.app === undefined)) {
          if (this.app !== undefined) this.say('restarting the app.');
          await this.stopApp();
          this.startApp();
        }
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.stopApp();
  }
}

export async function runDev(parsed: CommandArgs, io: CliIO, targets: readonly ConnectionTarget[], urls: string[]): Promise<number> {
  for (const t of targets) urls.push(t.settings.url);
  const bin = odacBin();
  const debounceMs = parsed.commandFlags.debounce ?? DEFAULT_DEBOUNCE_MS;
  if (!Number.isFinite(debounceMs) || debounceMs < 0) throw new OdacError('CLI.BAD_ARGUMENTS', `--debounce must be a number of milliseconds, got ${String(debounceMs)}.`);
  const root = targets[0]?.schemaRoot ?? path.join(io.cwd, 'schema');
  const dirs = [root, path.join(io.cwd, 'migration')].filter((d) => existsSync(d));
  const dev = new Dev(io, bin, childFlags(parsed.flags), parsed.commandFlags.appCommand);

  // Like ODAC.JS at boot: the app starts once its databases are migrated.
  if (!(await dev.migrate()).failed) dev.startApp();
  const watchers: FSWatcher[] = dirs.map((dir) => watch(dir, { recursive: true }, () => dev.changed(debounceMs)));
  dev.say(`watching ${dirs.map((d) => path.relative(io.cwd, d) || '.').join(' and ') || '(nothing: no schema/ or migration/ folder)'}; Ctrl-C stops.`);

  return new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      for (const w of watchers) w.close();
      void dev.stop().then(() => {
        dev.say('stopped.');
        resolve(EXIT_OK);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
