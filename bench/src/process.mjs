// Running a whole process and measuring it: wall time (hrtime), CPU time
// (user + system) and peak RSS from GNU time when it is installed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'odac-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** Whether CPU time and peak RSS can be measured (GNU time is installed). */
export const hasResourceUsage = GNU_TIME !== undefined;

/**
 * Runs `command args` to completion. Returns `{ code, stdout, stderr, wallMs,
 * cpuMs, rssMb }` (cpu and rss undefined without GNU time). `stdinFile`
 * feeds a file to standard input.
 */
export function run(command, args, options = {}) {
  const timeFile = path.join(scratch, `time-${process.hrtime.bigint()}`);
  const argv = GNU_TIME ? ['-f', '%U %S %M', '-o', timeFile, command, ...args] : args;
  const exe = GNU_TIME ?? command;
  const stdin = options.stdinFile ? openSync(options.stdinFile, 'r') : 'ignore';
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(exe, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [stdin, 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      let cpuMs;
      let rssMb;
      if (GNU_TIME && existsSync(timeFile)) {
        // GNU time prefixes "Command exited with non-zero status N" when it fails.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const [user, sys, rssKb] = last.split(' ').map(Number);
        cpuMs = (user + sys) * 1000;
        rssMb = rssKb / 1024;
        rmSync(timeFile, { force: true });
      }
      resolve({ code, stdout, stderr, wallMs, cpuMs, rssMb });
    });
  });
}

/** Like {@link run}, but a non-zero exit is an error showing the output. */
export async function runOk(command, args, options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const shown = [command, ...args].join(' ');
    throw new Error(`${shown} exited with ${result.code}\n${result.stderr.slice(-4000)}\n${result.stdout.slice(-2000)}`);
  }
  return result;
}

export function median(values) {
  const defined = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (defined.length === 0) return undefined;
  const mid = Math.floor(defined.length / 2);
  return defined.length % 2 ? defined[mid] : (defined[mid - 1] + defined[mid]) / 2;
}

/**
 * Measures `once()` (which returns a {@link run} result, or `{ ms }` for an
 * in-process timing reported by a child) `runs` times after `warmup`
 * untimed calls; `before()` prepares each call untimed. Returns medians and
 * the raw samples.
 */
export async function measure({ once, before, runs, warmup = 1 }) {
  for (let i = 0; i < warmup; i++) {
    if (before) await before();
    await once();
  }
  const samples = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    samples.push(await once());
  }
  return {
    runs,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    rssMb: median(samples.map((s) => s.rssMb)),
    innerMs: median(samples.map((s) => s.innerMs)),
    samples: samples.map((s) => ({ wallMs: s.wallMs, cpuMs: s.cpuMs, rssMb: s.rssMb, innerMs: s.innerMs })),
  };
}
