/**
 * Connection errors through the CLI with the real adapters (no server
 * needed: nothing listens on port 1): one paragraph naming host, port and
 * database, never the password, no stack trace unless --verbose.
 */
import mysql from '@odac/adapter-mysql';
import postgres from '@odac/adapter-postgres';
import { importerWith } from './helpers/importer.js';
import { runCli } from './helpers/streams.js';

const importModule = importerWith({ '@odac/adapter-postgres': { default: postgres }, '@odac/adapter-mysql': { default: mysql } });

test.each([
  ['postgres', 'postgres://app:hunter2@127.0.0.1:1/shop'],
  ['mysql', 'mysql://app:hunter2@127.0.0.1:1/shop'],
])('%s: host, port and database, never the password', async (_driver, url) => {
  for (const command of [['plan', '--to-url', url.replace('shop', 'other')], ['pull']]) {
    const { code, stdout, stderr } = await runCli([...command, '--url', url], { importModule });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error\[CONNECT\.FAILED\]: Could not connect to \w+ at 127\.0\.0\.1:1, database "(shop|other)"/);
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  }
});
