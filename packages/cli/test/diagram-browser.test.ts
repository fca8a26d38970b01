/**
 * `odac diagram --format html` on examples/blog, opened in real headless
 * Chromium (Debian's `chromium`; .ci/run installs it): the screenshot shows
 * one header block per table in the header colour, and foreign-key edges in
 * the edge colour, and a page with the edges removed shows none of that colour.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EDGE_STROKE, HEADER_FILL } from '../src/render/diagram/html.js';
import { runCli } from './helpers/streams.js';
import { colourMask, readPng, regions } from './support/png.js';

const BLOG = path.resolve(__dirname, '..', '..', '..', 'examples', 'blog', 'schema');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((f) => existsSync(f));

function screenshot(html: string, dir: string, name: string): ReturnType<typeof readPng> {
  const page = path.join(dir, `${name}.html`);
  const png = path.join(dir, `${name}.png`);
  writeFileSync(page, html);
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1', `--user-data-dir=${path.join(dir, 'profile')}`, '--window-size=1600,1200', `--screenshot=${png}`, pathToFileURL(page).href], { encoding: 'utf8', timeout: 90_000 });
  if (!existsSync(png)) throw new Error(`chromium wrote no screenshot (exit ${String(r.status)}): ${r.stderr}`);
  return readPng(readFileSync(png));
}

const run = CHROMIUM !== undefined ? describe : process.env['CI'] === 'true' ? describe : describe.skip;
if (CHROMIUM === undefined) process.stderr.write(`[odac] diagram browser test: ${process.env['CI'] === 'true' ? 'FAILS' : 'skipped'}, no chromium (apt-get install chromium).\n`);

run('odac diagram in a browser', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'odac-diagram-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the blog: five tables and the foreign-key edges are drawn', async () => {
    if (CHROMIUM === undefined) throw new Error('No chromium: under CI=true this test must run (.ci/run installs the Debian package).');
    const r = await runCli(['diagram', '--schema', BLOG, '--format', 'html'], { cwd: dir });
    expect(r.code).toBe(0);
    const image = screenshot(r.stdout, dir, 'blog');
    const headers = regions(colourMask(image, HEADER_FILL), image.width, 500);
    expect(headers).toHaveLength(5);
    const edgePixels = colourMask(image, EDGE_STROKE, 40).reduce((a, b) => a + b, 0);
    expect(edgePixels).toBeGreaterThan(600);

    // The same page without its edges: the edge colour disappears, the tables stay.
    const bare = screenshot(r.stdout.replace(/<g class="edge"[\s\S]*?<\/g>/g, ''), dir, 'bare');
    expect(colourMask(bare, EDGE_STROKE, 40).reduce((a, b) => a + b, 0)).toBeLessThan(edgePixels / 10);
    expect(regions(colourMask(bare, HEADER_FILL), bare.width, 500)).toHaveLength(5);
  }, 180_000);
});
