// Diff + plan speed on big schemas (pure, no database). Run: pnpm bench
import { performance } from 'node:perf_hooks';
import { planMigration, defaultCapabilities } from '../dist/index.js';

function bigSchema(tables, columnsPerTable, variant) {
  const out = [];
  for (let t = 0; t < tables; t++) {
    const name = `t${String(t).padStart(5, '0')}`;
    const columns = [{ name: 'id', type: { kind: 'integer', size: 'big' }, nullable: false, autoIncrement: true }];
    for (let c = 0; c < columnsPerTable; c++) {
      columns.push({ name: `c${c}`, type: { kind: 'string', length: variant && c === 0 ? 200 : 100 }, nullable: true, default: { kind: 'literal', value: 'x' } });
    }
    const foreignKeys = t > 0 ? [{ columns: ['parent_id'], references: { table: `t${String(t - 1).padStart(5, '0')}`, columns: ['id'] }, onDelete: variant ? 'SET NULL' : 'CASCADE', onUpdate: 'NO ACTION' }] : [];
    if (t > 0) columns.push({ name: 'parent_id', type: { kind: 'integer', size: 'big' }, nullable: true });
    out.push({ name, columns, primaryKey: { columns: ['id'] }, indexes: [{ columns: ['c0'], unique: false }], foreignKeys });
  }
  return { tables: out };
}

function measure(label, fn, runs = 5) {
  fn();
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(48)} median ${times[Math.floor(runs / 2)].toFixed(1).padStart(8)} ms   (${result})`);
}

const caps = { ...defaultCapabilities, transactionalDdl: true };
for (const n of [100, 1000, 5000]) {
  const a = bigSchema(n, 20, false);
  const b = bigSchema(n, 20, true);
  measure(`plan: ${n} tables x 22 cols, no change`, () => `${planMigration(a, a, { capabilities: caps }).operations.length} ops`);
  measure(`plan: ${n} tables x 22 cols, every table changed`, () => `${planMigration(a, b, { capabilities: caps }).operations.length} ops`);
  measure(`plan: ${n} tables from empty`, () => `${planMigration({ tables: [] }, a, { capabilities: caps }).operations.length} ops`);
}
