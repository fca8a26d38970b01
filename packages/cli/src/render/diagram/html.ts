/**
 * A self-contained HTML page (no script, no network) with the schema drawn
 * as SVG: one box per table (name, columns, types, PK/FK/UK marks) laid out
 * on a grid, and one edge per foreign key from the referencing column to the
 * referenced one, labelled with its columns and actions.
 */
import type { Diagram, DiagramTable } from './model.js';

const CHAR = 7.2; // px per character of the 12px monospace font
const ROW = 20;
const HEAD = 28;
const PAD = 10;
const GAP_X = 140;
const GAP_Y = 70;
/** Colours the browser test looks for: table headers and edges. */
export const HEADER_FILL = '#1f5fbf';
export const EDGE_STROKE = '#e8590c';

interface Box {
  readonly table: DiagramTable;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnText(c: DiagramTable['columns'][number]): { left: string; right: string } {
  return { left: `${c.keys.length > 0 ? c.keys.join(',') + ' ' : ''}${c.name}`, right: `${c.type}${c.nullable ? '' : ' not null'}` };
}

function layout(diagram: Diagram): { boxes: Map<string, Box>; width: number; height: number } {
  const perRow = Math.max(1, Math.ceil(Math.sqrt(diagram.tables.length)));
  const sized = diagram.tables.map((table) => {
    const widest = Math.max(table.name.length + 2, ...table.columns.map((c) => {
      const t = columnText(c);
      return t.left.length + t.right.length + 3;
    }));
    return { table, width: Math.ceil(widest * CHAR + 2 * PAD), height: HEAD + table.columns.length * ROW + PAD / 2 };
  });
  const colWidths: number[] = [];
  const rowHeights: number[] = [];
  sized.forEach((s, i) => {
    const col = i % perRow;
    const row = Math.floor(i / perRow);
    colWidths[col] = Math.max(colWidths[col] ?? 0, s.width);
    rowHeights[row] = Math.max(rowHeights[row] ?? 0, s.height);
  });
  const xs = colWidths.map((_, i) => 40 + colWidths.slice(0, i).reduce((a, w) => a + w + GAP_X, 0));
  const ys = rowHeights.map((_, i) => 40 + rowHeights.slice(0, i).reduce((a, h) => a + h + GAP_Y, 0));
  const boxes = new Map<string, Box>();
  sized.forEach((s, i) => boxes.set(s.table.name, { ...s, x: xs[i % perRow] ?? 0, y: ys[Math.floor(i / perRow)] ?? 0 }));
  const width = (xs[xs.length - 1] ?? 0) + (colWidths[colWidths.length - 1] ?? 0) + 40;
  const height = (ys[ys.length - 1] ?? 0) + (rowHeights[rowHeights.length - 1] ?? 0) + 40;
  return { boxes, width: Math.max(width, 200), height: Math.max(height, 100) };
}

function rowY(box: Box, column: string | undefined): number {
  const i = box.table.columns.findIndex((c) => c.name === column);
  return box.y + HEAD + (i < 0 ? 0 : i) * ROW + ROW / 2;
}

function tableSvg(box: Box): string {
  const { table, x, y, width, height } = box;
  const rows = table.columns.map((c, i) => {
    const t = columnText(c);
    const cy = y + HEAD + i * ROW + 14;
    const key = c.keys.includes('PK') ? ' class="pk"' : c.keys.includes('FK') ? ' class="fk"' : '';
    return `<text x="${x + PAD}" y="${cy}"${key}>${escape(t.left)}</text><text x="${x + width - PAD}" y="${cy}" class="type" text-anchor="end">${escape(t.right)}</text>`;
  });
  return [
    `<g class="table" data-table="${escape(table.name)}">`,
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="6" class="box"/>`,
    `<path d="M${x} ${y + HEAD}v-${HEAD - 6}a6 6 0 0 1 6-6h${width - 12}a6 6 0 0 1 6 6v${HEAD - 6}z" fill="${HEADER_FILL}"/>`,
    `<text x="${x + PAD}" y="${y + 19}" class="name">${escape(table.name)}</text>`,
    ...rows,
    '</g>',
  ].join('');
}

function edgeSvg(e: Diagram['edges'][number], boxes: Map<string, Box>, index: number): string {
  const from = boxes.get(e.from);
  const to = boxes.get(e.to);
  if (!from || !to) return '';
  const y1 = rowY(from, e.fromColumns[0]);
  const y2 = rowY(to, e.toColumns[0]);
  let d: string;
  let lx: number;
  let ly: number;
  if (from === to) {
    // A self-reference loops out of the right side.
    const x = from.x + from.width;
    d = `M${x} ${y1}C${x + 60} ${y1},${x + 60} ${y2},${x} ${y2}`;
    lx = x + 50;
    ly = (y1 + y2) / 2;
  } else {
    const rightward = to.x + to.width / 2 >= from.x + from.width / 2;
    const x1 = rightward ? from.x + from.width : from.x;
    const x2 = to.x === from.x ? x1 : rightward ? to.x : to.x + to.width;
    const bend = to.x === from.x ? (rightward ? 50 : -50) : (x2 - x1) / 2;
    d = `M${x1} ${y1}C${x1 + bend} ${y1},${x2 - (to.x === from.x ? -bend : bend)} ${y2},${x2} ${y2}`;
    lx = (x1 + x2) / 2 + (to.x === from.x ? bend : 0);
    ly = (y1 + y2) / 2 - 4 + (index % 3) * 12;
  }
  const text = `${e.fromColumns.join(', ')} → ${e.to}${e.actions ? ` (${e.actions})` : ''}`;
  return [
    `<g class="edge" data-from="${escape(e.from)}" data-to="${escape(e.to)}">`,
    `<path d="${d}" fill="none" stroke="${EDGE_STROKE}" stroke-width="2.5"${e.optional ? ' stroke-dasharray="7 4"' : ''} marker-end="url(#arrow)"/>`,
    `<text x="${lx}" y="${ly}" class="label" text-anchor="middle">${escape(text)}</text>`,
    '</g>',
  ].join('');
}

/** The page; `title` goes into `<title>` and the heading. */
export function renderHtml(diagram: Diagram, title: string): string {
  const { boxes, width, height } = layout(diagram);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(title)}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${EDGE_STROKE}"/></marker></defs>`,
    ...[...boxes.values()].map(tableSvg),
    ...diagram.edges.map((e, i) => edgeSvg(e, boxes, i)),
    '</svg>',
  ].join('\n');
  const legend = `${diagram.tables.length} table${diagram.tables.length === 1 ? '' : 's'}, ${diagram.edges.length} foreign key${diagram.edges.length === 1 ? '' : 's'}. PK primary key, FK foreign key, UK unique; a dashed edge is a nullable key; arrows point at the referenced table.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; background: #ffffff; color: #1d2433; }
  header { padding: 12px 40px 0; }
  h1 { font-size: 18px; margin: 0 0 4px; }
  p { margin: 0; color: #5b6270; }
  svg text { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; fill: #1d2433; }
  .box { fill: #f7f9fc; stroke: #9aa5b8; stroke-width: 1.2; }
  .name { fill: #ffffff; font-weight: 700; font-size: 13px; }
  .type { fill: #5b6270; }
  .pk { font-weight: 700; }
  .fk { fill: #b34700; }
  .label { fill: #8a3c00; font-size: 11px; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
</style>
</head>
<body>
<header><h1>${escape(title)}</h1><p>${escape(legend)}</p></header>
${svg}
</body>
</html>
`;
}
