#!/usr/bin/env node
// `node bench/src/markdown.mjs results.json...`: the rows of one or more
// bench runs as a Markdown table (for docs/performance.md).
import { readFileSync } from 'node:fs';

const ms = (v) => (v === undefined || v === null ? '' : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const mb = (v) => (v === undefined || v === null ? '' : `${Math.round(v)} MB`);

const lines = ['| group | db | tables | measurement | wall | CPU | peak RSS | in-process | ratio | target |', '|---|---|--:|---|--:|--:|--:|--:|---|---|'];
for (const file of process.argv.slice(2)) {
  const run = JSON.parse(readFileSync(file, 'utf8'));
  for (const r of run.rows) {
    const ratio = r.ratio === undefined || r.ratio === null ? '' : `${r.ratio.toFixed(2)}× ${r.ref}`;
    lines.push(`| ${r.group} | ${r.db ?? ''} | ${r.tables ?? ''} | ${r.name} | ${ms(r.wallMs)} | ${ms(r.cpuMs)} | ${mb(r.rssMb)} | ${ms(r.innerMs)} | ${ratio} | ${r.target ?? ''} |`);
  }
}
console.log(lines.join('\n'));
