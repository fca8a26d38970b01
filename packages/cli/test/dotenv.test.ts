import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDotenv, readDotenv } from '../src/dotenv.js';

describe('parseDotenv', () => {
  test('the usual forms', () => {
    const text = [
      '# a comment',
      '',
      'DATABASE_URL=postgres://u:p@localhost/app',
      'export PLAIN = spaced value  # trailing comment',
      "SINGLE='kept # as is'",
      'DOUBLE="line\\nbreak \\"quoted\\""',
      'EMPTY=',
      'HASH=a#b',
      'not a line',
      'WINDOWS=crlf\r',
    ].join('\n');
    expect(parseDotenv(text)).toEqual({
      DATABASE_URL: 'postgres://u:p@localhost/app',
      PLAIN: 'spaced value',
      SINGLE: 'kept # as is',
      DOUBLE: 'line\nbreak "quoted"',
      EMPTY: '',
      HASH: 'a#b',
      WINDOWS: 'crlf',
    });
  });
});

describe('readDotenv', () => {
  test('reads .env in the directory, or nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odac-cli-dotenv-'));
    try {
      expect(readDotenv(dir)).toEqual({});
      writeFileSync(path.join(dir, '.env'), 'DATABASE_URL=sqlite:app.db\n');
      expect(readDotenv(dir)).toEqual({ DATABASE_URL: 'sqlite:app.db' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
