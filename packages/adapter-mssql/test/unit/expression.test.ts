import { constantValue, enumCheckValues, isJsonCheck, stripOuterParens, tokenize } from '@odac/adapter-mssql';

describe('tokenize', () => {
  it('reads brackets, quoted identifiers, Unicode strings and operators', () => {
    expect(tokenize(`([a]]b]=N'it''s' OR "x"<>(1.5))`)).toEqual([
      { kind: 'open', text: '(' },
      { kind: 'ident', text: 'a]b' },
      { kind: 'op', text: '=' },
      { kind: 'string', text: "it's" },
      { kind: 'word', text: 'or' },
      { kind: 'ident', text: 'x' },
      { kind: 'op', text: '<>' },
      { kind: 'open', text: '(' },
      { kind: 'number', text: '1.5' },
      { kind: 'close', text: ')' },
      { kind: 'close', text: ')' },
    ]);
  });

  it('gives up on an unterminated string or bracket', () => {
    expect(tokenize("N'abc")).toBeUndefined();
    expect(tokenize('[abc')).toBeUndefined();
  });
});

describe('stripOuterParens', () => {
  it.each([
    ['((0))', '0'],
    ['(getdate())', 'getdate()'],
    ["(N'a(b')", "N'a(b'"],
    ['([a]>(0))', '[a]>(0)'],
    ['(a)+(b)', '(a)+(b)'],
    ['  (x)  ', 'x'],
  ])('%s → %s', (input, output) => {
    expect(stripOuterParens(input)).toBe(output);
  });
});

describe('enumCheckValues', () => {
  it('reads the IN list odac writes', () => {
    expect(enumCheckValues(`[status] IN (N'draft', N'published', N'archived')`, 'status')).toEqual(['archived', 'draft', 'published']);
  });

  it('reads the OR chain SQL Server stores, in its reversed order, with or without N', () => {
    expect(enumCheckValues(`([status]=N'archived' OR [status]=N'published' OR [status]=N'draft')`, 'status')).toEqual([
      'archived',
      'draft',
      'published',
    ]);
    expect(enumCheckValues(`([PostType]='Comment' OR [PostType]='Answer' OR [PostType]='Question')`, 'PostType')).toEqual([
      'Answer',
      'Comment',
      'Question',
    ]);
    expect(enumCheckValues(`([status]=N'only')`, 'status')).toEqual(['only']);
  });

  it('keeps quotes and OR inside values', () => {
    expect(enumCheckValues(`([k]=N'a OR b' OR [k]=N'it''s')`, 'k')).toEqual(['a OR b', "it's"]);
  });

  it('refuses anything else', () => {
    expect(enumCheckValues(`([status]=N'a' OR [other]=N'b')`, 'status')).toBeUndefined();
    expect(enumCheckValues(`([status]<>N'a')`, 'status')).toBeUndefined();
    expect(enumCheckValues(`([status]=N'a' AND [status]=N'b')`, 'status')).toBeUndefined();
    expect(enumCheckValues(`([n]=(1) OR [n]=(2))`, 'n')).toBeUndefined();
    expect(enumCheckValues(`(len([status])>(0))`, 'status')).toBeUndefined();
  });
});

describe('isJsonCheck', () => {
  it('recognizes the check as written and as stored', () => {
    expect(isJsonCheck('ISJSON([settings]) = 1', 'settings')).toBe(true);
    expect(isJsonCheck('(isjson([settings])=(1))', 'settings')).toBe(true);
    expect(isJsonCheck('(isjson([settings])>(0))', 'settings')).toBe(true);
    expect(isJsonCheck('(isjson([other])=(1))', 'settings')).toBe(false);
    expect(isJsonCheck('(isjson([settings])=(0))', 'settings')).toBe(false);
  });
});

describe('constantValue', () => {
  it.each<[string, string | number | null]>([
    ['((0))', 0],
    ['((-4))', -4],
    ['(-(4))', -4],
    ['((9.99))', 9.99],
    ['((0.5))', 0.5],
    ["(N'draft')", 'draft'],
    ["('abc')", 'abc'],
    ["(N'it''s \"quoted\" \\ and 50% off; -- not a comment')", `it's "quoted" \\ and 50% off; -- not a comment`],
    ["(N'')", ''],
    ['(NULL)', null],
    ['((9007199254740993))', '9007199254740993'],
  ])('%s → %j', (sql, value) => {
    expect(constantValue(sql)).toEqual({ value });
  });

  it('is undefined for expressions', () => {
    expect(constantValue('(getdate())')).toBeUndefined();
    expect(constantValue('((1)+(2))')).toBeUndefined();
    expect(constantValue('(abs((1)))')).toBeUndefined();
    expect(constantValue('(0x00ff)')).toBeUndefined();
  });
});
