// Child: connect once, introspect `runs` times after one warm-up, print the median (in-process).
import { performance } from 'node:perf_hooks';

const [driver, url, runsText] = process.argv.slice(2);
const { default: adapter } = await import(`@odac/adapter-${driver}`);
const conn = await adapter.connect(url);
try {
  let tables = 0;
  await conn.introspect();
  const samples = [];
  for (let i = 0; i < Number(runsText); i++) {
    const start = performance.now();
    tables = (await conn.introspect()).tables.length;
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(JSON.stringify({ samples, innerMs: samples[Math.floor(samples.length / 2)], tables }));
} finally {
  await conn.close();
}
