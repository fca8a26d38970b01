// Child: what an app pays at boot through the programmatic API: import @odac/core and the
// SQLite adapter, then migrate() a schema directory (a no-op when already applied).
import { performance } from 'node:perf_hooks';

const [schemaDir, url, only] = process.argv.slice(2);
const t0 = performance.now();
const { migrate } = await import('@odac/core');
const t1 = performance.now();
if (only === 'import') {
  console.log(JSON.stringify({ innerMs: t1 - t0 }));
} else {
  const { default: adapter } = await import('@odac/adapter-sqlite');
  const result = await migrate({ adapter, url, schemaDir });
  const t2 = performance.now();
  if (result.plan.operations.length !== 0) throw new Error(`expected a no-op, got ${result.plan.operations.length} operations`);
  console.log(JSON.stringify({ importMs: t1 - t0, innerMs: t2 - t0 }));
}
