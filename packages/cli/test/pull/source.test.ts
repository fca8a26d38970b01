import { formatKey, formatValue, MAX_LINE, quoteString, type SourceObject } from '../../src/pull/source.js';
import { plain } from '../support/evaluate.js';
import vm from 'node:vm';

const evaluate = (text: string): unknown => plain(vm.runInNewContext(`(${text})`, {}));

describe('JavaScript source for plain values', () => {
  test('strings use single quotes (double when that saves escapes) and escape what must be escaped', () => {
    expect(quoteString('plain')).toBe("'plain'");
    expect(quoteString("it's")).toBe('"it\'s"');
    expect(quoteString(`it's "quoted"`)).toBe(`'it\\'s "quoted"'`);
    expect(quoteString('a\\b')).toBe("'a\\\\b'");
    expect(quoteString('line\nnext\ttab\r')).toBe("'line\\nnext\\ttab\\r'");
    expect(quoteString('\u0000\u2028')).toBe("'\\u0000\\u2028'");
    for (const text of ["it's", 'a\\b', 'x\ny', '\u0001\u2029"`${x}`', `'"\\'`, "\\'"]) expect(evaluate(quoteString(text))).toBe(text);
  });

  test('keys are bare when they are identifiers', () => {
    expect(formatKey('user_id')).toBe('user_id');
    expect(formatKey('$x')).toBe('$x');
    expect(formatKey('first name')).toBe("'first name'");
    expect(formatKey("it's")).toBe('"it\'s"');
    expect(formatKey('2fa')).toBe("'2fa'");
    expect(formatKey('a-b')).toBe("'a-b'");
  });

  test('short values stay on one line', () => {
    expect(formatValue({ type: 'string', length: 190, nullable: false, default: null, values: ['a', 'b'] })).toBe(
      "{ type: 'string', length: 190, nullable: false, default: null, values: ['a', 'b'] }",
    );
    expect(formatValue([])).toBe('[]');
    expect(formatValue({})).toBe('{}');
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(1.5)).toBe('1.5');
  });

  test('long values break one entry per line with trailing commas, two spaces deep', () => {
    const values = Array.from({ length: 12 }, (_, i) => `value_number_${i}`);
    const text = formatValue({ columns: { status: { type: 'enum', values } } });
    expect(text).toBe(
      [
        '{',
        '  columns: {',
        '    status: {',
        "      type: 'enum',",
        '      values: [',
        ...values.map((v) => `        '${v}',`),
        '      ],',
        '    },',
        '  },',
        '}',
      ].join('\n'),
    );
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(MAX_LINE);
  });

  test('breakAt forces a break where asked', () => {
    const text = formatValue({ columns: { id: { type: 'increments' } }, primary: ['id'] }, { breakAt: (p) => p.length === 0 || (p.length === 1 && p[0] === 'columns') });
    expect(text).toBe("{\n  columns: {\n    id: { type: 'increments' },\n  },\n  primary: ['id'],\n}");
  });

  test('whatever the shape, the text evaluates back to the value', () => {
    const value: SourceObject = {
      'odd key': [1, -2.5, true, false, null, { raw: "now() + interval '1 day'" }],
      nested: { deeper: { deepest: Array.from({ length: 30 }, (_, i) => ({ n: i, s: `'${i}'\n` })) } },
    };
    expect(evaluate(formatValue(value))).toEqual(value);
  });
});
