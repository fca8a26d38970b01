import { createHash } from 'node:crypto';
import { authoredFor, definitionHash } from '@odac/adapter-mssql';

describe('definitionHash', () => {
  it("is HASHBYTES('SHA2_256', N'…') in CONVERT style 2: SHA-256 of UTF-16LE, upper-case hex", () => {
    // SHA-256 of no bytes: what HASHBYTES('SHA2_256', N'') returns.
    expect(definitionHash('')).toBe('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855');
    // nvarchar is UTF-16LE: not the hash of the UTF-8 bytes.
    const utf16 = createHash('sha256').update(Buffer.from([0x61, 0x00, 0x62, 0x00, 0x63, 0x00])).digest('hex').toUpperCase();
    expect(definitionHash('abc')).toBe(utf16);
    expect(definitionHash('abc')).not.toBe(createHash('sha256').update('abc').digest('hex').toUpperCase());
    expect(definitionHash('abc')).toMatch(/^[0-9A-F]{64}$/);
  });
});

describe('authoredFor', () => {
  const definition = '([price]>=(0))';
  it('returns the authored text while the stored definition is the recorded one', () => {
    expect(authoredFor(definition, `${definitionHash(definition)}|price >= 0`)).toBe('price >= 0');
    expect(authoredFor(definition, `${definitionHash(definition)}|a | b`)).toBe('a | b');
  });
  it('returns undefined when the definition changed, nothing was recorded, or the value is not odac’s', () => {
    expect(authoredFor('([price]>(0))', `${definitionHash(definition)}|price >= 0`)).toBeUndefined();
    expect(authoredFor(definition, undefined)).toBeUndefined();
    expect(authoredFor(null, `${definitionHash(definition)}|x`)).toBeUndefined();
    expect(authoredFor(definition, 'no bar here')).toBeUndefined();
    expect(authoredFor(definition, '|price >= 0')).toBeUndefined();
  });
});
