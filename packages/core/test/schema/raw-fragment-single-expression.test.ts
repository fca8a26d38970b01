/**
 * Issue 12, defect 3: every raw SQL fragment must be one expression. The
 * scanner reads it by each dialect's quoting rules; the loader reports a
 * fragment that is not one, naming file, table and column.
 */
import { buildSchema, fragmentProblem, LEXICONS, scanFragment } from '@odac/core';
import { problemsOf, sourced } from './helpers.js';

describe('fragmentProblem: one expression under every dialect', () => {
  it.each([
    'v > 0',
    "status = 'a;b'",
    "name = 'it''s; fine'",
    '"weird;name" IS NOT NULL',
    '`weird;name` IS NOT NULL',
    "(a + (b * 2)) > 0 AND c IN ('x', 'y')",
    "v > 0 /* a comment; with a semicolon */",
    "v > 0 -- a comment; ending in a newline\n",
    'arr[1] > 0',
    "nextval('seq'::regclass)",
    'CURRENT_TIMESTAMP',
    'numeric(10, 2)',
    'price$ > 0',
  ])('accepts %j', (sql) => {
    expect(fragmentProblem(sql)).toBeUndefined();
  });

  it.each([
    ['v > 0; DROP TABLE canary', "a ';' that would end the statement and start another at character 6"],
    ['v > 0)', "a ')' that closes a parenthesis the fragment did not open"],
    ['v > 0) NOT VALID, ADD CONSTRAINT x CHECK (true', "a ')' that closes a parenthesis"],
    ['(v > 0', "a '(' that is never closed at character 1"],
    ["v = 'open", 'a string opened with \' that is never closed'],
    ['v = "open', 'a quoted name opened with " that is never closed'],
    ['v > 0 /* open', 'a comment opened with /* that is never closed'],
    ['v > 0 -- swallows the rest', 'a line comment (--) that runs to the end'],
    ['v > 0\0', 'a NUL character'],
    // MySQL reads `\'` as an escaped quote, PostgreSQL and SQLite do not: one string there, two statements here.
    ["v = 'a\\'; DROP TABLE canary; --'", "a ';' that would end the statement and start another at character 9 (as PostgreSQL reads it)"],
    // A comment in MySQL, an operator followed by a statement in PostgreSQL.
    ['v > 0 # ; DROP TABLE canary\n', "a ';' that would end the statement and start another at character 9 (as PostgreSQL reads it)"],
    // A string in PostgreSQL, two statements in every other dialect.
    ['v = $$; DROP TABLE canary; $$', "(as MySQL reads it)"],
  ])('rejects %j', (sql, says) => {
    expect(fragmentProblem(sql)).toContain(says);
  });

  it('reads PostgreSQL dollar quotes and E-strings as strings', () => {
    const pg = LEXICONS.find((l) => l.name === 'PostgreSQL');
    expect(pg).toBeDefined();
    if (!pg) return;
    expect(scanFragment('v = $tag$; $$ ;$tag$', pg)).toBeUndefined();
    expect(scanFragment("v = E'a\\';b'", pg)).toBeUndefined();
    expect(scanFragment("v = 'a\\';b'", pg)?.text).toContain("';'");
    expect(scanFragment('/* outer /* inner */ still; comment */ v', pg)).toBeUndefined();
  });
});

describe('the loader rejects raw fragments that are not one expression', () => {
  const messages = (defs: Record<string, unknown>): string[] => problemsOf(() => buildSchema(sourced(defs))).map((p) => `${p.code} ${p.message}`);

  it('in an index predicate, a check, a raw default and a native type, naming file, table and column', () => {
    const found = messages({
      't.js': {
        columns: {
          id: { type: 'increments' },
          v: { type: 'integer', default: { raw: '1; DROP TABLE canary' } },
          w: { type: 'specificType', native: 'int); DROP TABLE canary; --' },
        },
        indexes: [{ columns: ['v'], where: 'v > 0; DROP TABLE canary' }],
        checks: [{ expression: 'v > 0); DROP TABLE canary; --' }],
      },
    });
    expect(found).toHaveLength(4);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SCHEMA\.INVALID \/schema\/t\.js: table "t" has indexes\[0\]\.where "v > 0; DROP TABLE canary", which contains a ';'/),
        expect.stringMatching(/^SCHEMA\.INVALID \/schema\/t\.js: table "t" has checks\[0\]\.expression .* a '\)' that closes/),
        expect.stringMatching(/^SCHEMA\.INVALID \/schema\/t\.js: column "t"\."v" has raw default "1; DROP TABLE canary"/),
        expect.stringMatching(/^SCHEMA\.INVALID \/schema\/t\.js: column "t"\."w" has native type /),
      ]),
    );
    for (const m of found) expect(m).toContain('must be a single expression');
  });

  it('accepts fragments that hold a ; only inside quotes', () => {
    expect(() =>
      buildSchema(
        sourced({
          't.js': {
            columns: { id: { type: 'increments' }, v: { type: 'string', default: { raw: "'a;b'" } } },
            indexes: [{ columns: ['v'], where: "v <> ';'" }],
            checks: [{ expression: "v <> 'x;y'" }],
          },
        }),
      ),
    ).not.toThrow();
  });
});
