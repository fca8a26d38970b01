import { matchingClose, MSSQL_LEXICON, MYSQL_LEXICON, POSTGRES_LEXICON, quotedBody, SQLITE_LEXICON, stripOuterParens, tokenizeSql, unquote } from '@odac/core';

const brief = (sql: string, lexicon = POSTGRES_LEXICON, comments = true): string[] => tokenizeSql(sql, lexicon, { comments }).map((t) => `${t.kind}:${t.text}`);

describe('tokenizeSql', () => {
  it('gives each token its kind, verbatim text and offsets', () => {
    const sql = `price >= 0.5 AND "Name" IN ('a', 'it''s')`;
    const tokens = tokenizeSql(sql, POSTGRES_LEXICON);
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'word:price', 'op:>=', 'number:0.5', 'word:AND', 'ident:"Name"', 'word:IN', 'open:(', "string:'a'", 'comma:,', "string:'it''s'", 'close:)',
    ]);
    for (const t of tokens) expect(sql.slice(t.start, t.end)).toBe(t.text);
  });

  it('reads quotes as each dialect does', () => {
    expect(brief(`"a" \`b\``, MYSQL_LEXICON)).toEqual(['string:"a"', 'ident:`b`']);
    expect(brief(`"a" \`b\` [c]`, SQLITE_LEXICON)).toEqual(['ident:"a"', 'ident:`b`', 'ident:[c]']);
    expect(brief(`[a]]b]`, MSSQL_LEXICON)).toEqual(['ident:[a]]b]']);
    expect(brief(`[a]]b]`, SQLITE_LEXICON)).toEqual(['ident:[a]', 'op:]', 'word:b', 'op:]']);
    expect(brief(`'a\\'b'`, MYSQL_LEXICON)).toEqual([`string:'a\\'b'`]);
    expect(brief(`'a\\'b'`, POSTGRES_LEXICON)).toEqual([`string:'a\\'`, 'word:b', `string:'`]);
  });

  it("reads PostgreSQL's E-strings with backslashes and dollar quotes as one string", () => {
    expect(brief(`E'a\\'b' || $x$ it's $x$`)).toEqual([`string:E'a\\'b'`, 'op:||', `string:$x$ it's $x$`]);
    expect(brief(`ab$$c$$`)).toEqual(['word:ab', 'op:$', 'op:$', 'word:c', 'op:$', 'op:$']);
  });

  it("reads MySQL's bit and hex strings as numbers and its qualified names as one word", () => {
    expect(brief(`b'101' + X'4F' + t.c`, MYSQL_LEXICON)).toEqual(["number:b'101'", 'op:+', "number:X'4F'", 'op:+', 'word:t.c']);
    expect(brief(`x'4f'`, POSTGRES_LEXICON)).toEqual(['word:x', "string:'4f'"]);
  });

  it('matches the longest operator the dialect knows', () => {
    expect(brief('a<=>b', MYSQL_LEXICON)).toEqual(['word:a', 'op:<=>', 'word:b']);
    expect(brief('a<=>b', POSTGRES_LEXICON)).toEqual(['word:a', 'op:<=', 'op:>', 'word:b']);
    expect(brief('a::int', POSTGRES_LEXICON)).toEqual(['word:a', 'op:::', 'word:int']);
  });

  it('skips comments as the dialect spells them, or reads their characters when told', () => {
    expect(brief('a /* x, ( */ -- y\n b # z\n', SQLITE_LEXICON)).toEqual(['word:a', 'word:b', 'op:#', 'word:z']);
    expect(brief('a /* x /* y */ z */ b')).toEqual(['word:a', 'word:b']);
    expect(brief('a #x\n b --1\n -- y\n', MYSQL_LEXICON)).toEqual(['word:a', 'word:b', 'op:-', 'op:-', 'number:1']);
    expect(brief('a -- b', MSSQL_LEXICON, false)).toEqual(['word:a', 'op:-', 'op:-', 'word:b']);
  });

  it('marks a quote that never closes and runs it to the end', () => {
    const [t] = tokenizeSql(`'abc''`, MSSQL_LEXICON);
    expect(t).toEqual({ kind: 'string', text: `'abc''`, start: 0, end: 6, unterminated: true });
    expect(unquote(t as never, MSSQL_LEXICON)).toBe("abc'");
    expect(tokenizeSql(`'abc'`, MSSQL_LEXICON)[0]?.unterminated).toBeUndefined();
  });
});

describe('unquote and quotedBody', () => {
  const one = (sql: string, lexicon = POSTGRES_LEXICON) => tokenizeSql(sql, lexicon)[0] as Parameters<typeof unquote>[0];
  it('collapses doubled closing quotes, brackets only where the dialect does', () => {
    expect(unquote(one(`'it''s'`), POSTGRES_LEXICON)).toBe("it's");
    expect(unquote(one(`"a""b"`), POSTGRES_LEXICON)).toBe('a"b');
    expect(unquote(one('[a]]b]', MSSQL_LEXICON), MSSQL_LEXICON)).toBe('a]b');
    expect(unquote(one('[a]]', SQLITE_LEXICON), SQLITE_LEXICON)).toBe('a');
    expect(unquote(one('$t$x$$y$t$'), POSTGRES_LEXICON)).toBe('x$$y');
  });
  it('leaves backslashes to the dialect', () => {
    expect(quotedBody(one(`E'a\\n'`))).toEqual({ quote: "'", body: 'a\\n' });
    expect(quotedBody(one(`"a\\"b"`, MYSQL_LEXICON))).toEqual({ quote: '"', body: 'a\\"b' });
  });
});

describe('matchingClose and stripOuterParens', () => {
  it('finds the closing parenthesis past quoted ones', () => {
    const tokens = tokenizeSql(`(a, ')', (b)) c`, POSTGRES_LEXICON);
    expect(matchingClose(tokens, 0)).toBe(tokens.length - 2);
    expect(matchingClose(tokenizeSql('((a)', POSTGRES_LEXICON), 0)).toBe(-1);
  });
  it.each([
    ['((0))', '0'],
    ['(getdate())', 'getdate()'],
    ["(N'a(b')", "N'a(b'"],
    ['(a)+(b)', '(a)+(b)'],
    ['  ( x )  ', 'x'],
    ["('a)", "('a)"],
  ])('%s → %s', (input, output) => {
    expect(stripOuterParens(input, MSSQL_LEXICON)).toBe(output);
  });
});

describe('tokenizeSql on any input', () => {
  const PIECES = ["'", '"', '`', '[', ']', '(', ')', ',', 'E', 'N', 'b', "x'", '1', '.5', 'e5', '-', '--', '/*', '*/', '#', '$', '$$', '@a', '<=', '!', '::', ' ', '\n', 'é', '\\', 'ab'];
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const inputs = Array.from({ length: 3000 }, () => Array.from({ length: Math.floor(random() * 12) }, () => PIECES[Math.floor(random() * PIECES.length)]).join(''));

  it.each([POSTGRES_LEXICON, MYSQL_LEXICON, SQLITE_LEXICON, MSSQL_LEXICON].map((l) => [l.name, l] as const))(
    'gives %s tokens in order, verbatim, with only whitespace and comments between them',
    (_name, lexicon) => {
      for (const sql of inputs) {
        for (const comments of [true, false]) {
          const tokens = tokenizeSql(sql, lexicon, { comments });
          let at = 0;
          for (const t of tokens) {
            expect(t.start).toBeGreaterThanOrEqual(at);
            expect(t.end).toBeGreaterThan(t.start);
            expect(sql.slice(t.start, t.end)).toBe(t.text);
            const gap = sql.slice(at, t.start);
            if (!comments) expect(gap.trim()).toBe('');
            at = t.end;
          }
          // Read without comments, every character is a token's or whitespace.
          if (!comments) expect(sql.slice(at).trim()).toBe('');
        }
      }
    },
  );
});
