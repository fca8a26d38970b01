// Child: import @odac/core, load a schema directory once, print the timings as JSON.
// Whole-process figures come from the parent; this adds the in-process split.
import { performance } from 'node:perf_hooks';

const dir = process.argv[2];
const t0 = performance.now();
const { loadSchema } = await import('@odac/core');
const t1 = performance.now();
const { schema } = await loadSchema(dir);
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, innerMs: t2 - t1, tables: schema.tables.length }));
