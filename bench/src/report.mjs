// The table of medians printed at the end of a run.

const ms = (v) => (v === undefined ? '' : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`);
const mb = (v) => (v === undefined ? '' : `${v.toFixed(0)} MB`);

/** Prints the rows as a fixed-width table (wall, CPU, peak RSS, in-process time, ratio and target). */
export function printTable(rows) {
  const header = ['group', 'db', 'tables', 'measurement', 'wall', 'cpu', 'peak RSS', 'in-process', 'ratio', 'target'];
  const lines = rows.map((r) => [
    r.group,
    r.db ?? '',
    r.tables === undefined ? '' : String(r.tables),
    r.name,
    ms(r.wallMs),
    ms(r.cpuMs),
    mb(r.rssMb),
    ms(r.innerMs),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}× ${r.ref}`,
    r.target ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const right = new Set([2, 4, 5, 6, 7]);
  const fmt = (cells) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log('\n' + fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}
