/**
 * Two `odac migrate` processes at once on one database (the built CLI and
 * this adapter's dist: `pnpm build` first). Both exit 0; the schema is
 * applied once; `\d posts` shows the foreign key with both actions.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describeWithServer, type TestDatabase } from '@odac/adapter-testkit';
import { createTestDatabase, openClient } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'packages/cli/dist/bin.js');
const ADAPTER_DIST = path.join(ROOT, 'packages/adapter-postgres/dist/index.js');
const SCHEMA = path.join(ROOT, 'examples/blog/schema');

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function odac(args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], NO_COLOR: '1' };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeWithServer('postgres', 'postgres: concurrent odac migrate processes', (server) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(server.url());
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('both exit 0 and the schema is applied once', async () => {
    // pnpm test builds first; a missing build must fail here, never pass without checking anything.
    for (const built of [BIN, ADAPTER_DIST]) {
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`pnpm build\` first (pnpm test does).`);
    }
    const args = ['migrate', '--driver', 'postgres', '--url', db.url, '--schema', SCHEMA];
    const [a, b] = await Promise.all([odac(args), odac(args)]);
    const progress = /^\[\d+\/\d+ [\dms.]+\] \S+\n/gm; // piped progress lines
    expect([a.code, a.stderr.replace(progress, '')]).toEqual([0, '']);
    expect([b.code, b.stderr.replace(progress, '')]).toEqual([0, '']);
    // One applied the plan; the other waited for the lock and found nothing to do.
    const applied = [a.stdout, b.stdout].filter((out) => /Applied \d+ statements/.test(out));
    expect(applied).toHaveLength(1);
    const second = await odac(['plan', '--driver', 'postgres', '--url', db.url, '--schema', SCHEMA, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ operations: [], statements: [] });
    const client = await openClient(db.url);
    try {
      const rows = await client.query<{ def: string }>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'posts'::regclass AND contype = 'f'`);
      expect(rows.map((r) => r.def)).toEqual(['FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE']);
    } finally {
      await client.close();
    }
  }, 60_000);
});
